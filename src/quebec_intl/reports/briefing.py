"""The briefing note: one or two printed pages on a country, a US state or a region for a minister's mission — the
key figures, Québec's presence and ties, and sentences to quote, each with its source and period. It reads its
figures as the partner and region pages read theirs (reports/subjects.py), so a figure it states is the figure those
pages show."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import formatting as fmt
from ..analysis import key_figures as key
from ..analysis import names, narrative, words
from ..analysis.facts import Change
from ..analysis.network import QUEBEC_MEMBER, Network, network
from ..analysis.network import SOURCES as NETWORK_SOURCES
from ..analysis.subject_trade import SubjectTrade
from ..data import partners, pipeline, regions
from ..data import sources as registry
from ..errors import QuebecIntlError
from ..visual import charts, runs
from ..visual.blocks import Figure, Note, PageInfo, Section, Table
from . import citations, line_breaks, quotes, subjects
from .context import ReportContext, page_subject, product_cell
from .network_sections import city_of, groupings_line, official_total, register_link, title_of, where_held
from .quotes import phrase

LATEST_EVENTS = 4  # what two printed pages hold beside the figures (SEUS-CP: its four latest conferences)
TREND_YEARS = 9  # the chart's years: enough to see a direction on a printed page


@dataclass(frozen=True)
class BriefingData:
    subject: partners.Partner | regions.Region
    figures: key.KeyFigures | None  # None: no source at hand has the subject's trade
    trend: pd.DataFrame  # exports and imports by whole year, Canadian dollars (the chart)
    network: Network
    in_grouping_since: int | None = None  # a region Québec belongs to: the year it joined
    trend_origins: pd.DataFrame | None = None  # a country: where each year of `trend` comes from (sources vary)

    @property
    def is_region(self) -> bool:
        return isinstance(self.subject, regions.Region)


def check(partner: str | None = None, region: str | None = None, year: int | None = None):
    """The subject a note can be about (one partner or one region), for a year its sources cover in full."""
    checked = _subject(partner, region, year)
    if year is not None:
        _trade(checked)
    return checked


def _subject(partner: str | None, region: str | None, year: int | None) -> subjects.Checked:
    if (partner is None) == (region is None):
        raise QuebecIntlError(
            "a briefing note is about one partner or one region: give --partner (say US-GA or France) "
            f"or --region (say SEUS-CP){', not both' if partner is not None else ''}"
        )
    return subjects.check_partner(partner, year) if partner is not None else subjects.check_region(region, year)


def _trade(checked: subjects.Checked) -> SubjectTrade | None:
    found = subjects.subject_trade(checked.subject, checked.period)
    subjects.require_whole_year(
        {checked.subject.name_en: found}, checked.period.asked, "a note states a year's figures"
    )
    return found


@pipeline.reused_by_next_page
def load(partner: str | None = None, region: str | None = None, year: int | None = None) -> BriefingData:
    """The subject's figures, read as its partner or region page reads them, and the note's key figures from them."""
    checked = _subject(partner, region, year)
    subject, found = checked.subject, _trade(checked)
    figures = key.KeyFigures(found) if found is not None else None
    trend = _whole_years(found)
    if partner is not None:
        origins = found.origins if found is not None else None
        return BriefingData(subject, figures, trend, network(subject), trend_origins=origins)
    joined = regions.membership()
    mine = joined[joined["region_id"].eq(subject.id) & joined["member_code"].eq(QUEBEC_MEMBER)]
    since = int(mine["since_year"].iloc[0]) if len(mine) and pd.notna(mine["since_year"].iloc[0]) else None
    return BriefingData(subject, figures, trend, network(None, subject), since)


def _whole_years(found: SubjectTrade | None) -> pd.DataFrame:
    flows = found.whole_flows() if found is not None else pd.DataFrame()
    if flows.empty:
        return pd.DataFrame(columns=["export", "import"])
    shown = flows.dropna(how="all")
    shown = shown[shown.index <= found.year]
    return shown.tail(TREND_YEARS)


def _name(d: BriefingData, ctx: ReportContext) -> str:
    return d.subject.name_with_article(ctx.lang)


def header(d: BriefingData, ctx: ReportContext) -> Section:
    subject = d.subject
    title = ctx.t("briefing.title", subject=names.capitalized(_name(d, ctx)))
    code = "" if d.is_region else subject.code
    used = d.figures.source_ids if d.figures else ()
    page = PageInfo(
        kind="briefing",
        lang=ctx.lang,
        title=title,
        subject=page_subject(code, subject.name_en, subject.name_fr),
        sources=(*used, *NETWORK_SOURCES),
    )
    blocks: list = [page]
    if d.figures:
        cited = [registry.get(source_id) for source_id in used]
        blocks.append(Note(narrative.data_sentence(cited, ctx.lang), "data"))
    return Section(title, blocks, level=1)


def key_figures(d: BriefingData, ctx: ReportContext) -> Section:
    """The year's figures in one table, the year to date beside them, the products and where the goods travel."""
    section = Section(ctx.t("briefing.key_figures"))
    f = d.figures
    if f is None:
        section.blocks.append(Note(ctx.t("briefing.no_trade", with_=_with(d, ctx))))
        return section
    year = str(f.year)
    rows = [
        [f"{ctx.t('column.flow_export')}, {year}", ctx.money(f.exports.value), _change(f.exports, ctx)],
        [f"{ctx.t('column.flow_import')}, {year}", ctx.money(f.imports.value), _change(f.imports, ctx)],
        [f"{ctx.t('column.flow_balance')}, {year}", ctx.money(f.balance_cad), ctx.MISSING],
    ]
    for flow, label in ((f.ytd_exports, "column.flow_export"), (f.ytd_imports, "column.flow_import")):
        if flow and flow.known:
            span = fmt.month_span(flow.period.year, 1, flow.period.last_month, ctx.lang)
            rows.append([f"{ctx.t(label)}, {span}", ctx.money(flow.value), _change(flow, ctx, same_months=True)])
    columns = [ctx.t("briefing.figure"), ctx.t("briefing.value"), ctx.t("briefing.change")]
    section.blocks.append(Table(columns, rows, [False, True, True]))
    if f.trade.converted:  # published in US dollars (BTS), converted at the Bank of Canada's rate
        section.blocks.append(Note(ctx.t("sources.state_conversion_note"), "method"))
    lines = [line for line in (_standing_line(d, ctx), _provinces_line(d, ctx), _modes_line(f, ctx)) if line]
    section.blocks += lines
    if f.products:
        section.blocks.append(_products_table(f, ctx))
    if len(d.trend) >= 2:
        section.blocks.extend(_trend_figure(d, ctx))
    if f.members:
        section.blocks.append(_members_line(d, ctx))
    return section


