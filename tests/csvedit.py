"""Editing a curated CSV file as a person would, one row's column at a time: shared by the tests and the
fault-injection script, which break a copy of the project's data, never the project's own."""

from __future__ import annotations

import csv
from pathlib import Path


def edit_row(file: Path, row_id: str | None, column: str, value: str) -> None:
    """Set `column` to `value` in the row whose first column is `row_id` (None: the first row)."""
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    id_column = next(iter(rows[0]))
    for row in rows:
        if row_id is None or row[id_column] == row_id:
            row[column] = value
            if row_id is None:
                break
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
