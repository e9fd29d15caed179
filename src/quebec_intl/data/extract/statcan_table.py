"""Statistics Canada full-table CSVs (Web Data Service downloads), read without holding the whole file in memory.

Tables 12-10-0173-01 and 12-10-0175-01 run to hundreds of megabytes. pyarrow's streaming CSV reader parses them
in blocks, only the columns the project uses; each block is filtered before it is kept: Québec and Canada whole
(product mix, shares of Canada), other provinces for all products only (ranks among provinces)."""

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
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ...errors import SourceFileError
from .csvfile import cut_short

NAPCS = "North American Product Classification System (NAPCS)"
COMMON_TAIL = (
    "UOM",
    "UOM_ID",
    "SCALAR_FACTOR",
    "SCALAR_ID",
    "VECTOR",
    "COORDINATE",
    "VALUE",
    "STATUS",
    "SYMBOL",
    "TERMINATED",
    "DECIMALS",
)
FULL_GEOS = ["Quebec", "Québec", "Canada"]
TOTAL_PRODUCTS = ["All sections", "Total of all merchandise"]
BLOCK_BYTES = 1 << 20  # small blocks: the reader reads ahead several blocks per thread (measured: 16 MB -> 850 MB)
COMPACT_ROWS = 250_000


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
        return ["REF_DATE", "GEO", self.partner_column, NAPCS, "Trade", "SCALAR_ID", "VALUE", "STATUS", "SYMBOL"]


MONTHLY = TableLayout(
    "12100175",
    "Principal trading partners",
    ("REF_DATE", "GEO", "DGUID", "Trade", NAPCS, "Principal trading partners") + COMMON_TAIL,
)
ANNUAL = TableLayout(
    "12100173", "Trading partner", ("REF_DATE", "GEO", "DGUID", "Trading partner", NAPCS, "Trade") + COMMON_TAIL
)


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
                raise SourceFileError(
                    f"{path}: the archive has no {layout.member} (it has {', '.join(archive.namelist())})"
                )
            with archive.open(layout.member) as handle:
                yield handle
    except zipfile.BadZipFile as exc:
        raise SourceFileError(
            f"{path}: corrupt or truncated zip archive ({exc}); delete it and download it again"
        ) from None


def check_header(path: Path, layout: TableLayout) -> None:
    with open_table(path, layout) as stream:
        header_line = stream.readline()
    if not header_line.strip():
        raise SourceFileError(f"{path}: table {layout.pid} is empty; download it again")
    try:
        text = header_line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceFileError(
            f"{path}: the header is not UTF-8 text; the file is corrupt or not a StatCan CSV"
        ) from None
    header = next(csv.reader([text]), [])
    if header[:1] == [""]:
        header = header[1:]  # a row index pandas wrote when it saved a download: not a column of the table
    if tuple(header) != layout.columns:
        raise SourceFileError(
            f"{path}: table {layout.pid} header changed: expected {', '.join(layout.columns)}; got {', '.join(header)}"
        )


class _TailWatch(io.RawIOBase):
    """A binary stream that remembers the last byte read through it: a table whose last line has no line end
    was cut short in transit, and is refused without a second pass over the file."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.last = stream, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        if data:
            self.last = data[-1:]
        return len(data)


def _kept_rows(batch: pa.RecordBatch) -> pa.RecordBatch:
    keep = pc.or_(
        pc.is_in(batch.column("GEO"), value_set=pa.array(FULL_GEOS)),
        pc.is_in(batch.column(NAPCS), value_set=pa.array(TOTAL_PRODUCTS)),
    )
    return batch.filter(keep)


def _compact(batches: list[pa.RecordBatch]) -> pa.Table:
    """Kept rows with their repeating labels dictionary-encoded; VALUE, nearly unique, stays plain text."""
    table = pa.Table.from_batches(batches)
    return pa.table(
        {
            name: table.column(name) if name == "VALUE" else pc.dictionary_encode(table.column(name))
            for name in table.column_names
        }
    )


def extract(path: Path, layout: TableLayout, block_bytes: int = BLOCK_BYTES) -> pd.DataFrame:
    """The kept rows in the source's own columns, as text (categories, to keep memory small)."""
    check_header(path, layout)
    kept, pending, pending_rows = [], [], 0
    options = pacsv.ConvertOptions(
        include_columns=layout.kept_columns,
        column_types={column: pa.string() for column in layout.kept_columns},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        with open_table(path, layout) as raw:
            stream = _TailWatch(raw)
            reader = pacsv.open_csv(
                io.BufferedReader(stream, 1 << 20),
                read_options=pacsv.ReadOptions(block_size=block_bytes),
                convert_options=options,
            )
            for batch in reader:
                rows = _kept_rows(batch)
                pending.append(rows)
                pending_rows += rows.num_rows
                if pending_rows >= COMPACT_ROWS:
                    kept.append(_compact(pending))
                    pending, pending_rows = [], 0
            if pending_rows:
                kept.append(_compact(pending))
        if stream.last != b"\n":
            raise cut_short(path, None, "download it again")
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise SourceFileError(f"{path}: malformed CSV in table {layout.pid} ({exc}); download it again") from None
    table = pa.concat_tables(kept).unify_dictionaries() if kept else None
    if table is None or table.num_rows == 0:
        raise SourceFileError(f"{path}: table {layout.pid} has no rows for Québec or Canada; check the file")
    return table.to_pandas()
