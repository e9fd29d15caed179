"""Typed parsing of text columns whose failures name the file, the row and the column."""

from __future__ import annotations

import pandas as pd

from ...errors import SourceFileError


def file_row(index_label: int) -> int:
    """Row number as a spreadsheet shows it: the header is row 1."""
    return int(index_label) + 2


def to_number(frame: pd.DataFrame, column: str, origin: str) -> pd.Series:
    """The column as float64; a value that is not a number, or none, is an error naming its row."""
    text = frame[column].str.strip()
    try:
        return text.astype("float64")  # the fast path; any bad value falls through to find and name it
    except (TypeError, ValueError):
        pass
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & frame[column].str.strip().ne("")
    if bad.any():
        first = bad.idxmax()
        raise SourceFileError(
            f"{origin}: column {column}, row {file_row(first)}: {frame.at[first, column]!r} is not a number "
            f"({int(bad.sum())} such value(s)); fix or re-download the file"
        )
    empty = values.isna()
    if empty.any():
        first = empty.idxmax()
        raise SourceFileError(f"{origin}: column {column}, row {file_row(first)}: empty value; re-download the file")
    return values.astype("float64")


def year_month(frame: pd.DataFrame, column: str, origin: str) -> tuple[pd.Series, pd.Series]:
    """Year and month of a date column written YYYY-MM or YYYY-MM-DD."""
    parsed = pd.to_datetime(frame[column].str.strip(), format="ISO8601", errors="coerce")
    bad = parsed.isna()
    if bad.any():
        first = bad.idxmax()
        raise SourceFileError(
            f"{origin}: column {column}, row {file_row(first)}: {frame.at[first, column]!r} is not a date (YYYY-MM-DD)"
        )
    return parsed.dt.year.astype("int64"), parsed.dt.month.astype("int64")


def check_unique(frame: pd.DataFrame, keys: list[str], origin: str, where: pd.Series) -> None:
    """No key twice: a source read twice (a copied file, a row repeated) would be counted twice. `where` says, for
    each row, where it comes from (a file, a row number); the message names every place the first repeat is."""
    repeated = frame.duplicated(keys, keep=False)
    if not repeated.any():
        return
    first = frame.loc[repeated.idxmax(), keys]
    same = repeated & frame[keys].eq(first).all(axis=1)
    key = ", ".join(f"{k} {v}" for k, v in first.items())
    raise SourceFileError(
        f"{origin}: the same figure ({key}) is given {int(same.sum())} times, in {' and '.join(map(str, where[same]))} "
        f"({int(repeated.sum())} repeated row(s) in all); keep one copy, so that nothing is counted twice"
    )


def check_complete_grid(frame: pd.DataFrame, expected: dict[str, list], origin: str, remedy: str) -> None:
    """Every combination of the expected values is present: a row lost from a cut or edited file is named, not
    silently summed as zero."""
    grid = pd.MultiIndex.from_product(list(expected.values()), names=list(expected))
    missing = grid.difference(pd.MultiIndex.from_frame(frame[list(expected)]))
    if len(missing):
        examples = "; ".join(", ".join(map(str, combination)) for combination in missing[:3])
        raise SourceFileError(
            f"{origin}: {len(missing)} of {len(grid)} expected rows are missing (one per {' x '.join(expected)}), "
            f"e.g. {examples}; {remedy}"
        )
