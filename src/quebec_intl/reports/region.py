"""The region profile: Québec's trade with a named region (SEUS-CP, the Atlanta territory, EU-27, the OIF...),
aggregated over its members, each member's weight, and the region's place in Québec's trade.

A region's total is computed only from a source that covers every member: the BTS TransBorder files for US
states (in US dollars, over the months they hold); for countries, Statistics Canada's all-partners table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import narrative
from ..analysis.collation import sorted_names
from ..analysis.destinations import CountryGroup
from ..analysis.network import Network, network
from ..analysis.states import StateProfile
from ..analysis.text import joined
from ..data import regions
from ..data import sources as registry
from ..data.fields import unit_factor
from ..data.partners import all_partners
from ..visual import charts, maps
from ..visual.blocks import Figure, Link, Note, PageInfo, Section, Table
from . import citations, line_breaks, network_sections, state_notes, state_sections, subjects
from .context import SECONDARY_KINDS, ReportContext, page_subject


@dataclass(frozen=True)
class RegionData:
    region: regions.Region
    members: list[str]
    states: StateProfile | None  # a region of US states: their trade with Québec by year, when BTS is at hand
    countries: CountryGroup | None  # a region of countries: all its members, or those among the principal partners
    states_sources: list[registry.Source]  # what the trade figures come from, cited on the page
    network: Network | None = None  # Québec's offices, agreements and events in the region, or its grouping's

    @property
    def state_members(self) -> list[str]:
        return [code for code in self.members if code.startswith("US-")]

    @property
    def subject(self) -> regions.Region:
        return self.region


years_covered = subjects.region_years
check = subjects.check_region


def load(region: str, year: int | None = None) -> RegionData:
    """The region's members and their trade with Québec; `year=None` means the latest whole year."""
    resolved = check(region, year)
    members = subjects.region_members(resolved)
    states = [code for code in members if code.startswith("US-")]
    if states:
        profile = subjects.states_profile(states, year)
        cited = [
            registry.get(source_id) for source_id in (profile.source_ids if profile else ("bts_transborder_dot2",))
        ]
        return RegionData(resolved, members, profile, None, cited, network(None, resolved))
    countries = subjects.countries_group(members, year)
    return RegionData(resolved, members, None, countries, [], network(None, resolved))


def _sources(d: RegionData) -> tuple[str, ...]:
    if d.states:
        return d.states.source_ids
    return d.countries.source_ids if d.countries else ()


def header(d: RegionData, ctx: ReportContext) -> Section:
    region = d.region
    key = "region_title_pair" if narrative.names_a_pair(region) else "region_title"
    title = ctx.t(key, region=region.name_with_article(ctx.lang))
    page = PageInfo(
        kind="region",
        lang=ctx.lang,
        title=title,
        subject=page_subject("", region.name_en, region.name_fr),
        sources=_sources(d),
    )
    cited = [registry.get(source_id) for source_id in _sources(d)]
    blocks = [page] + ([Note(narrative.data_sentence(cited, ctx.lang), "data")] if cited else [])
    return Section(title, blocks, level=1)


def _members_line(d: RegionData) -> str:
    """A grouping has members; a continent or an office's territory takes in countries, or states, and territories."""
    if not d.region.members_are_within:
        return "region_members_line"
    return "region_states_line" if len(d.state_members) == len(d.members) else "region_countries_line"


def membership(d: RegionData, ctx: ReportContext) -> Section:
    names = ", ".join(sorted_names(ctx.name(code) for code in d.members))
    lines = [ctx.t(_members_line(d), count=len(d.members), names=names)]
    others = len(regions.membership().query("region_id == @d.region.id")) - len(d.members)
    if others:  # associate members and observers (the OIF's): never added to the region's figures
        lines.append(ctx.count("region_members_others", others))
    listed = regions.membership().query("region_id == @d.region.id")
    url = d.region.source_url
    secondary = (
        listed["source_url"].eq(url).any()
        and listed.loc[listed["source_url"].eq(url), "source_kind"].isin(SECONDARY_KINDS).all()
    )
    label = f"{url} ({ctx.t('secondary_source')})" if secondary else url  # the OIF's list, the G7's: not official
    source = Table([ctx.t("source_column")], [[Link(label, url)]])
    return Section(ctx.t("region_members_source"), [*lines, source])


