"""One model of Québec's trade with a subject (a country, all countries, a US state, a region), whatever its source.

Each source has one adapter building it: Statistics Canada's tables (`from_statcan`, a partner's annual figures from
its best source, with the monthly table of the principal partners where it lists the partner), BTS TransBorder
(`from_bts`, a US state or a group of states, published in US dollars and converted at the Bank of Canada's rate of
the year) and the sum of a group of countries (`from_country_group`). A region is the same model over its members.
Every section, the briefing note's key figures and the comparison's sides read this model only: a figure carries its
currency, unit, basis, period and sources, a growth rate exists only between comparable years (the adapters decide,
with `metrics`), a rank or a share says what it is among, a product its classification."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..data import regions
from ..data.partners import Partner
from ..data.reference import QUEBEC
from ..data.trade import EMBEDDED_SOURCE, TOTAL
from . import metrics, narrative
from .destinations import CountryGroup
from .facts import Change, ModeSplit, Standing
from .monthly import PartnerMonthly
from .states import TOP_CHAPTERS, StateProfile
from .trade import PartnerTrade

Subject = Partner | regions.Region
CAD, USD = "CAD", "USD"
RATE_SOURCES = {"mean_of_daily_noon_rates": "boc_legacy_noon", "annual_average": "boc_fx_annual"}


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
class Amount:
    """One flow's value in a period, in `currency` (Canadian dollars where a rate is at hand), with its basis, its
    sources, its change from the same period a year before (None where the two are not comparable) and, for a figure
    published in US dollars, its value as published."""

    value: float
    currency: str
    period: Period
    basis: str
    source_ids: tuple[str, ...]
    growth_pct: float | None = None
    value_usd: float | None = None
    unit: str = "dollars"

    @property
    def known(self) -> bool:
        return not math.isnan(self.value)

    @property
    def change(self) -> Change:
        """Its change over the year before: over the same months of it for a part of a year."""
        return Change(self.growth_pct, self.period.year - 1, same_months=not self.period.whole)


@dataclass(frozen=True)
class Product:
    """A product section (NAPCS) or an HS chapter: its exports and share of Québec's exports to the subject."""

    code: str
    classification: str  # "section" or "chapter"
    value: float
    share_pct: float
    currency: str = CAD


@dataclass(frozen=True)
class ProductMix:
    """Québec's exports to the subject by product in `year` and the year before, largest first: `table` holds value,
    value_prev, share_pct, share_prev_pct, change and growth_pct by code; `bars` the rows a chart of the two years
    draws (code, ref_year, value), in the source's order."""

    classification: str  # "section" (NAPCS, Statistics Canada) or "chapter" (HS, BTS)
    currency: str
    year: int
    table: pd.DataFrame
    bars: pd.DataFrame
    source_ids: tuple[str, ...]
    period: Period | None = None

    def leading(self, top: int) -> tuple[Product, ...]:
        rows = self.table.dropna(subset=["value"]).head(top)
        return tuple(
            Product(code, self.classification, float(r.value), float(r.share_pct), self.currency)
            for code, r in rows.iterrows()
        )


@dataclass(frozen=True)
class Provinces:
    """Every province's trade with the subject in `year`, from one table: value, share_pct (of what the provinces
    export, or import), rank; largest first."""

    year: int | None
    exports: pd.DataFrame  # index reporter_code
    imports: pd.DataFrame
    currency: str
    source_ids: tuple[str, ...]
    among: str = "provinces_and_territories"  # or "provinces": the peers Québec's rank is among (facts.Standing)

    @property
    def quebec_standing(self) -> Standing:
        """Québec's rank and share among the provinces (and territories) exporting to the subject."""
        rank, share = self.quebec
        return Standing(rank, None, share, self.among)

    @property
    def quebec(self) -> tuple[int | None, float | None]:
        """Québec's rank among the provinces exporting to the subject, and its share (%), where known."""
        known = self.exports.dropna(subset=["share_pct"])
        if QUEBEC not in known.index:
            return None, None
        return int(known.at[QUEBEC, "rank"]), float(known.at[QUEBEC, "share_pct"])


