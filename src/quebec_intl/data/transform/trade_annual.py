"""The annual trade frame every trade report reads: every official table's whole years, each cell (year, reporter,
partner, flow, product section) marked where it comes from the best table that has it (Statistics Canada's
all-partners table 12-10-0173-01; else 12-10-0175-01, monthly and of the latest vintage, over whole years; else
12-10-0173-01 reduced to the United States; else the monthly US extract); a cell no official table has (a year
before the official series, a country outside the principal partners) keeps the published figure transcribed in
data/curated/ (the embedded default), unless the all-partners table is at hand: it is the whole picture, and a
partner it lacks had no trade, not a gap to fill. The other rows of a cell stay, so that shares among provinces
come from one table. The published figures the frame does not use are a table of their own."""

from __future__ import annotations

import pandas as pd

from .. import sources
from ..fields import table_fields
from ..schema import validate

TOTAL = "total"  # the product section code of all products together
LOW_AUTHORITY = 4  # unreviewed drafts, party sites, aggregator reprints, figures on another basis
NOT_CURRENT_DOLLARS = ("constant_dollars",)  # bases of a published figure that is a volume, not current dollars
CELL = ["ref_year", "reporter_code", "partner_code", "flow"]
ALL_PARTNERS = "trade_annual_all_partners"
PUBLISHED = "published_annual"


def _basis(source_ids: pd.Series) -> pd.Series:
    """An official table's rows are on the basis its registry entry states (customs, for Statistics Canada)."""
    return source_ids.map({source_id: sources.get(source_id).basis for source_id in source_ids.unique()})


def from_monthly(monthly: pd.DataFrame) -> pd.DataFrame:
    """Sum whole years only (a year missing a month would look like a fall); a year with a suppressed month has no
    total (never a sum that counts it as zero). The all-sections total is the table's own where it has one, else
    the sum of the sections."""
    keys = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code", "source_id"]
    grouped = monthly.groupby(keys)
    whole = grouped["ref_month"].nunique().eq(12)
    sums = grouped["value_cad"].sum()
    sums[monthly["value_cad"].isna().groupby([monthly[k] for k in keys]).any()] = float("nan")
    sums = sums[whole].reset_index()
    given = sums[sums["product_section_code"].eq(TOTAL)]
    sections = sums[sums["product_section_code"].ne(TOTAL)]
    cell = [k for k in keys if k != "product_section_code"]
    summed = sections.groupby(cell, as_index=False)["value_cad"].sum(min_count=1)
    has_total = pd.MultiIndex.from_frame(summed[cell]).isin(pd.MultiIndex.from_frame(given[cell]))
    totals = summed[~has_total].assign(product_section_code=TOTAL)
    annual = pd.concat([sections, given, totals], ignore_index=True)
    annual = annual.assign(figure_id=pd.NA, source_url=pd.NA, is_best=True, basis=_basis(annual["source_id"]))
    return annual[table_fields("trade_annual")].sort_values(keys, ignore_index=True)


def by_preference(published: pd.DataFrame) -> pd.DataFrame:
    """Published figures, each cell's best first: the highest authority, then the most precise."""
    precision = published["published_unit"].map({"CAD_million": 0, "CAD_billion": 1})
    ordered = published.assign(_precision=precision).sort_values(
        ["ref_year", "partner_code", "flow", "authority_rank", "_precision"], kind="stable"
    )
    return ordered.drop(columns="_precision")


def is_preferred(ordered: pd.DataFrame) -> pd.Series:
    """The figure used for each cell, the first usable one; a low-authority figure is never used, even alone, nor one
    in constant dollars (the frame is in current dollars): both are only listed."""
    usable = ordered["authority_rank"].lt(LOW_AUTHORITY) & ~ordered["basis"].isin(NOT_CURRENT_DOLLARS)
    return usable & ~ordered[usable].duplicated(CELL).reindex(ordered.index, fill_value=True)


def from_published(published: pd.DataFrame) -> pd.DataFrame:
    ordered = by_preference(published)
    chosen = ordered[is_preferred(ordered)].assign(product_section_code=TOTAL, is_best=True)
    return chosen[table_fields("trade_annual")].reset_index(drop=True)


def from_statcan(table: pd.DataFrame) -> pd.DataFrame:
    """Imports and domestic exports of table 12-10-0173-01; a suppressed value stays missing."""
    rows = table[table["flow"].isin(["export", "import"])].assign(figure_id=pd.NA, source_url=pd.NA, is_best=True)
    rows["basis"] = _basis(rows["source_id"])
    return rows[table_fields("trade_annual")].reset_index(drop=True)


# The official tables, best first, each with how it becomes annual rows.
OFFICIAL = {
    ALL_PARTNERS: from_statcan,
    "trade_monthly_partners": from_monthly,
    "trade_annual_us": from_statcan,
    "trade_monthly": from_monthly,
}
KEY = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code"]


def _official(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every official table's annual rows, each cell's row from the best table that has it marked `is_best`."""
    ranked = [
        to_annual(tables[name]).assign(_rank=rank)
        for rank, (name, to_annual) in enumerate(OFFICIAL.items())
        if name in tables
    ]
    if not ranked:
        return pd.DataFrame(columns=[*table_fields("trade_annual"), "_rank"])
    rows = pd.concat(ranked, ignore_index=True).sort_values("_rank", kind="stable")
    return rows.assign(is_best=~rows.duplicated(KEY))


def _published_for(tables: dict[str, pd.DataFrame], official: pd.DataFrame) -> pd.DataFrame:
    """The published figures of the cells no official table has (a year before the official series, a country
    outside the principal partners); none with the all-partners table, which is the whole picture."""
    if PUBLISHED not in tables or ALL_PARTNERS in tables:
        return tables.get(PUBLISHED, pd.DataFrame(columns=table_fields(PUBLISHED))).iloc[0:0]
    published = tables[PUBLISHED]
    covered = pd.MultiIndex.from_frame(official.loc[official["product_section_code"].eq(TOTAL), CELL])
    return published[~pd.MultiIndex.from_frame(published[CELL]).isin(covered)]


def best_annual(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`tables`: the official tables and the published figures at hand, by table name."""
    official = _official(tables)
    published = from_published(_published_for(tables, official)).assign(is_best=True)
    parts = [frame for frame in (official.drop(columns="_rank"), published) if len(frame)]
    annual = pd.concat(parts, ignore_index=True) if parts else published
    built_from = ", ".join(tables)
    ordered = annual[table_fields("trade_annual")].sort_values([*KEY, "source_id"], ignore_index=True)
    return validate(ordered, "trade_annual", f"the annual frame from {built_from}")


def published_not_used(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The published figures of the cells that stand on them, other than the one used for each cell."""
    supplied = by_preference(_published_for(tables, _official(tables)))
    others = supplied[~is_preferred(supplied)][table_fields("published_not_used")]
    return validate(others.reset_index(drop=True), "published_not_used", "the published figures not used")
