"""Benchmark: the project's StatCan loader against the naive `pandas.read_csv` of the whole file, then a filter.

Makes a SYNTHETIC file (made-up values, never a real figure) of about --size-gb gigabytes in the exact layout of
table 12-10-0173-01, then runs each approach in a fresh process and prints wall time, peak memory and ratios.
Targets: the project's loader uses at most a quarter of the naive peak memory and at most half its time.

    .venv/bin/python benchmarks/statcan_loader.py [--size-gb 1.0]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import pycountry
from fresh_process import measure, peak_mb

from quebec_intl.data.extract import statcan_table

LAYOUT = statcan_table.ANNUAL
CACHE = Path(__file__).resolve().parent / ".cache"
GEOS = [
    "Canada",
    "Newfoundland and Labrador",
    "Prince Edward Island",
    "Nova Scotia",
    "New Brunswick",
    "Quebec",
    "Ontario",
    "Manitoba",
    "Saskatchewan",
    "Alberta",
    "British Columbia",
    "Yukon",
    "Northwest Territories",
    "Nunavut",
]
SECTIONS = ["All sections"] + [f"Synthetic product section {i} [C{10 + i}]" for i in range(1, 13)]
TRADES = ["Domestic export", "Re-export", "Import"]
MEMORY_TARGET, TIME_TARGET = 0.25, 0.5


def make_synthetic(size_gb: float) -> Path:
    """Rows in the table's layout until the file reaches the size; values are made up (synthetic)."""
    target = CACHE / f"synthetic-12100173-{size_gb:g}GB.csv"
    if target.is_file() and target.stat().st_size >= size_gb * 1e9 * 0.98:
        return target
    CACHE.mkdir(exist_ok=True)
    partners = [c.name for c in pycountry.countries]
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(LAYOUT.columns)
        year, n = 2024, 0
        while handle.tell() < size_gb * 1e9:
            for geo in GEOS:
                for partner in partners:
                    for section in SECTIONS:
                        for trade in TRADES:
                            n += 1
                            writer.writerow(
                                (
                                    year,
                                    geo,
                                    "2016A000011124",
                                    partner,
                                    section,
                                    trade,
                                    "Dollars",
                                    "81",
                                    "thousands",
                                    "3",
                                    f"v{n}",
                                    "1.1.1.1",
                                    f"{(n * 7919) % 1000003 / 10:.1f}",
                                    "",
                                    "",
                                    "",
                                    "1",
                                )
                            )
            year -= 1
    tmp.replace(target)
    return target


def naive(path: Path):
    import pandas as pd

    frame = pd.read_csv(path)
    keep = frame["GEO"].isin(["Quebec", "Québec", "Canada"]) | frame[statcan_table.NAPCS].isin(
        ["All sections", "Total of all merchandise"]
    )
    return frame[keep]


def project(path: Path):
    return statcan_table.extract(path, LAYOUT)


def run_one(approach: str, path: Path) -> dict:
    """Runs in a fresh process: the peak resident memory is this approach's alone."""
    start = time.perf_counter()
    frame = {"naive": naive, "project": project}[approach](path)
    seconds = time.perf_counter() - start
    return {
        "approach": approach,
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "rows": len(frame),
        "quebec_rows": int((frame["GEO"].astype(str) == "Quebec").sum()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-gb", type=float, default=1.0)
    parser.add_argument("--run", nargs=2, metavar=("APPROACH", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]))))
        return 0
    path = make_synthetic(args.size_gb)
    print(f"SYNTHETIC file in the layout of table 12-10-0173-01: {path} ({path.stat().st_size / 1e9:.2f} GB)")
    naive_result, project_result = measure(__file__, "naive", path), measure(__file__, "project", path)
    if (naive_result["rows"], naive_result["quebec_rows"]) != (project_result["rows"], project_result["quebec_rows"]):
        print(f"the two approaches kept different rows: {naive_result} vs {project_result}")
        return 1
    print(f"{'approach':<10}{'wall time (s)':>15}{'peak memory (MB)':>19}{'rows kept':>12}")
    for result in (naive_result, project_result):
        print(f"{result['approach']:<10}{result['seconds']:>15.2f}{result['peak_mb']:>19.0f}{result['rows']:>12,}")
    time_ratio = project_result["seconds"] / naive_result["seconds"]
    memory_ratio = project_result["peak_mb"] / naive_result["peak_mb"]
    print(
        f"ratios (project / naive): time {time_ratio:.2f} (target <= {TIME_TARGET}), "
        f"peak memory {memory_ratio:.2f} (target <= {MEMORY_TARGET})"
    )
    met = time_ratio <= TIME_TARGET and memory_ratio <= MEMORY_TARGET
    print("targets met" if met else "TARGETS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
