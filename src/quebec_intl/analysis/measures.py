"""Which trade-policy measures (data/curated/trade_measures.csv) bear on a period: those in force during it, those
that started or ended in it, those targeting a product section. Pure functions of the measures' table; every chart
and section asks here, so a measure is placed on a chart and in a table by the same rule."""

from __future__ import annotations

import pandas as pd

from ..data.transform.trade_measures import SECTION_SEPARATOR


def _day(text: object) -> pd.Timestamp:
    return pd.Timestamp(str(text))


def numbered(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures, oldest first, each with its number (`number`, 1...): the key a chart's labels and a page's
    table share. The numbering is the whole table's, so a measure keeps its number on every page."""
    ordered = measures.sort_values(["date_start", "measure_id"], kind="stable").reset_index(drop=True)
    return ordered.assign(number=range(1, len(ordered) + 1))


def in_force(measures: pd.DataFrame, first: pd.Period, last: pd.Period) -> pd.DataFrame:
    """The measures in force at some time between the first day of `first` and the last day of `last` (months):
    started by the period's end and not ended before its start."""
    start, end = first.start_time, last.end_time
    began = measures["date_start"].map(_day) <= end
    ended = measures["date_end"].map(lambda d: _day(d) <= start if isinstance(d, str) else False)
    return measures[began & ~ended]


def started_in(measures: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    days = measures["date_start"].map(_day)
    return measures[days.between(month.start_time, month.end_time)]


def ended_in(measures: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Measures whose first day no longer applied falls in the month."""
    days = measures["date_end"].map(lambda d: _day(d) if isinstance(d, str) else pd.NaT)
    return measures[days.between(month.start_time, month.end_time)]


def sections_of(row: object) -> list[str]:
    """The product sections a measure targets (none: a measure on all products, or on none)."""
    return [code for code in str(row.product_sections).split(SECTION_SEPARATOR) if code]


def targeting(measures: pd.DataFrame, section: str) -> pd.DataFrame:
    """The measures that name `section` among those they target most."""
    return measures[measures["product_sections"].map(lambda text: section in text.split(SECTION_SEPARATOR))]
