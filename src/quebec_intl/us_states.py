"""Québec's trade with each US state (BTS TransBorder, in US dollars), shared by region and partner reports."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import fetch, pipeline


@dataclass(frozen=True)
class StateTrade:
    """Exports and imports by state over the months the source holds."""

    by_state: pd.DataFrame  # index: partner_code (US-XX); columns: export, import (USD)
    months: list[str]

    @property
    def exports_to_all_states(self) -> float:
        return float(self.by_state["export"].sum())


def quebec_state_trade() -> StateTrade | None:
    """None when the BTS files are not at hand (no mirror), so a report can say so in one line."""
    if not pipeline.can_load("trade_us_states_monthly"):
        return None
    table = pipeline.load("trade_us_states_monthly")
    quebec = table[table["reporter_code"].eq("QC")]
    if quebec.empty:
        return None
    months = sorted({f"{y}-{m:02d}" for y, m in zip(quebec["ref_year"], quebec["ref_month"])})
    by_state = quebec.pivot_table(index="partner_code", columns="flow", values="value_usd", aggfunc="sum")
    return StateTrade(by_state.reindex(columns=["export", "import"]).fillna(0.0), months)
