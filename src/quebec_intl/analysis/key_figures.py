"""The key figures of a subject, each with the period and the sources it stands on, computed once from the same data
objects as the partner and region pages: a briefing note states them (a minister says them aloud, an adviser must be
able to say where each comes from) and a comparison sets them side by side. Three subjects: a country (Statistics
Canada), US states (BTS TransBorder, converted at the Bank of Canada's rate) and a group of countries (the sum of its
members among Statistics Canada's principal partners)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data.reference import QUEBEC
from ..data.trade import TOTAL
from .destinations import CountryGroup
from .monthly import PartnerMonthly
from .states import StateProfile
from .trade import PartnerTrade

TOP_PRODUCTS = 3  # a briefing's leading products


@dataclass(frozen=True)
class Period:
    """A year, or the months of it a figure covers (January to July 2026)."""

    year: int
    first_month: int = 1
    last_month: int = 12

    @property
    def whole(self) -> bool:
        return self.first_month == 1 and self.last_month == 12


@dataclass(frozen=True)
class Flow:
    """One flow's value in a period (Canadian dollars; for BTS, the US dollars it was published in too), its change
    from the same period a year earlier, and the sources it stands on."""

    value_cad: float
    period: Period
    source_ids: tuple[str, ...]
    growth_pct: float | None = None
    value_usd: float | None = None

    @property
    def known(self) -> bool:
        return not math.isnan(self.value_cad)


@dataclass(frozen=True)
class Product:
    """A product section (NAPCS) or HS chapter: its exports and share of Québec's exports to the subject."""

    code: str
    classification: str  # "section" or "chapter"
    value: float
    share_pct: float


@dataclass(frozen=True)
class Standing:
    """A rank among peers and the share of a whole, with what the peers and the whole are."""

    rank: int | None
    count: int | None
    share_pct: float | None
    scope: str  # "principal" (among the principal partners), "countries", "us_states", "world_share" (share only)


