"""The partner profile: Québec's trade with one partner (a country or a US state), section by section, and its
relations side (offices, agreements, the Francophonie, SEUS-CP, events)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import metrics
from ..analysis.network import SOURCES as NETWORK_SOURCES
from ..analysis.network import Network, network
from ..analysis.trade import PartnerTrade, partner_trade
from ..data import partners, trade
from ..data.trade import StateTrade
from ..visual import charts, maps
from ..visual.blocks import Figure, Note, PageInfo, Section
from . import state_notes
from .context import ReportContext, page_subject
from .network_sections import agreements, events, francophonie, offices, seus_cp
from .trade_sections import canada_share, data_line, growth, product_mix, sources, summary, trend


@dataclass(frozen=True)
class PartnerData:
    partner: partners.Partner
    trade: PartnerTrade
    state: StateTrade | None  # Québec's trade by US state (BTS), for a state's profile when the files are at hand
    state_rank: int | None  # the state's rank among Québec's US destinations in that trade
    network: Network


def load(partner: str, year: int | None = None) -> PartnerData:
    """Resolve the partner (code or name, either language) and compute every frame the report shows, once;
    `year=None` means the latest year with data for the partner."""
    resolved = partners.resolve(partner)
    state = trade.load_state_trade() if resolved.is_us_state else None
    ranks = metrics.rank_descending(state.by_state["export"]) if state else pd.Series(dtype=int)
    rank = int(ranks[resolved.code]) if resolved.code in ranks.index else None
    return PartnerData(resolved, partner_trade(resolved, year, trade.load()), state, rank, network(resolved))


def header(d: PartnerData, ctx: ReportContext) -> Section:
    partner = d.partner
    title = ctx.t("partner_title", partner=partner.name_with_article(ctx.lang))
    params = ctx.t("parameters", partner=partner.name(ctx.lang), code=partner.code,
                   year=d.trade.year if d.trade.year is not None else ctx.MISSING, lang=ctx.lang)
    used = d.trade.dataset.source_ids + (("bts_transborder_dot2",) if d.state else ()) + NETWORK_SOURCES
    page = PageInfo(kind="partner", lang=ctx.lang, title=title,
                    subject=page_subject(partner.code, partner.name_en, partner.name_fr), sources=used)
    return Section(title, [page, Note(params, "params"), data_line(d.trade, ctx)], level=1)


def us_state(d: PartnerData, ctx: ReportContext) -> Section | None:
    """For a US state: its trade with Québec from BTS (US dollars), its rank among states, a map; else nothing."""
    partner = d.partner
    if not partner.is_us_state:
        return None
    section = Section(ctx.t("us_state_trade"))
    if d.state is None:
        section.blocks.append(Note(ctx.t("region_no_states")))
        return section
    mine = d.state.by_state.reindex([partner.code]).fillna(0.0).iloc[0]
    section.blocks += [state_notes.period_note(d.state, ctx),
                       ctx.t("us_state_summary", exports=state_notes.usd(mine["export"], ctx),
                             imports=state_notes.usd(mine["import"], ctx), state=partner.name_with_article(ctx.lang))]
    if d.state_rank is not None:
        share = ctx.percent(mine["export"] / d.state.exports_to_all_states * 100.0)
        section.blocks.append(ctx.t("us_state_rank", of=ctx.phrase(partner, "of"), rank=ctx.ordinal(d.state_rank),
                                    share=share))
    name = partner.name(ctx.lang)
    frame = pd.DataFrame({"state": [partner.name_en], "label": [name], "highlight": [name]})
    chart = charts.choropleth(maps.named_data("us_states"), frame, "state", "properties.name", "highlight", name,
                              ctx.t("country"), "label", "albersUsa")
    section.blocks.append(Figure("state-map", chart, ctx.t("chart_state_map_alt", state=name),
                                 frame.drop(columns="state"), ("us_states",)))
    section.blocks += state_notes.caveats(ctx)
    return section


SECTIONS = (header, summary, us_state, trend, growth, product_mix, canada_share, offices, agreements, francophonie,
            seus_cp, events, sources)