def _with(d: BriefingData, ctx: ReportContext) -> str:
    return phrase(d, "with", ctx)


def _change(flow: key.Amount, ctx: ReportContext, same_months: bool = False) -> str:
    phrased = words.change(Change(flow.growth_pct, flow.period.year - 1, same_months), ctx.lang, "cell")
    return phrased or ctx.MISSING


def _standing_line(d: BriefingData, ctx: ReportContext) -> str | None:
    s = d.figures.standing
    if s is None or s.share_pct is None:
        return None
    return words.standing(s, ctx.lang, "briefing", year=d.figures.year)


def _provinces_line(d: BriefingData, ctx: ReportContext) -> str | None:
    f = d.figures
    return words.standing(f.provinces, ctx.lang, "briefing") if f.provinces is not None else None


def _modes_line(f: key.KeyFigures, ctx: ReportContext) -> str | None:
    return words.modes(f.modes, ctx.lang, "briefing")


def _products_table(f: key.KeyFigures, ctx: ReportContext) -> Table:
    heading = ctx.t("briefing.top_chapters" if f.products[0].classification == "chapter" else "briefing.top_sections")
    rows = [
        [product_cell(p.code, p.classification, ctx), ctx.money(p.value, currency=p.currency), ctx.percent(p.share_pct)]
        for p in f.products
    ]
    exports = ctx.t(f"briefing.exports_{f.products[0].currency.lower()}")  # US dollars said in the header
    return Table([heading, exports, ctx.t("fact.briefing_share_column")], rows, [False, True, True])


def _members_line(d: BriefingData, ctx: ReportContext) -> str:
    if len(d.figures.members) == 1:  # one member's trade, not the group's: no "100 %" weight
        member = partners.all_partners()[d.figures.members[0][0]]
        line = ctx.t("briefing.single_member", member=names.partner_phrase(member, ctx.lang, "of"))
    else:
        shown = [f"{ctx.name(code)} {ctx.percent(weight)}" for code, weight in d.figures.members[:6]]
        line = ctx.t("briefing.members", items=", ".join(shown))
    if d.figures.uncounted:
        line += " " + ctx.count("briefing.uncounted", len(d.figures.uncounted))
    return line


