"""Statistics Canada full-table CSVs, read without holding the whole file in memory, in each layout they come in:
the English Web Data Service download (`{pid}-eng.zip`, comma-separated), the French one (`{pid}-fra.zip`,
semicolon-separated, French column names), and a compiler's copy that kept the official columns under French
snake_case names (the mirror's Québec extract of 12-10-0175-01, gzipped). The layout is told by the header.

Tables 12-10-0173-01 and 12-10-0175-01 run to hundreds of megabytes. pyarrow's streaming CSV reader parses them
in blocks, only the columns the project uses; each block is filtered before it is kept: Québec and Canada whole
(product mix, shares of Canada), other provinces for all products only (ranks among provinces). Whatever the layout,
the columns come out under the English table's names, with the source's own labels, as text."""

from __future__ import annotations

import contextlib
import csv
import gzip
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
# The French download's names for the same columns, as far as they are known; the three dimension columns and the
# last four are taken by their place (their French names vary with the table and were not seen in a real file).
FRENCH_TAIL = (
    "UNITÉ DE MESURE",
    "IDENTIFICATEUR D'UNITÉ DE MESURE",
    "FACTEUR SCALAIRE",
    "IDENTIFICATEUR SCALAIRE",
    "VECTEUR",
    "COORDONNÉES",
    "VALEUR",
    None,
    None,
    None,
    None,
)
FULL_GEOS = ["Quebec", "Québec", "Canada"]
TOTAL_PRODUCTS = ["All sections", "Total of all merchandise", "Total de toutes les marchandises", "Toutes les sections"]
BLOCK_BYTES = 1 << 20  # small blocks: the reader reads ahead several blocks per thread (measured: 16 MB -> 850 MB)
COMPACT_ROWS = 250_000
ROLES = ("REF_DATE", "GEO", "partner", NAPCS, "Trade", "SCALAR_ID", "VALUE", "STATUS", "SYMBOL")


@dataclass(frozen=True)
class TableLayout:
    """A table's file as one publisher or compiler writes it: its header (None where a name is matched by place
    only), where each column the project reads sits, its delimiter."""

    pid: str
    partner_column: str  # the English table's name for the partner column, which the rows come out under
    columns: tuple[str | None, ...]
    roles: tuple[int, ...]  # the position of each of ROLES in `columns`
    delimiter: str = ","
    name: str = "English"

    @property
    def member(self) -> str:
        return f"{self.pid}.csv"

    @property
    def kept_columns(self) -> list[str]:
        """The columns the rows come out under: the English table's names."""
        return [self.partner_column if role == "partner" else role for role in ROLES]

    def matches(self, header: list[str]) -> bool:
        return len(header) == len(self.columns) and all(
            expected is None or expected == found for expected, found in zip(self.columns, header)
        )


def _english(pid: str, partner: str, dimensions: tuple[str, str, str]) -> TableLayout:
    columns = ("REF_DATE", "GEO", "DGUID", *dimensions, *COMMON_TAIL)
    roles = tuple(columns.index(partner if role == "partner" else role) for role in ROLES)
    return TableLayout(pid, partner, columns, roles)


MONTHLY = _english("12100175", "Principal trading partners", ("Trade", NAPCS, "Principal trading partners"))
ANNUAL = _english("12100173", "Trading partner", ("Trading partner", NAPCS, "Trade"))
# The French download: its columns in the English file's order (trade, product, partner for 12-10-0175-01).
MONTHLY_FR = TableLayout(
    "12100175",
    "Principal trading partners",
    ("PÉRIODE DE RÉFÉRENCE", "GÉO", "DGUID", None, None, None, *FRENCH_TAIL),
    roles=(0, 1, 5, 4, 3, 9, 12, 13, 14),
    delimiter=";",
    name="French",
)
# A compiler's copy of the French download, Québec only: the 17 official columns under French snake_case names,
# then five constant columns of its own.
MONTHLY_COMPILED_FR = TableLayout(
    "12100175",
    "Principal trading partners",
    (
        "mois",
        "geographie",
        "dguid",
        "commerce",
        "produit_scpan",
        "partenaire",
        "unite",
        "unite_id",
        "facteur_scalaire",
        "scalaire_id",
        "vecteur",
        "coordonnees",
        "valeur_milliers_cad",
        "statut_source",
        "symbole_source",
        "termine_source",
        "decimales_source",
        "source_id",
        "date_capture_utc",
        "base_prix",
        "desaisonnalise",
        "base_commerce",
    ),
    roles=(0, 1, 5, 4, 3, 9, 12, 13, 14),
    name="French, compiled",
)
MONTHLY_LAYOUTS = (MONTHLY, MONTHLY_FR, MONTHLY_COMPILED_FR)


