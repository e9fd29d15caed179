"""The key figures of a subject: a view of its trade model (analysis/subject_trade.py), so that a briefing note
states, and a comparison sets side by side, the very figures the partner and region pages show, each with its period
and the sources it stands on (a minister says them aloud, an adviser must be able to say where each comes from)."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import ModeSplit, Standing
from .subject_trade import Amount, Period, Product, SubjectTrade

TOP_PRODUCTS = 3  # a briefing's leading products

__all__ = ["TOP_PRODUCTS", "Amount", "KeyFigures", "Period", "Product", "Standing"]


@dataclass(frozen=True)
class KeyFigures:
    trade: SubjectTrade  # with a year and its exports and imports
    top: int = TOP_PRODUCTS  # how many leading products

    @property
    def year(self) -> int:
        return self.trade.year

    @property
    def exports(self) -> Amount:
        return self.trade.exports

    @property
    def imports(self) -> Amount:
        return self.trade.imports

    @property
    def ytd_exports(self) -> Amount | None:
        return self.trade.ytd_exports

    @property
    def ytd_imports(self) -> Amount | None:
        return self.trade.ytd_imports

    @property
    def standing(self) -> Standing | None:
        return self.trade.standing

    @property
    def balance_cad(self) -> float:
        """Exports less imports, only of one source on one basis (else missing: no one's balance)."""
        return self.exports.value - self.imports.value if self.trade.paired else float("nan")

    @property
    def products(self) -> tuple[Product, ...]:
        mix = self.trade.products
        return mix.leading(self.top) if mix is not None and mix.year == self.year else ()

    @property
    def products_period(self) -> Period | None:
        return self.trade.products.period if self.products else None

    @property
    def products_source_ids(self) -> tuple[str, ...]:
        return self.trade.products.source_ids if self.products else ()

    @property
    def modes(self) -> ModeSplit | None:
        """The exports' split by mode of transport, where the source records it."""
        return self.trade.mode_split

    @property
    def provinces(self) -> Standing | None:
        """Québec's rank and share among the provinces exporting to the subject in the year; None where the
        provinces' figures stop before the year (the note says nothing of them) or Québec has no rank."""
        provinces = self.trade.provinces
        if provinces is None or provinces.year != self.year:
            return None
        standing = provinces.quebec_standing
        return standing if standing.rank is not None and standing.known else None

    @property
    def provinces_source_ids(self) -> tuple[str, ...]:
        return self.trade.provinces.source_ids if self.provinces is not None else ()

    @property
    def members(self) -> tuple[tuple[str, float], ...]:
        """A group's members and their weight in its exports (%)."""
        if self.trade.group is None:
            return ()
        return tuple((code, float(row.weight_pct)) for code, row in self.trade.members.iterrows())

    @property
    def uncounted(self) -> tuple[str, ...]:
        return self.trade.uncounted

    @property
    def group(self) -> str | None:
        return self.trade.group

    @property
    def group_count(self) -> int:
        return len(self.trade.covered) if self.trade.group else 0

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source a figure of the note stands on, once, in the order the note cites them."""
        found = [*self.exports.source_ids, *self.imports.source_ids]
        for flow in (self.ytd_exports, self.ytd_imports):
            found += flow.source_ids if flow else ()
        return tuple(dict.fromkeys([*found, *self.products_source_ids, *self.provinces_source_ids]))