NO_PROVINCES = pd.DataFrame(columns=["value", "share_pct", "rank"]).rename_axis("reporter_code")


@dataclass(frozen=True)
class SubjectTrade:
    """Québec's trade with a subject from one source (a country's years may come from several, each named)."""

    subject: Subject
    year: int | None  # the page's year: the one asked for, else the latest (whole) year with exports
    source_ids: tuple[str, ...]
    # By ref_year: export, import, balance in Canadian dollars (missing where the year has no rate); for figures
    # published in US dollars, also export_usd, import_usd, balance_usd, the rate and its method.
    flows: pd.DataFrame
    bases: pd.DataFrame  # by ref_year: the basis of export and import
    growth: pd.DataFrame  # by ref_year: export_pct, import_pct, between comparable consecutive years only
    growth_currency: str  # the currency growth was computed in
    exports: Amount | None = None  # the page's year
    imports: Amount | None = None
    published_currency: str = CAD  # the currency the source publishes in (BTS: US dollars)
    origins: pd.DataFrame | None = None  # where each year's figures come from (metrics.origins_by_year), if several
    months_held: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # year -> (months, first, last)
    cagr: dict[int, float] = field(default_factory=dict)  # compound growth of exports over n years to `year`
    ytd_exports: Amount | None = None  # the latest partial year against the same months a year earlier
    ytd_imports: Amount | None = None
    standing: Standing | None = None  # among Québec's destinations (or the share of a whole)
    products: ProductMix | None = None
    provinces: Provinces | None = None
    modes: pd.DataFrame | None = None  # the year's flow, mode_code, value, share_pct; None: the source has no modes
    members: pd.DataFrame = field(default_factory=pd.DataFrame)  # a group's members: value_cad, weight_pct
    members_by_year: pd.DataFrame = field(default_factory=pd.DataFrame)  # ref_year, partner_code, value_usd, value_cad
    codes: tuple[str, ...] = ()  # the partners the figures sum
    covered: tuple[str, ...] = ()  # those the source has figures for
    uncounted: tuple[str, ...] = ()  # a group's members whose trade the source does not single out
    group: str | None = None  # what a group's figures cover: "states", "principal" or "countries"; None: one partner
    monthly: PartnerMonthly | None = None  # a principal partner's months (table 12-10-0175-01)
    highlights: narrative.Highlights | None = None  # what a country's summary states
    published_figures: pd.DataFrame = field(default_factory=pd.DataFrame)  # published figures the years use
    other_published: pd.DataFrame = field(default_factory=pd.DataFrame)  # published figures not used, and why
    embedded_years: tuple[int, ...] = ()  # the years standing on a published figure rather than a table

    # --- what a page asks --------------------------------------------------------------------------------------

    def value(self, flow: str, year: int | None, currency: str = CAD) -> float:
        column = flow if currency == CAD else f"{flow}_{currency.lower()}"
        if year not in self.flows.index or column not in self.flows:
            return math.nan
        return float(self.flows.at[year, column])

    def growth_pct(self, flow: str, year: int | None) -> float:
        return growth_at(self.growth, flow, year)

    def change(self, flow: str, year: int) -> Change:
        """A flow's change in `year` over the year before."""
        return Change(self.growth_pct(flow, year), year - 1)

    @property
    def mode_split(self) -> ModeSplit | None:
        """The exports' split by mode of transport, largest first; None where the source records no modes."""
        if self.modes is None or self.modes.empty:
            return None
        exports = self.modes[self.modes["flow"].eq("export")]
        return ModeSplit(tuple((row.mode_code, float(row.share_pct)) for row in exports.itertuples()))

    def is_whole(self, year: int | None) -> bool:
        return self.months_held.get(year, (12,))[0] == 12 if self.months_held else year in self.flows.index

    @property
    def whole_years(self) -> list[int]:
        return [int(year) for year in self.flows.index if self.is_whole(year)]

    @property
    def converted(self) -> bool:
        """Whether the source publishes in another currency than the page's (BTS: US dollars at the Bank's rate)."""
        return self.published_currency != CAD

    def in_cad(self, years) -> bool:
        """Whether every one of `years` has Canadian dollars (for converted figures: the Bank of Canada's rate)."""
        if not self.converted:
            return True
        return bool(self.flows["rate"].reindex(list(years)).notna().all())

    def currency_for(self, years) -> str:
        """The one currency a chart or table over `years` shows: Canadian dollars when every year has them, else the
        currency the source publishes in (a year without the Bank's rate is never shown at another year's rate)."""
        return CAD if self.in_cad(years) else self.published_currency

    @property
    def years_without_rate(self) -> list[int]:
        if not self.converted:
            return []
        return [int(year) for year in self.flows.index[self.flows["rate"].isna()]]

    @property
    def rate_years(self) -> list[int]:
        return [int(year) for year in self.flows.index[self.flows["rate"].notna()]] if self.converted else []

    @property
    def partial_years(self) -> list[int]:
        return [int(year) for year in self.flows.index if not self.is_whole(year)]

    @property
    def unpaired_years(self) -> list[int]:
        """Years with exports and imports but no balance (they come from different sources or bases)."""
        f = self.flows
        return [int(y) for y in f.index[f["export"].notna() & f["import"].notna() & f["balance"].isna()]]

    @property
    def on_one_known_basis(self) -> bool:
        """Whether every year's figures stand on one known basis (else growth skips some years: the page says)."""
        found = set(self.bases.stack().dropna())
        return len(found) == 1 and metrics.UNKNOWN_BASIS not in found

    def whole_flows(self) -> pd.DataFrame:
        """Exports and imports by whole year in Canadian dollars (a year without a rate is left out)."""
        flows = self.flows.loc[self.whole_years, ["export", "import"]]
        return flows.dropna() if self.converted else flows

    @property
    def bases_stated_by_year(self) -> bool:
        """Whether each year's figures state their own basis (a country's years may come from several sources, a
        published figure's page stating its own); else the registry's basis of the sources holds for every year."""
        return self.origins is not None

    @property
    def members_total(self) -> float:
        """A group's exports in the year: the sum over the members its source singles out."""
        return float(self.members["value_cad"].sum())

    @property
    def paired(self) -> bool:
        return self.exports is not None and not math.isnan(self.value("balance", self.year))

    @property
    def balance_cad(self) -> float:
        return self.value("balance", self.year) if self.paired else math.nan


