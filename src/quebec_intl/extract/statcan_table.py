"""Statistics Canada full-table CSVs (Web Data Service downloads), read without holding the whole file in memory.

Tables 12-10-0173-01 and 12-10-0175-01 run to hundreds of megabytes. Lines are filtered as raw bytes, block by
block, before any parsing: Québec and Canada are kept whole (the product mix, shares of Canada); other provinces
only for all products (ranks among provinces). Only the kept lines reach pandas."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from pandas.api.types import union_categoricals

from ..errors import SourceFileError

NAPCS = "North American Product Classification System (NAPCS)"
COMMON_TAIL = ("UOM", "UOM_ID", "SCALAR_FACTOR", "SCALAR_ID", "VECTOR", "COORDINATE", "VALUE", "STATUS", "SYMBOL",
               "TERMINATED", "DECIMALS")
FULL_GEOS = tuple(f'"{name}"'.encode() for name in ("Quebec", "Québec", "Canada"))
TOTAL_PRODUCTS = (b'"All sections"', b'"Total of all merchandise"')
BLOCK_BYTES = 16 << 20


@dataclass(frozen=True)
class TableLayout:
    pid: str
    partner_column: str
    columns: tuple[str, ...]

    @property
    def member(self) -> str:
        return f"{self.pid}.csv"

    @property
    def kept_columns(self) -> list[str]:
        return ["REF_DATE", "GEO", self.partner_column, NAPCS, "Trade", "SCALAR_FACTOR", "SCALAR_ID", "VALUE",
                "STATUS", "SYMBOL"]


MONTHLY = TableLayout("12100175", "Principal trading partners",
                      ("REF_DATE", "GEO", "DGUID", "Trade", NAPCS, "Principal trading partners") + COMMON_TAIL)
ANNUAL = TableLayout("12100173", "Trading partner",
                     ("REF_DATE", "GEO", "DGUID", "Trading partner", NAPCS, "Trade") + COMMON_TAIL)


@contextlib.contextmanager
def open_table(path: Path, layout: TableLayout) -> Iterator[BinaryIO]:
    """The table's CSV as a binary stream, from the WDS zip archive or from a CSV already extracted."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as handle:
            yield handle
        return
    try:
        with zipfile.ZipFile(path) as archive:
            if layout.member not in archive.namelist():
                raise SourceFileError(f"{path}: the archive has no {layout.member} (it has {', '.join(archive.namelist())})")
            with archive.open(layout.member) as handle:
                yield handle
    except zipfile.BadZipFile as exc:
        raise SourceFileError(f"{path}: corrupt or truncated zip archive ({exc}); delete it and download it again") from None


def check_header(path: Path, header_line: bytes, layout: TableLayout) -> None:
    try:
        text = header_line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceFileError(f"{path}: the header is not UTF-8 text; the file is corrupt or not a StatCan CSV") from None
    header = next(csv.reader([text]), [])
    if tuple(header) != layout.columns:
        raise SourceFileError(
            f"{path}: table {layout.pid} header changed: expected {', '.join(layout.columns)}; got {', '.join(header)}"
        )


def keep_lines(block: bytes, geo_offset: int) -> bytes:
    """The lines of Québec and Canada, and every province's all-products lines; plain byte tests, no parsing."""
    return b"".join(
        line + b"\n" for line in block.split(b"\n")
        if line.startswith(FULL_GEOS, geo_offset) or (TOTAL_PRODUCTS[0] in line or TOTAL_PRODUCTS[1] in line)
    )


def _parse(header_line: bytes, lines: bytes, layout: TableLayout, path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(io.BytesIO(header_line + lines), usecols=layout.kept_columns, dtype=str,
                            keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as exc:
        raise SourceFileError(f"{path}: malformed CSV in table {layout.pid} ({exc}); download it again") from None
    return frame.astype("category")


def extract(path: Path, layout: TableLayout, block_bytes: int = BLOCK_BYTES) -> pd.DataFrame:
    """The kept rows in the source's own columns, as text (categories, to keep memory small)."""
    frames = []
    with open_table(path, layout) as stream:
        header_line = stream.readline()
        if not header_line.strip():
            raise SourceFileError(f"{path}: table {layout.pid} is empty; download it again")
        check_header(path, header_line, layout)
        geo_offset, rest = None, b""
        while True:
            chunk = stream.read(block_bytes)
            block = rest + chunk
            cut = block.rfind(b"\n") + 1 if chunk else len(block)
            block, rest = block[:cut], block[cut:]
            if geo_offset is None and block:
                geo_offset = block.find(b",") + 1
            kept = keep_lines(block.replace(b"\r", b""), geo_offset or 0)
            if kept:
                frames.append(_parse(header_line, kept, layout, path))
            if not chunk:
                break
    if not frames:
        raise SourceFileError(f"{path}: table {layout.pid} has no rows for Québec or Canada; check the file")
    return concat_categorical(frames)


def concat_categorical(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack frames of categorical columns without turning them into Python strings."""
    return pd.DataFrame({
        column: union_categoricals([frame[column] for frame in frames], ignore_order=True)
        for column in frames[0].columns
    })