def _trend_figure(d: BriefingData, ctx: ReportContext) -> list[Figure | Note]:
    """The chart, and where its lines break."""
    labels = ctx.flow_labels()
    flows = d.trend.assign(balance=float("nan"))
    frame = charts.trend_frame(flows, labels, origins=d.trend_origins).dropna(subset=["value_cad_bn"])
    period = ctx.period(int(d.trend.index.min()), int(d.trend.index.max()))
    chart = charts.small_trend(
        frame,
        ctx.labelled(ctx.t("briefing.trend"), period),
        ctx.t("chart.value_billions"),
        ctx.t("column.year"),
        ",.1f",
    )
    alt_text = ctx.t("briefing.trend_alt", with_=_with(d, ctx), period=period)
    return [
        ctx.figure("briefing-trend", chart, alt_text, runs.for_readers(frame)),
        *line_breaks.note(frame, "measure", ctx),
    ]


def _official(table: pd.DataFrame) -> pd.DataFrame:
    """The rows an official page supports: a note is read aloud and quoted, so a secondary source never reaches it."""
    return table[table["source_kind"].eq("official")]


def presence(d: BriefingData, ctx: ReportContext) -> Section:
    """Québec's offices covering the subject, its agreements (the latest, framed by the ministry's total, and how
    many the sources say are in force), the groupings in common, the latest events, wherever they were held. Only
    facts an official page supports."""
    net, section = d.network, Section(ctx.t("briefing.presence"))
    offices = _official(net.offices[net.offices["is_open"]])
    if len(offices):
        names = ctx.join([_office(row, ctx) for row in offices.itertuples()])
        section.blocks.append(ctx.text(ctx.labelled(ctx.t("briefing.offices"), names) + "."))  # French spacing
    else:
        section.blocks.append(ctx.t("briefing.no_office"))
    agreements, framing = _official(net.agreements), official_total(net, ctx)
    if len(agreements):
        latest = agreements.sort_values("signed_date", ascending=False, na_position="last").head(3)
        titles = ctx.join([f"{title_of(row, ctx)} ({ctx.date(row.signed_date)})" for row in latest.itertuples()])
        in_force = int(agreements["in_force"].eq("yes").sum())
        framed = ctx.count("relations.agreements_partner_summary", len(agreements), with_=_with(d, ctx), **framing)
        section.blocks.append(
            ctx.count("briefing.agreements", len(agreements), framed=framed, in_force=in_force)
            + " "
            + ctx.t("briefing.latest", items=titles)
        )
    else:
        section.blocks.append(ctx.t("relations.no_agreements_partner", with_=_with(d, ctx), **framing))
    section.blocks.append(register_link(ctx))
    if d.is_region:
        if d.in_grouping_since:
            section.blocks.append(
                ctx.t("briefing.member_since", of=ctx.phrase(d.subject, "of"), year=d.in_grouping_since)
            )
    else:
        section.blocks.append(groupings_line(net, ctx))
    events = _official(net.events).sort_values("date_start", ascending=False).head(LATEST_EVENTS)
    if len(events):
        rows = [[ctx.date(row.date_start), title_of(row, ctx), _held(d, row, ctx)] for row in events.itertuples()]
        section.blocks.append(
            Table([ctx.label("date_start"), ctx.t("briefing.latest_events"), ctx.label("city")], rows)
        )
    return section


def _held(d: BriefingData, row, ctx: ReportContext) -> str:
    """Where an event was held: with its country on a region's note (Saint John, Canada), its city alone on a
    partner's, whose country it is."""
    return where_held(row, ctx) if d.is_region else city_of(row, ctx) or where_held(row, ctx)


def _office(row, ctx: ReportContext) -> str:
    """An office by its name, with its city where the name does not already say it."""
    name, city = ctx.pick(row, "name"), city_of(row, ctx)
    return name if not city or city in name else f"{name} ({city})"


def to_quote(d: BriefingData, ctx: ReportContext) -> Section:
    """Sentences ready for a speech, each followed by its source and period."""
    section = Section(ctx.t("briefing.quotes"))
    if d.figures is None:
        section.blocks.append(Note(ctx.t("briefing.no_trade", with_=_with(d, ctx))))
        return section
    section.blocks.append(quotes.block(quotes.quotes(d, ctx), ctx))
    return section


def sources(d: BriefingData, ctx: ReportContext) -> Section:
    used = d.figures.source_ids if d.figures else ()
    return citations.sources_section(used, ctx, Note(ctx.t("briefing.sources_note"), "method"))


SECTIONS = (header, key_figures, to_quote, presence, sources)
