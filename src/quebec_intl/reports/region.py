"""The region profile: Québec's trade with a named region (SEUS-CP, the Atlanta territory, EU-27, the OIF...),
aggregated over its members, each member's weight, and the region's place in Québec's trade.

A region's total is computed only from a source that covers every member: the BTS TransBorder files for US
states (in US dollars, over the months they hold); for countries, Statistics Canada's all-partners table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import display, names, narrative
from ..analysis.collation import sorted_names
from ..analysis.network import Network, network
from ..analysis.subject_trade import SubjectTrade
from ..analysis.text import joined
from ..data import pipeline, regions
from ..data.partners import all_partners
from ..visual import charts, maps
from ..visual.blocks import Figure, Link, Note, PageInfo, Section, Table
from . import citations, line_breaks, network_sections, state_notes, subjects, trade_sections
from .context import SECONDARY_KINDS, ReportContext, page_subject

BTS = "bts_transborder_dot2"  # the source of a region of US states' figures


@dataclass(frozen=True)
class RegionData:
    region: regions.Region
    members: list[str]
    # The members' trade with Québec, from a source covering every member (BTS for a region of US states; for a region
    # of countries, the table covering every partner or the principal partners'); None when none is at hand.
    trade: SubjectTrade | None
    network: Network | None = None  # Québec's offices, agreements and events in the region, or its grouping's

    @property
    def state_members(self) -> list[str]:
        return [code for code in self.members if code.startswith("US-")]

    @property
    def subject(self) -> regions.Region:
        return self.region


years_covered = subjects.region_years
check = subjects.check_region


@pipeline.reused_by_next_page
def load(region: str, year: int | None = None) -> RegionData:
    """The region's members and their trade with Québec; `year=None` means the latest whole year."""
    checked = check(region, year)
    resolved = checked.subject
    members = subjects.region_members(resolved)
    trade = subjects.region_trade_model(resolved, checked.period)
    return RegionData(resolved, members, trade, network(None, resolved))


def _sources(d: RegionData) -> tuple[str, ...]:
    return d.trade.source_ids if d.trade is not None else ()


def header(d: RegionData, ctx: ReportContext) -> Section:
    region = d.region
    key = "region.title_pair" if names.names_a_pair(region) else "region.title"
    title = ctx.t(key, region=region.name_with_article(ctx.lang))
    page = PageInfo(
        kind="region",
        lang=ctx.lang,
        title=title,
        subject=page_subject("", region.name_en, region.name_fr),
        sources=_sources(d),
    )
    cited = citations.registered(_sources(d))
    blocks = [page] + ([Note(narrative.data_sentence(cited, ctx.lang), "data")] if cited else [])
    return Section(title, blocks, level=1)


def _members_line(d: RegionData) -> str:
    """A grouping has members; a continent or an office's territory takes in countries, or states, and territories."""
    if not d.region.members_are_within:
        return "region.members_line"
    return "region.states_line" if len(d.state_members) == len(d.members) else "region.countries_line"


def membership(d: RegionData, ctx: ReportContext) -> Section:
    names = ", ".join(sorted_names(ctx.name(code) for code in d.members))
    lines = [ctx.t(_members_line(d), count=len(d.members), names=names)]
    others = len(regions.membership().query("region_id == @d.region.id")) - len(d.members)
    if others:  # associate members and observers (the OIF's): never added to the region's figures
        lines.append(ctx.count("region.members_others", others))
    listed = regions.membership().query("region_id == @d.region.id")
    url = d.region.source_url
    secondary = (
        listed["source_url"].eq(url).any()
        and listed.loc[listed["source_url"].eq(url), "source_kind"].isin(SECONDARY_KINDS).all()
    )
    label = (
        f"{url} ({ctx.t('sources.secondary_source')})" if secondary else url
    )  # the OIF's list, the G7's: not official
    source = Table([ctx.t("column.source")], [[Link(label, url)]])
    return Section(ctx.t("region.members_source"), [*lines, source])


def _weights(weights: pd.Series, ctx: ReportContext) -> Figure:
    frame = pd.DataFrame({"member": [ctx.name(c) for c in weights.index], "share_pct": weights.to_numpy()})
    chart = charts.member_weights(frame, ctx.t("region.weights"), ctx.t("column.weight"))
    return ctx.figure("region-weights", chart, ctx.t("chart.weights_alt"), frame)