def growth_at(growth: pd.DataFrame, flow: str, year: int | None) -> float:
    """The flow's change from the year before (%), NaN where the two years are not comparable."""
    column = f"{flow}_pct"
    return float(growth.at[year, column]) if column in growth and year in growth.index else math.nan


# --- Statistics Canada ---------------------------------------------------------------------------------------------


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _year_sources(trade: PartnerTrade, year: int | None) -> tuple[str, ...]:
    rows = trade.rows
    mine = rows[rows["reporter_code"].eq(QUEBEC) & rows["ref_year"].eq(year) & rows["product_section_code"].eq(TOTAL)]
    return tuple(dict.fromkeys(mine["source_id"]))


def _statcan_products(trade: PartnerTrade, monthly: PartnerMonthly | None) -> ProductMix | None:
    """The sections of the monthly table where it has the page's year, else the annual table's."""
    year = trade.year
    if monthly is not None and not monthly.mix.empty and monthly.year == year:
        mix = monthly.mix
        table = pd.DataFrame(
            {
                "value": mix["export"],
                "value_prev": mix["export_prev"],
                "share_pct": mix["export_share_pct"],
                "growth_pct": mix["export_growth_pct"],
            }
        ).sort_values("value", ascending=False, na_position="last", kind="stable")
        return ProductMix("section", CAD, year, table, pd.DataFrame(), monthly.source_ids, Period(year))
    if trade.mix.empty:
        return None
    bars = trade.exports_by_section.rename(columns={"product_section_code": "code", "value_cad": "value"})
    bars = bars[["code", "ref_year", "value"]]
    return ProductMix("section", CAD, year, trade.mix, bars, _year_sources(trade, year), Period(year))


