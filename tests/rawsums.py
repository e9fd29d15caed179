"""Independent sums of the mirror's raw files, with the standard library only (csv, gzip): what the integration
tests compare the project's figures with, so a test never checks the code against itself."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


def rows(file: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV file, gzipped or not, as the csv module reads them."""
    opener = gzip.open if file.suffix == ".gz" else open
    with opener(file, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def sums(
    files: Path | Iterable[Path],
    value: str,
    key: Callable[[dict], object],
    where: Callable[[dict], bool] = lambda _row: True,
) -> dict:
    """The sum of column `value` by `key(row)` over the rows `where` accepts."""
    totals: dict = defaultdict(float)
    for file in [files] if isinstance(files, Path) else files:
        for row in rows(file):
            if where(row):
                totals[key(row)] += float(row[value])
    return dict(totals)