@dataclass(frozen=True)
class KeyFigures:
    year: int
    exports: Flow
    imports: Flow
    standing: Standing | None
    ytd_exports: Flow | None = None
    ytd_imports: Flow | None = None
    products: tuple[Product, ...] = ()
    products_period: Period | None = None
    products_source_ids: tuple[str, ...] = ()
    modes: tuple[tuple[str, float], ...] = ()  # mode code, share of exports (%), largest first
    provinces_rank: int | None = None  # Québec among the provinces exporting to the subject
    provinces_share_pct: float | None = None
    provinces_source_ids: tuple[str, ...] = ()
    members: tuple[tuple[str, float], ...] = ()  # a group's members and their weight in its exports (%)
    uncounted: tuple[str, ...] = ()  # a group's members whose trade the source does not single out
    # What a group's figures cover, for the sentences to say it: "states" (its US states), "principal" (its members
    # among the principal partners) or "countries" (all its countries); None for one partner.
    group: str | None = None
    group_count: int = 0
    paired: bool = True  # exports and imports from one source on one basis (else they make no balance)

    @property
    def balance_cad(self) -> float:
        return self.exports.value_cad - self.imports.value_cad if self.paired else math.nan

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source a figure of the note stands on, once, in the order the note cites them."""
        found = [*self.exports.source_ids, *self.imports.source_ids]
        for flow in (self.ytd_exports, self.ytd_imports):
            found += flow.source_ids if flow else ()
        return tuple(dict.fromkeys([*found, *self.products_source_ids, *self.provinces_source_ids]))


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _year_sources(trade: PartnerTrade, year: int) -> tuple[str, ...]:
    rows = trade.rows
    mine = rows[rows["reporter_code"].eq(QUEBEC) & rows["ref_year"].eq(year) & rows["product_section_code"].eq(TOTAL)]
    return tuple(dict.fromkeys(mine["source_id"]))


def of_country(trade: PartnerTrade, monthly: PartnerMonthly | None, top: int = TOP_PRODUCTS) -> KeyFigures:
    """A country: its annual figures from its best source; the year to date, rank and product sections from the
    monthly table of the principal partners where it is one of them, else from the annual table."""
    h = trade.highlights(monthly)
    year, annual = h.year, _year_sources(trade, h.year)
    exports = Flow(h.exports, Period(year), annual, _number(h.exports_growth_pct))
    imports = Flow(h.imports, Period(year), annual, _number(h.imports_growth_pct))
    if h.export_rank is not None:
        standing = Standing(h.export_rank, h.principal_count, h.export_share_pct, "principal")
    elif h.partner_rank is not None:
        standing = Standing(h.partner_rank, len(trade.exports_by_country), h.partner_share_pct, "countries")
    else:
        standing = None
    ytd_exports = ytd_imports = None
    if h.ytd_year is not None:
        span, sources = Period(h.ytd_year, 1, h.ytd_last_month), monthly.source_ids
        ytd_exports = Flow(h.ytd_exports, span, sources, _number(h.ytd_exports_growth_pct))
        ytd_imports = Flow(h.ytd_imports, span, sources, _number(h.ytd_imports_growth_pct))
    products, products_period, products_sources = _country_products(trade, monthly, year, top)
    return KeyFigures(
        year=year,
        exports=exports,
        imports=imports,
        standing=standing,
        ytd_exports=ytd_exports,
        ytd_imports=ytd_imports,
        products=products,
        products_period=products_period,
        products_source_ids=products_sources,
        provinces_rank=h.canada_rank,
        provinces_share_pct=h.canada_share_pct,
        provinces_source_ids=trade.canada_source_ids if h.canada_rank is not None else (),
        paired=not math.isnan(h.balance),
    )


def _country_products(trade: PartnerTrade, monthly: PartnerMonthly | None, year: int, top: int):
    if monthly is not None and not monthly.mix.empty and monthly.year == year:
        mix = monthly.mix.dropna(subset=["export"]).sort_values("export", ascending=False).head(top)
        found = tuple(
            Product(code, "section", float(row.export), float(row.export_share_pct)) for code, row in mix.iterrows()
        )
        return found, Period(year), monthly.source_ids
    if not trade.mix.empty:
        mix = trade.mix.head(top)
        found = tuple(
            Product(code, "section", float(row["value"]), float(row["share_pct"])) for code, row in mix.iterrows()
        )
        return found, Period(year), _year_sources(trade, year)
    return (), None, ()


def of_states(p: StateProfile, top: int = TOP_PRODUCTS) -> KeyFigures:
    """A US state or a group of states, from BTS TransBorder (Québec's exports are US imports from Québec), in
    Canadian dollars at the Bank of Canada's annual rate; growth in the currency the page's growth uses."""
    year, sources = p.year, _rate_sources_of_year(p)

    def flow(name: str) -> Flow:
        growth = p.growth_pct(name, year)
        return Flow(p.value(f"{name}_cad", year), Period(year), sources, _number(growth), p.value(f"{name}_usd", year))

    if len(p.codes) == 1:
        standing = Standing(p.us_rank, int(p.by_state["rank"].notna().sum()), p.share_of_us_pct, "us_states")
    else:
        standing = Standing(None, None, p.share_of_us_pct, "us_states")
    chapters = p.chapters.head(top)
    products = tuple(
        Product(code, "chapter", float(row.value_usd), float(row.share_pct)) for code, row in chapters.iterrows()
    )
    exports = p.modes[p.modes["flow"].eq("export")] if len(p.modes) else p.modes
    modes = tuple((row.mode_code, float(row.share_pct)) for row in exports.itertuples())
    quebec = p.provinces.index == QUEBEC
    members = tuple((code, float(row.weight_pct)) for code, row in p.members.iterrows()) if len(p.codes) > 1 else ()
    return KeyFigures(
        year=year,
        exports=flow("export"),
        imports=flow("import"),
        standing=standing,
        products=products,
        products_period=Period(year) if products else None,
        products_source_ids=sources if products else (),
        modes=modes,
        provinces_rank=int(p.provinces.loc[quebec, "rank"].iloc[0]) if quebec.any() else None,
        provinces_share_pct=float(p.provinces.loc[quebec, "share_pct"].iloc[0]) if quebec.any() else None,
        provinces_source_ids=sources if quebec.any() else (),
        members=members,
        group="states" if len(p.codes) > 1 else None,
        group_count=len(p.covered),
    )


RATE_SOURCES = {"mean_of_daily_noon_rates": "boc_legacy_noon", "annual_average": "boc_fx_annual"}


def _rate_sources_of_year(p: StateProfile) -> tuple[str, ...]:
    """The profile's sources, with only the Bank of Canada series the year's rate was taken from."""
    method = p.flows.at[p.year, "method"] if p.year in p.flows.index else None
    kept = RATE_SOURCES.get(method)
    return tuple(s for s in p.source_ids if s not in RATE_SOURCES.values() or s == kept)


def of_countries(group: CountryGroup) -> KeyFigures:
    """A group of countries: the sum of the members its source singles out (the others named as not counted)."""
    year, sources, flows = group.year, group.source_ids, group.flows

    def flow(name: str) -> Flow:
        value = float(flows.at[year, name]) if year in flows.index else math.nan
        before = float(flows.at[year - 1, name]) if year - 1 in flows.index else math.nan
        growth = (value / before - 1.0) * 100.0 if before and not math.isnan(before) else None
        return Flow(value, Period(year), sources, _number(growth))

    members = tuple((code, float(row.weight_pct)) for code, row in group.exports.iterrows())
    return KeyFigures(
        year=year,
        exports=flow("export"),
        imports=flow("import"),
        standing=Standing(None, None, group.share_of_world_pct, "world_share"),
        members=members,
        uncounted=group.uncounted,
        group="principal" if group.principal_only else "countries",
        group_count=len(members),
    )
