"""What a trade report reads: the annual frame (each partner from the best source at hand that has it, the
pipeline's `trade_annual`), the published figures it does not use, and Québec's trade with each US state. Nothing is
downloaded here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..caching import CACHE
from . import pipeline, sources
from .reference import QUEBEC
from .transform.trade_annual import TOTAL  # reports filter on it too

EMBEDDED_SOURCE = "curated_trade_figures"
# Every tidy table a report reads (here and in analysis.network); the reconciliations are the CLI's.
REPORT_TABLES = (
    "trade_annual",
    "trade_monthly_partners",
    "revisions_us",
    "published_not_used",
    "trade_us_states_annual",
    "exchange_rates",
    "offices",
    "office_territories",
    "organisations",
    "events",
    "agreements",
    "agreement_counts",
    "trade_measures",
)
ALL_PARTNERS_SOURCE = "statcan_12100173"


@dataclass(frozen=True)
class TradeDataset:
    """Annual trade by province, partner, flow and product section (`total` for all sections). Each partner's rows
    come whole from the best source that has that partner (the pipeline's choice, `trade_annual`): an official table
    at hand, else the published figures embedded in data/curated/."""

    annual: pd.DataFrame  # each cell from the best source that has it (`is_best`)
    other_published: pd.DataFrame  # published figures of the partners they supply, not used (lower authority...)
    source_ids: tuple[str, ...]
    candidates: pd.DataFrame  # every official table's row of every cell, for figures that must come from one table

    @property
    def covers_all_partners(self) -> bool:
        """True when every partner is in the data, so ranks, shares and concentration among partners mean something."""
        return ALL_PARTNERS_SOURCE in self.source_ids

    @property
    def sources(self) -> list[sources.Source]:
        return [sources.get(source_id) for source_id in self.source_ids]


def is_embedded(source_id: str) -> bool:
    return source_id == EMBEDDED_SOURCE


def load() -> TradeDataset:
    """Québec's annual trade by partner from the best sources at hand; made once per process for the same tables
    (a batch renders every partner's page from it). Callers must not modify its frames."""
    return CACHE.get(f"{__name__}.load", _fingerprints("trade_annual", "published_not_used"), _dataset)


def annual_flows_held() -> pd.DataFrame:
    """By partner_code and ref_year, whether the annual frame holds Québec's exports and its imports (all products;
    columns `export`, `import`): the years of a partner's trade without building it (a comparison's check asks them
    of every side). Made once per process for the same tables."""
    return CACHE.get(
        f"{__name__}.annual_flows_held", _fingerprints("trade_annual", "published_not_used"), _annual_flows_held
    )


def _annual_flows_held() -> pd.DataFrame:
    annual = load().annual
    totals = annual[annual["reporter_code"].eq(QUEBEC) & annual["product_section_code"].eq(TOTAL)]
    counted = totals.groupby(["partner_code", "ref_year", "flow"])["value_cad"].count().unstack("flow")
    return counted.reindex(columns=["export", "import"]).fillna(0).gt(0)


def _fingerprints(*tables: str) -> tuple[str, ...]:
    """What a frame made from these tables is made of: each table, made current first, by its fingerprint."""
    for table in tables:
        pipeline.load(table)
    return tuple(pipeline.meta(table)["fingerprint"] for table in tables)


def _dataset() -> TradeDataset:
    candidates = pipeline.load("trade_annual")
    annual = candidates[candidates["is_best"]].reset_index(drop=True)
    return TradeDataset(annual, pipeline.load("published_not_used"), tuple(annual["source_id"].unique()), candidates)


@dataclass(frozen=True)
class StatesTrade:
    """Every province's trade with every US state by year (BTS TransBorder, US dollars), with the months the source
    holds for each year and the Bank of Canada's rates where they are at hand."""

    totals: pd.DataFrame  # ref_year, reporter_code, partner_code, flow, value_usd
    quebec_chapters: pd.DataFrame  # Québec only: ref_year, partner_code, flow, hs2_code, value_usd
    quebec_modes: pd.DataFrame  # Québec only: ref_year, partner_code, flow, mode_code, value_usd
    months_held: dict[int, tuple[int, int, int]]  # year -> (months held, first month, last month)
    rates: pd.DataFrame  # the exchange_rates rows for the US dollar; empty without the Bank's files
    source_ids: tuple[str, ...]

    @property
    def quebec_partners(self) -> list[str]:
        """The states Québec trades with in the files."""
        totals = self.totals
        quebec = totals[totals["reporter_code"].eq(QUEBEC) & totals["value_usd"].gt(0)]
        return sorted(set(quebec["partner_code"].unique()))

    @property
    def complete_years(self) -> list[int]:
        return sorted(year for year, (held, _, _) in self.months_held.items() if held == 12)


def _states_trade(with_rates: bool) -> StatesTrade:
    table = pipeline.load("trade_us_states_annual")
    keys = ["ref_year", "reporter_code", "partner_code", "flow"]
    totals = table.groupby(keys, as_index=False)["value_usd"].sum()
    quebec = table[table["reporter_code"].eq(QUEBEC)]
    rates = pipeline.load("exchange_rates") if with_rates else None
    usd = (
        rates[rates["currency_code"].eq("USD")]
        if rates is not None
        else pd.DataFrame(columns=["ref_year", "currency_code", "cad_per_unit", "method", "source_id", "source_url"])
    )
    return StatesTrade(
        totals=totals,
        quebec_chapters=quebec.groupby(["ref_year", "partner_code", "flow", "hs2_code"], as_index=False)[
            "value_usd"
        ].sum(),
        quebec_modes=quebec.groupby(["ref_year", "partner_code", "flow", "mode_code"], as_index=False)[
            "value_usd"
        ].sum(),
        months_held={
            int(y): (int(n), int(a), int(b))
            for y, n, a, b in table[  # the same on every row of a year
                ["ref_year", "months_held", "first_month", "last_month"]
            ]
            .drop_duplicates("ref_year")
            .itertuples(index=False)
        },
        rates=usd.reset_index(drop=True),
        source_ids=("bts_transborder_dot2",) + tuple(usd["source_id"].unique()),
    )


def load_states_trade() -> StatesTrade | None:
    """None when the BTS files are not at hand (no mirror), so a report can say so in one line. Read once per
    process for the same tables (a batch renders every state's page from it)."""
    if not pipeline.can_load("trade_us_states_annual"):
        return None
    with_rates = pipeline.can_load("exchange_rates")
    key = _fingerprints("trade_us_states_annual", *(["exchange_rates"] if with_rates else []))
    return CACHE.get(f"{__name__}.load_states_trade", key, lambda: _states_trade(with_rates))


@dataclass(frozen=True)
class MonthlyTrade:
    """Québec's trade with its principal partners month by month (Statistics Canada table 12-10-0175-01): all
    products every month the table holds, product sections where it gives them. A month the table lacks is named,
    never counted as zero; a year lacking a month is partial."""

    rows: pd.DataFrame  # Québec only: ref_year, ref_month, partner_code, flow, product_section_code, value_cad, status
    source_ids: tuple[str, ...]
    fingerprint: str  # the table's: what sums made from these rows are remembered by (analysis.monthly)
    totals: pd.DataFrame  # all products: each partner's exports and imports each month
    by_partner: dict[str, pd.DataFrame]  # each partner's rows
    months: list[tuple[int, int]]  # the months with figures for all products, oldest first
    missing_months: list[tuple[int, int]]  # months between the first and the last the table holds that it lacks
    complete_years: list[int]  # the years the table holds all twelve months of

    @classmethod
    def of(cls, rows: pd.DataFrame, source_ids: tuple[str, ...], fingerprint: str) -> MonthlyTrade:
        totals = rows[rows["product_section_code"].eq(TOTAL)]
        held = totals[["ref_year", "ref_month"]].drop_duplicates()
        months = sorted((int(y), int(m)) for y, m in held.itertuples(index=False))
        counts = pd.Series([y for y, _ in months]).value_counts()
        return cls(
            rows,
            source_ids,
            fingerprint,
            totals,
            {code: part for code, part in rows.groupby("partner_code", sort=False)},
            months,
            _missing(months),
            sorted(int(y) for y, n in counts.items() if n == 12),
        )

    def months_of(self, year: int) -> list[int]:
        return [m for y, m in self.months if y == year]


def _missing(held: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not held:
        return []
    every = pd.period_range(f"{held[0][0]}-{held[0][1]:02d}", f"{held[-1][0]}-{held[-1][1]:02d}", freq="M")
    present = set(held)
    return [(p.year, p.month) for p in every if (p.year, p.month) not in present]


def load_monthly() -> MonthlyTrade | None:
    """None when table 12-10-0175-01 of Québec's principal partners is not at hand (no mirror, no download)."""
    if not pipeline.can_load("trade_monthly_partners"):
        return None
    key = _fingerprints("trade_monthly_partners")
    return CACHE.get(f"{__name__}.load_monthly", key, lambda: _monthly(key[0]))


def _monthly(fingerprint: str) -> MonthlyTrade:
    table = pipeline.load("trade_monthly_partners")
    quebec = table[table["reporter_code"].eq(QUEBEC)].drop(columns=["reporter_code", "symbol_code"])
    return MonthlyTrade.of(quebec.reset_index(drop=True), tuple(quebec["source_id"].unique()), fingerprint)


def data_basis() -> list[str]:
    """The sources the trade figures come from now: the annual frame's, and BTS with the Bank's rates when at hand.
    A page made on another basis would mix data with the rest of the site."""
    states, monthly = load_states_trade(), load_monthly()
    return sorted(
        set(load().source_ids) | set(states.source_ids if states else ()) | set(monthly.source_ids if monthly else ())
    )


def partners_with_trade() -> list[str]:
    """Every partner the data at hand has Québec's trade with: the annual frame's, and the US states of BTS."""
    annual = load().annual
    codes = set(annual.loc[annual["reporter_code"].eq(QUEBEC), "partner_code"].unique())
    states = load_states_trade()
    return sorted(codes | set(states.quebec_partners if states else ()))


def load_measures() -> pd.DataFrame | None:
    """The trade-policy measures of 2025–2026 (data/curated/trade_measures.csv), oldest first; None when the table
    cannot be built (the curated file is packaged, so only a broken install lacks it)."""
    if not pipeline.can_load("trade_measures"):
        return None
    return pipeline.load("trade_measures")
