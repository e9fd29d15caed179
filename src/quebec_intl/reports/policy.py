"""The trade-policy measures of 2025–2026 as pages show them: marks on a monthly chart (a dashed rule at each
measure's date, its number above), the list of the numbers under the chart and in its text alternative, and the
table of measures. A measure whose source is not official is always shown with its source named as secondary."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

from ..analysis import formatting as fmt
from ..analysis import measures as policy
from ..data import trade
from ..visual import charts
from ..visual.blocks import Note, Printed, Table
from .context import ReportContext

SOURCE_ID = "curated_trade_measures"


def numbered() -> pd.DataFrame | None:
    """Every measure with its number (the key shared by charts and tables); None without the table."""
    measures = trade.load_measures()
    return policy.numbered(measures) if measures is not None else None


def _pick(row, field: str, ctx: ReportContext) -> str:
    """A measure's text in the page's language; in English, a percentage without the space French sets before %."""
    text = ctx.pick(row, field)
    return re.sub(r"(\d) %", r"\1%", text) if ctx.lang == "en" else text


def title(row, ctx: ReportContext) -> str:
    """The measure's title in the page's language; from a secondary source, with that source named as such."""
    text = _pick(row, "title", ctx)
    if row.source_kind != "official":
        text += f" ({ctx.labelled(ctx.t('sources.secondary_source'), _host(row.source_url))})"
    return text


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host.removeprefix("www.")


def _date(row, ctx: ReportContext) -> str:
    """Its date written out; a date of announcement (no source gives the effective date) says so."""
    written = ctx.date(row.date_start)
    return ctx.t("measures.announced", date=written) if row.start_is_announcement else written


def shown(measures: pd.DataFrame | None, first: pd.Period, last: pd.Period) -> pd.DataFrame:
    """The measures a monthly chart from `first` to `last` marks: those in force at some time in it."""
    if measures is None:
        return pd.DataFrame()
    return policy.in_force(measures, first, last)


def marks(chosen: pd.DataFrame, first: pd.Period, last: pd.Period, ctx: ReportContext) -> pd.DataFrame | None:
    """The chart's marks for the measures chosen (`charts.policy_frame`), titles in the page's language."""
    if chosen.empty:
        return None
    named = chosen.assign(title=[title(row, ctx) for row in chosen.itertuples()])
    return charts.policy_frame(named, first.start_time.strftime("%Y-%m-%d"), (last - first).n + 1)


def listing(chosen: pd.DataFrame, ctx: ReportContext) -> str:
    """« 1 : Droits de douane… (4 mars 2025) ; 2 : … », the numbers a chart shows, each with its measure."""
    return ctx.join(
        [ctx.labelled(str(row.number), f"{title(row, ctx)} ({_date(row, ctx)})") for row in chosen.itertuples()]
    )


def alt_text(description: str, chosen: pd.DataFrame, ctx: ReportContext) -> str:
    """A chart's text alternative, followed by the measures it marks."""
    if chosen.empty:
        return description
    return f"{description} {ctx.t('measures.alt', items=listing(chosen, ctx))}"


def legend(chosen: pd.DataFrame, ctx: ReportContext, in_table: bool = False, listed_above: bool = False) -> list[Note]:
    """Under a chart: what the dotted rules are; the list of the numbers, unless the page's table of measures has
    them (`in_table`) or a chart above lists them (`listed_above`)."""
    if chosen.empty:
        return []
    if in_table or listed_above:
        return [Note(ctx.t("measures.legend_table" if in_table else "measures.legend_above"), "method")]
    return [Note(ctx.t("measures.legend", items=listing(chosen, ctx)), "method")]


def table(chosen: pd.DataFrame, ctx: ReportContext, media: str = "") -> Table:
    """The measures, one a row: number, dates, government, title, rate, products, legal reference, source."""
    rows = [
        [
            str(row.number),
            _dates(row, ctx),
            ctx.t(f"measures.jurisdiction_{row.jurisdiction}"),
            _pick(row, "title", ctx),
            _rate(row.rate_pct, ctx),
            _pick(row, "products", ctx),
            _legal_reference(row, ctx),
            ctx.source_link(row.source_url, row.source_kind),
        ]
        for row in chosen.itertuples()
    ]
    columns = [
        ctx.t("measures.number"),
        ctx.t("measures.dates"),
        ctx.label("jurisdiction"),
        ctx.label("measure_id"),
        ctx.label("rate_pct"),
        ctx.t("measures.products"),
        ctx.label("legal_reference"),
        ctx.t("measures.source"),
    ]
    return Table(columns, rows, [True, False, False, False, True, False, False, False], media=media)


def digest(chosen: pd.DataFrame, ctx: ReportContext) -> Printed:
    """The table of measures as a printed page has room for: one paragraph, each measure's number and title, one
    from a secondary source said to be (the screen's table names the source and the dates)."""
    items = [ctx.labelled(str(row.number), _short_title(row, ctx)) for row in chosen.itertuples()]
    return Printed(ctx.join(items))


def _short_title(row, ctx: ReportContext) -> str:
    text = _pick(row, "title", ctx)
    return text if row.source_kind == "official" else f"{text} ({ctx.t('sources.secondary_source')})"


def _legal_reference(row, ctx: ReportContext) -> str:
    """The instrument as the page's language refers to it: Canada's regulations by their French numbers (DORS,
    C.P.) on a French page; otherwise as the source writes it."""
    french = row.legal_reference_fr if ctx.lang == "fr" else None
    return ctx.text(french if isinstance(french, str) and french else row.legal_reference)


def _dates(row, ctx: ReportContext) -> str:
    ended = ctx.date(row.date_end) if isinstance(row.date_end, str) else ctx.t("measures.in_force")
    return f"{_date(row, ctx)} – {ended}"


def _rate(rate: float, ctx: ReportContext) -> str:
    """25 %, 14,63 %: as the measure states it."""
    if pd.isna(rate):
        return ctx.MISSING
    return fmt.percent(rate, ctx.lang, digits=0 if float(rate).is_integer() else 2)


def section_measures(chosen: pd.DataFrame, section: str) -> list[int]:
    """The numbers of the measures targeting a product section."""
    return [int(n) for n in policy.targeting(chosen, section)["number"]]


def month_name(month: pd.Period, ctx: ReportContext) -> str:
    return fmt.month_span(month.year, month.month, month.month, ctx.lang)