def _statcan_provinces(trade: PartnerTrade) -> Provinces:
    def indexed(shares: pd.DataFrame) -> pd.DataFrame:
        return shares.rename(columns={"value_cad": "value"}).set_index("reporter_code")[["value", "share_pct", "rank"]]

    return Provinces(
        trade.canada_year,
        indexed(trade.canada_exports),
        indexed(trade.canada_imports),
        CAD,
        trade.canada_source_ids,
    )


def _statcan_standing(h: narrative.Highlights, trade: PartnerTrade) -> Standing | None:  # noqa: ARG001
    if h.principal_exports is not None and h.principal_exports.rank is not None:
        return h.principal_exports
    return h.destination


def _ytd(h: narrative.Highlights, monthly: PartnerMonthly | None) -> tuple[Amount | None, Amount | None]:
    if h.ytd_year is None or monthly is None:
        return None, None
    span, sources = Period(h.ytd_year, 1, h.ytd_last_month), monthly.source_ids
    return (
        Amount(h.ytd_exports, CAD, span, "customs", sources, _number(h.ytd_exports_change.growth_pct)),
        Amount(h.ytd_imports, CAD, span, "customs", sources, _number(h.ytd_imports_change.growth_pct)),
    )


def _statcan_flows(trade: PartnerTrade) -> tuple[Amount | None, Amount | None]:
    year = trade.year
    if year is None:
        return None, None
    sources = _year_sources(trade, year)

    def amount(flow: str) -> Amount:
        basis = trade.bases[flow].get(year) if flow in trade.bases else None
        basis = basis if isinstance(basis, str) else metrics.UNKNOWN_BASIS
        return Amount(trade.value(flow, year), CAD, Period(year), basis, sources, _number(trade.growth_pct(flow, year)))

    return amount("export"), amount("import")


def from_statcan(trade: PartnerTrade, monthly: PartnerMonthly | None = None) -> SubjectTrade:
    """A country (or all countries) from Statistics Canada's tables, each year from its best source (a published
    figure fills a year no table covers, and is named)."""
    h = trade.highlights(monthly) if trade.year is not None else None
    exports, imports = _statcan_flows(trade)
    ytd_exports, ytd_imports = _ytd(h, monthly) if h else (None, None)
    others = trade.dataset.other_published
    quebec = trade.rows[trade.rows["reporter_code"].eq(QUEBEC) & trade.rows["product_section_code"].eq(TOTAL)]
    embedded = sorted(int(y) for y in set(quebec.loc[quebec["source_id"].eq(EMBEDDED_SOURCE), "ref_year"]))
    return SubjectTrade(
        subject=trade.partner,
        year=trade.year,
        source_ids=trade.source_ids,
        flows=trade.flows,
        bases=trade.bases,
        growth=trade.growth,
        growth_currency=CAD,
        exports=exports,
        imports=imports,
        origins=trade.origins,
        cagr=trade.cagr,
        ytd_exports=ytd_exports,
        ytd_imports=ytd_imports,
        standing=_statcan_standing(h, trade) if h else None,
        products=_statcan_products(trade, monthly),
        provinces=_statcan_provinces(trade),
        codes=(trade.partner.code,),
        covered=(trade.partner.code,),
        monthly=monthly,
        highlights=h,
        published_figures=trade.rows[trade.rows["figure_id"].notna()],
        other_published=others[others["partner_code"].eq(trade.partner.code)],
        embedded_years=tuple(embedded),
    )


# --- BTS TransBorder -----------------------------------------------------------------------------------------------


def _rate_sources_of_year(p: StateProfile) -> tuple[str, ...]:
    """The profile's sources, with only the Bank of Canada series the year's rate was taken from."""
    method = p.flows.at[p.year, "method"] if p.year in p.flows.index else None
    kept = RATE_SOURCES.get(method)
    return tuple(s for s in p.source_ids if s not in RATE_SOURCES.values() or s == kept)


def _bts_flows(p: StateProfile) -> pd.DataFrame:
    flows = p.flows.rename(columns={f"{flow}_cad": flow for flow in ("export", "import", "balance")})
    return flows[["export", "import", "balance", "export_usd", "import_usd", "balance_usd", "rate", "method"]]


