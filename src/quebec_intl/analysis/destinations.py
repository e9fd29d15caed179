"""Where Québec's exports go, among all countries: the leading destinations with their ranks, the share of each
group of countries, the concentration of exports, and a group's own trade. Computed only from data covering every
partner (the caller says which); the overview and the region profile show these, they do not compute them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.reference import QUEBEC
from ..data.trade import TOTAL, MonthlyTrade, TradeDataset
from . import metrics, monthly
from .monthly import RESIDUAL, WORLD
from .trade import exports_by_country, world_exports


def leading(by_year: dict[int, pd.Series], year: int | None, world: float, top: int) -> pd.DataFrame:
    """Québec's `top` destinations in the year: value_cad, share_pct of its exports to all countries, rank (ties
    share the better one) and previous_rank, the year before (missing where it had no exports then)."""
    exports = by_year.get(year, pd.Series(dtype=float))
    previous = by_year.get(year - 1, pd.Series(dtype=float)) if year else pd.Series(dtype=float)
    frame = pd.DataFrame({"value_cad": exports, "share_pct": metrics.share_pct(exports, world)})
    frame["rank"] = metrics.rank_descending(exports)
    frame["previous_rank"] = metrics.rank_descending(previous).reindex(frame.index)
    return frame.head(top)


Groups = list[tuple[object, list[str]]]  # (a label, the group's member countries)


def group_shares(exports: pd.Series, world: float, groups: Groups) -> list[tuple[object, float]]:
    """Each group's share of Québec's exports (%): the sum over its member countries; empty without figures."""
    if exports.empty:
        return []
    return [(label, float(exports.reindex(codes).sum() / world * 100.0)) for label, codes in groups]


def herfindahl_by_year(by_year: dict[int, pd.Series]) -> dict[int, float]:
    return {year: metrics.herfindahl(exports) for year, exports in by_year.items()}


@dataclass(frozen=True)
class CountryGroup:
    """A group's countries in data covering every partner, in the page's year (period.Period)."""

    year: int
    flows: pd.DataFrame  # export, import, balance by year, all members together
    exports: pd.DataFrame  # each member's exports in the year (value_cad) and weight in the group (%), largest first
    total_cad: float  # the members' exports in the year
    share_of_world_pct: float  # the group's share of Québec's exports in the year
    source_ids: tuple[str, ...]
    principal_only: bool = False  # the members counted are those among the principal partners (table 12-10-0175-01)
    uncounted: tuple[str, ...] = ()  # with `principal_only`, the members whose trade is in the "other countries" row


def country_group(dataset: TradeDataset, codes: list[str], year: int | None) -> CountryGroup | None:
    """The group in `year` (the period's ANNUAL year); None unless the data covers every partner (a group's total
    from some of its members would mislead) and has the year."""
    if not dataset.covers_all_partners or year is None:
        return None
    annual = dataset.annual
    rows = annual[annual["reporter_code"].eq(QUEBEC) & annual["product_section_code"].eq(TOTAL)]
    flows = metrics.flows_by_year(rows[rows["partner_code"].isin(codes)])
    exports = exports_by_country(dataset, year)
    exports = exports[exports.index.isin(codes)]
    total = float(exports.sum())
    members = pd.DataFrame({"value_cad": exports, "weight_pct": metrics.share_pct(exports, total)})
    share = metrics.share_pct(total, world_exports(dataset, year))
    return CountryGroup(year, flows, members, total, share, dataset.source_ids)


def principal_group(dataset: TradeDataset, m: MonthlyTrade, codes: list[str], year: int | None) -> CountryGroup | None:
    """A group's trade in the whole year `year` (the period's MONTHLY year) as the sum of its members among the
    principal partners of the monthly table (its other members' trade is in the "other countries" row,
    unallocated); None when none of its members is one, or without a whole year."""
    listed = set(m.by_partner) - {WORLD, RESIDUAL}
    counted = [code for code in codes if code in listed]
    if not counted or year is None:
        return None
    annual = dataset.annual
    rows = annual[
        annual["reporter_code"].eq(QUEBEC)
        & annual["product_section_code"].eq(TOTAL)
        & annual["partner_code"].isin(counted)
        & annual["source_id"].isin(m.source_ids)
    ]
    sums = monthly.year_sums(m, year)
    exports = sums.loc[counted, "export"].dropna().sort_values(ascending=False)
    total = float(exports.sum())
    members = pd.DataFrame({"value_cad": exports, "weight_pct": metrics.share_pct(exports, total)})
    share = metrics.share_pct(total, sums.at[WORLD, "export"])
    uncounted = tuple(code for code in codes if code not in listed)
    return CountryGroup(year, metrics.flows_by_year(rows), members, total, share, m.source_ids, True, uncounted)
