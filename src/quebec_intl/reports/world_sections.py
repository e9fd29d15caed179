"""The overview's sections from Statistics Canada's monthly table of Québec's principal partners: the leading
suppliers beside the destinations, the United States' share of exports month by month, the concentration of exports
with what the "other countries" row does to it, and the trade of regions left unallocated. Each is a function of the
overview's data object (`world`, a WorldMonthly; `concentrations`, by year) and the context."""

from __future__ import annotations

import pandas as pd

from ..analysis import formatting as fmt
from ..data.partners import all_partners
from ..visual import charts
from ..visual.blocks import Note, Table
from . import policy
from .context import ReportContext


def suppliers_table(world, ctx: ReportContext) -> list:
    """The leading suppliers of Québec's imports among the principal partners, with last year's ranks."""
    top = world.suppliers.head(10)
    rows = [
        [
            ctx.ordinal(r.rank),
            ctx.name(r.Index),
            ctx.billions(r.value_cad),
            ctx.percent(r.share_pct),
            ctx.ordinal(r.previous_rank),
        ]
        for r in top.itertuples()
    ]
    columns = [
        ctx.t("column.rank"),
        ctx.label("country_code"),
        ctx.in_billions(ctx.t("column.flow_import")),
        ctx.t("column.share"),
        ctx.t("column.rank_change", year=world.year - 1),
    ]
    return [ctx.t("monthly.suppliers_heading", year=world.year), Table(columns, rows, [True, False, True, True, True])]


def principal_note(world, ctx: ReportContext) -> Note:
    count = len(world.destinations)
    return Note(
        ctx.t("monthly.principal_note", count=count, residual=ctx.percent(world.concentration.residual_share_pct)),
        "method",
    )


def us_share(world, ctx: ReportContext) -> list:
    """The United States' share of Québec's exports each month since January of the year before the page's."""
    share = world.us_share.dropna()
    frame = pd.DataFrame(
        {"month": [p.start_time.strftime("%Y-%m-%d") for p in share.index], "share_pct": share.to_numpy()}
    )
    title = ctx.t("monthly.us_share_title", first=share.index.min().year)
    chosen = policy.shown(policy.numbered(), share.index.min(), share.index.max())
    marks = policy.marks(chosen, share.index.min(), share.index.max(), ctx)
    chart = charts.share_over_months(frame, title, ctx.t("chart.us_share_axis"), ctx.t("chart.month_axis"), marks)
    usa = all_partners()["USA"]
    high, low = share.idxmax(), share.idxmin()
    sentence = ctx.t(
        "monthly.us_share_sentence",
        subject=ctx.subject(usa),
        year=world.year,
        share=ctx.percent(world.destinations.at["USA", "share_pct"]),
        high=ctx.percent(share.max()),
        high_month=fmt.month_span(high.year, high.month, high.month, ctx.lang),
        low=ctx.percent(share.min()),
        low_month=fmt.month_span(low.year, low.month, low.month, ctx.lang),
    )
    alt = policy.alt_text(ctx.t("chart.us_share_alt", first=share.index.min().year), chosen, ctx)
    # The overview's monthly chart, above, lists the same measures by their numbers.
    return [sentence, ctx.figure("us-share", chart, alt, frame), *policy.legend(chosen, ctx, listed_above=True)]


def concentration(concentrations: dict, year: int, ctx: ReportContext) -> list:
    """The Herfindahl index over the table's partner rows each year: with the other countries as one partner (an
    upper bound) and without them (a lower bound); the true index over every country lies between."""
    labels = {
        "with_residual": ctx.t("chart.hhi_with_residual"),
        "without_residual": ctx.t("chart.hhi_without_residual"),
    }
    frame = pd.DataFrame(
        [
            {"ref_year": y, "measure": labels[key], "hhi": getattr(c, key)}
            for y, c in sorted(concentrations.items())
            for key in labels
        ]
    )
    chart = charts.trend(
        frame, ctx.t("section.concentration"), ctx.t("column.hhi"), ctx.t("column.year"), ",.0f", value="hhi"
    )
    now = concentrations[year]
    sentence = ctx.t(
        "monthly.hhi_bounds_sentence",
        year=year,
        low=ctx.number(now.without_residual),
        high=ctx.number(now.with_residual),
        residual=ctx.percent(now.residual_share_pct),
    )
    return [
        sentence,
        ctx.figure("concentration", chart, ctx.t("chart.hhi_bounds_alt"), frame),
        Note(ctx.t("monthly.hhi_bounds_note"), "method"),
        Note(ctx.t("overview.hhi_note"), "method"),
    ]


def unallocated_note(world, ctx: ReportContext) -> Note:
    return Note(
        ctx.t("monthly.regions_unallocated", residual=ctx.percent(world.concentration.residual_share_pct)), "method"
    )
