"""Bank of Canada exchange-rate files: the Valet API's JSON answer for a group of series (annual average rates),
and the discontinued "Legacy Noon Rates" CSV, a file of blocks (TERMS AND CONDITIONS, SERIES, OBSERVATIONS,
ERRORS...). Both read as they are: the series' own ids and values, as text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from ...errors import SourceFileError
from .csvfile import open_text


def valet_series(file: Path, series: str) -> pd.DataFrame:
    """One series of a Valet answer: its dates (`d`) and values (`v`), as text."""
    try:
        answer = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(f"{file}: not a Valet JSON answer ({exc}); download it again") from None
    observations = answer.get("observations") if isinstance(answer, dict) else None
    if not isinstance(observations, list):
        raise SourceFileError(f"{file}: no `observations` in the Valet answer; download it again")
    if series not in answer.get("seriesDetail", {}):
        held = ", ".join(sorted(answer.get("seriesDetail", {}))) or "none"
        raise SourceFileError(
            f"{file}: the Valet answer has no series {series} (it has {held}); download the group that holds it"
        )
    rows = [(obs.get("d", ""), obs[series].get("v", "")) for obs in observations if isinstance(obs.get(series), dict)]
    return pd.DataFrame(rows, columns=["d", series], dtype="str")


def _blocks(file: Path) -> dict[str, list[list[str]]]:
    """The file's blocks: a block starts with a line holding only its upper-case name and runs to a blank line."""
    blocks: dict[str, list[list[str]]] = {}
    current = None
    with open_text(file, "utf-8-sig") as handle:
        for row in csv.reader(handle):
            if not any(cell.strip() for cell in row):
                current = None
            elif current is None and len(row) == 1 and row[0].strip().isupper():
                current = blocks.setdefault(row[0].strip(), [])
            elif current is not None:
                current.append(row)
    return blocks


def legacy_noon(file: Path, series: str) -> tuple[pd.DataFrame, set[str]]:
    """A series' daily noon rates (`date`, the series id) as text, and the dates the ERRORS block flags."""
    blocks = _blocks(file)
    if "OBSERVATIONS" not in blocks or len(blocks["OBSERVATIONS"]) < 2:
        raise SourceFileError(
            f"{file}: no OBSERVATIONS block (found {', '.join(blocks) or 'no block'}); "
            f"download the Legacy Noon Rates file again"
        )
    header, *rows = blocks["OBSERVATIONS"]
    if series not in header:
        raise SourceFileError(f"{file}: the OBSERVATIONS block has no column {series}; download the file again")
    at = header.index(series)
    values = pd.DataFrame(
        [(row[0], row[at] if at < len(row) else "") for row in rows], columns=["date", series], dtype="str"
    )
    errors = {row[0] for row in blocks.get("ERRORS", [])[1:] if row}
    return values, errors
