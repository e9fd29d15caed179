"""Sections on Québec's trade with one partner, shared by the partner profile and the overview (whose partner is
all countries). Each is a function of a report's data object holding a `trade: PartnerTrade`, and the context."""

from __future__ import annotations

import math
from typing import Protocol

import pandas as pd

from ..analysis import narrative
from ..analysis.text import joined
from ..analysis.trade import PartnerTrade
from ..data.fields import unit_factor
from ..data.reference import QUEBEC
from ..data.trade import EMBEDDED_SOURCE, is_embedded
from ..data.transform.trade_annual import NOT_CURRENT_DOLLARS
from ..visual import charts, runs
from ..visual.blocks import Links, Note, Omitted, Section, Table
from . import citations, line_breaks
from . import years as year_runs
from .context import ReportContext

VALUE_FORMAT = ",.1f"
FLOWS = ("export", "import", "balance")


class HasTrade(Protocol):
    trade: PartnerTrade


def data_line(trade: PartnerTrade, ctx: ReportContext, others=()) -> Note:
    """What this partner's figures stand on, by official citation: the official tables, or the published figures
    the project transcribed (the embedded default); `others`, further sources the page reads."""
    official = [source for source in trade.sources if not is_embedded(source.id)]
    return Note(narrative.data_sentence(official + list(others), ctx.lang, published=not official), "data")


def missing(heading: str, why: str, ctx: ReportContext, **values: object) -> Omitted:
    """A section the sources cannot fill: left out of the page, named in its "not covered" note."""
    return Omitted(heading, ctx.t(why, **values))


def summary(d: HasTrade, ctx: ReportContext) -> Section:
    trade = d.trade
    if trade.year is None:
        return Section(ctx.t("summary"), [Note(ctx.t("no_data", with_=ctx.phrase(trade.partner, "with")))])
    return Section(ctx.t("summary"), [narrative.summary(trade.highlights(getattr(d, "monthly", None)), ctx.lang)])


def trend(d: HasTrade, ctx: ReportContext) -> Section:
    trade, section = d.trade, Section(ctx.t("trend"))
    flows = trade.flows
    if flows.empty:
        section.blocks.append(Note(ctx.t("no_data", with_=ctx.phrase(trade.partner, "with"))))
        return section
    labels = ctx.flow_labels()
    frame = charts.trend_frame(flows, labels, origins=trade.origins)
    period = ctx.period(int(flows.index.min()), int(flows.index.max()))
    chart = charts.trend(frame, ctx.t("trend"), ctx.t("value_billions"), ctx.t("year"), VALUE_FORMAT)
    alt = ctx.t(
        "chart_trend_alt", to=ctx.phrase(trade.partner, "to"), from_=ctx.phrase(trade.partner, "from"), period=period
    )
    section.blocks.append(ctx.figure("trend", chart, alt, runs.for_readers(frame)))
    rows = [[str(year)] + [ctx.billions(flows.at[year, flow]) for flow in FLOWS] for year in flows.index]
    section.blocks.append(
        Table([ctx.label("ref_year"), *map(ctx.in_billions, labels.values())], rows, [False, True, True, True])
    )
    section.blocks.extend(line_breaks.note(frame, "measure", ctx))
    unpaired = flows.index[flows["export"].notna() & flows["import"].notna() & flows["balance"].isna()]
    if len(unpaired):
        section.blocks.append(Note(ctx.t("balance_not_computed", years=year_runs.span(unpaired)), "method"))
    if trade.year is not None and trade.year not in flows.index:
        what = ctx.t("what_trade", with_=ctx.phrase(trade.partner, "with"))
        section.blocks.append(Note(ctx.t("missing_year", year=trade.year, what=what)))
    published = published_years(trade)
    if published and len(published) < len(flows.index):
        section.blocks.append(
            Note(ctx.t("trend_published_years", years=joined(ctx.lang, year_runs.runs(published))), "method")
        )
    return section


