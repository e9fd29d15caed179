"""The monthly trade bulletin: what the US tariffs are doing to Québec's exports, which products, and whether Québec
sells more elsewhere — the month's figures in sentences to quote, exports to the United States and to the rest of the
world since 2023, which partners and which product sections moved (their contributions, computed once in
analysis/contributions.py), and the trade-policy measures of 2025–2026 on every monthly chart and in a table."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..analysis import display, month_review, names, narrative
from ..analysis import formatting as fmt
from ..analysis import measures as policy_rules
from ..analysis.contributions import REST_OF_WORLD, UNALLOCATED, UNITED_STATES, Contributions, Span
from ..analysis.display import VALUE_FORMAT
from ..analysis.monthly import RESIDUAL
from ..data import pipeline, trade
from ..data import sources as registry
from ..data.trade import MonthlyTrade
from ..errors import QuebecIntlError
from ..visual import charts
from ..visual.blocks import Note, PageInfo, Quotes, Section, Table
from . import citations, policy
from .context import ReportContext, catalogue_subject
from .monthly_sections import missing_months_note

SIDES = (UNITED_STATES, REST_OF_WORLD)
PRINTED_PARTNERS = 4  # the printed digest of the partners' table: those that moved most, either way
PRINTED_SECTIONS = 3  # and of each table of sections


@dataclass(frozen=True)
class BulletinData:
    month: pd.Period
    review: month_review.MonthReview
    monthly: MonthlyTrade  # the table, to explore any period (analysis/contributions.py)
    measures: pd.DataFrame  # every measure, numbered (empty without the curated table)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return (*self.review.source_ids, policy.SOURCE_ID)


def _table() -> MonthlyTrade:
    m = trade.load_monthly()
    if m is None or not m.months:
        raise QuebecIntlError(
            "the bulletin needs Statistics Canada's table 12-10-0175-01 month by month, which no source at hand "
            "holds: set QUEBEC_INTL_MIRROR to the source mirror, or run `quebec-intl data`"
        )
    return m


def check(month: str | None = None) -> pd.Period:
    """The bulletin's month: one the table holds, with the same month a year before (the latest by default)."""
    held = month_review.months_held(_table())
    if not held:
        raise QuebecIntlError("the monthly table holds no month with the same month a year before it")
    if month is None:
        return held[-1]
    chosen = pd.Period(month, freq="M")
    if chosen not in held:
        raise QuebecIntlError(
            f"no bulletin for {month}: the monthly table gives months from {held[0]} to {held[-1]} with the same "
            f"month a year before; give --month between them"
        )
    return chosen


@pipeline.reused_by_next_page
def load(month: str | None = None) -> BulletinData:
    chosen = check(month)
    m, numbered = _table(), policy.numbered()
    return BulletinData(chosen, month_review.review(m, chosen), m, numbered if numbered is not None else pd.DataFrame())


# --- the page ---------------------------------------------------------------------------------------------------


def _month(d: BulletinData, ctx: ReportContext) -> str:
    return policy.month_name(d.month, ctx)


def _span(span, ctx: ReportContext) -> str:
    """janvier à juillet 2026; août 2025 à juillet 2026."""
    first, last = span.first, span.last
    if first.year == last.year:
        return fmt.month_span(first.year, first.month, last.month, ctx.lang)
    return ctx.t("typography.period_range", first=policy.month_name(first, ctx), last=policy.month_name(last, ctx))


def header(d: BulletinData, ctx: ReportContext) -> Section:
    title = ctx.t("bulletin.title", month=_month(d, ctx))
    page = PageInfo(
        kind="bulletin",
        lang=ctx.lang,
        title=title,
        subject=catalogue_subject("", "bulletin.subject"),
        sources=d.source_ids,
        data_to=str(d.month),  # its figures stop at its month, whatever later months the table holds
    )
    cited = [registry.get(source_id) for source_id in d.review.source_ids]
    return Section(
        title,
        [page, Note(narrative.data_sentence(cited, ctx.lang), "data"), Note(ctx.t("bulletin.lede"), "data", "screen")],
        level=1,
    )


def _change(value: float, ctx: ReportContext) -> str:
    return ctx.percent(value, signed=True) if not math.isnan(value) else ctx.MISSING


def _direction(change: float, ctx: ReportContext) -> str:
    return ctx.t("bulletin.rose" if change >= 0 else "bulletin.fell")


