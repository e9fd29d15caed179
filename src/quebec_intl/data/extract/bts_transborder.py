"""US BTS TransBorder Freight files: dot2 (US state x 2-digit HS chapter x mode of transport x province), one file a
month, in US dollars. The mirror or cache holds a folder per month, `YYYY-MM/dot2_MMYY.csv`, plain or gzipped
(`.csv.gz`), with LF or CRLF line ends, as the published archives and their compilers keep them."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ...errors import SourceFileError
from .csvfile import SOURCE_REMEDY, check_columns, read_header

DOT2_COLUMNS = ("TRDTYPE", "USASTATE", "COMMODITY2", "DISAGMOT", "MEXSTATE", "CANPROV", "COUNTRY", "VALUE", "SHIPWT",
                "FREIGHT_CHARGES", "DF", "CONTCODE", "MONTH", "YEAR")
KEPT = ("TRDTYPE", "USASTATE", "COMMODITY2", "DISAGMOT", "CANPROV", "COUNTRY", "VALUE", "MONTH", "YEAR")
FILE_NAME = re.compile(r"dot2_(\d{2})(\d{2})\.csv(\.gz)?")


def dot2_files(folder: Path) -> list[Path]:
    """Every month's dot2 file, oldest first. A month held by two files (`.csv` beside `.csv.gz`, or a copied
    folder) is an error naming both, so no month is ever counted twice."""
    files = [path for path in folder.glob("*/dot2_*") if FILE_NAME.fullmatch(path.name)]
    if not files:
        raise SourceFileError(f"{folder}: no monthly dot2_MMYY.csv or dot2_MMYY.csv.gz file in its YYYY-MM folders")
    by_month: dict[tuple[str, str], Path] = {}
    for path in sorted(files):
        month, year = FILE_NAME.fullmatch(path.name).group(1, 2)
        if (year, month) in by_month:
            raise SourceFileError(f"{folder}: month {month}/20{year} is held twice, in {by_month[year, month]} and "
                                  f"{path}; keep one of them")
        by_month[year, month] = path
    return [by_month[key] for key in sorted(by_month)]


def _month_bytes(file: Path) -> bytes:
    """The month's file as bytes, unzipped; a file cut short (no line end after its last row) is an error."""
    try:
        data = gzip.decompress(file.read_bytes()) if file.suffix == ".gz" else file.read_bytes()
    except (EOFError, OSError, zlib.error) as exc:
        raise SourceFileError(f"{file}: not a readable file ({exc}); {SOURCE_REMEDY}") from None
    if data and not data.endswith(b"\n"):
        last_line = data.count(b"\n") + 1
        raise SourceFileError(f"{file}: line {last_line}, the last one, has no line end: the file was "
                              f"cut short; {SOURCE_REMEDY}")
    return data


def read_month(file: Path) -> pd.DataFrame:
    """One month's rows, the columns the project uses, as text. Every row must have the header's fields."""
    check_columns(file, read_header(file), DOT2_COLUMNS)
    options = pacsv.ConvertOptions(include_columns=list(KEPT), column_types={c: pa.string() for c in KEPT},
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        table = pacsv.read_csv(pa.py_buffer(_month_bytes(file)), convert_options=options)
    except pa.ArrowInvalid as exc:
        raise SourceFileError(f"{file}: malformed or truncated file ({exc}); {SOURCE_REMEDY}") from None
    if table.num_rows == 0:
        raise SourceFileError(f"{file}: the file has a header but no rows; {SOURCE_REMEDY}")
    return table.to_pandas()


def extract(folder: Path) -> Iterator[tuple[Path, pd.DataFrame]]:
    """Every month's rows, a month at a time, with the file they came from."""
    for file in dot2_files(folder):
        yield file, read_month(file)
