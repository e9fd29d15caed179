"""The period of a page, resolved once by its kind's check and passed down: the analysis objects take the years it
names and never choose a "latest year" of their own. Sources end in different years (the annual frame, the monthly
table of the principal partners, BTS's files by state); where one page shows several, the period names each source's
year, so that a page showing two years says so rather than each object deciding silently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ANNUAL = "annual"  # the annual frame: Statistics Canada's tables, else published figures
MONTHLY = "monthly"  # the monthly table of the principal partners (12-10-0175-01): its whole years
STATES = "states"  # BTS TransBorder's files by US state: their whole years
PROVINCES = "provinces"  # the tables giving every province's trade with a partner (Québec's rank in Canada)


def latest(years: Iterable[int], up_to: int | None = None) -> int | None:
    """The latest of `years` (up to `up_to`, when given); None without one: the one rule of "the latest year"."""
    held = [int(year) for year in years if up_to is None or year <= up_to]
    return max(held) if held else None


def asked_or_latest(asked: int | None, years: Iterable[int]) -> int | None:
    """The year asked for, else the latest the source holds."""
    return asked if asked is not None else latest(years)


@dataclass(frozen=True)
class Period:
    """A page's years: `year` is the one it is about (its title's); `years` each source's year on the page, by name
    (ANNUAL, MONTHLY, STATES, PROVINCES), which may differ where a source ends earlier or holds the page's year only
    in part."""

    asked: int | None  # the year the reader asked for; None for the latest
    year: int | None  # the page's year; None when no source at hand has one
    years: tuple[tuple[str, int | None], ...] = ()
    year_to_date: tuple[int, int] | None = None  # (year, last month): the months after the page's year it shows

    def of(self, source: str) -> int | None:
        """The year the page shows from `source` (the page's year when the period does not name that source)."""
        return dict(self.years).get(source, self.year)

    @classmethod
    def of_sources(
        cls, asked: int | None, main: str, year_to_date: tuple[int, int] | None = None, **years: int | None
    ) -> Period:
        """A period whose year is its `main` source's."""
        return cls(asked, years.get(main), tuple(years.items()), year_to_date)
