"""The overview: Québec's international trade as a whole in a year. Its trend, growth, product mix and place among
provinces are the trade sections for all countries (WLD); what needs every partner (leading partners, shares by
region, concentration, the map of destinations) is computed only from data that covers them all."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..analysis import destinations, display
from ..analysis import monthly as monthly_analysis
from ..analysis.monthly import Concentration, PartnerMonthly, WorldMonthly
from ..analysis.network import Network, network
from ..analysis.period import ANNUAL, MONTHLY, STATES, Period, asked_or_latest, latest
from ..analysis.states import leading_states
from ..analysis.subject_trade import SubjectTrade, from_statcan
from ..analysis.trade import (
    WORLD,
    PartnerTrade,
    export_years,
    exports_by_country,
    partner_trade,
    provincial_years,
    years_with_trade,
)
from ..data import partners, pipeline, regions, trade
from ..data import sources as registry
from ..data.reference import QUEBEC
from ..visual import charts, maps
from ..visual.blocks import Note, PageInfo, Section, Table
from . import citations, monthly_sections, state_notes, trade_sections, world_sections, years
from .context import ReportContext, catalogue_subject
from .network_sections import offices_network
from .trade_sections import canada_share, growth, trend

TOP = 10
# The regions the overview compares, in this order: a catalogue key (with its members) or a region id.
REGIONS = [
    ("overview.region_united_states", lambda: ["USA"]),
    ("europe", None),
    ("asia", None),
    ("latin_america_caribbean", None),
    ("africa", None),
    ("overview.region_oif_members", lambda: regions.member_countries("oif")),
]
# With Statistics Canada's monthly table of the principal partners: the areas Québec's international relations
# speak of, each the sum of its principal partners (the other countries' trade is not allocated).
REGIONS_PRINCIPAL = [
    ("overview.region_united_states", lambda: ["USA"]),
    ("europe", None),
    ("asia_pacific", None),
    ("americas_outside_us", None),
    ("africa_middle_east", None),
    ("overview.region_oif_members", lambda: regions.member_countries("oif")),
]


@dataclass(frozen=True)
class OverviewData:
    trade: SubjectTrade  # Québec's trade with all countries (the trade sections' model)
    annual: PartnerTrade  # the annual frame's rows of it, for what only the overview asks (which publisher, coverage)
    exports_by_year: dict[int, pd.Series]  # Québec's exports to each country, each year (full-coverage data only)
    hhi_by_year: dict[int, float]  # the Herfindahl index of those exports
    leading: pd.DataFrame  # the leading destinations in the year: value_cad, share_pct, rank, previous_rank
    region_shares: list[tuple[str | regions.Region, float]]  # (catalogue key or region, share of exports, %)
    network: Network
    monthly: PartnerMonthly | None  # all countries month by month (12-10-0175-01), when at hand
    world: WorldMonthly | None  # the principal partners in the year (12-10-0175-01): suppliers, concentration
    concentrations: dict[int, Concentration]  # by year, from the principal partners' table
    states_year: int | None  # the period's STATES year: BTS's trade by US state, when its files are at hand
    leading_states: pd.DataFrame  # Québec's exports to each US state that year (analysis.states.leading_states)
    states_sources: list[registry.Source]  # BTS and the Bank of Canada's rates, when that section has figures
    states_years: list[int]  # the whole years BTS holds (empty without its files)
    year_gaps: tuple[str, ...] = ()  # catalogue keys of the parts of the page the sources lack for the year asked
    with_pages: frozenset[str] = frozenset()  # the partners whose profile the suite publishes: the maps link them
    period: Period | None = None  # each source's year on the page, as check resolved it

    def page_of(self, code: str) -> str | None:
        """The partner's profile beside this page (same language), for a map's link; None if it has none."""
        return f"../partner/{partners.all_partners()[code].slug}.html" if code in self.with_pages else None

    @property
    def year(self) -> int | None:
        return self.trade.year

    @property
    def subject(self) -> partners.Partner:
        return self.trade.subject

    def exports(self, year: int | None) -> pd.Series:
        return self.exports_by_year.get(year, pd.Series(dtype=float))


def _groups(listed=REGIONS) -> list[tuple[str | regions.Region, list[str]]]:
    """The overview's groups of countries, each with its members: a catalogue key, or a region of the reference data."""
    return [(key, members()) if members else (regions.regions()[key], regions.members(key)) for key, members in listed]


def _from_principal_partners(m, world_m: WorldMonthly) -> dict:
    """Where Québec's exports go, among the 27 principal partners of the monthly table: the leading destinations,
    the regions (sums of their principal partners), each year's exports by partner and concentration."""
    years = m.complete_years
    sums = {y: monthly_analysis.year_sums(m, y) for y in years}
    shares = monthly_analysis.group_sums(world_m.sums, _groups(REGIONS_PRINCIPAL))
    return dict(
        exports_by_year={y: monthly_analysis.standings(sums[y], "export")["value_cad"].dropna() for y in years},
        leading=world_m.destinations.head(TOP),
        region_shares=list(zip(shares["label"], shares["share_pct"])),
        concentrations={y: monthly_analysis.concentration(sums[y], y) for y in years},
        hhi_by_year={},
    )


