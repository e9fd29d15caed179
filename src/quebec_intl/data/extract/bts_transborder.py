"""US BTS TransBorder Freight files: dot2 (US state x 2-digit HS commodity), one CSV per month, in US dollars.

The mirror (or cache) holds a folder per month, `YYYY-MM/dot2_MMYY.csv`, as the published monthly archives do."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...errors import SourceFileError
from .csvfile import read_text_columns

DOT2_COLUMNS = ("TRDTYPE", "USASTATE", "COMMODITY2", "DISAGMOT", "MEXSTATE", "CANPROV", "COUNTRY", "VALUE", "SHIPWT",
                "FREIGHT_CHARGES", "DF", "CONTCODE", "MONTH", "YEAR")


def dot2_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*/dot2_*.csv"))
    if not files:
        raise SourceFileError(f"{folder}: no monthly dot2_MMYY.csv file in its YYYY-MM folders")
    return files


def extract(folder: Path) -> pd.DataFrame:
    """Every month's dot2 rows, as text, with the file each row came from."""
    frames = [read_text_columns(file, DOT2_COLUMNS).assign(source_file=file.name) for file in dot2_files(folder)]
    return pd.concat(frames, ignore_index=True)