def _sentence(key: str, compared: month_review.Compared, ctx: ReportContext, **values: object) -> str:
    return ctx.t(
        key,
        value=fmt.spoken_money(compared.now, ctx.lang),
        direction=_direction(compared.change, ctx),
        growth=ctx.percent(abs(compared.growth_pct)),
        change=fmt.spoken_money(abs(compared.change), ctx.lang),
        **values,
    )


def _quotes(d: BulletinData, ctx: ReportContext) -> Quotes:
    r, month = d.review, _month(d, ctx)
    ytd, twelve = r.exports.year_to_date.span, r.exports.twelve_months.span
    cited = ctx.join(list(dict.fromkeys(registry.get(s).text("citation", ctx.lang) for s in r.source_ids)))

    def source(period: str) -> str:
        return ctx.t("quote.source", sources=cited, period=period)

    items = []
    if not math.isnan(r.exports.month.growth_pct):
        text = _sentence(
            "bulletin.quote_month", r.exports.month, ctx, month=month, prev=r.exports.month.earlier.last.year
        )
        items.append((text, source(month)))
    if not math.isnan(r.imports.month.growth_pct):
        text = _sentence(
            "bulletin.quote_imports", r.imports.month, ctx, month=month, prev=r.imports.month.earlier.last.year
        )
        items.append((text, source(month)))
    span = _span(ytd, ctx)
    if not math.isnan(r.to_us.year_to_date.growth_pct):
        text = _sentence("bulletin.quote_us_ytd", r.to_us.year_to_date, ctx, span=span)
        items.append((text, source(span)))
    if not math.isnan(r.to_rest.year_to_date.growth_pct):
        text = _sentence("bulletin.quote_rest_ytd", r.to_rest.year_to_date, ctx, span=span)
        items.append((text, source(span)))
    twelve_text = _span(twelve, ctx)
    if not math.isnan(r.exports.twelve_months.growth_pct) and twelve != ytd:  # December: the year to date says it
        text = _sentence("bulletin.quote_12m", r.exports.twelve_months, ctx, span=twelve_text)
        items.append((text, source(twelve_text)))
    return Quotes(items)


def the_month(d: BulletinData, ctx: ReportContext) -> Section:
    """Exports and imports: the month against a year before and the month before; the year to date and the 12
    months ending in the month against the same months a year earlier. Then sentences to quote."""
    r = d.review
    section = Section(ctx.t("bulletin.the_month", month=_month(d, ctx)))
    rows = []
    for figures in (r.exports, r.imports):
        label = ctx.t(f"column.flow_{figures.flow}")
        rows.append(
            [
                label,
                ctx.money(figures.month.now),
                _change(figures.month.growth_pct, ctx),
                _change(figures.previous_month.growth_pct, ctx),
                ctx.money(figures.year_to_date.now),
                _change(figures.year_to_date.growth_pct, ctx),
                ctx.money(figures.twelve_months.now),
                _change(figures.twelve_months.growth_pct, ctx),
            ]
        )
    ytd, twelve = r.exports.year_to_date.span, r.exports.twelve_months.span
    columns = [
        "",
        _month(d, ctx),
        ctx.t("bulletin.vs_year_before"),
        ctx.t("bulletin.vs_month_before"),
        _span(ytd, ctx),
        ctx.t("bulletin.vs_same_months"),
        _span(twelve, ctx),
        ctx.t("bulletin.vs_same_months"),
    ]
    # The table's caveats (not seasonally adjusted; imports by province of clearance) are its source's, cited below.
    section.blocks += [Table(columns, rows, [False, *[True] * 7]), _quotes(d, ctx)]
    return section


def _on_chart(d: BulletinData, first: pd.Period, ctx: ReportContext) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    chosen = policy.shown(d.measures if not d.measures.empty else None, first, d.month)
    return chosen, policy.marks(chosen, first, d.month, ctx)


