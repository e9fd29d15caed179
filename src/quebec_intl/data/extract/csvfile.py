"""Reading a source CSV as it is, with one clear error for each way a file can be bad."""

from __future__ import annotations

import csv
import gzip
import zlib
from pathlib import Path

import pandas as pd

from ...errors import SourceFileError


def open_text(file: Path, encoding: str = "utf-8"):
    """A CSV file as text, gzipped (`.gz`) or not."""
    if file.suffix == ".gz":
        return gzip.open(file, "rt", encoding=encoding, newline="")
    return file.open(encoding=encoding, newline="")


def read_header(file: Path, encoding: str = "utf-8") -> list[str]:
    try:
        with open_text(file, encoding) as handle:
            header = next(csv.reader(handle), None)
    except FileNotFoundError:
        raise SourceFileError(f"{file}: file not found") from None
    except (EOFError, OSError, zlib.error) as exc:
        raise SourceFileError(f"{file}: not a readable gzip file ({exc}); download it again") from None
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"{file}: not {encoding} text (byte {exc.start}); re-download it or convert it to {encoding}"
        ) from None
    if not header:
        raise SourceFileError(f"{file}: the file is empty; re-download it")
    return [column.strip().lstrip("\ufeff") for column in header]


def check_columns(file: Path, header: list[str], expected: tuple[str, ...]) -> None:
    missing = [column for column in expected if column not in header]
    if missing:
        raise SourceFileError(
            f"{file}: missing column(s) {', '.join(missing)}: expected {', '.join(expected)}; "
            f"got {', '.join(header)}. The source layout may have changed, or the file is truncated."
        )


def read_text_columns(file: Path, expected: tuple[str, ...], encoding: str = "utf-8") -> pd.DataFrame:
    """Every cell as text, after checking the header names every expected column."""
    check_columns(file, read_header(file, encoding), expected)
    try:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding=encoding, usecols=list(expected))
    except UnicodeDecodeError as exc:
        raise SourceFileError(f"{file}: not {encoding} text (byte {exc.start}); re-download it") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise SourceFileError(f"{file}: malformed CSV ({exc}); re-download it") from None
    if frame.empty:
        raise SourceFileError(f"{file}: the file has a header but no rows; re-download it")
    return frame
