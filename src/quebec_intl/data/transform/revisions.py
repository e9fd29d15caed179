"""Revisions between two vintages of table 12-10-0175-01: Québec's monthly trade with the United States in the
earlier extract (by product section, in dollars) and in the later French version (all products, in thousands of
dollars), month by month over the months both hold.

The later vintage rounds each month's total to a thousand dollars, and the earlier one's sections were rounded
alike before they were summed; a difference within that rounding (half a thousand for the total and for each of
the twelve sections) is not a revision."""

from __future__ import annotations

import pandas as pd

from .. import sources
from ..fields import table_fields
from ..reference import QUEBEC
from ..schema import validate

ROUNDING_CAD = 500.0 * 13  # half a thousand dollars for the total and for each of the twelve sections


def _quebec_us(monthly: pd.DataFrame, totals_only: bool) -> pd.DataFrame:
    rows = monthly[monthly["reporter_code"].eq(QUEBEC) & monthly["partner_code"].eq("USA")]
    rows = (
        rows[rows["product_section_code"].eq("total")]
        if totals_only
        else rows[rows["product_section_code"].ne("total")]
    )
    return rows.groupby(["ref_year", "ref_month", "flow"], as_index=False)["value_cad"].sum(min_count=1)


def between_vintages(earlier: pd.DataFrame, later: pd.DataFrame, origin: str) -> pd.DataFrame:
    """`earlier`: the `trade_monthly` table (the extract); `later`: `trade_monthly_partners` (the new table)."""
    (source_a,), (source_b,) = earlier["source_id"].unique(), later["source_id"].unique()
    both = _quebec_us(earlier, totals_only=False).merge(
        _quebec_us(later, totals_only=True),
        on=["ref_year", "ref_month", "flow"],
        suffixes=("_a", "_b"),
        validate="1:1",
    )
    table = pd.DataFrame(
        {
            "ref_year": both["ref_year"],
            "ref_month": both["ref_month"],
            "flow": both["flow"],
            "value_a_cad": both["value_cad_a"],
            "value_b_cad": both["value_cad_b"],
            "difference_cad": both["value_cad_b"] - both["value_cad_a"],
        }
    )
    table["is_revised"] = table["difference_cad"].abs() > ROUNDING_CAD
    table = table.assign(
        vintage_a=sources.get(source_a).vintage,
        vintage_b=sources.get(source_b).vintage,
        source_a=source_a,
        source_b=source_b,
    )
    ordered = table[table_fields("revisions_us")].sort_values(["ref_year", "ref_month", "flow"], ignore_index=True)
    return validate(ordered, "revisions_us", origin)