def us_and_rest(d: BulletinData, ctx: ReportContext) -> Section:
    """Exports to the United States and to the rest of the world each month since 2023, with their change on a year;
    the US share of exports each month since 2017, with its 12-month average; the measures on both charts."""
    r = d.review
    section = Section(ctx.t("bulletin.us_rest"))
    labels = {"us": ctx.t("bulletin.to_us"), "rest": ctx.t("bulletin.to_rest")}
    series = r.series.dropna(subset=["us", "rest"], how="all")
    frame = pd.DataFrame(
        [
            {
                "month": month.start_time.strftime("%Y-%m-%d"),
                "measure": labels[side],
                "panel": ctx.t("chart.each_month"),
                "value_cad_bn": display.in_unit(value, "CAD_billion"),
                "change_pct": row[f"{side}_change_pct"],
            }
            for month, row in series.iterrows()
            for side in ("us", "rest")
            if pd.notna(value := row[side])
        ]
    )
    first = series.index.min()
    chosen, marks = _on_chart(d, first, ctx)
    period = _span(month_review.Span(first, d.month), ctx)
    title = ctx.t("bulletin.us_rest_title", period=period)
    chart = charts.monthly(frame, title, ctx.t("chart.value_billions"), ctx.t("chart.month_axis"), VALUE_FORMAT, marks)
    alt_text = policy.alt_text(ctx.t("bulletin.us_rest_alt", period=period), chosen, ctx)
    section.blocks += [
        _sentence_pair(d, ctx),
        ctx.figure("us-rest", chart, alt_text, frame),
        _change_table(series, ctx),
    ]
    share = r.share.dropna(subset=["share_pct"], how="all")
    share_frame = pd.DataFrame(
        [
            {"month": month.start_time.strftime("%Y-%m-%d"), "series": ctx.t(key), "share_pct": row[column]}
            for month, row in share.iterrows()
            for key, column in (("bulletin.share_month", "share_pct"), ("bulletin.share_12m", "average_12m_pct"))
            if pd.notna(row[column])
        ]
    )
    first_share = share.index.min()
    chosen_share, share_marks = _on_chart(d, first_share, ctx)
    share_period = _span(month_review.Span(first_share, d.month), ctx)
    share_chart = charts.shares_over_months(
        share_frame,
        ctx.t("bulletin.share_title", period=share_period),
        ctx.t("chart.us_share_axis"),
        ctx.t("chart.month_axis"),
        share_marks,
    )
    last = share.iloc[-1]
    section.blocks += [
        ctx.t(
            "bulletin.share_sentence",
            month=_month(d, ctx),
            share=ctx.percent(last["share_pct"]),
            average=ctx.percent(last["average_12m_pct"]),
        ),
        ctx.figure(
            "us-share-months",
            share_chart,
            policy.alt_text(ctx.t("bulletin.share_alt", period=share_period), chosen_share, ctx),
            share_frame,
        ),
        *policy.legend(chosen_share, ctx, in_table=True),
        Note(ctx.t("bulletin.rest_note"), "method"),
        *missing_months_note(r.missing_months, ctx),
    ]
    return section


def _sentence_pair(d: BulletinData, ctx: ReportContext) -> str:
    """The year to date's exports to the United States and to the rest of the world, in one sentence."""
    us, rest = d.review.to_us.year_to_date, d.review.to_rest.year_to_date
    return ctx.t(
        "bulletin.us_rest_sentence",
        span=_span(us.span, ctx),
        us_direction=_direction(us.change, ctx),
        us_growth=ctx.percent(abs(us.growth_pct)),
        us_change=ctx.signed_money(us.change),
        rest_direction=_direction(rest.change, ctx),
        rest_growth=ctx.percent(abs(rest.growth_pct)),
        rest_change=ctx.signed_money(rest.change),
    )


def _change_table(series: pd.DataFrame, ctx: ReportContext) -> Table:
    """The latest 12 months: exports to each side and their change on the same month a year before."""
    rows = [
        [
            policy.month_name(month, ctx),
            ctx.money(row["us"]),
            _change(row["us_change_pct"], ctx),
            ctx.money(row["rest"]),
            _change(row["rest_change_pct"], ctx),
        ]
        for month, row in series.tail(12).iloc[::-1].iterrows()
    ]
    columns = [
        ctx.t("chart.month_axis"),
        ctx.t("bulletin.to_us"),
        ctx.t("bulletin.vs_year_before"),
        ctx.t("bulletin.to_rest"),
        ctx.t("bulletin.vs_year_before"),
    ]
    return Table(columns, rows, [False, True, True, True, True], media="screen")