def _state_trade(d: RegionData, ctx: ReportContext) -> list:
    """Each member's weight in the year, on a bar chart, a map and a table."""
    trade = d.trade
    members, year, yearly = trade.members, trade.year, trade.members_by_year
    shown = display.for_members(trade, set(yearly["ref_year"]) | {year})  # one currency for the map and its lines
    by_member = pd.DataFrame(
        {
            "key": [all_partners()[code].name_en for code in members.index],  # the shapes' name
            "member": [ctx.name(c) for c in members.index],
            "value": display.rounded(members[shown.source_column], shown),
        }
    )
    by_year = pd.DataFrame(
        {
            "ref_year": yearly["ref_year"].to_numpy(),
            "member": yearly["partner_code"].map(ctx.name),
            "value": display.rounded(yearly[shown.source_column], shown),
        }
    )
    value_title = ctx.in_unit(ctx.t("column.flow_export"), shown.unit)
    chart = charts.map_and_lines(
        charts.Shading(maps.named_data("us_states"), by_member, "key", "properties.name", "value", "member"),
        charts.MapLook(ctx.t("section.us_map"), value_title, "albersUsa", value_format=",.1f"),
        by_year,
        ctx.t("column.year"),
    )
    table = by_year.rename(columns={"value": f"exports_{shown.currency.lower()}_m"})
    in_year = trade.currency_for([year])  # the table: the year's own currency
    rows = [
        [
            ctx.name(code),
            ctx.money(r[display.source_column(in_year)], currency=in_year),
            state_notes.usd(r["value_usd"], ctx),
            ctx.percent(r["weight_pct"]),
        ]
        for code, r in members.iterrows()
    ]
    return [
        _weights(members["weight_pct"], ctx),
        ctx.figure("region-map", chart, ctx.t("chart.us_map_alt", year=year), table, ("us_states",)),
        Table(
            [ctx.t("column.member"), ctx.t("column.flow_export"), ctx.t("column.exports_usd"), ctx.t("column.weight")],
            rows,
            [False, True, True, True],
        ),
        *_uncovered_note(trade, ctx),
        *line_breaks.note(by_year, "member", ctx, names=True),
        *trade_sections.no_rate_note(trade.years_without_rate, ctx),
        *state_notes.caveats(ctx),
    ]


def _uncovered_note(p: SubjectTrade, ctx: ReportContext) -> list[Note]:
    """The members the source has no figures for (BTS has none for Puerto Rico): the region's figures leave them out."""
    missing = [code for code in p.codes if code not in p.covered]
    if not missing:
        return []
    names = joined(ctx.lang, [all_partners()[code].name_with_article(ctx.lang) for code in missing])
    return [Note(ctx.t("region.uncovered_note", names=names, count=len(p.covered)), "method")]


def _countries_phrase(c: SubjectTrade, region: regions.Region, ctx: ReportContext) -> str:
    """« vers l'Europe »; when only its principal partners are counted, « vers les 9 pays de l'Europe qui figurent
    parmi les principaux partenaires commerciaux du Canada »."""
    if c.group != "principal":
        return ctx.phrase(region, "to")
    return ctx.t("names.principal_group_to", count=len(c.members), belonging=names.belonging(region, ctx.lang))


