"""The third-party extract of StatCan table 12-10-0175-01: provinces x product sections x the United States, monthly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import read_text_columns

COLUMNS = ("SECTOR", "YEAR", "YEAR_MONTH", "TRADE_PARTNER", "PROVINCE", "EXPORT", "IMPORT", "NET_TRADE")


def extract(file: Path) -> pd.DataFrame:
    return read_text_columns(file, COLUMNS)
