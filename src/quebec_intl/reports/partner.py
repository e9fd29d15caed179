"""The partner profile: Québec's trade with one partner (a country or a US state), section by section, and its
relations side (offices, agreements, the Francophonie, SEUS-CP, events)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..analysis import narrative
from ..analysis.monthly import PartnerMonthly
from ..analysis.network import SOURCES as NETWORK_SOURCES
from ..analysis.network import Network, network
from ..analysis.states import StateProfile
from ..analysis.trade import PartnerTrade
from ..data import partners, pipeline
from ..data import sources as registry
from ..visual import charts, maps
from ..visual.blocks import Note, PageInfo, Section
from . import monthly_sections, state_notes, state_sections, subjects, trade_sections
from .context import ReportContext, page_subject
from .network_sections import agreements, events, francophonie, offices, seus_cp
from .trade_sections import data_line


@dataclass(frozen=True)
class PartnerData:
    partner: partners.Partner
    trade: PartnerTrade
    states: StateProfile | None  # for a US state: its trade with Québec by year (BTS), when the files are at hand
    states_sources: list[registry.Source]
    network: Network
    monthly: PartnerMonthly | None = None  # a principal partner's months (table 12-10-0175-01), when at hand
    revisions: pd.DataFrame | None = None  # for the United States: the months revised between two copies of it

    @property
    def subject(self) -> partners.Partner:
        return self.partner

    def headline(self) -> dict | None:
        """The latest whole year's exports (Canadian dollars) and their change, as the site index lists them."""
        if self.states is not None:
            year = self.states.year
            exports = self.states.value("export_cad", year) if year is not None else math.nan
            growth = self.states.growth_pct("export", year)
        else:
            year = self.trade.year
            exports, growth = self.trade.value("export", year), self.trade.growth_pct("export", year)
        if year is None or math.isnan(exports):
            return None
        return {"year": int(year), "exports_cad": float(exports), "growth_pct": None if math.isnan(growth) else growth}


years_covered = subjects.partner_years
check = subjects.check_partner


def load(partner: str, year: int | None = None) -> PartnerData:
    """Resolve the partner (code or name, either language) and compute every frame the report shows, once;
    `year=None` means the latest year with data for the partner (for a US state, the latest whole year)."""
    resolved = check(partner, year)
    figures = subjects.partner_figures(resolved, year)
    cited = [registry.get(source_id) for source_id in figures.states.source_ids] if figures.states else []
    revised = pipeline.load("revisions_us") if resolved.code == "USA" and pipeline.can_load("revisions_us") else None
    return PartnerData(resolved, figures.trade, figures.states, cited, network(resolved), figures.monthly, revised)


def header(d: PartnerData, ctx: ReportContext) -> Section:
    partner = d.partner
    title = ctx.t("partner_title", partner=partner.name_with_article(ctx.lang))
    if d.states:
        used = d.states.source_ids
        data = Note(narrative.data_sentence(d.states_sources, ctx.lang), "data")
    else:
        used, data = d.trade.source_ids, data_line(d.trade, ctx)
    page = PageInfo(
        kind="partner",
        lang=ctx.lang,
        title=title,
        subject=page_subject(partner.code, partner.name_en, partner.name_fr),
        sources=used + NETWORK_SOURCES,
        headline=d.headline(),
    )
    return Section(title, [page, data], level=1)


def us_state(d: PartnerData, ctx: ReportContext) -> Section | None:
    """For a US state: where it lies, and what the BTS figures are; else nothing."""
    partner = d.partner
    if not partner.is_us_state:
        return None
    section = Section(ctx.t("us_state_trade"))
    if d.states is None:
        section.blocks.append(Note(ctx.t("region_no_states")))
        return section
    name = partner.name(ctx.lang)
    frame = pd.DataFrame({"state": [partner.name_en], "label": [name], "highlight": [name]})
    chart = charts.choropleth(
        charts.Shading(maps.named_data("us_states"), frame, "state", "properties.name", "highlight", "label"),
        charts.MapLook(name, ctx.t("state"), "albersUsa"),
    )
    alt = ctx.gendered("chart_state_map_alt", partner, state=partner.name_with_article(ctx.lang))
    section.blocks.append(ctx.figure("state-map", chart, alt, frame.drop(columns="state"), ("us_states",)))
    section.blocks += state_notes.caveats(ctx)
    return section


# A US state whose BTS files are at hand takes each trade section from the states' sections, others from the trade
# tables' sections.


def summary(d: PartnerData, ctx: ReportContext) -> Section:
    return state_sections.summary(d, ctx) if d.states else trade_sections.summary(d, ctx)


def trend(d: PartnerData, ctx: ReportContext) -> Section:
    return state_sections.trend(d, ctx) if d.states else trade_sections.trend(d, ctx)


def growth(d: PartnerData, ctx: ReportContext) -> Section:
    return state_sections.growth(d, ctx) if d.states else trade_sections.growth(d, ctx)


def product_mix(d: PartnerData, ctx: ReportContext) -> Section:
    if d.states:
        return state_sections.product_mix(d, ctx)
    return monthly_sections.product_mix(d, ctx) if monthly_sections.has_mix(d) else trade_sections.product_mix(d, ctx)


def monthly(d: PartnerData, ctx: ReportContext) -> Section | None:
    return monthly_sections.monthly(d, ctx)


def standing(d: PartnerData, ctx: ReportContext) -> Section | None:
    return monthly_sections.standing(d, ctx)


def revisions(d: PartnerData, ctx: ReportContext) -> Section | None:
    return monthly_sections.revisions(d, ctx)


def canada_share(d: PartnerData, ctx: ReportContext) -> Section:
    return state_sections.canada_share(d, ctx) if d.states else trade_sections.canada_share(d, ctx)


def sources(d: PartnerData, ctx: ReportContext) -> Section:
    return state_sections.sources(d, ctx) if d.states else trade_sections.sources(d, ctx)


def modes(d: PartnerData, ctx: ReportContext) -> Section | None:
    return state_sections.modes(d, ctx) if d.states else None


SECTIONS = (
    header,
    summary,
    us_state,
    trend,
    monthly,
    growth,
    standing,
    product_mix,
    canada_share,
    modes,
    revisions,
    offices,
    agreements,
    francophonie,
    seus_cp,
    events,
    sources,
)
