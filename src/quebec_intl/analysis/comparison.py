"""Partners or regions side by side: each from its own best source, on a year they all have, with an index of their
trade from the first year they share. Figures on different bases (Statistics Canada's customs records against US
import records from BTS) are set beside each other, never added: a total exists only for sides on one basis whose
members do not overlap."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data import sources
from . import period
from .key_figures import KeyFigures

FLOWS = ("export", "import")
INDEX_BASE = 100.0
RATE_BASIS = "exchange_rates"  # the Bank of Canada's series convert a figure; they are not its basis
# The bases a total may add up (every side on the same one): Statistics Canada's customs records, US import and
# export records (BTS TransBorder). Published figures of unstated basis, or a mix of sources, are never added.
SUMMABLE_BASES = ("customs", "us_records")
MIXED = "mixed"


@dataclass(frozen=True)
class Side:
    """One partner or region of a comparison: its key figures of the year, its trade by whole year and the basis of
    the year's figures (`customs`, `us_records`, a published figure's stated basis, `unknown`, or `mixed`)."""

    key: str  # the partner's code or the region's id
    figures: KeyFigures
    flows: pd.DataFrame  # export, import by whole year up to the comparison's year, Canadian dollars
    members: frozenset[str]  # the partners its figures add up (the partner itself, or a region's members)
    basis: str
    origins: pd.DataFrame | None = None  # a country: where each year's flows come from (its sources vary by year)

    def origin(self, flow: str, year: int) -> str:
        """Where the year's figure comes from (metrics.origin_keys); a region or a state has one origin."""
        return "" if self.origins is None else str(self.origins[flow].get(year, ""))


def registered_basis(source_ids: tuple[str, ...]) -> str:
    """The basis the source registry gives the figures' sources (the exchange rates aside); `mixed` for several."""
    found = {sources.get(source_id).basis for source_id in source_ids} - {RATE_BASIS}
    return found.pop() if len(found) == 1 else MIXED


def common_year(years: dict[str, set[int]]) -> int | None:
    """The latest year every side has whole-year figures for (a side's years may have gaps: published figures come
    year by year); None when they share none."""
    return period.latest(set.intersection(*years.values()) if years else set())


def first_common_year(sides: list[Side]) -> int | None:
    """The first year every side has both flows for: the base of the index."""
    years = None
    for side in sides:
        known = set(side.flows.dropna(subset=list(FLOWS)).index)
        years = known if years is None else years & known
    return int(min(years)) if years else None


def index_frame(sides: list[Side]) -> pd.DataFrame:
    """key, flow, ref_year, value_cad, index, origin (Side.origin): each side's flows from the base year on, the base
    year's value = 100. Empty without a year all sides share."""
    base = first_common_year(sides)
    if base is None:
        return pd.DataFrame(columns=["key", "flow", "ref_year", "value_cad", "index", "origin"])
    frames = []
    for side in sides:
        flows = side.flows[side.flows.index >= base]
        for flow in FLOWS:
            values = flows[flow].dropna()
            frames.append(
                pd.DataFrame(
                    {
                        "key": side.key,
                        "flow": flow,
                        "ref_year": values.index.astype(int),
                        "value_cad": values.to_numpy(),
                        "index": (values / values.loc[base] * INDEX_BASE).to_numpy(),
                        "origin": [side.origin(flow, year) for year in values.index],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class Together:
    """The sides' trade added up in the year: only for sides on one basis whose members do not overlap."""

    export_cad: float
    import_cad: float
    growth_pct: float | None  # the exports' change from the year before, where every side has it
    import_growth_pct: float | None

    @property
    def balance_cad(self) -> float:
        return self.export_cad - self.import_cad


def why_not_together(sides: list[Side]) -> str | None:
    """None when the sides can be added up; else `unstated` (a side's basis is unknown or mixed), `bases` (different
    bases) or `overlap` (a partner in two sides)."""
    if any(side.basis not in SUMMABLE_BASES for side in sides):
        return "unstated"
    if len({side.basis for side in sides}) > 1:
        return "bases"
    seen: set[str] = set()
    for side in sides:
        if seen & side.members:
            return "overlap"
        seen |= side.members
    return None


def together(sides: list[Side], year: int) -> Together | None:
    if why_not_together(sides) is not None:
        return None
    exports = math.fsum(side.figures.exports.value for side in sides)
    imports = math.fsum(side.figures.imports.value for side in sides)
    return Together(exports, imports, _growth(sides, "export", exports, year), _growth(sides, "import", imports, year))


def _growth(sides: list[Side], flow: str, total: float, year: int) -> float | None:
    before = math.fsum(side.flows[flow].get(year - 1, math.nan) for side in sides)
    return None if math.isnan(before) or not before else (total / before - 1.0) * 100.0


def classifications(sides: list[Side]) -> set[str]:
    """How the sides' products are classified: `section` (NAPCS, Statistics Canada), `chapter` (HS, BTS)."""
    return {product.classification for side in sides for product in side.figures.products}


def products_by_code(sides: list[Side]) -> pd.DataFrame:
    """Each product of the sides' leading ones (rows, in the order they first appear), its share of each side's
    exports (columns: the sides' keys); missing where a side's leading products do not include it."""
    shares = {side.key: {p.code: p.share_pct for p in side.figures.products} for side in sides}
    codes = list(dict.fromkeys(code for side in sides for code in shares[side.key]))
    return pd.DataFrame(shares, index=codes).reindex(columns=[side.key for side in sides])
