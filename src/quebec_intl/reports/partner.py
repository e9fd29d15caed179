"""The partner profile: Québec's trade with one partner (a country or a US state), section by section, and its
relations side (offices, agreements, the Francophonie, SEUS-CP, events)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..analysis.monthly import PartnerMonthly
from ..analysis.network import SOURCES as NETWORK_SOURCES
from ..analysis.network import Network, network
from ..analysis.subject_trade import SubjectTrade
from ..data import partners, pipeline
from ..visual import charts, maps
from ..visual.blocks import Note, PageInfo, Section
from . import monthly_sections, state_notes, subjects, trade_sections
from .context import ReportContext, page_subject
from .network_sections import agreements, events, francophonie, offices, seus_cp
from .trade_sections import data_line


@dataclass(frozen=True)
class PartnerData:
    partner: partners.Partner
    trade: SubjectTrade  # from the partner's best source: BTS for a US state, else Statistics Canada's tables
    network: Network
    revisions: pd.DataFrame | None = None  # for the United States: the months revised between two copies of it

    @property
    def subject(self) -> partners.Partner:
        return self.partner

    @property
    def monthly(self) -> PartnerMonthly | None:
        return self.trade.monthly

    def headline(self) -> dict | None:
        """The latest whole year's exports (Canadian dollars) and their change, as the site index lists them."""
        year = self.trade.year
        exports = self.trade.value("export", year)
        if year is None or math.isnan(exports):
            return None
        growth = self.trade.growth_pct("export", year)
        return {"year": int(year), "exports_cad": float(exports), "growth_pct": None if math.isnan(growth) else growth}


years_covered = subjects.partner_years
check = subjects.check_partner


@pipeline.reused_by_next_page
def load(partner: str, year: int | None = None) -> PartnerData:
    """Resolve the partner (code or name, either language) and compute every frame the report shows, once;
    `year=None` means the latest year with data for the partner (for a US state, the latest whole year)."""
    checked = check(partner, year)
    resolved = checked.subject
    revised = pipeline.load("revisions_us") if resolved.code == "USA" and pipeline.can_load("revisions_us") else None
    return PartnerData(resolved, subjects.partner_trade_model(resolved, checked.period), network(resolved), revised)


def header(d: PartnerData, ctx: ReportContext) -> Section:
    partner = d.partner
    title = ctx.t("partner.title", partner=partner.name_with_article(ctx.lang))
    page = PageInfo(
        kind="partner",
        lang=ctx.lang,
        title=title,
        subject=page_subject(partner.code, partner.name_en, partner.name_fr),
        sources=d.trade.source_ids + NETWORK_SOURCES,
        headline=d.headline(),
    )
    return Section(title, [page, data_line(d.trade, ctx)], level=1)


def us_state(d: PartnerData, ctx: ReportContext) -> Section | None:
    """For a US state: where it lies, and what the BTS figures are; else nothing."""
    partner = d.partner
    if not partner.is_us_state:
        return None
    section = Section(ctx.t("section.us_state_trade"))
    if d.trade.year is None:  # no source at hand has the state's trade (BTS's files are not)
        section.blocks.append(Note(ctx.t("missing.region_no_states")))
        return section
    name = partner.name(ctx.lang)
    frame = pd.DataFrame({"state": [partner.name_en], "label": [name], "highlight": [name]})
    chart = charts.choropleth(
        charts.Shading(maps.named_data("us_states"), frame, "state", "properties.name", "highlight", "label"),
        charts.MapLook(name, ctx.t("column.state"), "albersUsa"),
    )
    alt = ctx.gendered("chart.state_map_alt", partner, state=partner.name_with_article(ctx.lang))
    section.blocks.append(ctx.figure("state-map", chart, alt, frame.drop(columns="state"), ("us_states",)))
    section.blocks += state_notes.caveats(ctx)
    return section


# The trade sections are written once against the trade model (reports/trade_sections.py), whatever its source.
summary, trend, growth, canada_share, modes, sources = (
    trade_sections.summary,
    trade_sections.trend,
    trade_sections.growth,
    trade_sections.canada_share,
    trade_sections.modes,
    trade_sections.sources,
)
monthly, standing, revisions = monthly_sections.monthly, monthly_sections.standing, monthly_sections.revisions


product_mix = monthly_sections.product_mix  # the monthly table's sections where it has them


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
