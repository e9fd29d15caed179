"""Québec's trade with one US state, or a group of states, by year from BTS TransBorder: every frame a section
reads, computed once. Values are US dollars as the US records them, and Canadian dollars with the Bank of Canada's
rate of the year where one is at hand. Growth compares whole years only; a partial year keeps its month count."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data.currency import to_cad
from ..data.partners import codes_of_kind
from ..data.reference import QUEBEC, subnational_codes
from ..data.trade import StatesTrade
from . import metrics

TOP_CHAPTERS = 10
RANKED_KIND = "us_state"  # the 50 states and DC; BTS's "unknown state" row is a share of the total, never a rank


@dataclass(frozen=True)
class StateProfile:
    codes: tuple[str, ...]  # the state, or the group's member states
    covered: tuple[str, ...]  # those of `codes` the source has figures for (BTS has none for Puerto Rico, say)
    year: int | None  # the period's STATES year (period.Period)
    months_held: dict[int, tuple[int, int, int]]  # year -> (months held, first month, last month)
    flows: pd.DataFrame  # by year: export/import/balance in usd and cad, the rate and its method
    growth: pd.DataFrame  # by year, whole consecutive years only: export_pct, import_pct
    growth_currency: str  # "cad" when every whole year has the Bank of Canada's rate, else "usd"
    by_state: pd.DataFrame  # Québec's exports to each state in the year: export_usd, rank, share_pct (of all states)
    provinces: pd.DataFrame  # each province's exports to the state(s) in the year: value_usd, share_pct, rank
    chapters: pd.DataFrame  # Québec's exports by HS chapter, the year and the year before, largest first
    modes: pd.DataFrame  # Québec's trade by mode of transport in the year: flow, mode_code, value_usd, share_pct
    members: pd.DataFrame  # each member's exports in the year (value_usd, value_cad) and weight_pct, largest first
    members_by_year: pd.DataFrame  # ref_year, partner_code, value_usd, value_cad: exports to each member, whole years
    source_ids: tuple[str, ...]

    def is_whole(self, year: int | None) -> bool:
        return self.months_held.get(year, (0,))[0] == 12

    def in_cad(self, years) -> bool:
        """Whether every one of `years` has the Bank of Canada's rate, so that it can be shown in Canadian dollars."""
        return bool(self.flows["rate"].reindex(list(years)).notna().all())

    @property
    def whole_years(self) -> list[int]:
        return [year for year in self.flows.index if self.is_whole(year)]

    @property
    def years_without_rate(self) -> list[int]:
        """The years the source holds that the Bank of Canada has no annual rate for yet (shown in US dollars)."""
        return [int(year) for year in self.flows.index[self.flows["rate"].isna()]]

    @property
    def us_rank(self) -> int | None:
        return int(self.by_state.at[self.codes[0], "rank"]) if self.codes[0] in self.by_state.index else None

    @property
    def share_of_us_pct(self) -> float:
        """The state(s)' share of Québec's exports to every US state in the year."""
        return float(self.by_state.reindex(list(self.codes))["share_pct"].sum())

    def value(self, column: str, year: int | None) -> float:
        return float(self.flows.at[year, column]) if year in self.flows.index else math.nan


def _flows(states: StatesTrade, quebec: pd.DataFrame) -> pd.DataFrame:
    usd = quebec.groupby(["ref_year", "flow"])["value_usd"].sum().unstack("flow").reindex(columns=["export", "import"])
    flows = usd.fillna(0.0).rename(columns=lambda flow: f"{flow}_usd")
    flows["balance_usd"] = flows["export_usd"] - flows["import_usd"]
    rates = states.rates.set_index("ref_year")
    flows["rate"] = rates["cad_per_unit"].reindex(flows.index)
    flows["method"] = rates["method"].reindex(flows.index)
    years = pd.Series(flows.index, index=flows.index)
    for flow in ("export", "import", "balance"):
        flows[f"{flow}_cad"] = to_cad(flows[f"{flow}_usd"], years, "USD", states.rates)
    return flows.rename_axis("ref_year")


def _growth(flows: pd.DataFrame, whole: list[int]) -> tuple[pd.DataFrame, str]:
    """Growth between whole years, in Canadian dollars when every whole year has a rate, else in US dollars."""
    complete = flows.loc[flows.index.isin(whole)]
    currency = "cad" if complete["export_cad"].notna().all() else "usd"
    rates = pd.DataFrame(
        {flow: metrics.yoy_growth_pct(complete[f"{flow}_{currency}"]) for flow in ("export", "import")}
    )
    return rates.dropna(how="all").rename(columns=lambda flow: f"{flow}_pct"), currency


def _shares(values: pd.Series, ranked: list[str] | None = None) -> pd.DataFrame:
    """Each one's share of the whole; its rank among `ranked` only (all when None), so that a row the source
    cannot attribute counts in the total but takes no place from the others."""
    frame = pd.DataFrame({"value_usd": values})
    frame["share_pct"] = metrics.share_pct(frame["value_usd"], frame["value_usd"].sum())
    eligible = frame["value_usd"] if ranked is None else frame["value_usd"].where(frame.index.isin(ranked))
    frame["rank"] = metrics.rank_descending(eligible)
    return frame.sort_values("value_usd", ascending=False)


