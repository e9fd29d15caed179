"""Annual Canadian dollars per US dollar from the Bank of Canada: its published annual averages (FXAUSDCAD, from
2017), and before 2017 the mean of its daily noon rates (IEXE0101), computed by the project over whole years, with
the dates the Bank flags as errors and its code values (negative numbers such as -64) left out."""

from __future__ import annotations

import pandas as pd

from ...errors import SourceFileError
from ..fields import table_fields
from ..schema import validate

ANNUAL_SERIES = "FXAUSDCAD"
NOON_SERIES = "IEXE0101"
FIRST_ANNUAL_YEAR = 2017  # the Bank's annual averages start here; its methodology changed that year


def _numbers(values: pd.Series, column: str, origin: str) -> pd.Series:
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = numbers.isna() & values.str.strip().ne("")
    if bad.any():
        raise SourceFileError(f"{origin}: column {column}: {values[bad].iloc[0]!r} is not a number")
    return numbers


def annual_averages(series: pd.DataFrame, source_id: str, url: str, origin: str) -> pd.DataFrame:
    years = pd.to_numeric(series["d"].str[:4], errors="coerce")
    rates = _numbers(series[ANNUAL_SERIES], ANNUAL_SERIES, origin)
    keep = years.notna() & rates.notna()
    return pd.DataFrame(
        {
            "ref_year": years[keep].astype("int64"),
            "currency_code": "USD",
            "cad_per_unit": rates[keep],
            "method": "annual_average",
            "source_id": source_id,
            "source_url": url,
        }
    )


def noon_means(daily: pd.DataFrame, errors: set[str], source_id: str, url: str, origin: str) -> pd.DataFrame:
    """The mean of each whole year's daily noon rates, before the Bank's own annual averages begin."""
    dates = pd.to_datetime(daily["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        raise SourceFileError(f"{origin}: column date: {daily['date'][dates.isna()].iloc[0]!r} is not a date")
    rates = _numbers(daily[NOON_SERIES], NOON_SERIES, origin)
    kept = pd.DataFrame({"year": dates.dt.year, "month": dates.dt.month, "rate": rates})
    kept = kept[~daily["date"].isin(errors) & kept["rate"].gt(0)]
    whole = kept.groupby("year")["month"].nunique().eq(12)
    means = (
        kept[kept["year"].isin(whole[whole].index) & kept["year"].lt(FIRST_ANNUAL_YEAR)].groupby("year")["rate"].mean()
    )
    return pd.DataFrame(
        {
            "ref_year": means.index.astype("int64"),
            "currency_code": "USD",
            "cad_per_unit": means.values,
            "method": "mean_of_daily_noon_rates",
            "source_id": source_id,
            "source_url": url,
        }
    )


def from_bank(annual: pd.DataFrame, noon: pd.DataFrame, origin: str) -> pd.DataFrame:
    table = pd.concat([noon, annual[annual["ref_year"].ge(FIRST_ANNUAL_YEAR)]], ignore_index=True)
    return validate(
        table[table_fields("exchange_rates")].sort_values("ref_year", ignore_index=True), "exchange_rates", origin
    )
