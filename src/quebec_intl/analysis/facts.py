"""The facts a page states in words, typed: a change over a year before, a standing (a rank among peers and a
share of a whole), a split by mode of transport. Each is computed once, by the analysis layer; analysis/words.py
phrases each one, in either language, so that every page that states a fact states it the same way."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

RAIL = "rail"
SHOWN_MODE_PCT = 1.0  # a mode of transport is named from 1 % of the exports; rail always (its share matters)


def known(value: float | None) -> bool:
    """A finite figure: a change from zero (infinite) says nothing a sentence can state as a percentage."""
    return isinstance(value, numbers.Real) and math.isfinite(value)


@dataclass(frozen=True)
class Change:
    """A flow's change (%) against `since`: the whole year before, or with `same_months`, the same months of it."""

    growth_pct: float | None
    since: int
    same_months: bool = False

    @property
    def known(self) -> bool:
        return known(self.growth_pct)

    @property
    def direction(self) -> str:
        """ "up", "down" or "flat" (a change that rounds to 0.0 %)."""
        if round(self.growth_pct, 1) == 0:
            return "flat"
        return "up" if self.growth_pct > 0 else "down"


@dataclass(frozen=True)
class Standing:
    """A rank among peers and the share of a whole, with what the peers and the whole are (`scope`): "principal"
    (the subject among Canada's principal partners), "countries", "us_states", "world_share" (a share only),
    "provinces_and_territories" (Québec among them, Statistics Canada) or "provinces" (Québec among the provinces
    exporting to a US state, TransBorder)."""

    rank: int | None
    count: int | None
    share_pct: float | None
    scope: str

    @property
    def known(self) -> bool:
        return known(self.share_pct)

    @property
    def of_quebec(self) -> bool:
        """Whether the standing is Québec's among the provinces, not the subject's among Québec's destinations."""
        return self.scope in ("provinces_and_territories", "provinces")


@dataclass(frozen=True)
class ModeSplit:
    """Each mode of transport's share (%) of the exports, largest first."""

    shares: tuple[tuple[str, float], ...]

    @property
    def named(self) -> tuple[tuple[str, float], ...]:
        """The modes a sentence names: each carrying at least 1 % of the exports, largest first, and rail always
        (last, at its share or 0), as the state profiles have always shown it."""
        named = tuple((code, share) for code, share in self.shares if share >= SHOWN_MODE_PCT or code == RAIL)
        if any(code == RAIL for code, _ in named):
            return named
        return (*named, (RAIL, dict(self.shares).get(RAIL, 0.0)))
