"""The annual trade frame every trade report reads: each partner whole from the best official table at hand that
has it (Statistics Canada's all-partners table 12-10-0173-01, else the same table reduced to the United States,
else the monthly US extract of 12-10-0175-01 summed over whole years); a partner no official table has keeps the
published figures transcribed in data/curated/ (the embedded default), unless the all-partners table is at hand:
it is the whole picture, and a partner it lacks had no trade, not a gap to fill. The published figures the frame
does not use are a table of their own, which a page lists beside the ones it shows."""

from __future__ import annotations

import pandas as pd

from .. import sources
from ..fields import table_fields
from ..schema import validate

TOTAL = "total"  # the product section code of all products together
LOW_AUTHORITY = 4  # unreviewed drafts, party sites, aggregator reprints, figures on another basis
CELL = ["ref_year", "reporter_code", "partner_code", "flow"]
ALL_PARTNERS = "trade_annual_all_partners"
PUBLISHED = "published_annual"


def _basis(source_ids: pd.Series) -> pd.Series:
    """An official table's rows are on the basis its registry entry states (customs, for Statistics Canada)."""
    return source_ids.map({source_id: sources.get(source_id).basis for source_id in source_ids.unique()})


def from_monthly(monthly: pd.DataFrame) -> pd.DataFrame:
    """Sum whole years only (a year missing a month would look like a fall), and add the all-sections total."""
    keys = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code", "source_id"]
    months = monthly.groupby(keys)["ref_month"].nunique()
    whole = months[months.eq(12)].index
    sums = monthly.groupby(keys)["value_cad"].sum().loc[whole].reset_index()
    totals = sums.groupby([k for k in keys if k != "product_section_code"], as_index=False)["value_cad"].sum()
    totals["product_section_code"] = TOTAL
    annual = pd.concat([sums, totals], ignore_index=True).assign(figure_id=pd.NA, source_url=pd.NA)
    annual["basis"] = _basis(annual["source_id"])
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
    rows["basis"] = _basis(rows["source_id"])
    return rows[table_fields("trade_annual")].reset_index(drop=True)


# The official tables, best first, each with how it becomes annual rows.
OFFICIAL = {ALL_PARTNERS: from_statcan, "trade_annual_us": from_statcan, "trade_monthly": from_monthly}


def _official(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each partner from the first official table at hand that has it, whole (a trend never mixes two tables)."""
    chosen, covered = [], set()
    for name, to_annual in OFFICIAL.items():
        if name in tables:
            rows = to_annual(tables[name])
            chosen.append(rows[~rows["partner_code"].isin(covered)])
            covered |= set(rows["partner_code"])
    return pd.concat(chosen, ignore_index=True) if chosen else pd.DataFrame(columns=table_fields("trade_annual"))


def _published_for(tables: dict[str, pd.DataFrame], official: pd.DataFrame) -> pd.DataFrame:
    """The published figures of the partners the annual frame takes from them: none with the all-partners table."""
    if PUBLISHED not in tables or ALL_PARTNERS in tables:
        return tables.get(PUBLISHED, pd.DataFrame(columns=table_fields(PUBLISHED))).iloc[0:0]
    published = tables[PUBLISHED]
    return published[~published["partner_code"].isin(set(official["partner_code"]))]


def best_annual(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`tables`: the official tables and the published figures at hand, by table name."""
    official = _official(tables)
    published = from_published(_published_for(tables, official))
    parts = [frame for frame in (official, published) if len(frame)]
    annual = pd.concat(parts, ignore_index=True) if parts else published
    keys = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code"]
    built_from = ", ".join(tables)
    return validate(annual.sort_values(keys, ignore_index=True), "trade_annual", f"the annual frame from {built_from}")


def published_not_used(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The published figures of the partners that stand on them, other than the one used for each cell."""
    supplied = by_preference(_published_for(tables, _official(tables)))
    others = supplied[~is_preferred(supplied)][table_fields("published_not_used")]
    return validate(others.reset_index(drop=True), "published_not_used", "the published figures not used")
