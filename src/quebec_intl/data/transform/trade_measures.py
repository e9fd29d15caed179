"""The trade-policy measures of 2025–2026 (data/curated/trade_measures.csv) as a tidy table: each measure's dates,
rate, products in both languages, the NAPCS sections it targets (as the monthly table's section codes), its legal
reference and the page supporting it. A row whose source the fact sheet judged unacceptable never reaches a report."""

from __future__ import annotations

import pandas as pd

from ...errors import SourceFileError
from ..extract.csvfile import CURATED_REMEDY
from ..fields import table_fields
from ..reference import product_sections
from ..schema import validate
from .parsing import file_row

LEFT_OUT = "unacceptable"  # the fact sheet found no page it could stand on
SECTION_SEPARATOR = ";"


def _blank_to_na(values: pd.Series) -> pd.Series:
    """An optional date: missing where the cell is blank."""
    return values.str.strip().replace("", None)


def _sections(napcs: pd.Series, origin: str) -> pd.Series:
    """`C14;C18` as the project's section codes (`metal_mineral_products;electronic_electrical`); an unknown NAPCS
    code is an error naming its row."""
    known = dict(zip(product_sections()["napcs_code"].dropna(), product_sections()["code"]))
    coded = []
    for index, text in napcs.items():
        parts = [part.strip() for part in text.split(SECTION_SEPARATOR) if part.strip()]
        unknown = [part for part in parts if part not in known]
        if unknown:
            raise SourceFileError(
                f"{origin}: column napcs_sections, row {file_row(index)}: {unknown[0]!r} is not a NAPCS section of "
                f"table 12-10-0175-01 (C11 to C23, listed in data/reference/product_sections.csv); {CURATED_REMEDY}"
            )
        coded.append(SECTION_SEPARATOR.join(known[part] for part in parts))
    return pd.Series(coded, index=napcs.index, dtype="object")


def measures(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    """A measure starts on its effective date; one whose effective date the sources do not give starts on the day it
    was announced, and says so (`start_is_announcement`). A measure needs one of the two."""
    raw = raw[~raw["source_kind"].str.strip().eq(LEFT_OUT)]
    effective, announced = _blank_to_na(raw["date_effective"]), _blank_to_na(raw["date_announced"])
    undated = effective.isna() & announced.isna()
    if undated.any():
        first = undated.idxmax()
        raise SourceFileError(
            f"{origin}: columns date_effective and date_announced, row {file_row(first)}: a measure needs one of "
            f"them; {CURATED_REMEDY}"
        )
    rate = pd.to_numeric(raw["rate_pct"].str.strip().replace("", None), errors="coerce")
    bad_rate = rate.isna() & raw["rate_pct"].str.strip().ne("")
    if bad_rate.any():
        first = bad_rate.idxmax()
        raise SourceFileError(
            f"{origin}: column rate_pct, row {file_row(first)}: {raw.at[first, 'rate_pct']!r} is not a number; "
            f"{CURATED_REMEDY}"
        )
    table = pd.DataFrame(
        {
            "measure_id": raw["event_id"],
            "date_announced": announced,
            "date_start": effective.fillna(announced),
            "start_is_announcement": effective.isna(),
            "date_end": _blank_to_na(raw["date_ended"]),
            "jurisdiction": raw["jurisdiction"].str.strip(),
            "measure_type": raw["measure_type"].str.strip(),
            "rate_pct": rate.astype("float64"),
            "products_en": raw["products_en"],
            "products_fr": raw["products_fr"],
            "product_sections": _sections(raw["napcs_sections"], origin),
            "title_en": raw["title_en"],
            "title_fr": raw["title_fr"],
            "legal_reference": raw["legal_reference"],
            "legal_reference_fr": _blank_to_na(raw["legal_reference_fr"]),
            "source_url": raw["source_url"].str.strip(),
            "source_publisher": raw["source_publisher"],
            "source_kind": raw["source_kind"].str.strip(),
        }
    )
    table = table.sort_values(["date_start", "measure_id"], kind="stable")
    fields = table_fields("trade_measures")
    return validate(table[fields], "trade_measures", origin, file_rows=True, remedy=CURATED_REMEDY)
