"""Published annual totals of Québec's trade with each country, from the curated figures, in Canadian dollars."""

from __future__ import annotations

import pandas as pd

from ..extract.csvfile import CURATED_REMEDY
from ..fields import table_fields, unit_factor
from ..schema import validate
from .parsing import to_number

UNITS = ("CAD_billion", "CAD_million")
FLOWS = ("export", "import")


def from_curated(raw: pd.DataFrame, source_id: str, origin: str) -> pd.DataFrame:
    """Keeps country and world figures for whole years in Canadian dollars; shares, growth rates, regions and other
    currencies stay out."""
    keep = (
        raw["partner_kind"].isin(["country", "world"])
        & raw["flow"].isin(FLOWS)
        & raw["period"].str.fullmatch(r"\d{4}")
        & raw["unit"].isin(UNITS)
    )
    rows = raw[keep]
    tidy = pd.DataFrame(
        {
            "figure_id": rows["figure_id"],
            "ref_year": rows["period"].astype("int64"),
            "reporter_code": rows["reporter"],
            "partner_code": rows["partner_code"],
            "flow": rows["flow"],
            "value_cad": to_number(rows, "value", origin) * rows["unit"].map(unit_factor),
            "published_unit": rows["unit"],
            "basis": rows["basis"].str.strip(),
            "authority_rank": to_number(rows, "authority_rank", origin).astype("int64"),
            "source_url": rows["source_url"],
            "source_id": source_id,
        }
    )[table_fields("published_annual")]
    checked = validate(tidy, "published_annual", origin, file_rows=True, remedy=CURATED_REMEDY)
    return checked.reset_index(drop=True)
