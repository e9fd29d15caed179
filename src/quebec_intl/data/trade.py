"""What a trade report reads: the annual frame (official tables when at hand, else the embedded default of published
figures) and Québec's trade with each US state. Nothing is downloaded here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import pipeline, sources
from .reference import QUEBEC
from .transform.trade_annual import TOTAL, by_preference  # noqa: F401 (TOTAL: the code reports filter on)

EMBEDDED_SOURCE = "curated_trade_figures"
ALL_PARTNERS_SOURCE = "statcan_12100173"


@dataclass(frozen=True)
class TradeDataset:
    """Annual trade by province, partner, flow and product section (`total` for all sections)."""

    kind: str  # "official": official source files; "embedded": published figures committed in data/curated/
    annual: pd.DataFrame
    other_published: pd.DataFrame  # embedded only: published figures that disagree with the ones used
    source_ids: tuple[str, ...]

    @property
    def covers_all_partners(self) -> bool:
        """True when every partner is in the data, so ranks, shares and concentration among partners mean something."""
        return ALL_PARTNERS_SOURCE in self.source_ids

    @property
    def sources(self) -> list[sources.Source]:
        return [sources.get(source_id) for source_id in self.source_ids]


def load() -> TradeDataset:
    annual = pipeline.load("trade_annual")
    source_ids = tuple(dict.fromkeys(annual["source_id"]))
    if source_ids != (EMBEDDED_SOURCE,):
        return TradeDataset("official", annual, annual.iloc[0:0], source_ids)
    ordered = by_preference(pipeline.load("published_annual"))
    others = ordered[~ordered["figure_id"].isin(annual["figure_id"])].reset_index(drop=True)
    return TradeDataset("embedded", annual, others, source_ids)


@dataclass(frozen=True)
class StateTrade:
    """Québec's exports and imports by US state over the months the source holds (BTS TransBorder, US dollars)."""

    by_state: pd.DataFrame  # index: partner_code (US-XX); columns: export, import (USD)
    months: list[str]

    @property
    def exports_to_all_states(self) -> float:
        return float(self.by_state["export"].sum())


def load_state_trade() -> StateTrade | None:
    """None when the BTS files are not at hand (no mirror), so a report can say so in one line."""
    if not pipeline.can_load("trade_us_states_monthly"):
        return None
    table = pipeline.load("trade_us_states_monthly")
    quebec = table[table["reporter_code"].eq(QUEBEC)]
    if quebec.empty:
        return None
    months = sorted({f"{y}-{m:02d}" for y, m in zip(quebec["ref_year"], quebec["ref_month"])})
    by_state = quebec.pivot_table(index="partner_code", columns="flow", values="value_usd", aggfunc="sum")
    return StateTrade(by_state.reindex(columns=["export", "import"]).fillna(0.0), months)
