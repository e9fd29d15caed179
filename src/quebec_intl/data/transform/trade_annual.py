"""The annual trade frame every trade report reads, from the best table at hand: Statistics Canada's all-partners
table 12-10-0173-01, else the same table reduced to the United States, else the monthly US extract of 12-10-0175-01
summed over whole years, else the published figures (the embedded default)."""

from __future__ import annotations

import pandas as pd

from ..fields import table_fields
from ..schema import validate

TOTAL = "total"  # the product section code of all products together
LOW_AUTHORITY = 4  # unreviewed drafts, party sites, aggregator reprints, figures on another basis
CELL = ["ref_year", "reporter_code", "partner_code", "flow"]


def from_monthly(monthly: pd.DataFrame) -> pd.DataFrame:
    """Sum whole years only (a year missing a month would look like a fall), and add the all-sections total."""
    keys = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code", "source_id"]
    months = monthly.groupby(keys)["ref_month"].nunique()
    whole = months[months.eq(12)].index
    sums = monthly.groupby(keys)["value_cad"].sum().loc[whole].reset_index()
    totals = sums.groupby([k for k in keys if k != "product_section_code"], as_index=False)["value_cad"].sum()
    totals["product_section_code"] = TOTAL
    annual = pd.concat([sums, totals], ignore_index=True).assign(figure_id=pd.NA, source_url=pd.NA)
    return annual[table_fields("trade_annual")].sort_values(keys, ignore_index=True)


def by_preference(published: pd.DataFrame) -> pd.DataFrame:
    """Published figures, each cell's best first: the highest authority, then the most precise."""
    precision = published["published_unit"].map({"CAD_million": 0, "CAD_billion": 1})
    ordered = published.assign(_precision=precision).sort_values(
        ["ref_year", "partner_code", "flow", "authority_rank", "_precision"], kind="stable"
    )
    return ordered.drop(columns="_precision")


def is_preferred(ordered: pd.DataFrame) -> pd.Series:
    """The figure used for each cell; a low-authority figure is never used, even alone (it is only listed)."""
    return ~ordered.duplicated(CELL) & ordered["authority_rank"].lt(LOW_AUTHORITY)


def from_published(published: pd.DataFrame) -> pd.DataFrame:
    ordered = by_preference(published)
    chosen = ordered[is_preferred(ordered)].assign(product_section_code=TOTAL)
    return chosen[table_fields("trade_annual")].reset_index(drop=True)


def from_statcan(table: pd.DataFrame) -> pd.DataFrame:
    """Imports and domestic exports of table 12-10-0173-01; a suppressed value stays missing."""
    rows = table[table["flow"].isin(["export", "import"])].assign(figure_id=pd.NA, source_url=pd.NA)
    return rows[table_fields("trade_annual")].reset_index(drop=True)


BUILDERS = {
    "trade_annual_all_partners": from_statcan,
    "trade_annual_us": from_statcan,
    "trade_monthly": from_monthly,
    "published_annual": from_published,
}


def from_best(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`tables` holds the one input the pipeline chose (the first at hand, in the order of BUILDERS)."""
    ((name, table),) = tables.items()
    return validate(BUILDERS[name](table), "trade_annual", f"the annual frame built from {name}")
