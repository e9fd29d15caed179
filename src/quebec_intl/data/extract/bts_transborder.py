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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Recorded:
    """What a list of checksums records for one month's file, and which list says so."""

    sha256: str
    lines: int | None
    where: Path


def checksums(folder: Path) -> dict[str, Recorded]:
    """What the folder's MANIFEST.csv records for each file it lists; empty without one."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return {}
    return _recorded(manifest, "extract", "extract_sha256", "extract_lines")


def registered(listing: Path) -> dict[str, Recorded]:
    """What the project registers for each month's file (`file`, `sha256`, `lines`): the list the source registry
    names, so that a file is verified even where the mirror keeps no manifest."""
    return _recorded(listing, "file", "sha256", "lines")


def _recorded(listing: Path, path: str, sha256: str, lines: str) -> dict[str, Recorded]:
    with listing.open(encoding="utf-8", newline="") as handle:
        return {
            row[path]: Recorded(row[sha256], _lines(row.get(lines)), listing)
            for row in csv.DictReader(handle)
            if row.get(path) and row.get(sha256)
        }


def _lines(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@dataclass(frozen=True)
class Checksums:
    """What the month files of a folder must be: the registry's list (`listing`) first, then the mirror's manifest."""

    folder: Path
    listing: Path
    recorded: dict[str, Recorded]

    def of(self, file: Path) -> Recorded | None:
        return self.recorded.get(file.relative_to(self.folder).as_posix())

    def held_by(self, sha256: str, file: Path) -> Path | None:
        """The other month file recorded with this very checksum: the one `file` is a copy of."""
        name = file.relative_to(self.folder).as_posix()
        return next(
            (self.folder / other for other, r in self.recorded.items() if r.sha256 == sha256 and other != name), None
        )


def _month_bytes(file: Path, checks: Checksums) -> bytes:
    """The month's file as bytes, unzipped, verified. A file cut short (no line end after its last row), or whose
    checksum differs from the recorded one (a file cut at a line end, edited, another month's copied under its name,
    or another vintage), is an error: it would otherwise read as a whole month with rows missing or changed. A file
    no list records is refused too, since nothing could tell it from a damaged one."""
    recorded = checks.of(file)
    if recorded is None:
        raise SourceFileError(
            f"{file}: no checksum is recorded for it (neither {checks.listing} nor the folder's {MANIFEST} lists "
            f"it), so it cannot be verified; remove it, or, for a month BTS published, add its path and sha256 to "
            f"{checks.listing}"
        )
    try:
        raw = file.read_bytes()
        data = gzip.decompress(raw) if file.suffix == ".gz" else raw
    except (EOFError, OSError, zlib.error) as exc:
        raise SourceFileError(f"{file}: not a readable file ({exc}); {SOURCE_REMEDY}") from None
    if data and not data.endswith(b"\n"):
        raise cut_short(file, data.count(b"\n") + 1)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != recorded.sha256:
        if (original := checks.held_by(digest, file)) is not None:
            raise SourceFileError(
                f"{file}: it is a copy of {original} (the same sha256), another month under this month's name; "
                f"{SOURCE_REMEDY}"
            )
        lines = data.count(b"\n")
        counted = (
            f"it has {lines:,} lines where {recorded.lines:,} are recorded, and its"
            if recorded.lines is not None and recorded.lines != lines
            else "its"
        )
        raise SourceFileError(
            f"{file}: {counted} sha256 differs from the one {recorded.where} records ({recorded.sha256}): "
            f"the file was cut, edited or replaced; {SOURCE_REMEDY}"
        )
    return data


def read_month(file: Path, checks: Checksums) -> pd.DataFrame:
    """One month's rows, the columns the project uses, as text. Every row must have the header's fields."""
    check_columns(file, read_header(file), DOT2_COLUMNS)
    options = pacsv.ConvertOptions(
        include_columns=list(KEPT),
        column_types={c: pa.string() for c in KEPT},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        table = pacsv.read_csv(pa.py_buffer(_month_bytes(file, checks)), convert_options=options)
    except pa.ArrowInvalid as exc:
        raise SourceFileError(f"{file}: malformed or truncated file ({exc}); {SOURCE_REMEDY}") from None
    if table.num_rows == 0:
        raise SourceFileError(f"{file}: the file has a header but no rows; {SOURCE_REMEDY}")
    return table.to_pandas()


def extract(folder: Path, listing: Path) -> Iterator[tuple[Path, pd.DataFrame]]:
    """Every month's rows, a month at a time, with the file they came from. Each file is verified against the
    checksum the project registers for it (`listing`), else the one the folder's manifest records."""
    files = dot2_files(folder)
    checks = Checksums(folder, listing, {**checksums(folder), **registered(listing)})
    for file in files:
        yield file, read_month(file, checks)