def _by_state(exports: pd.DataFrame) -> pd.DataFrame:
    """Québec's exports to each US state in the year, ranked among the states and DC."""
    values = exports[exports["reporter_code"].eq(QUEBEC)].groupby("partner_code")["value_usd"].sum()
    return _shares(values, codes_of_kind(RANKED_KIND))


def _chapters(states: StatesTrade, codes: tuple[str, ...], year: int) -> pd.DataFrame:
    rows = states.quebec_chapters
    mine = rows[rows["partner_code"].isin(codes) & rows["flow"].eq("export") & rows["ref_year"].isin([year, year - 1])]
    wide = mine.pivot_table(index="hs2_code", columns="ref_year", values="value_usd", aggfunc="sum")
    wide = wide.reindex(columns=[year, year - 1])  # a year the source lacks (before a partial year) stays missing
    frame = pd.DataFrame({"value_usd": wide[year], "value_prev_usd": wide[year - 1]}).dropna(subset=["value_usd"])
    frame["share_pct"] = metrics.share_pct(frame["value_usd"], frame["value_usd"].sum())
    frame["change_usd"] = frame["value_usd"] - frame["value_prev_usd"]
    return frame.sort_values("value_usd", ascending=False)


def _modes(states: StatesTrade, codes: tuple[str, ...], year: int) -> pd.DataFrame:
    rows = states.quebec_modes
    mine = rows[rows["partner_code"].isin(codes) & rows["ref_year"].eq(year)]
    frame = mine.groupby(["flow", "mode_code"], as_index=False)["value_usd"].sum()
    frame["share_pct"] = frame["value_usd"] / frame.groupby("flow")["value_usd"].transform("sum") * 100.0
    return frame.sort_values(["flow", "value_usd"], ascending=[True, False], ignore_index=True)


def state_profile(states: StatesTrade, codes: list[str], year: int | None) -> StateProfile:
    """Every frame for the state(s) `codes` in `year` (the period's STATES year; None when the files hold no whole
    year)."""
    codes = tuple(codes)
    totals = states.totals
    quebec = totals[totals["reporter_code"].eq(QUEBEC) & totals["partner_code"].isin(codes)]
    exports = totals[totals["flow"].eq("export") & totals["ref_year"].eq(year)]
    by_state = _by_state(exports)
    to_codes = exports[exports["partner_code"].isin(codes) & exports["reporter_code"].isin(subnational_codes())]
    members = by_state.reindex(list(codes)).dropna(subset=["value_usd"])[["value_usd"]]
    members["value_cad"] = to_cad(members["value_usd"], pd.Series(year, index=members.index), "USD", states.rates)
    members["weight_pct"] = metrics.share_pct(members["value_usd"], members["value_usd"].sum())
    flows = _flows(states, quebec)
    growth, growth_currency = _growth(flows, states.complete_years)
    held = set(totals["partner_code"].unique())
    return StateProfile(
        codes=codes,
        covered=tuple(code for code in codes if code in held),
        year=year,
        months_held=states.months_held,
        flows=flows,
        growth=growth,
        growth_currency=growth_currency,
        by_state=by_state,
        provinces=_shares(to_codes.groupby("reporter_code")["value_usd"].sum()),
        chapters=_chapters(states, codes, year) if year else pd.DataFrame(),
        modes=_modes(states, codes, year) if year else pd.DataFrame(),
        members=members.sort_values("value_usd", ascending=False),
        members_by_year=_members_by_year(states, quebec),
        source_ids=states.source_ids,
    )


def _members_by_year(states: StatesTrade, quebec: pd.DataFrame) -> pd.DataFrame:
    """In Canadian dollars too, where the Bank of Canada's rate of the year is at hand (as `_flows`)."""
    rows = quebec[quebec["flow"].eq("export") & quebec["ref_year"].isin(states.complete_years)]
    frame = (
        rows.groupby(["ref_year", "partner_code"], as_index=False)["value_usd"]
        .sum()
        .sort_values(["partner_code", "ref_year"], ignore_index=True)
    )
    frame["value_cad"] = to_cad(frame["value_usd"], frame["ref_year"], "USD", states.rates)
    return frame


def leading_states(states: StatesTrade, year: int | None) -> tuple[int | None, pd.DataFrame]:
    """Québec's exports to each US state and DC in `year` (the period's STATES year), largest first:
    value_usd, value_cad (with the Bank of Canada's rate of the year, where at hand), share_pct of all its exports to
    the United States, rank; the unknown state is left out (it is in the shares' total)."""
    totals = states.totals
    frame = _by_state(totals[totals["flow"].eq("export") & totals["ref_year"].eq(year)])
    frame = frame[frame["rank"].notna()]
    return year, frame.assign(
        value_cad=to_cad(frame["value_usd"], pd.Series(year, index=frame.index), "USD", states.rates)
    )