def _part_name(code: str, ctx: ReportContext) -> str:
    if code == RESIDUAL:
        return ctx.t("bulletin.other_countries")
    if code == UNALLOCATED:
        return ctx.t("bulletin.unallocated")
    return ctx.name(code)


def partners(d: BulletinData, ctx: ReportContext) -> Section:
    """Each principal partner's contribution to the change in exports over the year to date, ranked, the other
    countries as the residual they are."""
    c = d.review.partners
    section = Section(ctx.t("bulletin.partners"))
    if not c.known:
        section.blocks.append(Note(ctx.t("bulletin.no_change"), "missing"))
        return section
    span = _span(c.span, ctx)
    moved = c.parts.drop(index=[RESIDUAL])

    def row(name: str, part: pd.Series) -> list[str]:
        return [
            name,
            ctx.money(part["before"]),
            ctx.money(part["now"]),
            ctx.signed_money(part["change"]),
            ctx.points(part["contribution_pp"]),
        ]

    total = [
        ctx.t("bulletin.all_countries"),
        ctx.money(c.total_before),
        ctx.money(c.total_now),
        ctx.signed_money(c.change),
        ctx.points(c.growth_pct),
    ]
    residual = row(_part_name(RESIDUAL, ctx), c.parts.loc[RESIDUAL])
    rows = [*(row(_part_name(code, ctx), part) for code, part in moved.iterrows()), residual, total]
    largest = moved.reindex(moved["change"].abs().sort_values(ascending=False).index[:PRINTED_PARTNERS])
    ranked = largest.sort_values("change", ascending=False)
    others = moved.index.difference(largest.index)
    printed = [
        *(row(_part_name(code, ctx), part) for code, part in ranked.iterrows()),
        row(ctx.t("bulletin.other_principal", count=len(others)), c.together(others)),
        residual,
        total,
    ]
    up, down = moved[moved["change"] > 0].head(3), moved[moved["change"] < 0].iloc[::-1].head(3)

    def listed(rows_: pd.DataFrame) -> str:
        return ctx.join([f"{_part_name(code, ctx)} ({ctx.signed_money(r['change'])})" for code, r in rows_.iterrows()])

    columns = [
        ctx.t("bulletin.partner"),
        _span(c.span.year_before(), ctx),
        span,
        ctx.t("bulletin.change"),
        ctx.t("bulletin.contribution"),
    ]
    section.blocks += [
        ctx.t(
            "bulletin.partners_sentence",
            span=span,
            growth=ctx.percent(c.growth_pct, signed=True),
            change=ctx.signed_money(c.change),
            up=listed(up) or ctx.MISSING,
            down=listed(down) or ctx.MISSING,
        ),
        Table(columns, rows, [False, True, True, True, True], media="screen"),
        Table(columns, printed, [False, True, True, True, True], media="print"),
        Note(ctx.t("bulletin.contribution_note"), "method"),
        Note(ctx.t("bulletin.residual_note"), "method", media="screen"),  # printed, its row says « résidu »
    ]
    return section


def products(d: BulletinData, ctx: ReportContext) -> Section:
    """Each NAPCS section's contribution to the change in exports to the United States and to the rest of the world,
    over the year to date and the 12 months ending in the month, with the measures targeting it."""
    section = Section(ctx.t("bulletin.products"))
    twelve = Span.twelve_months(d.month)
    in_force = policy.shown(d.measures if not d.measures.empty else None, twelve.first, twelve.last)
    for side in SIDES:
        ytd, twelve = d.review.sections[side]["ytd"], d.review.sections[side]["12m"]
        section.blocks.append(
            Section(ctx.t(f"bulletin.products_{side}"), _products_blocks(ytd, twelve, in_force, ctx), level=3)
        )
    section.blocks.append(Note(ctx.t("bulletin.sections_note"), "method"))
    return section