def published_years(trade: PartnerTrade) -> list[int]:
    """The years of the trend that stand on a published figure rather than an official table: a reader weighing a
    change between two years needs to know that one of them was rounded by a press release."""
    rows = trade.rows
    quebec = rows[rows["reporter_code"].eq(QUEBEC) & rows["product_section_code"].eq("total")]
    return sorted(int(y) for y in set(quebec.loc[quebec["source_id"].eq(EMBEDDED_SOURCE), "ref_year"]))


def growth(d: HasTrade, ctx: ReportContext) -> Section:
    trade, section = d.trade, Section(ctx.t("growth"))
    rates = trade.growth.rename(columns=lambda column: column.removesuffix("_pct"))
    if rates.empty:
        return missing(ctx.t("growth"), "why_no_growth", ctx)
    labels = ctx.flow_labels()
    long = (
        rates.rename_axis("ref_year")
        .reset_index()
        .melt(id_vars="ref_year", var_name="flow", value_name="growth_pct")
        .dropna()
    )
    frame = long.assign(measure=long["flow"].map(labels))[["ref_year", "measure", "growth_pct"]]
    period = ctx.period(int(frame["ref_year"].min()), int(frame["ref_year"].max()))
    chart = charts.growth(frame, ctx.t("growth"), ctx.t("growth_axis"), ctx.t("year"))
    section.blocks.append(ctx.figure("growth", chart, ctx.t("chart_growth_alt", period=period), frame))
    rows = [
        [str(year)] + [ctx.percent(rates.at[year, f], signed=True) for f in ("export", "import")]
        for year in rates.index
    ]
    section.blocks.append(Table([ctx.label("ref_year"), labels["export"], labels["import"]], rows, [False, True, True]))
    if trade.year is not None:
        shown = [
            ctx.t("cagr_window", years=n, first=trade.year - n, last=trade.year, pct=ctx.percent(value, signed=True))
            for n, value in trade.cagr.items()
            if not math.isnan(value)
        ]
        if shown:
            section.blocks.append(ctx.t("cagr_line", windows=ctx.join(shown)))
    if set(trade.bases.stack().dropna()) != {"customs"}:
        section.blocks.append(Note(ctx.t("growth_bases_note"), "method"))
    return section


def product_mix(d: HasTrade, ctx: ReportContext) -> Section:
    trade, year = d.trade, d.trade.year
    mix, change = trade.exports_by_section, trade.mix
    if change.empty:
        return missing(ctx.t("mix"), "why_no_sections", ctx)
    names = {code: ctx.section_name(code) for code in change.index}
    bars = mix[mix["ref_year"].isin([y for y in (year - 1, year) if (mix["ref_year"] == y).any()])]
    bars = pd.DataFrame(
        {
            "section": bars["product_section_code"].map(names),
            "period": bars["ref_year"].astype(str),
            "value_cad_bn": bars["value_cad"] / unit_factor("CAD_billion"),
        }
    )
    chart = charts.section_bars(bars, ctx.t("mix"), ctx.t("value_billions"), VALUE_FORMAT)
    section = Section(ctx.t("mix"), [ctx.figure("mix", chart, ctx.t("chart_mix_alt", year=year, prev=year - 1), bars)])
    rows = [
        [
            names[code],
            ctx.billions(r.value),
            ctx.percent(r.share_pct),
            ctx.points(r.share_pct - r.share_prev_pct),
            ctx.billions(r.change, digits=2),
            ctx.percent(r.growth_pct, signed=True),
        ]
        for code, r in change.iterrows()
    ]
    since = ctx.t("change_vs", year=year - 1)
    columns = [
        ctx.label("product_section_code"),
        ctx.in_billions(ctx.t("value_in", year=year)),
        ctx.t("share"),
        ctx.labelled(ctx.t("share"), since),
        ctx.in_billions(since),
        "%",
    ]
    section.blocks.append(Table(columns, rows, [False, True, True, True, True, True]))
    section.blocks.extend(drivers(change, names, year, ctx))
    return section


