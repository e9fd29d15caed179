"""The curated fact files (data/curated/*.csv), read as text after checking their columns and that no row rests on a
blocked host (data/reference/blocked_hosts.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..blocked_hosts import check_addresses
from .csvfile import CURATED_REMEDY, read_text_columns

COLUMNS = {
    "trade_figures": (
        "figure_id",
        "reporter",
        "partner_kind",
        "partner_code",
        "partner_name",
        "flow",
        "period",
        "value",
        "unit",
        "basis",
        "source_publisher",
        "source_url",
        "source_date",
        "notes",
        "authority_rank",
    ),
    "offices": (
        "office_id",
        "name_fr",
        "name_en",
        "office_type",
        "city",
        "country_iso3",
        "us_state_code",
        "opened_year",
        "closed_year",
        "territory",
        "source_url",
        "source_kind",
        "notes",
    ),
    "organisations": (
        "org_id",
        "name_fr",
        "name_en",
        "acronym",
        "quebec_status",
        "since_year",
        "source_url",
        "source_kind",
        "notes",
    ),
    "events": (
        "event_id",
        "date_start",
        "date_end",
        "event_type",
        "title_en",
        "title_fr",
        "title_fr_origin",
        "city",
        "country_iso3",
        "organisation",
        "edition",
        "source_url",
        "source_kind",
        "notes",
    ),
    "agreements": (
        "agreement_id",
        "title_en",
        "title_fr",
        "title_fr_origin",
        "partner_kind",
        "partner_code",
        "partner_name",
        "partner_name_fr",
        "signed_date",
        "domain",
        "in_force",
        "source_url",
        "source_kind",
        "notes",
    ),
    "agreement_counts": ("as_of_year", "metric", "value", "source_url", "notes"),
    "trade_measures": (
        "event_id",
        "date_announced",
        "date_effective",
        "date_ended",
        "jurisdiction",
        "measure_type",
        "rate_pct",
        "products_en",
        "products_fr",
        "napcs_sections",
        "title_en",
        "title_fr",
        "legal_reference",
        "legal_reference_fr",
        "source_url",
        "source_publisher",
        "source_kind",
        "notes",
    ),
}


def extract(file: Path, kind: str) -> pd.DataFrame:
    table = read_text_columns(file, COLUMNS[kind], remedy=CURATED_REMEDY)
    check_addresses(table, file)
    return table
