"""Sections from Statistics Canada's monthly table of Québec's principal partners (12-10-0175-01): a partner's
months and 12-month totals, its rank among the principal partners as a destination and as a supplier, its product
mix by section (exports and imports), and, for the United States, the revisions between two vintages of the table.
Each is a function of a data object holding `trade` (a SubjectTrade) and `monthly` (a PartnerMonthly or None)."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from ..analysis import display
from ..analysis import formatting as fmt
from ..analysis.monthly import PartnerMonthly
from ..analysis.subject_trade import SubjectTrade
from ..analysis.text import joined
from ..data import sources as registry
from ..visual import charts
from ..visual.blocks import Figure, Note, Section, Table
from . import citations, policy, trade_sections
from .context import ReportContext
from .trade_sections import VALUE_FORMAT, missing

FLOWS = ("export", "import")
# The pages whose monthly chart dates the trade-policy measures of 2025-2026: all countries (the overview) and the
# United States, whom the measures concern.
WITH_MEASURES = ("WLD", "USA")


class HasMonthly(Protocol):
    trade: SubjectTrade
    monthly: PartnerMonthly | None


def _not_listed(d: HasMonthly, heading: str, ctx: ReportContext) -> Section | None:
    """A country the monthly table does not list (it lists 27): said in the page's "not covered" note; a US state
    (its figures are BTS's) is not concerned."""
    if d.trade.subject.is_us_state:
        return None
    return missing(
        heading, "missing.why_no_monthly" if d.trade.subject.code == "WLD" else "missing.why_not_principal", ctx
    )


def month_list(months: list[tuple[int, int]], ctx: ReportContext) -> str:
    return joined(ctx.lang, [f"{fmt.month_name(m, ctx.lang)} {y}" for y, m in months])


def missing_months_note(months: list[tuple[int, int]], ctx: ReportContext) -> list[Note]:
    return [Note(ctx.t("monthly.missing_months_note", months=month_list(months, ctx)), "caveat")] if months else []


def _months_frame(series: pd.DataFrame, ctx: ReportContext) -> pd.DataFrame:
    labels = ctx.flow_labels()
    panels = {"": ctx.t("chart.each_month"), "_12m": ctx.t("chart.over_12_months")}
    rows = [
        {
            "month": month.start_time.strftime("%Y-%m-%d"),
            "measure": labels[flow],
            "panel": panel,
            "value_cad_bn": display.in_unit(value, "CAD_billion"),
        }
        for suffix, panel in panels.items()
        for flow in FLOWS
        for month, value in series[f"{flow}{suffix}"].items()
        if pd.notna(value)
    ]
    return pd.DataFrame(rows, columns=["month", "measure", "panel", "value_cad_bn"])


def monthly(d: HasMonthly, ctx: ReportContext) -> Section | None:
    """Each month's exports and imports, and their total over the 12 months to each month."""
    heading = ctx.t("section.monthly")
    m = d.monthly
    if m is None:
        return _not_listed(d, heading, ctx)
    frame = _months_frame(m.series, ctx)
    first, last = m.series.index.min(), m.series.index.max()
    period = ctx.t(
        "typography.period_range",
        first=fmt.month_span(first.year, first.month, first.month, ctx.lang),
        last=fmt.month_span(last.year, last.month, last.month, ctx.lang),
    )
    partner = d.trade.subject
    chosen = policy.shown(policy.numbered(), first, last) if partner.code in WITH_MEASURES else pd.DataFrame()
    marks = policy.marks(chosen, first, last, ctx)
    chart = charts.monthly(
        frame, heading, ctx.t("chart.value_billions"), ctx.t("chart.month_axis"), VALUE_FORMAT, marks
    )
    alt = ctx.t("chart.monthly_alt", to=ctx.phrase(partner, "to"), from_=ctx.phrase(partner, "from"), period=period)
    latest = m.series.dropna(subset=["export_12m"]).tail(1)
    blocks: list = [ctx.figure("monthly", chart, policy.alt_text(alt, chosen, ctx), frame), *policy.legend(chosen, ctx)]
    if not chosen.empty:
        blocks.append(citations.cited(registry.get(policy.SOURCE_ID), ctx))
    if len(latest):
        month = latest.index[0]
        blocks.append(
            ctx.t(
                "monthly.twelve_months_sentence",
                month=fmt.month_span(month.year, month.month, month.month, ctx.lang),
                exports=ctx.money(latest["export_12m"].iloc[0]),
                imports=ctx.money(latest["import_12m"].iloc[0]),
            )
        )
    return Section(
        heading,
        [
            *blocks,
            *missing_months_note(m.missing_months, ctx),
            Note(ctx.t("sources.caveat_not_seasonally_adjusted"), "caveat"),
            Note(ctx.t("sources.caveat_imports_clearance"), "caveat"),
        ],
    )


def standing(d: HasMonthly, ctx: ReportContext) -> Section | None:
    """The partner's rank among the principal partners, as a destination and as a supplier, and its share."""
    heading = ctx.t("section.standing")
    m = d.monthly
    if m is None or m.year is None:
        return _not_listed(d, heading, ctx)
    rows = []
    for flow, role in (("export", "column.as_destination"), ("import", "column.as_supplier")):
        rank, share = m.standing(flow)
        table = m.destinations if flow == "export" else m.suppliers
        value = table["value_cad"].get(d.trade.subject.code)
        rows.append([ctx.t(role), ctx.ordinal(rank), ctx.money(value), ctx.percent(share)])
    columns = [
        "",
        ctx.t("column.rank_among", count=len(m.destinations)),
        ctx.t("column.value_in", year=m.year),
        ctx.t("column.share"),
    ]
    return Section(
        heading,
        [
            Table(columns, rows, [False, True, True, True]),
            Note(ctx.t("monthly.standing_note", count=len(m.destinations)), "method"),
        ],
    )


def _mix_figure(mix: pd.DataFrame, flow: str, year: int, ctx: ReportContext) -> Figure:
    names = {code: ctx.section_name(code) for code in mix.index}
    bars = pd.DataFrame(
        [
            {"section": names[code], "period": str(y), "value_cad_bn": display.in_unit(r[column], "CAD_billion")}
            for code, r in mix.iterrows()
            for y, column in ((year - 1, f"{flow}_prev"), (year, flow))
            if pd.notna(r[column])
        ]
    )
    title = ctx.t("section.mix" if flow == "export" else "section.mix_imports")
    chart = charts.section_bars(bars, title, ctx.t("chart.value_billions"), VALUE_FORMAT)
    return ctx.figure(f"mix-{flow}", chart, ctx.t(f"chart.mix_{flow}_alt", year=year, prev=year - 1), bars)


def _movers(mix: pd.DataFrame, flow: str, year: int, ctx: ReportContext) -> str | None:
    """The sections whose exports (or imports) moved most since the year before, up and down."""
    moved = mix.dropna(subset=[f"{flow}_change"]).sort_values(f"{flow}_change")
    up, down = moved[moved[f"{flow}_change"] > 0].tail(2).iloc[::-1], moved[moved[f"{flow}_change"] < 0].head(2)

    def listed(rows: pd.DataFrame) -> str:
        return joined(
            ctx.lang,
            [f"{ctx.section_name(code)} ({ctx.signed_money(r[f'{flow}_change'])})" for code, r in rows.iterrows()],
        )

    parts = [ctx.t("monthly.moved_up", items=listed(up))] if len(up) else []
    parts += [ctx.t("monthly.moved_down", items=listed(down))] if len(down) else []
    return ctx.t(f"monthly.movers_{flow}", prev=year - 1, parts=ctx.join(parts)) if parts else None


def _mix_table(mix: pd.DataFrame, flow: str, year: int, ctx: ReportContext) -> Table:
    """One flow's sections, largest first, in billions, or in millions for a partner whose total is under ten
    billion (a column of 0.0 and 0.1 says nothing)."""
    unit = display.sections_unit(mix[flow])
    ordered = mix.sort_values(flow, ascending=False, na_position="last")
    rows = [
        [
            ctx.section_name(code),
            ctx.number(display.in_unit(r[flow], unit), 1),
            ctx.percent(r[f"{flow}_share_pct"]),
            ctx.percent(r[f"{flow}_growth_pct"], signed=True),
        ]
        for code, r in ordered.iterrows()
    ]
    columns = [
        ctx.label("product_section_code"),
        ctx.in_unit(ctx.t(f"column.flow_{flow}"), unit),
        ctx.t("column.share"),
        ctx.t("column.change_vs", year=year - 1),
    ]
    return Table(columns, rows, [False, True, True, True])


def product_mix(d: HasMonthly, ctx: ReportContext) -> Section:
    """The monthly table's exports and imports by section where it has them for the subject, else its exports by
    product (trade_sections)."""
    return _mix_both_flows(d, ctx) if has_mix(d) else trade_sections.product_mix(d, ctx)


def _mix_both_flows(d: HasMonthly, ctx: ReportContext) -> Section:
    """Exports and imports by product section, the year against the year before, and what moved most: each flow's
    chart, then its table (one table of both flows would not fit a printed page)."""
    m, heading = d.monthly, ctx.t("section.mix_flows")
    mix, year = m.mix, m.year
    blocks: list = []
    for flow in FLOWS:
        blocks += [_mix_figure(mix, flow, year, ctx), _mix_table(mix, flow, year, ctx)]
        if line := _movers(mix, flow, year, ctx):
            blocks.append(line)
    blocks.append(Note(ctx.t("monthly.sections_note", year=year, prev=year - 1), "method"))
    if len(m.mix_years.columns) > 1:
        blocks += [ctx.t("monthly.mix_years_heading"), _mix_years_table(m.mix_years, ctx)]
    blocks.append(Note(ctx.t("sources.caveat_imports_clearance"), "caveat"))
    return Section(heading, blocks)


def _period_label(key: str, ctx: ReportContext) -> str:
    """`2024`, or `2026-01..07` (a year to date) as « janvier à juillet 2026 »."""
    if ".." not in key:
        return key
    year, months = key.split("-", 1)
    first, last = (int(part) for part in months.split(".."))
    return fmt.month_span(int(year), first, last, ctx.lang)


def _mix_years_table(years: pd.DataFrame, ctx: ReportContext) -> Table:
    """Exports by section, each year the table gives its sections for, then the latest year to date; largest
    first in the latest whole year, in billions or millions as in the year's table."""
    whole = [column for column in years.columns if ".." not in column]
    latest = whole[-1] if whole else years.columns[-1]
    unit = display.sections_unit(years[latest])
    ordered = years.sort_values(latest, ascending=False, na_position="last")
    rows = [
        [ctx.section_name(code), *(ctx.number(display.in_unit(value, unit), 1) for value in r)]
        for code, r in ordered.iterrows()
    ]
    columns = [ctx.label("product_section_code"), *(_period_label(column, ctx) for column in years.columns)]
    return Table(
        [columns[0], *(ctx.in_unit(c, unit) for c in columns[1:])], rows, [False, *[True] * len(years.columns)]
    )


def has_mix(d: HasMonthly) -> bool:
    return d.monthly is not None and not d.monthly.mix.empty


def revisions(d, ctx: ReportContext) -> Section | None:
    """For the United States: the months Statistics Canada revised between the two copies of its table at hand."""
    table = getattr(d, "revisions", None)
    if table is None or table.empty:
        return None
    revised = table[table["is_revised"]]
    first = table.iloc[0]
    months = table.drop_duplicates(["ref_year", "ref_month"])
    sentence = ctx.t(
        "monthly.revisions_sentence",
        count=revised[["ref_year", "ref_month"]].drop_duplicates().shape[0],
        months=len(months),
        first=fmt.month_span(int(first.ref_year), int(first.ref_month), int(first.ref_month), ctx.lang),
        flows=len(revised),
    )
    shown = revised.reindex(revised["difference_cad"].abs().sort_values(ascending=False).index).head(12)
    rows = [
        [
            fmt.month_span(int(r.ref_year), int(r.ref_month), int(r.ref_month), ctx.lang),
            ctx.t(f"column.flow_{r.flow}"),
            ctx.money(r.value_a_cad),
            ctx.money(r.value_b_cad),
            ctx.signed_money(r.difference_cad),
        ]
        for r in shown.itertuples()
    ]
    columns = [
        ctx.t("chart.month_axis"),
        ctx.t("column.flow"),
        ctx.t("column.earlier_vintage"),
        ctx.t("column.later_vintage"),
        ctx.t("column.difference"),
    ]
    return Section(
        ctx.t("section.revisions"),
        [
            sentence,
            Table(columns, rows, [False, False, True, True, True]),
            Note(
                ctx.t("monthly.revisions_note", earlier=_copy(first.source_a, ctx), later=_copy(first.source_b, ctx)),
                "method",
            ),
        ],
    )


def _copy(source_id: str, ctx: ReportContext) -> str:
    """A copy of the table as a reader knows it: its citation and the periods it covers."""
    source = registry.get(source_id)
    return f"{source.text('citation', ctx.lang)}, {source.text('coverage', ctx.lang)}"