def _years(dataset: trade.TradeDataset, states: trade.StatesTrade | None) -> tuple[list[int], list[int]]:
    """The years of Québec's trade with all countries in the annual frame, and the whole years of its trade by US
    state (BTS)."""
    return years_with_trade(dataset, [WORLD]), states.complete_years if states else []


def check(year: int | None = None) -> Period:
    """A year the overview's sources cover (or none, for the latest), and the page's period; else one line with the
    years they do. The period names each source's year, for they may differ: the annual frame's (the page's: the one
    asked for, else its latest with exports), the monthly table's latest whole year up to it and its year to date
    after it, and BTS's year by state (the one asked for, else its latest whole year; none when it lacks the year
    asked for)."""
    dataset, states, months = trade.load(), trade.load_states_trade(), trade.load_monthly()
    trade_years, states_years = _years(dataset, states)
    years.require(year, trade_years + states_years, "the overview")
    annual = asked_or_latest(year, export_years(dataset, [WORLD]))
    return Period.of_sources(
        year,
        ANNUAL,
        year_to_date=monthly_analysis.year_to_date_after(months, annual) if months else None,
        annual=annual,
        monthly=latest(months.complete_years, annual) if months else None,
        states=asked_or_latest(year, states_years) if states and (year is None or year in states_years) else None,
        provinces=latest(provincial_years(dataset, WORLD), annual) if annual is not None else None,
    )


@pipeline.reused_by_next_page
def load(year: int | None = None) -> OverviewData:
    """Every frame of the overview; `year=None` means the latest year with trade figures. A year asked for that
    one source lacks leaves its sections empty and is named in the header."""
    dataset, states = trade.load(), trade.load_states_trade()
    period = check(year)
    trade_years, states_years = _years(dataset, states)
    gaps = (
        ()
        if year is None
        else tuple(
            key
            for key, covered in (("missing.gap_trade", trade_years), ("missing.gap_states", states_years))
            if year not in covered
        )
    )
    world = partner_trade(partners.resolve(WORLD), period, dataset)
    states_year, leading = (None, pd.DataFrame())
    if states and period.of(STATES) is not None:
        states_year, leading = leading_states(states, period.of(STATES))
    by_year = {int(y): exports_by_country(dataset, int(y)) for y in sorted(set(dataset.annual["ref_year"]))}
    world_exports = world.value("export", world.year)
    found = dict(
        exports_by_year=by_year,
        hhi_by_year=destinations.herfindahl_by_year(by_year),
        leading=destinations.leading(by_year, world.year, world_exports, TOP),
        region_shares=destinations.group_shares(
            by_year.get(world.year, pd.Series(dtype=float)), world_exports, _groups()
        ),
        concentrations={},
    )
    m = trade.load_monthly()
    world_m = monthly_analysis.world_monthly(m, period.of(MONTHLY)) if m and world.year else None
    if world_m is not None and world_m.year == world.year:
        found.update(_from_principal_partners(m, world_m))
    months = monthly_analysis.partner_monthly(m, WORLD, period.of(MONTHLY), period.year_to_date) if m else None
    return OverviewData(
        trade=from_statcan(world, months),
        annual=world,
        **found,
        monthly=months,
        world=world_m if world_m is not None and world_m.year == world.year else None,
        network=network(None),
        states_year=states_year,
        leading_states=leading,
        states_sources=[registry.get(source_id) for source_id in states.source_ids] if states else [],
        states_years=states_years,
        year_gaps=gaps,
        with_pages=frozenset(code for code in trade.partners_with_trade() if code in partners.all_partners()),
        period=period,
    )


def _missing(heading: str, ctx: ReportContext) -> Section:
    return trade_sections.missing(heading, "missing.why_no_rank", ctx)


def header(d: OverviewData, ctx: ReportContext) -> Section:
    title = ctx.t("overview.title", year=d.year) if d.year else ctx.t("overview.title_no_year")
    page = PageInfo(
        kind="overview",
        lang=ctx.lang,
        title=title,
        subject=catalogue_subject(QUEBEC, "overview.subject"),
        sources=d.trade.source_ids + tuple(s.id for s in d.states_sources) + ("curated_offices",),
    )
    blocks = [page, trade_sections.data_line(d.trade, ctx, d.states_sources)]
    if d.year_gaps:
        blocks.append(
            Note(ctx.t("missing.year_gaps", year=d.year, parts=ctx.join([ctx.t(key) for key in d.year_gaps])))
        )
    return Section(title, blocks, level=1)


