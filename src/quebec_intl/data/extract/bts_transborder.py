"""US BTS TransBorder Freight files: dot2 (US state x 2-digit HS chapter x mode of transport x province), one file a
month, in US dollars. The mirror or cache holds a folder per month, `YYYY-MM/dot2_MMYY.csv`, plain or gzipped
(`.csv.gz`), with LF or CRLF line ends, as the published archives and their compilers keep them."""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ...errors import SourceFileError
from .csvfile import SOURCE_REMEDY, check_columns, cut_short, read_header

DOT2_COLUMNS = (
    "TRDTYPE",
    "USASTATE",
    "COMMODITY2",
    "DISAGMOT",
    "MEXSTATE",
    "CANPROV",
    "COUNTRY",
    "VALUE",
    "SHIPWT",
    "FREIGHT_CHARGES",
    "DF",
    "CONTCODE",
    "MONTH",
    "YEAR",
)
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
            raise SourceFileError(
                f"{folder}: month {month}/20{year} is held twice, in {by_month[year, month]} and "
                f"{path}; keep one of them"
            )
        by_month[year, month] = path
    return [by_month[key] for key in sorted(by_month)]


MANIFEST = "MANIFEST.csv"  # the mirror's list of its extracts: path, checksum and lines of each


def checksums(folder: Path) -> dict[str, str]:
    """The sha256 the folder's MANIFEST.csv records for each file it lists; empty without one."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return {}
    with manifest.open(encoding="utf-8", newline="") as handle:
        return {
            row["extract"]: row["extract_sha256"]
            for row in csv.DictReader(handle)
            if row.get("extract") and row.get("extract_sha256")
        }


def _month_bytes(file: Path, expected_sha256: str | None = None) -> bytes:
    """The month's file as bytes, unzipped. A file whose checksum differs from the one its folder's manifest
    records, or cut short (no line end after its last row), is an error: a file cut at a line end would
    otherwise read as a whole month with rows missing."""
    try:
        raw = file.read_bytes()
        if expected_sha256 and hashlib.sha256(raw).hexdigest() != expected_sha256:
            raise SourceFileError(
                f"{file}: its sha256 differs from the one {MANIFEST} records ({expected_sha256}): "
                f"the file was changed or damaged; {SOURCE_REMEDY}"
            )
        data = gzip.decompress(raw) if file.suffix == ".gz" else raw
    except (EOFError, OSError, zlib.error) as exc:
        raise SourceFileError(f"{file}: not a readable file ({exc}); {SOURCE_REMEDY}") from None
    if data and not data.endswith(b"\n"):
        raise cut_short(file, data.count(b"\n") + 1)
    return data


def read_month(file: Path, expected_sha256: str | None = None) -> pd.DataFrame:
    """One month's rows, the columns the project uses, as text. Every row must have the header's fields."""
    check_columns(file, read_header(file), DOT2_COLUMNS)
    options = pacsv.ConvertOptions(
        include_columns=list(KEPT),
        column_types={c: pa.string() for c in KEPT},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        table = pacsv.read_csv(pa.py_buffer(_month_bytes(file, expected_sha256)), convert_options=options)
    except pa.ArrowInvalid as exc:
        raise SourceFileError(f"{file}: malformed or truncated file ({exc}); {SOURCE_REMEDY}") from None
    if table.num_rows == 0:
        raise SourceFileError(f"{file}: the file has a header but no rows; {SOURCE_REMEDY}")
    return table.to_pandas()


def extract(folder: Path) -> Iterator[tuple[Path, pd.DataFrame]]:
    """Every month's rows, a month at a time, with the file they came from."""
    recorded = checksums(folder)
    for file in dot2_files(folder):
        yield file, read_month(file, recorded.get(file.relative_to(folder).as_posix()))