def _products_blocks(ytd: Contributions, twelve: Contributions, in_force: pd.DataFrame, ctx: ReportContext) -> list:
    if not (ytd.known and twelve.known):
        return [Note(ctx.t("bulletin.no_change"), "missing")]
    sections = ytd.parts.drop(index=[UNALLOCATED])

    def row(name: str, a: pd.Series, b: pd.Series, numbers: list[int] | None) -> list[str]:
        return [
            name,
            ctx.signed_money(a["change"]),
            ctx.points(a["contribution_pp"]),
            ctx.signed_money(b["change"]) if pd.notna(b["change"]) else ctx.MISSING,
            ctx.points(b["contribution_pp"]) if pd.notna(b["contribution_pp"]) else ctx.MISSING,
            "" if numbers is None else ", ".join(str(n) for n in numbers) or ctx.MISSING,
        ]

    def of(code: str) -> list[str]:
        numbers = policy.section_measures(in_force, code) if code != UNALLOCATED and not in_force.empty else []
        return row(_section_name(code, ctx), ytd.parts.loc[code], twelve.parts.reindex([code]).iloc[0], numbers)

    total = row(
        ctx.t("bulletin.all_sections"),
        pd.Series({"change": ytd.change, "contribution_pp": ytd.growth_pct}),
        pd.Series({"change": twelve.change, "contribution_pp": twelve.growth_pct}),
        None,
    )
    rows = [*(of(code) for code in [*sections.index, UNALLOCATED]), total]
    # Printed: the sections that moved most over the year to date, the others together (their changes summed).
    largest = sections["change"].abs().sort_values(ascending=False).index[:PRINTED_SECTIONS]
    others = ytd.parts.index.difference(largest)
    rest = row(
        ctx.t("bulletin.other_sections", count=len(others) - 1),
        ytd.together(others),
        twelve.together(others),
        None,
    )
    printed = [*(of(code) for code in sections.index if code in set(largest)), rest, total]
    columns = [
        ctx.label("product_section_code"),
        ctx.t("bulletin.change_over", span=_span(ytd.span, ctx)),
        ctx.t("bulletin.contribution"),
        ctx.t("bulletin.change_over", span=_span(twelve.span, ctx)),
        ctx.t("bulletin.contribution"),
        ctx.t("bulletin.measures_column"),
    ]
    top_down = sections[sections["change"] < 0].iloc[::-1].head(2)
    top_up = sections[sections["change"] > 0].head(2)
    sentence = ctx.t(
        "bulletin.products_sentence",
        span=_span(ytd.span, ctx),
        growth=ctx.percent(ytd.growth_pct, signed=True),
        down=ctx.join([f"{_section_name(c, ctx)} ({ctx.points(r['contribution_pp'])})" for c, r in top_down.iterrows()])
        or ctx.MISSING,
        up=ctx.join([f"{_section_name(c, ctx)} ({ctx.points(r['contribution_pp'])})" for c, r in top_up.iterrows()])
        or ctx.MISSING,
    )
    numeric = [False, True, True, True, True, False]
    return [sentence, Table(columns, rows, numeric, media="screen"), Table(columns, printed, numeric, media="print")]


def _section_name(code: str, ctx: ReportContext) -> str:
    return _part_name(code, ctx) if code == UNALLOCATED else names.capitalized(ctx.section_name(code))


def measures(d: BulletinData, ctx: ReportContext) -> Section:
    """The measures in force during the month, those that started in it and those that ended in it."""
    section = Section(ctx.t("bulletin.measures"))
    if d.measures.empty:
        section.blocks.append(Note(ctx.t("bulletin.no_measures"), "missing"))
        return section
    in_force = policy_rules.in_force(d.measures, d.month, d.month)
    started = policy_rules.started_in(d.measures, d.month)
    ended = policy_rules.ended_in(d.measures, d.month)
    for rows, key in ((started, "bulletin.started"), (ended, "bulletin.ended")):
        items = ctx.join(
            [ctx.t("measures.numbered", number=row.number, title=policy.title(row, ctx)) for row in rows.itertuples()]
        )
        month = _month(d, ctx)
        section.blocks.append(ctx.t(key, month=month, items=items) if len(rows) else ctx.t(f"{key}_none", month=month))
    shown = pd.concat([in_force, ended]).drop_duplicates("measure_id").sort_values("number")
    section.blocks += [
        ctx.count("bulletin.in_force", len(in_force), month=_month(d, ctx)),
        policy.table(shown, ctx, media="screen"),
        policy.digest(shown, ctx),
        Note(ctx.t("bulletin.measures_note"), "method", media="screen"),
    ]
    return section


def sources(d: BulletinData, ctx: ReportContext) -> Section:
    section = Section(ctx.t("section.sources"))
    section.blocks += citations.cite([registry.get(source_id) for source_id in d.source_ids], ctx)
    return section


SECTIONS = (header, the_month, us_and_rest, partners, products, measures, sources)