def _hhi_sentence(d: OverviewData, ctx: ReportContext) -> str:
    if d.concentrations:
        c = d.concentrations[d.year]
        return ctx.t(
            "monthly.hhi_bounds_sentence",
            year=d.year,
            low=ctx.number(c.without_residual),
            high=ctx.number(c.with_residual),
            residual=ctx.percent(c.residual_share_pct),
        )
    now, before = d.hhi_by_year.get(d.year, math.nan), d.hhi_by_year.get(d.year - 5, math.nan)
    change = "" if math.isnan(before) else ctx.t("overview.hhi_change", value=ctx.number(before), year=d.year - 5)
    return ctx.t("overview.hhi_sentence", value=ctx.number(now), year=d.year, change=change)


def summary(d: OverviewData, ctx: ReportContext) -> Section:
    section = trade_sections.summary(d, ctx)
    if d.year is None or d.leading.empty:
        return section
    top = partners.all_partners()[d.leading.index[0]]
    share = ctx.percent(d.leading["share_pct"].iloc[0])
    section.blocks += [
        ctx.t("overview.top_partner_sentence", partner=top.name_with_article(ctx.lang), share=share),
        _hhi_sentence(d, ctx),
        *_measure_note(d, ctx),
    ]
    return section


def _measure_note(d: OverviewData, ctx: ReportContext) -> list[Note]:
    """Statistics Canada's exports are domestic exports; ISQ's releases lead with total exports (re-exports
    included), whose change can differ (2025: −2.3 % against −3.3 % here): say which one the page prints."""
    rows = d.annual.rows
    used = set(rows.loc[rows["ref_year"].eq(d.year), "source_id"])
    if not any(registry.get(source_id).publisher == "Statistics Canada" for source_id in used):
        return []
    return [Note(ctx.t("overview.measure_note"), "method")]


def top_partners(d: OverviewData, ctx: ReportContext) -> Section:
    heading, top = ctx.t("section.top_partners"), d.leading
    if top.empty:
        return _missing(heading, ctx)
    frame = pd.DataFrame({"member": [ctx.name(c) for c in top.index], "share_pct": top["share_pct"].to_numpy()})
    figure = ctx.figure(
        "top-partners",
        charts.member_weights(frame, heading, ctx.t("column.share")),
        ctx.t("chart.top_partners_alt", year=d.year),
        frame,
    )
    rows = [
        [
            ctx.ordinal(r.rank),
            ctx.name(r.Index),
            ctx.billions(r.value_cad),
            ctx.percent(r.share_pct),
            ctx.ordinal(r.previous_rank),
        ]
        for r in top.itertuples()
    ]
    columns = [
        ctx.t("column.rank"),
        ctx.label("country_code"),
        ctx.in_billions(ctx.t("column.flow_export")),
        ctx.t("column.share"),
        ctx.t("column.rank_change", year=d.year - 1),
    ]
    blocks = [figure, Table(columns, rows, [True, False, True, True, True])]
    if d.world is not None:
        blocks += [*world_sections.suppliers_table(d.world, ctx), world_sections.principal_note(d.world, ctx)]
    return Section(heading, blocks)


def us_share(d: OverviewData, ctx: ReportContext) -> Section:
    heading = ctx.t("section.us_share")
    if d.world is None or d.world.us_share.dropna().empty:
        return trade_sections.missing(heading, "missing.why_no_monthly", ctx)
    return Section(heading, world_sections.us_share(d.world, ctx))


def monthly(d: OverviewData, ctx: ReportContext) -> Section | None:
    return monthly_sections.monthly(d, ctx)


def region_shares(d: OverviewData, ctx: ReportContext) -> Section:
    heading = ctx.t("section.region_shares")
    if not d.region_shares:
        return _missing(heading, ctx)
    labels = [ctx.t(label) if isinstance(label, str) else label.name(ctx.lang) for label, _ in d.region_shares]
    shares = [share for _, share in d.region_shares]
    frame = pd.DataFrame({"member": labels, "share_pct": shares})
    rows = [[label, ctx.percent(share)] for label, share in zip(labels, shares)]
    return Section(
        heading,
        [
            ctx.figure(
                "region-shares",
                charts.member_weights(frame, heading, ctx.t("column.share")),
                ctx.t("chart.regions_alt", year=d.year),
                frame,
            ),
            Table([ctx.t("column.region"), ctx.t("column.share")], rows, [False, True]),
            Note(ctx.t("overview.regions_note"), "method"),
            *([world_sections.unallocated_note(d.world, ctx)] if d.world is not None else []),
        ],
    )