def _country_trade(d: RegionData, ctx: ReportContext) -> list:
    c = d.trade
    if c.group == "principal" and len(c.members) == 1:
        return [_single_member(d.region, c, ctx)]
    exports, weights = c.members["value_cad"], c.members["weight_pct"]
    summary = ctx.t(
        "region.principal_summary" if c.group == "principal" else "region.country_summary",
        count=len(exports),
        year=c.year,
        exports=ctx.money(c.members_total),
        to=_countries_phrase(c, d.region, ctx),
        share=ctx.percent(c.standing.share_pct),
        top=all_partners()[weights.index[0]].name_with_article(ctx.lang),
        top_share=ctx.percent(weights.iloc[0]),
    )
    trend = charts.trend_frame(c.flows[["export", "import", "balance"]], ctx.flow_labels())
    trend_chart = charts.trend(
        trend, ctx.t("region.trend"), ctx.t("chart.value_billions"), ctx.t("column.year"), ",.1f"
    )
    map_frame = pd.DataFrame(
        {
            "id": [maps.iso_numeric(code) for code in exports.index],
            "country": [ctx.name(code) for code in exports.index],
            "exports_cad_m": display.rounded(exports, display.Shown("CAD", "CAD_million")),
        }
    ).dropna(subset=["id"])
    chart = charts.choropleth(
        charts.Shading(maps.named_data("world"), map_frame, "id", "id", "exports_cad_m", "country"),
        charts.MapLook(
            d.region.name(ctx.lang), ctx.t("chart.exports_millions"), "equalEarth", value_type="Q", value_format=",.1f"
        ),
    )
    rows = [[ctx.name(code), ctx.money(value), ctx.percent(weights[code])] for code, value in exports.items()]
    return [
        summary,
        ctx.figure("region-trend", trend_chart, ctx.t("region.trend"), trend),
        *line_breaks.note(trend, "measure", ctx),
        _weights(weights, ctx),
        ctx.figure(
            "region-map", chart, ctx.t("chart.region_map_alt", year=c.year), map_frame.drop(columns="id"), ("world",)
        ),
        Table([ctx.t("column.member"), ctx.t("column.flow_export"), ctx.t("column.weight")], rows, [False, True, True]),
        *_principal_notes(c, ctx),
    ]


def _single_member(region: regions.Region, c: SubjectTrade, ctx: ReportContext) -> str:
    """One member among the principal partners is that member's trade, not the region's: say so, with no total."""
    member = c.members.index[0]
    return ctx.t(
        "region.principal_single",
        of=names.partner_phrase(region, ctx.lang, "of"),
        member=all_partners()[member].name_with_article(ctx.lang),
        year=c.year,
        exports=ctx.money(c.members_total),
        share=ctx.percent(c.standing.share_pct),
        others=len(c.uncounted),
    )


def _principal_notes(c: SubjectTrade, ctx: ReportContext) -> list[Note]:
    """Which members the region's figures count, and that the others' trade is not allocated."""
    if c.group != "principal":
        return []
    counted = joined(ctx.lang, sorted_names(ctx.name(code) for code in c.members.index))
    return [
        Note(ctx.t("region.principal_note", count=len(c.members), members=counted, others=len(c.uncounted)), "method")
    ]


def trade(d: RegionData, ctx: ReportContext) -> Section:
    section = Section(ctx.t("region.trade"))
    if d.state_members:
        section.blocks += _state_trade(d, ctx) if d.trade else [Note(ctx.t("missing.region_no_states"))]
    else:
        section.blocks += _country_trade(d, ctx) if d.trade else [Note(ctx.t("missing.region_no_source"))]
    return section


def sources(d: RegionData, ctx: ReportContext) -> Section:
    region = d.region
    notes = [
        Note(ctx.t("region.definition_source", region=region.short_name(ctx.lang), url=region.source_url), "method")
    ]
    if ctx.pick(region, "notes"):
        notes.append(Note(ctx.pick(region, "notes"), "method"))
    if d.state_members:  # the BTS files' caveats are under the members' trade already
        # without its files, the source the page would read
        return citations.sources_section(_sources(d) or (BTS,), ctx, *notes, caveats="none")
    return citations.sources_section(_sources(d), ctx, *notes)


def _of_states(section):
    """A region of US states shows its members' trade year by year, section by section, as a state's page does; a
    region of countries shows it in one section (`trade`): its source has no provinces, products or modes for a
    group."""

    def shown(d: RegionData, ctx: ReportContext) -> Section | None:
        return section(d, ctx) if d.state_members and d.trade is not None else None

    shown.__name__ = shown.__qualname__ = section.__name__
    return shown


summary, trend, growth, canada_share, modes = map(
    _of_states,
    (
        trade_sections.summary,
        trade_sections.trend,
        trade_sections.growth,
        trade_sections.canada_share,
        trade_sections.modes,
    ),
)


def offices(d: RegionData, ctx: ReportContext) -> Section | None:
    return network_sections.offices(d, ctx) if d.network is not None else None


def agreements(d: RegionData, ctx: ReportContext) -> Section | None:
    return network_sections.agreements(d, ctx) if d.network is not None else None


def events(d: RegionData, ctx: ReportContext) -> Section | None:
    return network_sections.events(d, ctx) if d.network is not None else None


SECTIONS = (
    header,
    membership,
    summary,
    trade,
    trend,
    growth,
    canada_share,
    modes,
    offices,
    agreements,
    events,
    sources,
)
