"""Conversion of US-dollar values to Canadian dollars with the Bank of Canada's rate for their year (the
exchange_rates table), never with a guessed or a neighbouring year's rate."""

from __future__ import annotations

import pandas as pd

from ..errors import SourceFileError


def to_cad(values: pd.Series, years: pd.Series, currency: str, rates: pd.DataFrame) -> pd.Series:
    """`values` (in `currency`) times the rate of their year; any year without a rate is an error."""
    table = rates[rates["currency_code"].eq(currency)].set_index("ref_year")["cad_per_unit"]
    missing = sorted(set(years) - set(table.index))
    if missing:
        held = f"{table.index.min()}–{table.index.max()}" if len(table) else "none"
        raise SourceFileError(
            f"no {currency}->CAD rate for {', '.join(map(str, missing))} (the Bank of Canada files at hand give "
            f"{held}): keep the values in {currency}, or add the Bank's files for those years to the sources"
        )
    return values * years.map(table).to_numpy()