def _weights(weights: pd.Series, ctx: ReportContext) -> Figure:
    frame = pd.DataFrame({"member": [ctx.name(c) for c in weights.index], "share_pct": weights.to_numpy()})
    chart = charts.member_weights(frame, ctx.t("region_weights"), ctx.t("weight"))
    return ctx.figure("region-weights", chart, ctx.t("chart_weights_alt"), frame)


def _state_trade(d: RegionData, ctx: ReportContext) -> list:
    """Each member's weight in the year, on a bar chart, a map and a table."""
    p = d.states
    members, year, yearly = p.members, p.year, p.members_by_year
    # One currency for the map and its lines: Canadian dollars when every year drawn has the Bank's rate.
    currency = "cad" if p.in_cad(set(yearly["ref_year"]) | {year}) else "usd"
    unit = f"{currency.upper()}_million"
    by_member = pd.DataFrame(
        {
            "key": [all_partners()[code].name_en for code in members.index],  # the shapes' name
            "member": [ctx.name(c) for c in members.index],
            "value": (members[f"value_{currency}"] / unit_factor(unit)).round(1).to_numpy(),
        }
    )
    by_year = pd.DataFrame(
        {
            "ref_year": yearly["ref_year"].to_numpy(),
            "member": yearly["partner_code"].map(ctx.name),
            "value": (yearly[f"value_{currency}"] / unit_factor(unit)).round(1).to_numpy(),
        }
    )
    value_title = ctx.in_unit(ctx.t("flow_export"), unit)
    chart = charts.map_and_lines(
        charts.Shading(maps.named_data("us_states"), by_member, "key", "properties.name", "value", "member"),
        charts.MapLook(ctx.t("us_map"), value_title, "albersUsa", value_format=",.1f"),
        by_year,
        ctx.t("year"),
    )
    table = by_year.rename(columns={"value": f"exports_{currency}_m"})
    in_year = "cad" if p.in_cad([year]) else "usd"  # the table: the year's own currency
    rows = [
        [
            ctx.name(code),
            ctx.money(r[f"value_{in_year}"], currency=in_year.upper()),
            state_notes.usd(r["value_usd"], ctx),
            ctx.percent(r["weight_pct"]),
        ]
        for code, r in members.iterrows()
    ]
    return [
        _weights(members["weight_pct"], ctx),
        ctx.figure("region-map", chart, ctx.t("chart_us_map_alt", year=year), table, ("us_states",)),
        Table(
            [ctx.t("member"), ctx.t("flow_export"), ctx.t("exports_usd"), ctx.t("weight")],
            rows,
            [False, True, True, True],
        ),
        *_uncovered_note(p, ctx),
        *line_breaks.note(by_year, "member", ctx, names=True),
        *state_sections.no_rate_note(p.years_without_rate, ctx),
        *state_notes.caveats(ctx),
    ]


def _uncovered_note(p: StateProfile, ctx: ReportContext) -> list[Note]:
    """The members the source has no figures for (BTS has none for Puerto Rico): the region's figures leave them out."""
    missing = [code for code in p.codes if code not in p.covered]
    if not missing:
        return []
    names = joined(ctx.lang, [all_partners()[code].name_with_article(ctx.lang) for code in missing])
    return [Note(ctx.t("region_uncovered_note", names=names, count=len(p.covered)), "method")]


def _countries_phrase(c: CountryGroup, region: regions.Region, ctx: ReportContext) -> str:
    """« vers l'Europe »; when only its principal partners are counted, « vers les 9 pays de l'Europe qui figurent
    parmi les principaux partenaires commerciaux du Canada »."""
    if not c.principal_only:
        return ctx.phrase(region, "to")
    return ctx.t("principal_group_to", count=len(c.exports), belonging=narrative.belonging(region, ctx.lang))


