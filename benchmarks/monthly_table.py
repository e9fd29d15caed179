"""Benchmark: reading table 12-10-0175-01 whole, as Statistics Canada's French download gives it, with the project's
reader against the naive `pandas.read_csv` of the whole file, then the same filter.

Makes a SYNTHETIC `12100175-fra.zip` (made-up values, never a real figure) in the official French layout:
semicolon-separated, decimal comma, every province and territory and Canada, both trades, the total and the 12
NAPCS sections, the 29 partner rows, every month from January 2010 to July 2026: about 2.1 million rows. Each
approach runs in a fresh process; the script prints wall time, peak memory and their ratios side by side.
Targets: the project's reader uses at most a third of the naive peak memory and at most half its time.

    .venv/bin/python benchmarks/monthly_table.py
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
import zipfile
from pathlib import Path

from fresh_process import measure, peak_mb

from quebec_intl.data.extract import statcan_table

LAYOUT = statcan_table.MONTHLY_FR
CACHE = Path(__file__).resolve().parent / ".cache"
GEOS = [
    "Canada",
    "Terre-Neuve-et-Labrador",
    "Île-du-Prince-Édouard",
    "Nouvelle-Écosse",
    "Nouveau-Brunswick",
    "Québec",
    "Ontario",
    "Manitoba",
    "Saskatchewan",
    "Alberta",
    "Colombie-Britannique",
    "Yukon",
    "Territoires du Nord-Ouest",
    "Nunavut",
]
TRADES = ["Importations", "Exportations nationales"]
PRODUCTS = ["Total de toutes les marchandises"] + [f"Section synthétique {i} [C{10 + i}]" for i in range(1, 13)]
PARTNERS = ["Tous les pays"] + [f"Partenaire synthétique {i}" for i in range(1, 28)] + ["Autres pays"]
MONTHS = [f"{year}-{month:02d}" for year in range(2010, 2027) for month in range(1, 13)][: 16 * 12 + 7]
# The French download's dimension columns and last four are read by place; these names stand in for them.
HEADER = [
    name or stand_in
    for name, stand_in in zip(
        LAYOUT.columns,
        [None] * 3 + ["Commerce", "SCPAN", "Principaux partenaires commerciaux"] + [None] * 7 + ["S", "SY", "T", "D"],
    )
]
MEMORY_TARGET, TIME_TARGET = 1 / 3, 0.5


def make_synthetic() -> Path:
    """The zip, written once and kept in benchmarks/.cache; every value is made up (synthetic)."""
    target = CACHE / "synthetic-12100175-fra.zip"
    if target.is_file():
        return target
    CACHE.mkdir(exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(LAYOUT.member, "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(HEADER)
            n = 0
            for month in MONTHS:
                for geo in GEOS:
                    for trade in TRADES:
                        for product in PRODUCTS:
                            for partner in PARTNERS:
                                n += 1
                                value = f"{(n * 7919) % 1000003 / 10:.1f}".replace(".", ",")
                                writer.writerow(
                                    (month, geo, "2021A000224", trade, product, partner, "Dollars", "81")
                                    + ("milliers", "3", f"v{n}", "1.1.1.1", value, "", "", "", "1")
                                )
            text.flush()
            text.detach()
        archive.writestr(f"{LAYOUT.pid}_MetaData.csv", '"Titre du cube"\n"synthétique"\n')
    tmp.replace(target)
    return target


def naive(path: Path):
    import pandas as pd

    with zipfile.ZipFile(path) as archive, archive.open(LAYOUT.member) as member:
        frame = pd.read_csv(member, sep=";", decimal=",", dtype=str, encoding="utf-8-sig")
    geo, product = frame.columns[1], frame.columns[4]
    keep = frame[geo].isin(statcan_table.FULL_GEOS) | frame[product].isin(statcan_table.TOTAL_PRODUCTS)
    return frame[keep].rename(columns={geo: "GEO"})


def project(path: Path):
    return statcan_table.extract(path, statcan_table.MONTHLY_LAYOUTS)


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
        "quebec_rows": int((frame["GEO"].astype(str) == "Québec").sum()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", nargs=2, metavar=("APPROACH", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]))))
        return 0
    path = make_synthetic()
    rows = len(MONTHS) * len(GEOS) * len(TRADES) * len(PRODUCTS) * len(PARTNERS)
    print(
        f"SYNTHETIC table 12-10-0175-01 in the official French layout: {path} "
        f"({path.stat().st_size / 1e6:.0f} MB zipped, {rows:,} rows)"
    )
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
        f"ratios (project / naive): time {time_ratio:.2f} (target <= {TIME_TARGET:g}), "
        f"peak memory {memory_ratio:.2f} (target <= {MEMORY_TARGET:.2f})"
    )
    met = time_ratio <= TIME_TARGET and memory_ratio <= MEMORY_TARGET
    print("targets met" if met else "TARGETS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
