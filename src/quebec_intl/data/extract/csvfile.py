"""Reading a source CSV as it is, with one clear error for each way a file can be bad.

Every message names the file and the line, and says what to do for the kind of file: a downloaded source is
downloaded again, a curated file (data/curated/) is corrected by hand."""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

import pandas as pd

from ...errors import SourceFileError

T = TypeVar("T")
SOURCE_REMEDY = "download it again, or restore it from where the mirror's README says it comes from"
CURATED_REMEDY = "correct it by hand (a curated file is edited, not downloaded)"


def open_text(file: Path, encoding: str = "utf-8"):
    """A CSV file as text, gzipped (`.gz`) or not."""
    if file.suffix == ".gz":
        return gzip.open(file, "rt", encoding=encoding, newline="")
    return file.open(encoding=encoding, newline="")


def cut_short(file: Path, last_line: int | None, remedy: str = SOURCE_REMEDY) -> SourceFileError:
    """The error for a file whose last line has no line end: it was cut in transit, so a value may be cut too."""
    where = f"line {last_line}, the last one," if last_line else "the last line"
    return SourceFileError(f"{file}: {where} has no line end: the file was cut short; {remedy}")


def _read(file: Path, encoding: str, remedy: str, how: Callable[[TextIO], T]) -> T:
    """`how(handle)` on the opened file, with one clear error for each way opening or decoding it fails."""
    try:
        with open_text(file, encoding) as handle:
            return how(handle)
    except FileNotFoundError:
        raise SourceFileError(f"{file}: file not found") from None
    except IsADirectoryError:
        raise SourceFileError(f"{file}: a folder, where a file is expected; {remedy}") from None
    except (EOFError, OSError, zlib.error) as exc:
        raise SourceFileError(f"{file}: not a readable file ({exc}); {remedy}") from None
    except UnicodeDecodeError as exc:
        raise SourceFileError(f"{file}: not {encoding} text (byte {exc.start}); {remedy}") from None


def read_all_text(file: Path, encoding: str = "utf-8", remedy: str = SOURCE_REMEDY) -> str:
    """The whole file as text; an unreadable, empty or cut file (its last line has no line end) is an error."""
    text = _read(file, encoding, remedy, lambda handle: handle.read())
    if not text.strip():
        raise SourceFileError(f"{file}: the file is empty; {remedy}")
    if not text.endswith("\n"):
        raise cut_short(file, text.count("\n") + 1, remedy)
    return text


def read_header(file: Path, encoding: str = "utf-8", remedy: str = SOURCE_REMEDY) -> list[str]:
    header = _read(file, encoding, remedy, lambda handle: next(csv.reader(handle), None))
    if not header:
        raise SourceFileError(f"{file}: the file is empty; {remedy}")
    return [column.strip().lstrip("\ufeff") for column in header]


def check_columns(file: Path, header: list[str], expected: tuple[str, ...], remedy: str = SOURCE_REMEDY) -> None:
    missing = [column for column in expected if column not in header]
    if missing:
        raise SourceFileError(
            f"{file}: missing column(s) {', '.join(missing)}: expected {', '.join(expected)}; "
            f"got {', '.join(header)}. The source layout may have changed, or the file is damaged; {remedy}."
        )


def _field_count_error(file: Path, line: int, got: int, header: list[str], remedy: str) -> SourceFileError:
    hint = "a value holding a comma must be in double quotes" if got > len(header) else "the row was cut short"
    return SourceFileError(
        f"{file}: line {line} has {got} field(s) where the header has {len(header)} ({hint}); {remedy}"
    )


def read_text_columns(
    file: Path, expected: tuple[str, ...], encoding: str = "utf-8", remedy: str = SOURCE_REMEDY
) -> pd.DataFrame:
    """Every cell of the expected columns as text, after checking the header names them, that every row has as
    many fields as the header and that the file ends with a line end (a cut file is never read as whole).
    The frame's index is the row's number in the file less 2 (the header is row 1; see parsing.file_row)."""
    reader = csv.reader(io.StringIO(read_all_text(file, encoding, remedy), newline=""), strict=True)
    try:
        header = [column.strip().lstrip("\ufeff") for column in next(reader)]
        check_columns(file, header, expected, remedy)
        rows = []
        for row in reader:
            if len(row) != len(header):
                if not any(cell.strip() for cell in row):
                    raise SourceFileError(f"{file}: line {reader.line_num} is blank; remove it, or {remedy}")
                raise _field_count_error(file, reader.line_num, len(row), header, remedy)
            rows.append(row)
    except csv.Error as exc:
        raise SourceFileError(f"{file}: line {reader.line_num}: malformed CSV ({exc}); {remedy}") from None
    if not rows:
        raise SourceFileError(f"{file}: the file has a header but no rows; {remedy}")
    positions = [header.index(column) for column in expected]
    return pd.DataFrame({column: [row[i] for row in rows] for column, i in zip(expected, positions)}, dtype=str)
