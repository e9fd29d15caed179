"""Conversion to Canadian dollars with cited annual exchange rates (data/curated/exchange_rates.csv), never a guess."""

from __future__ import annotations

import pandas as pd

from .. import settings
from ..errors import SourceFileError
from .fields import table_fields
from .schema import validate

RATES_FILE = "data/curated/exchange_rates.csv"


def cited_rates(file=None) -> pd.DataFrame:
    file = file or settings.project_files() / RATES_FILE
    rates = pd.read_csv(file, dtype={"ref_year": "int64", "currency_code": "str", "cad_per_unit": "float64",
                                     "source_url": "str"})
    return validate(rates[table_fields("exchange_rates")].reset_index(drop=True), "exchange_rates", str(file))


def to_cad(values: pd.Series, years: pd.Series, currency: str, rates: pd.DataFrame) -> pd.Series:
    """`values` (in `currency`) times the cited rate of their year; any year without a cited rate is an error."""
    table = rates[rates["currency_code"].eq(currency)].set_index("ref_year")["cad_per_unit"]
    missing = sorted(set(years) - set(table.index))
    if missing:
        raise SourceFileError(
            f"no cited {currency}->CAD rate for {', '.join(map(str, missing))}: add each year to "
            f"{RATES_FILE} with the address of the page that publishes it, "
            f"or keep the values in {currency}"
        )
    return values * years.map(table).to_numpy()
