"""Where a line over the years may run: through consecutive years whose figures share one origin (one source, one
basis). A line across a gap in the years, or from one source or basis to the next, would draw a change no source
measured; a chart breaks there instead, each run its own line (a lone year is a point), and its table says why."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

LINE = "qi_line"  # the chart's own column: the rows of one drawn line share its number
ORIGIN = "origin"  # a frame's optional column: where each figure comes from (equal values: one source and basis)


@dataclass(frozen=True)
class Break:
    """Two years of one series a line does not join, the later the next the series has."""

    series: str
    before: int
    after: int
    gap: bool  # the years between have no figure; else the two years' figures have different origins


def numbered(frame: pd.DataFrame, series: str | list[str]) -> pd.DataFrame:
    """`frame` (ref_year, the `series` column or columns, optionally ORIGIN) with LINE, and without ORIGIN: rows of
    one series in consecutive years of one origin share a number; a gap or a change of origin starts the next."""
    keys = [series] if isinstance(series, str) else list(series)
    ordered = frame.sort_values([*keys, "ref_year"], kind="stable")
    before = ordered.shift()
    joined = ordered["ref_year"].eq(before["ref_year"] + 1)
    for key in keys:
        joined &= ordered[key].eq(before[key])
    if ORIGIN in ordered:
        joined &= ordered[ORIGIN].eq(before[ORIGIN]).fillna(False).astype(bool)
    lines = (~joined).cumsum().reindex(frame.index)
    return frame.drop(columns=ORIGIN, errors="ignore").assign(**{LINE: lines.to_numpy()})


def breaks(frame: pd.DataFrame, series: str | list[str]) -> list[Break]:
    """Every place a series' line is broken (`numbered`), oldest first; each named by its last `series` column."""
    keys = [series] if isinstance(series, str) else list(series)
    ordered = numbered(frame, keys).sort_values([*keys, "ref_year"], kind="stable").reset_index(drop=True)
    before = ordered.shift()
    cut = ordered[LINE].ne(before[LINE])
    for key in keys:
        cut &= ordered[key].eq(before[key])
    found = [
        Break(str(name), int(first), int(then), int(then) != int(first) + 1)
        for name, first, then in zip(
            ordered.loc[cut, keys[-1]], before.loc[cut, "ref_year"], ordered.loc[cut, "ref_year"], strict=True
        )
    ]
    return sorted(found, key=lambda b: (b.before, b.after))


def for_readers(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures a chart draws as its table offers them: without the origins, which are the code's keys."""
    return frame.drop(columns=ORIGIN, errors="ignore")
