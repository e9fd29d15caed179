"""The figures of a monthly trade bulletin, from table 12-10-0175-01: the month against the same month a year
before and the month before, the year to date and the 12 months ending in the month against the same months a year
earlier; exports to the United States and to the rest of the world month by month; the US share of exports with its
12-month average; and who and what moved (analysis/contributions.py). Pure functions of the table."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data.trade import MonthlyTrade
from . import contributions as contrib
from . import metrics
from .contributions import REST_OF_WORLD, UNITED_STATES, Span, span_sums
from .monthly import WORLD, monthly_series, share_by_month

SERIES_SINCE = 2023  # exports to the US and to the rest of the world: two years before the tariffs, and since
SHARE_SINCE = 2017  # the US share: every month the table holds for all countries


@dataclass(frozen=True)
class Compared:
    """One flow over a span against an earlier span (the same months a year before, or the month before)."""

    span: Span
    earlier: Span
    now: float
    before: float

    @property
    def change(self) -> float:
        return self.now - self.before

    @property
    def growth_pct(self) -> float:
        return metrics.change_pct(self.now, self.before)


def compared(m: MonthlyTrade, partner: str, flow: str, span: Span, earlier: Span) -> Compared:
    now, before = span_sums(m.totals, span), span_sums(m.totals, earlier)

    def value(sums: pd.DataFrame) -> float:
        if partner == REST_OF_WORLD:
            return value_of(sums, WORLD, flow) - value_of(sums, UNITED_STATES, flow)
        return value_of(sums, partner, flow)

    return Compared(span, earlier, value(now), value(before))


def value_of(sums: pd.DataFrame, partner: str, flow: str) -> float:
    return float(sums.at[partner, flow]) if partner in sums.index and pd.notna(sums.at[partner, flow]) else math.nan


@dataclass(frozen=True)
class MonthFigures:
    """All countries' exports or imports: the month against a year before and the month before, the year to date
    and the 12 months ending in the month against the same months a year earlier."""

    flow: str
    month: Compared  # against the same month a year before
    previous_month: Compared  # the month against the month before
    year_to_date: Compared
    twelve_months: Compared


def month_figures(m: MonthlyTrade, month: pd.Period, flow: str, partner: str = WORLD) -> MonthFigures:
    one = Span(month, month)
    ytd, twelve = Span.year_to_date(month), Span.twelve_months(month)
    return MonthFigures(
        flow,
        compared(m, partner, flow, one, one.year_before()),
        compared(m, partner, flow, one, Span(month - 1, month - 1)),
        compared(m, partner, flow, ytd, ytd.year_before()),
        compared(m, partner, flow, twelve, twelve.year_before()),
    )


def us_and_rest(m: MonthlyTrade, month: pd.Period, since: int = SERIES_SINCE) -> pd.DataFrame:
    """Exports to the United States and to the rest of the world (all countries less the United States: one line,
    never a sum of partners), each month from January of `since` to `month`, with each one's change on the same
    month a year before (%). Columns: us, rest, us_change_pct, rest_change_pct; index month."""
    world, us = monthly_series(m, WORLD)["export"], monthly_series(m, UNITED_STATES)["export"]
    frame = pd.DataFrame({"us": us, "rest": world - us.reindex(world.index)})
    for column in ("us", "rest"):
        frame[f"{column}_change_pct"] = (frame[column] / frame[column].shift(12, freq="M") - 1.0) * 100.0
    first = pd.Period(year=since, month=1, freq="M")
    return frame[(frame.index >= first) & (frame.index <= month)]


def us_share(m: MonthlyTrade, month: pd.Period, since: int = SHARE_SINCE) -> pd.DataFrame:
    """The United States' share of Québec's exports each month (%), and its average over the 12 months to each
    month (only where the 12 are held). Columns: share_pct, average_12m_pct; index month."""
    share = share_by_month(m, UNITED_STATES, "export", since)
    every = pd.period_range(share.index.min(), share.index.max(), freq="M") if len(share) else share.index
    share = share.reindex(every)  # a month the table lacks is a gap, and no average spans it
    frame = pd.DataFrame({"share_pct": share, "average_12m_pct": share.rolling(12, min_periods=12).mean()})
    return frame[frame.index <= month]


@dataclass(frozen=True)
class MonthReview:
    """Everything a bulletin states about its month, from one table."""

    month: pd.Period
    exports: MonthFigures
    imports: MonthFigures
    to_us: MonthFigures  # exports to the United States
    to_rest: MonthFigures  # exports to all countries but the United States
    series: pd.DataFrame  # us_and_rest
    share: pd.DataFrame  # us_share
    partners: contrib.Contributions  # each principal partner's contribution to the year to date's exports
    sections: dict[str, dict[str, contrib.Contributions]]  # {"USA"|"rest_of_world": {"ytd"|"12m": ...}}
    missing_months: list[tuple[int, int]]
    source_ids: tuple[str, ...]


PERIODS = {"ytd": Span.year_to_date, "12m": Span.twelve_months}


def review(m: MonthlyTrade, month: pd.Period) -> MonthReview:
    return MonthReview(
        month=month,
        exports=month_figures(m, month, "export"),
        imports=month_figures(m, month, "import"),
        to_us=month_figures(m, month, "export", UNITED_STATES),
        to_rest=month_figures(m, month, "export", REST_OF_WORLD),
        series=us_and_rest(m, month),
        share=us_share(m, month),
        partners=contrib.by_partner(m, Span.year_to_date(month)),
        sections={
            side: {name: contrib.by_section(m, span(month), side) for name, span in PERIODS.items()}
            for side in (UNITED_STATES, REST_OF_WORLD)
        },
        missing_months=[ym for ym in m.missing_months if pd.Period(year=ym[0], month=ym[1], freq="M") <= month],
        source_ids=m.source_ids,
    )


def months_held(m: MonthlyTrade) -> list[pd.Period]:
    """The months a bulletin can be about: those with all countries' figures, from the second year the table
    holds (a month needs the same month a year before)."""
    held = [pd.Period(year=y, month=mo, freq="M") for y, mo in m.months]
    first = held[0] + 12 if held else None
    return [p for p in held if first is not None and p >= first]