@contextlib.contextmanager
def open_table(path: Path, layout: TableLayout) -> Iterator[BinaryIO]:
    """The table's CSV as a binary stream: from the WDS zip archive, a gzipped copy, or a CSV already extracted."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            yield handle
        return
    if suffix != ".zip":
        with path.open("rb") as handle:
            yield handle
        return
    try:
        with zipfile.ZipFile(path) as archive:
            if layout.member not in archive.namelist():
                held = ", ".join(archive.namelist())
                raise SourceFileError(f"{path}: the archive has no {layout.member} (it has {held})")
            with archive.open(layout.member) as handle:
                yield handle
    except zipfile.BadZipFile as exc:
        raise SourceFileError(
            f"{path}: corrupt or truncated zip archive ({exc}); delete it and download it again"
        ) from None


def read_header(path: Path, layout: TableLayout) -> list[str]:
    try:
        with open_table(path, layout) as stream:
            header_line = stream.readline()
    except (OSError, EOFError) as exc:
        raise SourceFileError(f"{path}: not a readable file ({exc}); download it again") from None
    if not header_line.strip():
        raise SourceFileError(f"{path}: table {layout.pid} is empty; download it again")
    try:
        text = header_line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceFileError(
            f"{path}: the header is not UTF-8 text; the file is corrupt or not a StatCan CSV"
        ) from None
    header = [
        name.strip()
        for name in next(csv.reader([text], delimiter=";" if text.count(";") > text.count(",") else ","), [])
    ]
    if header[:1] == [""]:
        header = header[1:]  # a row index pandas wrote when it saved a download: not a column of the table
    return header


def layout_of(path: Path, layouts: tuple[TableLayout, ...]) -> TableLayout:
    """The layout whose header the file has; else one message naming what was found and what each layout expects."""
    header = read_header(path, layouts[0])
    for layout in layouts:
        if layout.matches(header):
            return layout
    expected = "; or ".join(", ".join(name or "…" for name in layout.columns) for layout in layouts)
    raise SourceFileError(
        f"{path}: table {layouts[0].pid} header changed: expected {expected}; got {', '.join(header)}"
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


def _renamed(batch: pa.RecordBatch, names: list[str]) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(batch.columns, names=names)


def extract(path: Path, layout: TableLayout | tuple[TableLayout, ...], block_bytes: int = BLOCK_BYTES) -> pd.DataFrame:
    """The kept rows, the English table's column names, the source's own labels, as text (categories, to keep
    memory small). `layout`: the one layout the file must have, or the layouts it may have."""
    layout = layout_of(path, layout if isinstance(layout, tuple) else (layout,))
    header = read_header(path, layout)
    source_names = [header[position] for position in layout.roles]  # in the order of ROLES, as pyarrow returns them
    kept, pending, pending_rows = [], [], 0
    options = pacsv.ConvertOptions(
        include_columns=source_names,
        column_types={column: pa.string() for column in source_names},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    english = layout.kept_columns
    try:
        with open_table(path, layout) as raw:
            stream = _TailWatch(raw)
            reader = pacsv.open_csv(
                io.BufferedReader(stream, 1 << 20),
                read_options=pacsv.ReadOptions(block_size=block_bytes),
                parse_options=pacsv.ParseOptions(delimiter=layout.delimiter),
                convert_options=options,
            )
            for batch in reader:
                rows = _kept_rows(_renamed(batch, english))
                pending.append(rows)
                pending_rows += rows.num_rows
                if pending_rows >= COMPACT_ROWS:
                    kept.append(_compact(pending))
                    pending, pending_rows = [], 0
            if pending_rows:
                kept.append(_compact(pending))
        if stream.last != b"\n":
            raise cut_short(path, None, "download it again")
    except (pa.ArrowInvalid, UnicodeDecodeError, EOFError, OSError) as exc:
        raise SourceFileError(f"{path}: malformed CSV in table {layout.pid} ({exc}); download it again") from None
    table = pa.concat_tables(kept).unify_dictionaries() if kept else None
    if table is None or table.num_rows == 0:
        raise SourceFileError(f"{path}: table {layout.pid} has no rows for Québec or Canada; check the file")
    return table.to_pandas()
