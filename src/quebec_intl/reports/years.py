"""Which reference years a report may be asked for: a year no source covers is refused, with the years that are,
rather than published as a page of empty sections."""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from ..data import trade
from ..errors import YearError


def span(years: Iterable[int]) -> str:
    """Years as runs: `2015, 2020–2024`."""
    return ", ".join(runs(years))


def runs(years: Iterable[int]) -> list[str]:
    """Years as runs, each in words: `["2015", "2020–2024"]`, for a sentence to join."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]


def require(year: int | None, covered: Iterable[int], report: str) -> None:
    """Nothing when no year was asked for, or when a source covers it; else one message with the years covered."""
    covered = sorted(set(covered))
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise YearError(f"the year must be a whole number such as 2023, or None for the latest, not {year!r}.")
    if year is None or year in covered:
        return
    available = f"years with data: {span(covered)}" if covered else "the current sources have no year for it"
    held = partial_years().get(year)
    if held:  # a year under way (or cut short): its months are named, not denied
        first, last = (calendar.month_name[month] for month in held)
        raise YearError(
            f"{year} is a partial year in the current sources ({first} to {last} {year} only), and a page's year "
            f"needs all twelve months; {available}. Choose one of them, or leave the year out for the latest."
        )
    raise YearError(
        f"no source covers {year} for {report}; {available}. Choose one of them, or leave the year out for the latest."
    )


def partial_years() -> dict[int, tuple[int, int]]:
    """The years the trade sources at hand hold only some months of, each with its first and last month held (over
    the sources: Statistics Canada's monthly table and BTS's monthly files)."""
    held: dict[int, set[int]] = {}
    monthly = trade.load_monthly()
    for year, month in monthly.months if monthly else ():
        held.setdefault(year, set()).add(month)
    states = trade.load_states_trade()
    for year, (count, first, last) in (states.months_held if states else {}).items():
        if count < 12:
            held.setdefault(year, set()).update({first, last})
    return {year: (min(months), max(months)) for year, months in held.items() if len(months) < 12}