def _country_trade(d: RegionData, ctx: ReportContext) -> list:
    c = d.countries
    if c.principal_only and len(c.exports) == 1:
        return [_single_member(d.region, c, ctx)]
    exports, weights = c.exports["value_cad"], c.exports["weight_pct"]
    summary = ctx.t(
        "region_principal_summary" if c.principal_only else "region_country_summary",
        count=len(exports),
        year=c.year,
        exports=ctx.money(c.total_cad),
        to=_countries_phrase(c, d.region, ctx),
        share=ctx.percent(c.share_of_world_pct),
        top=all_partners()[weights.index[0]].name_with_article(ctx.lang),
        top_share=ctx.percent(weights.iloc[0]),
    )
    trend = charts.trend_frame(c.flows, ctx.flow_labels())
    trend_chart = charts.trend(trend, ctx.t("region_trend"), ctx.t("value_billions"), ctx.t("year"), ",.1f")
    map_frame = pd.DataFrame(
        {
            "id": [maps.iso_numeric(code) for code in exports.index],
            "country": [ctx.name(code) for code in exports.index],
            "exports_cad_m": (exports / unit_factor("CAD_million")).round(1).to_numpy(),
        }
    ).dropna(subset=["id"])
    chart = charts.choropleth(
        charts.Shading(maps.named_data("world"), map_frame, "id", "id", "exports_cad_m", "country"),
        charts.MapLook(
            d.region.name(ctx.lang), ctx.t("exports_millions"), "equalEarth", value_type="Q", value_format=",.1f"
        ),
    )
    rows = [[ctx.name(code), ctx.money(value), ctx.percent(weights[code])] for code, value in exports.items()]
    return [
        summary,
        ctx.figure("region-trend", trend_chart, ctx.t("region_trend"), trend),
        *line_breaks.note(trend, "measure", ctx),
        _weights(weights, ctx),
        ctx.figure(
            "region-map", chart, ctx.t("chart_region_map_alt", year=c.year), map_frame.drop(columns="id"), ("world",)
        ),
        Table([ctx.t("member"), ctx.t("flow_export"), ctx.t("weight")], rows, [False, True, True]),
        *_principal_notes(c, ctx),
    ]


def _single_member(region: regions.Region, c: CountryGroup, ctx: ReportContext) -> str:
    """One member among the principal partners is that member's trade, not the region's: say so, with no total."""
    member = c.exports.index[0]
    return ctx.t(
        "region_principal_single",
        of=narrative.partner_phrase(region, ctx.lang, "of"),
        member=all_partners()[member].name_with_article(ctx.lang),
        year=c.year,
        exports=ctx.money(c.total_cad),
        share=ctx.percent(c.share_of_world_pct),
        others=len(c.uncounted),
    )


def _principal_notes(c: CountryGroup, ctx: ReportContext) -> list[Note]:
    """Which members the region's figures count, and that the others' trade is not allocated."""
    if not c.principal_only:
        return []
    counted = joined(ctx.lang, sorted_names(ctx.name(code) for code in c.exports.index))
    return [
        Note(ctx.t("region_principal_note", count=len(c.exports), members=counted, others=len(c.uncounted)), "method")
    ]


def trade(d: RegionData, ctx: ReportContext) -> Section:
    section = Section(ctx.t("region_trade"))
    if d.state_members:
        section.blocks += _state_trade(d, ctx) if d.states else [Note(ctx.t("region_no_states"))]
    else:
        section.blocks += _country_trade(d, ctx) if d.countries else [Note(ctx.t("region_no_source"))]
    return section


def sources(d: RegionData, ctx: ReportContext) -> Section:
    if d.state_members:  # the BTS files' caveats are under the members' trade already
        section = Section(ctx.t("sources"), [citations.cited(source, ctx) for source in d.states_sources])
    else:
        section = Section(ctx.t("sources"), citations.cite([registry.get(source_id) for source_id in _sources(d)], ctx))
    section.blocks.append(
        Note(ctx.t("region_definition_source", region=d.region.short_name(ctx.lang), url=d.region.source_url), "method")
    )
    if ctx.pick(d.region, "notes"):
        section.blocks.append(Note(ctx.pick(d.region, "notes"), "method"))
    return section


# The members' trade by year: for a region of US states with the BTS files at hand; nothing otherwise.


def summary(d: RegionData, ctx: ReportContext) -> Section | None:
    return state_sections.summary(d, ctx) if d.states else None


def trend(d: RegionData, ctx: ReportContext) -> Section | None:
    return state_sections.trend(d, ctx) if d.states else None


def growth(d: RegionData, ctx: ReportContext) -> Section | None:
    return state_sections.growth(d, ctx) if d.states else None


def canada_share(d: RegionData, ctx: ReportContext) -> Section | None:
    return state_sections.canada_share(d, ctx) if d.states else None


def modes(d: RegionData, ctx: ReportContext) -> Section | None:
    return state_sections.modes(d, ctx) if d.states else None


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
