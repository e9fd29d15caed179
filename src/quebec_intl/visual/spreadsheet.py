"""A table offered for download as CSV, safe to open in a spreadsheet: a text cell a spreadsheet would take for a
formula (`=HYPERLINK(...)` in an event title) is written after a single quote, as OWASP's CSV-injection rule says,
so that it shows as the text it is. Numbers stay numbers: a numeric column is written as it is, and so is a text
cell that is only a number (-0.7), which a spreadsheet reads as that number, never as a formula."""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralised(cell: object) -> object:
    """The cell as a spreadsheet must show it: a text that would start a formula gets a leading single quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text (no index, LF line ends), every text column neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_datetime64_any_dtype(safe[column]):
            safe[column] = safe[column].map(neutralised)
    return safe.to_csv(index=False, lineterminator="\n")