def _bts_products(p: StateProfile) -> ProductMix | None:
    if p.chapters.empty:
        return None
    top = p.chapters.head(TOP_CHAPTERS)
    table = pd.DataFrame(
        {
            "value": top["value_usd"],
            "value_prev": top["value_prev_usd"],
            "share_pct": top["share_pct"],
            "change": top["change_usd"],
        }
    )
    bars = pd.DataFrame(
        [
            {"code": code, "ref_year": y, "value": r[c]}
            for code, r in top.iterrows()
            for y, c in ((p.year - 1, "value_prev_usd"), (p.year, "value_usd"))
            if not math.isnan(r[c])
        ],
        columns=["code", "ref_year", "value"],
    )
    return ProductMix("chapter", USD, p.year, table, bars, _rate_sources_of_year(p), Period(p.year))


def from_bts(p: StateProfile, subject: Subject) -> SubjectTrade:
    """A US state or a group of states from BTS TransBorder (Québec's exports are US imports from Québec), in
    Canadian dollars at the Bank of Canada's annual rate where one is at hand; growth between whole years only, in
    the currency every whole year has."""
    year, sources = p.year, _rate_sources_of_year(p)

    def amount(flow: str) -> Amount:
        growth = _number(growth_at(p.growth, flow, year))
        return Amount(
            p.value(f"{flow}_cad", year), CAD, Period(year), "us_records", sources, growth, p.value(f"{flow}_usd", year)
        )

    single = len(p.codes) == 1
    ranked = int(p.by_state["rank"].notna().sum())
    standing = Standing(p.us_rank, ranked, p.share_of_us_pct, "us_states") if single else None
    provinces = p.provinces.rename(columns={"value_usd": "value"})[["value", "share_pct", "rank"]]
    modes = p.modes.rename(columns={"value_usd": "value"}) if len(p.modes) else p.modes
    flows = _bts_flows(p)
    return SubjectTrade(
        subject=subject,
        year=year,
        source_ids=p.source_ids,
        flows=flows,
        bases=pd.DataFrame("us_records", index=flows.index, columns=["export", "import"]),
        growth=p.growth,
        growth_currency=p.growth_currency.upper(),
        exports=amount("export") if year is not None else None,
        imports=amount("import") if year is not None else None,
        published_currency=USD,
        months_held=p.months_held,
        standing=standing if single else Standing(None, None, p.share_of_us_pct, "us_states"),
        products=_bts_products(p),
        provinces=Provinces(year, provinces.rename_axis("reporter_code"), NO_PROVINCES, USD, sources, "provinces"),
        modes=modes,
        members=p.members,
        members_by_year=p.members_by_year,
        codes=p.codes,
        covered=p.covered,
        group=None if single else "states",
    )


# --- a group of countries ------------------------------------------------------------------------------------------


def from_country_group(group: CountryGroup, subject: Subject) -> SubjectTrade:
    """A group of countries: the sum of the members its source singles out (the others named as not counted)."""
    year, sources, flows = group.year, group.source_ids, group.flows
    growth = pd.DataFrame(
        {f"{flow}_pct": metrics.yoy_growth_pct(flows[flow].dropna()) for flow in ("export", "import")}
    ).dropna(how="all")

    def amount(flow: str) -> Amount:
        value = float(flows.at[year, flow]) if year in flows.index else math.nan
        before = float(flows.at[year - 1, flow]) if year - 1 in flows.index else math.nan
        return Amount(value, CAD, Period(year), "customs", sources, _number(metrics.change_pct(value, before)))

    return SubjectTrade(
        subject=subject,
        year=year,
        source_ids=sources,
        flows=flows,
        bases=pd.DataFrame("customs", index=flows.index, columns=["export", "import"]),
        growth=growth,
        growth_currency=CAD,
        exports=amount("export"),
        imports=amount("import"),
        standing=Standing(None, None, group.share_of_world_pct, "world_share"),
        members=group.exports,
        codes=tuple(group.exports.index),
        covered=tuple(group.exports.index),
        uncounted=group.uncounted,
        group="principal" if group.principal_only else "countries",
    )
