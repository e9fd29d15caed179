"""Québec's trade with its principal partners month by month (Statistics Canada table 12-10-0175-01): each
partner's monthly series with its 12-month total, the year to date against the same months a year earlier, ranks and
shares among the principal partners, the product mix by section, and for all countries the leading destinations and
suppliers, the United States' share month by month and the concentration of exports. Pure functions of the table;
the reports show what they compute.

The table lists 27 principal partners, all countries together (`WLD`) and the other countries together (`ROW`, a
residual, never a country). Ranks are among the 27; shares are of all countries. A month the table lacks, or a
value it suppresses, leaves the figures that need it missing: nothing is summed as zero."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..caching import CACHE
from ..data.trade import TOTAL, MonthlyTrade
from . import metrics

WORLD, RESIDUAL = "WLD", "ROW"
FLOWS = ("export", "import")


def period_sums(rows: pd.DataFrame, year: int, months: list[int], by: str | list[str] = "partner_code") -> pd.DataFrame:
    """Exports and imports over `months` of `year` by `by` (a partner, a product section, or both): index `by`,
    columns export, import; missing where one of the months is absent or suppressed."""
    chosen = rows[rows["ref_year"].eq(year) & rows["ref_month"].isin(months)]
    keys = [chosen[column] for column in ([by] if isinstance(by, str) else by)] + [chosen["flow"]]
    sums = chosen.groupby(keys)["value_cad"].sum(min_count=1)
    whole = (
        chosen.groupby(keys)["ref_month"].nunique().eq(len(months)) & ~chosen["value_cad"].isna().groupby(keys).any()
    )
    return sums.where(whole).unstack("flow").reindex(columns=list(FLOWS))


def year_sums(m: MonthlyTrade, year: int, months: tuple[int, ...] = tuple(range(1, 13))) -> pd.DataFrame:
    """`period_sums` of all products by partner, computed once for the table (every page of a batch asks)."""
    key = (m.fingerprint, year, months)
    return CACHE.get(f"{__name__}.year_sums", key, lambda: period_sums(m.totals, year, list(months)))


def section_sums(m: MonthlyTrade, partner: str, year: int, months: tuple[int, ...]) -> pd.DataFrame:
    """`period_sums` of the partner's product sections, the table's every partner summed at once and kept (each
    principal partner's page asks for its own, half a dozen periods each): index product_section_code."""
    key = (m.fingerprint, year, months)
    every = CACHE.get(f"{__name__}.section_sums", key, lambda: _every_partners_sections(m, year, months))
    if partner not in every.index.get_level_values("partner_code"):
        return every.iloc[0:0].droplevel("partner_code")
    return every.xs(partner, level="partner_code")


def _every_partners_sections(m: MonthlyTrade, year: int, months: tuple[int, ...]) -> pd.DataFrame:
    sections = m.rows[m.rows["product_section_code"].ne(TOTAL)]
    return period_sums(sections, year, list(months), by=["partner_code", "product_section_code"])


def standings(sums: pd.DataFrame, flow: str) -> pd.DataFrame:
    """The principal partners by `flow`: value_cad, share_pct of all countries, rank among the 27 (ties share the
    better rank, a suppressed value has none), largest first."""
    world = sums[flow].get(WORLD, math.nan)
    values = sums.loc[~sums.index.isin([WORLD, RESIDUAL]), flow]
    frame = pd.DataFrame(
        {"value_cad": values, "share_pct": metrics.share_pct(values, world), "rank": metrics.rank_descending(values)}
    )
    return frame.sort_values("value_cad", ascending=False, na_position="last", kind="stable")


@dataclass(frozen=True)
class YearToDate:
    """The months of a partial year, January onwards, against the same months a year earlier."""

    year: int
    months: tuple[int, ...]  # 1 ... the latest month held
    now: pd.DataFrame  # index partner_code; columns export, import
    before: pd.DataFrame

    def value(self, partner: str, flow: str, earlier: bool = False) -> float:
        frame = self.before if earlier else self.now
        return float(frame.at[partner, flow]) if partner in frame.index else math.nan

    def growth_pct(self, partner: str, flow: str) -> float:
        now, before = self.value(partner, flow), self.value(partner, flow, earlier=True)
        return (now / before - 1.0) * 100.0 if before and not math.isnan(before) else math.nan


def year_to_date_after(m: MonthlyTrade, year: int | None) -> tuple[int, int] | None:
    """The year to date a page about `year` shows, resolved with its period: the year after, from January to the
    last month the table holds of it, when the table holds that year in part (every month from January, not all
    twelve) and `year` the same months; its (year, last month). None otherwise: a table whose last month is December
    has no year to date (its last year is whole, and a page's year rather than a year to date), nor has a page about
    an earlier year, whose next year is whole."""
    if year is None:
        return None
    held = m.months_of(year + 1)
    if not held or len(held) == 12 or held != list(range(1, len(held) + 1)) or held != m.months_of(year)[: len(held)]:
        return None
    return year + 1, held[-1]


def year_to_date(m: MonthlyTrade, span: tuple[int, int] | None) -> YearToDate | None:
    """The year to date `span` (year, last month: the page's period's), against the same months a year earlier."""
    if span is None:
        return None
    year, months = span[0], tuple(range(1, span[1] + 1))
    return YearToDate(year, months, year_sums(m, year, months), year_sums(m, year - 1, months))


def rows_of(m: MonthlyTrade, partner: str) -> pd.DataFrame:
    """The partner's rows (every product); none for a partner the table lacks."""
    return m.by_partner.get(partner, m.rows.iloc[0:0])


def monthly_series(m: MonthlyTrade, partner: str) -> pd.DataFrame:
    """The partner's exports and imports each month, with each flow's total over the 12 months to it (only where
    the 12 months are all held and published)."""
    rows = rows_of(m, partner)
    rows = rows[rows["product_section_code"].eq(TOTAL)]
    wide = rows.set_index(["ref_year", "ref_month", "flow"])["value_cad"].unstack("flow").reindex(columns=list(FLOWS))
    held = pd.PeriodIndex([pd.Period(year=y, month=mo, freq="M") for y, mo in wide.index], name="month")
    wide.index = held
    every = pd.period_range(held.min(), held.max(), freq="M") if len(held) else held
    wide = wide.reindex(every)  # a month the table lacks is a gap, never a zero
    for flow in FLOWS:
        wide[f"{flow}_12m"] = wide[flow].rolling(12, min_periods=12).sum()
    return wide.rename_axis("month")


def section_mix(m: MonthlyTrade, partner: str, year: int) -> pd.DataFrame:
    """Each product section's exports and imports in `year` and the year before, where the table gives sections
    for the twelve months of both: values, shares of the section total (%), change and growth."""
    months = tuple(range(1, 13))
    now = section_sums(m, partner, year, months)
    before = section_sums(m, partner, year - 1, months)
    if now.dropna(how="all").empty:
        return pd.DataFrame()
    mix = pd.DataFrame(index=now.index.rename("product_section_code"))
    for flow in FLOWS:
        mix[flow] = now[flow]
        mix[f"{flow}_prev"] = before[flow].reindex(mix.index)
        mix[f"{flow}_share_pct"] = metrics.share_pct(mix[flow], mix[flow].sum())
        mix[f"{flow}_share_prev_pct"] = metrics.share_pct(mix[f"{flow}_prev"], mix[f"{flow}_prev"].sum())
        mix[f"{flow}_change"] = mix[flow] - mix[f"{flow}_prev"]
        mix[f"{flow}_growth_pct"] = (mix[flow] / mix[f"{flow}_prev"] - 1.0) * 100.0
    return mix.sort_values("export", ascending=False)


def sections_by_year(
    m: MonthlyTrade, partner: str, year_to_date: tuple[int, int] | None, flow: str = "export"
) -> pd.DataFrame:
    """Each product section's `flow` by whole year, for every year the table gives the sections of all twelve
    months, then the page's year to date (year, last month: its period's): index product_section_code, one column a
    period (`2024`, or `2026-01..07` for a year to date); empty where the table gives no sections."""
    rows = rows_of(m, partner)
    rows = rows[rows["product_section_code"].ne(TOTAL)]
    periods = [
        (int(year), months)
        for year in sorted(set(rows["ref_year"]))
        if len(months := sorted(set(rows.loc[rows["ref_year"].eq(year), "ref_month"]))) == 12
    ]
    if year_to_date is not None:
        periods.append((year_to_date[0], list(range(1, year_to_date[1] + 1))))
    columns = {}
    for year, months in periods:
        sums = section_sums(m, partner, year, tuple(months))[flow]
        if not sums.dropna().empty:
            columns[str(year) if len(months) == 12 else f"{year}-{months[0]:02d}..{months[-1]:02d}"] = sums
    return pd.DataFrame(columns).rename_axis("product_section_code")


@dataclass(frozen=True)
class PartnerMonthly:
    """What a principal partner's page shows from the monthly table."""

    partner: str
    year: int | None  # the period's year of the table (its latest whole year up to the page's)
    series: pd.DataFrame  # month -> export, import, export_12m, import_12m
    ytd: YearToDate | None
    destinations: pd.DataFrame  # the 27 by exports in `year` (standings)
    suppliers: pd.DataFrame  # the 27 by imports in `year`
    mix: pd.DataFrame  # sections in `year` and the year before (section_mix)
    missing_months: list[tuple[int, int]]
    source_ids: tuple[str, ...]
    mix_years: pd.DataFrame = field(default_factory=pd.DataFrame)  # exports by section and year (sections_by_year)

    def standing(self, flow: str) -> tuple[int | None, float | None]:
        """The partner's rank among the 27 and its share of all countries (%), for exports or imports."""
        table = self.destinations if flow == "export" else self.suppliers
        if self.partner not in table.index or pd.isna(table.at[self.partner, "rank"]):
            return None, None
        return int(table.at[self.partner, "rank"]), float(table.at[self.partner, "share_pct"])


def partner_monthly(
    m: MonthlyTrade, partner: str, whole: int | None, ytd: tuple[int, int] | None
) -> PartnerMonthly | None:
    """The partner's figures in the whole year `whole` (the period's MONTHLY year) and over the year to date `ytd`
    (the period's: year, last month); None when the table does not list the partner (it lists 27 principal
    partners)."""
    if rows_of(m, partner).empty:
        return None
    sums = year_sums(m, whole) if whole else pd.DataFrame(columns=list(FLOWS))
    return PartnerMonthly(
        partner=partner,
        year=whole,
        series=monthly_series(m, partner),
        ytd=year_to_date(m, ytd),
        destinations=standings(sums, "export"),
        suppliers=standings(sums, "import"),
        mix=section_mix(m, partner, whole) if whole else pd.DataFrame(),
        missing_months=m.missing_months,
        source_ids=m.source_ids,
        mix_years=sections_by_year(m, partner, ytd),
    )


def share_by_month(m: MonthlyTrade, partner: str, flow: str, since: int) -> pd.Series:
    """The partner's share of Québec's `flow` to all countries (%), each month from January of `since`."""
    rows = m.totals
    rows = rows[rows["flow"].eq(flow) & rows["ref_year"].ge(since) & rows["partner_code"].isin([partner, WORLD])]
    wide = rows.set_index(["ref_year", "ref_month", "partner_code"])["value_cad"].unstack("partner_code")
    if partner not in wide or WORLD not in wide:
        return pd.Series(dtype=float)
    share = metrics.share_pct(wide[partner], wide[WORLD])
    share.index = pd.PeriodIndex([pd.Period(year=y, month=mo, freq="M") for y, mo in share.index], name="month")
    return share


@dataclass(frozen=True)
class Concentration:
    """The Herfindahl index of Québec's exports over the table's partner rows. The other countries come as one
    row: counted as one partner they overstate concentration; the true index over every country lies between the
    index of the 27 alone (each share of all countries) and that of the 27 with the residual as one partner."""

    year: int
    with_residual: float  # the residual as one partner: an upper bound
    without_residual: float  # the 27's squared shares only: a lower bound
    residual_share_pct: float


def concentration(sums: pd.DataFrame, year: int) -> Concentration:
    world = sums.at[WORLD, "export"]
    shares = metrics.share_pct(sums.loc[~sums.index.isin([WORLD]), "export"], world).dropna()
    principal = shares.drop(RESIDUAL, errors="ignore")
    residual = float(shares.get(RESIDUAL, 0.0))
    return Concentration(year, float((shares**2).sum()), float((principal**2).sum()), residual)


def group_sums(sums: pd.DataFrame, groups: list[tuple[object, list[str]]], flow: str = "export") -> pd.DataFrame:
    """Each group's trade as the sum of its members among the principal partners: label, members (the codes
    counted), value_cad, share_pct of all countries. The rest of a group's trade is in the residual, unallocated."""
    world = sums.at[WORLD, flow]
    principal = [code for code in sums.index if code not in (WORLD, RESIDUAL)]
    rows = []
    for label, codes in groups:
        counted = [code for code in principal if code in set(codes)]
        value = float(sums.loc[counted, flow].sum(min_count=1)) if counted else 0.0
        rows.append(
            {
                "label": label,
                "members": tuple(counted),
                "value_cad": value,
                "share_pct": metrics.share_pct(value, world),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class WorldMonthly:
    """What the overview shows from the monthly table, for all countries."""

    year: int
    sums: pd.DataFrame  # the year's exports and imports by partner row (index partner_code)
    previous: pd.DataFrame  # the same, the year before
    destinations: pd.DataFrame  # standings by exports, with previous_rank
    suppliers: pd.DataFrame  # standings by imports, with previous_rank
    us_share: pd.Series  # the United States' share of exports, month by month since January of the year before
    concentration: Concentration
    mix: pd.DataFrame  # all countries' product sections in the year and the year before
    missing_months: list[tuple[int, int]]
    source_ids: tuple[str, ...]


def _with_previous(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    return now.assign(previous_rank=before["rank"].reindex(now.index))


def world_monthly(m: MonthlyTrade, whole: int | None) -> WorldMonthly | None:
    """All countries in the whole year `whole` (the period's MONTHLY year); None without one."""
    if whole is None:
        return None
    sums, previous = year_sums(m, whole), year_sums(m, whole - 1)
    return WorldMonthly(
        year=whole,
        sums=sums,
        previous=previous,
        destinations=_with_previous(standings(sums, "export"), standings(previous, "export")),
        suppliers=_with_previous(standings(sums, "import"), standings(previous, "import")),
        us_share=share_by_month(m, "USA", "export", whole - 1),
        concentration=concentration(sums, whole),
        mix=section_mix(m, WORLD, whole),
        missing_months=m.missing_months,
        source_ids=m.source_ids,
    )
