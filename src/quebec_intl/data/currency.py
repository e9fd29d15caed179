"""Conversion of foreign-currency values to Canadian dollars with the Bank of Canada's rate of their year (the
exchange_rates table): the one path every figure converted on a page takes. A year the Bank has no rate for yet
(TransBorder runs ahead of the Bank's annual averages) is never given a neighbouring year's rate: its value stays
missing in Canadian dollars, and `years_without_rate` names such years so that a page can say so."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def rates_by_year(currency: str, rates: pd.DataFrame) -> pd.Series:
    """Canadian dollars per unit of `currency`, by year."""
    return rates[rates["currency_code"].eq(currency)].set_index("ref_year")["cad_per_unit"]


def to_cad(values: pd.Series, years: pd.Series, currency: str, rates: pd.DataFrame) -> pd.Series:
    """`values` (in `currency`) times the rate of their year; missing where the year has no rate."""
    by_year = rates_by_year(currency, rates)
    return pd.Series(values.to_numpy() * years.map(by_year).to_numpy(dtype=float), index=values.index)


def years_without_rate(years: Iterable[int], currency: str, rates: pd.DataFrame) -> list[int]:
    """The years among `years` the Bank's files at hand give no rate for."""
    return sorted(set(int(year) for year in years) - set(rates_by_year(currency, rates).index))
