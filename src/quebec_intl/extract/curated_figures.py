"""The curated published trade figures (data/curated/trade_figures.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import read_text_columns

COLUMNS = (
    "figure_id", "reporter", "partner_kind", "partner_code", "partner_name", "flow", "period", "value", "unit",
    "basis", "source_publisher", "source_url", "source_date", "notes", "authority_rank",
)


def extract(file: Path) -> pd.DataFrame:
    return read_text_columns(file, COLUMNS)