def concentration(d: OverviewData, ctx: ReportContext) -> Section:
    heading = ctx.t("section.concentration")
    if d.concentrations:
        return Section(heading, world_sections.concentration(d.concentrations, d.year, ctx))
    if not d.annual.dataset.covers_all_partners:
        return _missing(heading, ctx)
    frame = pd.DataFrame(
        {"ref_year": list(d.hhi_by_year), "measure": ctx.t("column.hhi"), "hhi": list(d.hhi_by_year.values())}
    ).dropna()
    chart = charts.trend(frame, heading, ctx.t("column.hhi"), ctx.t("column.year"), ",.0f", value="hhi")
    return Section(
        heading,
        [
            _hhi_sentence(d, ctx),
            ctx.figure("concentration", chart, ctx.t("chart.hhi_alt"), frame),
            Note(ctx.t("overview.hhi_note"), "method"),
        ],
    )


def destinations_map(d: OverviewData, ctx: ReportContext) -> Section:
    heading, exports = ctx.t("section.destinations_map"), d.exports(d.year)
    if exports.empty:
        return _missing(heading, ctx)
    frame = pd.DataFrame(
        {
            "id": [maps.iso_numeric(c) for c in exports.index],
            "country": [ctx.name(c) for c in exports.index],
            "exports_cad_m": display.rounded(exports, display.Shown("CAD", "CAD_million")),
            "page": [d.page_of(c) for c in exports.index],
        }
    ).dropna(subset=["id"])
    chart = charts.choropleth(
        charts.Shading(maps.named_data("world"), frame, "id", "id", "exports_cad_m", "country", link="page"),
        charts.MapLook(heading, ctx.t("chart.exports_millions"), "equalEarth", value_type="Q", value_format=",.1f"),
    )
    return Section(
        heading,
        [
            ctx.figure(
                "destinations",
                chart,
                ctx.t("chart.destinations_alt", year=d.year),
                frame.drop(columns=["id", "page"]),  # the table a reader downloads: no link column
                ("world",),
            )
        ],
    )


def us_states(d: OverviewData, ctx: ReportContext) -> Section:
    """Québec's leading US states of destination in the latest whole year of BTS trade: a table and a map."""
    heading = ctx.t("section.us_states_leading")
    if d.leading_states.empty and d.states_years:
        return Section(heading, [Note(ctx.t("missing.states_no_year", year=d.year, years=years.span(d.states_years)))])
    if d.leading_states.empty:
        return Section(heading, [Note(ctx.t("missing.region_no_states"))])
    heading = f"{heading}, {d.states_year}"  # the period's STATES year may differ from its ANNUAL one
    states = d.leading_states
    shown = display.for_converted(states)  # Canadian dollars when the year has the Bank of Canada's rate
    value, unit = shown.source_column, shown.unit
    names = {code: partners.all_partners()[code] for code in states.index}
    frame = pd.DataFrame(
        {
            "state": [names[c].name_en for c in states.index],
            "label": [ctx.name(c) for c in states.index],
            value: display.rounded(states[value], shown),
            "page": [d.page_of(c) for c in states.index],
        }
    )  # the shapes' key: state
    chart = charts.choropleth(
        charts.Shading(maps.named_data("us_states"), frame, "state", "properties.name", value, "label", link="page"),
        charts.MapLook(
            heading, ctx.in_unit(ctx.t("column.flow_export"), unit), "albersUsa", value_type="Q", value_format=",.1f"
        ),
    )
    rows = [
        [
            ctx.ordinal(r["rank"]),
            ctx.name(code),
            ctx.money(r[value], currency=shown.currency),
            ctx.percent(r["share_pct"]),
        ]
        for code, r in states.head(TOP).iterrows()
    ]
    return Section(
        heading,
        [
            Table(
                [ctx.t("column.rank"), ctx.label("us_state_code"), ctx.t("column.flow_export"), ctx.t("column.share")],
                rows,
                [True, False, True, True],
            ),
            ctx.figure(
                "us-states",
                chart,
                ctx.t("chart.us_states_leading_alt", year=d.states_year),
                frame.drop(columns=["state", "page"]),
                ("us_states",),
            ),
            *([] if shown.in_cad else trade_sections.no_rate_note([d.states_year], ctx)),
            *state_notes.caveats(ctx),
        ],
    )


product_mix = monthly_sections.product_mix  # the monthly table's sections where it has them


def sources(d: OverviewData, ctx: ReportContext) -> Section:
    """The trade sections' sources, and those of the leading US states (BTS, the Bank of Canada's rates)."""
    section = trade_sections.sources(d, ctx)
    section.blocks[-1:-1] = [citations.cited(source, ctx) for source in d.states_sources]
    return section


SECTIONS = (
    header,
    summary,
    trend,
    monthly,
    growth,
    top_partners,
    us_share,
    region_shares,
    concentration,
    destinations_map,
    us_states,
    product_mix,
    canada_share,
    offices_network,
    sources,
)