def drivers(change: pd.DataFrame, names: dict[str, str], year: int, ctx: ReportContext) -> list[str]:
    """The sections that moved exports most since the year before, up and down."""
    moved = change.dropna(subset=["change"]).sort_values("change")
    up, down = moved[moved["change"] > 0].tail(2).iloc[::-1], moved[moved["change"] < 0].head(2)

    def describe(rows: pd.DataFrame) -> str:
        return ", ".join(f"{names[code]} ({ctx.signed_money(value)})" for code, value in rows["change"].items())

    lines = [ctx.t("drivers_up", prev=year - 1, items=describe(up))] if len(up) else []
    return lines + ([ctx.t("drivers_down", items=describe(down))] if len(down) else [])


def canada_share(d: HasTrade, ctx: ReportContext) -> Section:
    trade = d.trade
    shares = trade.canada_exports
    if shares.empty:
        return missing(ctx.t("canada"), "why_no_provinces_country", ctx, for_=ctx.phrase(trade.partner, "for"))
    names = {code: ctx.province(code) for code in shares["reporter_code"]}
    frame = pd.DataFrame({"province": shares["reporter_code"].map(names), "share_pct": shares["share_pct"]})
    heading = ctx.t("canada") if trade.canada_year == trade.year else f"{ctx.t('canada')}, {trade.canada_year}"
    chart = charts.province_shares(frame, heading, ctx.t("share_axis"), names[QUEBEC])
    alt = ctx.t("chart_canada_alt", to=ctx.phrase(trade.partner, "to"), year=trade.canada_year)
    imports = trade.canada_imports.set_index("reporter_code")
    rows = [
        [
            ctx.ordinal(r.rank),
            names[r.reporter_code],
            ctx.billions(r.value_cad),
            ctx.percent(r.share_pct),
            ctx.billions(imports["value_cad"].get(r.reporter_code, math.nan)),
            ctx.percent(imports["share_pct"].get(r.reporter_code, math.nan)),
        ]
        for r in shares.itertuples()
    ]
    columns = [
        "#",
        ctx.label("reporter_code"),
        ctx.in_billions(ctx.t("flow_export")),
        ctx.t("share"),
        ctx.in_billions(ctx.t("flow_import")),
        ctx.t("share"),
    ]
    return Section(
        heading,
        [
            ctx.figure("canada", chart, alt, frame),
            Table(columns, rows, [True, False, True, True, True, True]),
            Note(ctx.t("caveat_imports_clearance"), "caveat"),
            Note(ctx.t("method_canada"), "method"),
        ],
    )


def _cited(figures: pd.DataFrame, ctx: ReportContext) -> list[tuple[str, str]]:
    """Each published figure as `year, flow: value` beside the address that publishes it; a figure in constant
    dollars says so (it is why it was not used)."""

    def value(r) -> str:
        shown = ctx.money(r.value_cad)
        return f"{shown} ({ctx.t('basis_' + r.basis)})" if r.basis in NOT_CURRENT_DOLLARS else shown

    return [
        (ctx.labelled(f"{r.ref_year}, {ctx.t('flow_' + r.flow).lower()}", value(r)), r.source_url)
        for r in figures.sort_values(["ref_year", "flow"]).itertuples()
    ]


def sources(d: HasTrade, ctx: ReportContext) -> Section:
    trade = d.trade
    section = Section(ctx.t("sources"), [Note(ctx.t("relations_sources_note"), "method")])
    for source in trade.sources:
        section.blocks.append(citations.cited(source, ctx))
        section.blocks.extend(Note(ctx.t(f"caveat_{c}"), "caveat") for c in source.caveats)
    others = trade.dataset.other_published
    for intro, figures in (
        ("figures_used", trade.rows[trade.rows["figure_id"].notna()]),
        ("other_published", others[others["partner_code"].eq(trade.partner.code)]),
    ):
        if len(figures):
            section.blocks.append(Links(ctx.t(intro), _cited(figures, ctx)))
    section.blocks.append(Note(ctx.t("generated_from"), "method"))
    return section
