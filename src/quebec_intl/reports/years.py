"""Which reference years a report may be asked for: a year no source covers is refused, with the years that are,
rather than published as a page of empty sections."""

from __future__ import annotations

from collections.abc import Iterable

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
    raise YearError(
        f"no source covers {year} for {report}; {available}. Choose one of them, or leave the year out for the latest."
    )
