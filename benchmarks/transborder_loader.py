"""Benchmark: building the tidy TransBorder table from every dot2 month of the mirror, the project's way against the
naive way, in one run, each in a fresh process.

Naive: `pandas.read_csv` of every file (all columns), one `pandas.concat`, then the same filter, coding and sums.
Project: `quebec_intl.data.transform.trade_us_states.from_dot2` over `extract/bts_transborder.extract`, which reads
only the columns it uses and reduces each month as it is read. Both must give the same totals; the script prints
wall time, peak memory and their ratios. Real files: the mirror's 58 months (QUEBEC_INTL_MIRROR).

    QUEBEC_INTL_MIRROR=../shared/data/mirror .venv/bin/python benchmarks/transborder_loader.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from fresh_process import measure, peak_mb

from quebec_intl import settings


def naive(folder: Path) -> tuple[int, float]:
    import pandas as pd

    from quebec_intl.data.reference import bts_codes

    files = sorted(folder.glob("*/dot2_*.csv*"))
    frame = pd.concat([pd.read_csv(file, dtype=str, keep_default_na=False) for file in files], ignore_index=True)
    canada = frame[frame["COUNTRY"].eq("1220")].assign(VALUE=lambda f: f["VALUE"].astype(float))
    canada = canada.assign(
        reporter_code=canada["CANPROV"].map(bts_codes("CANPROV")),
        partner_code=canada["USASTATE"].map(bts_codes("USASTATE")),
        mode_code=canada["DISAGMOT"].map(bts_codes("DISAGMOT")),
    )
    table = canada.groupby(
        ["YEAR", "MONTH", "reporter_code", "partner_code", "TRDTYPE", "COMMODITY2", "mode_code"], as_index=False
    )["VALUE"].sum()
    return len(table), float(table["VALUE"].sum())


def project(folder: Path) -> tuple[int, float]:
    from quebec_intl.data.extract import bts_transborder
    from quebec_intl.data.transform import trade_us_states

    table = trade_us_states.from_dot2(bts_transborder.extract(folder), "bts_transborder_dot2", str(folder))
    return len(table), float(table["value_usd"].sum())


def run_one(approach: str, folder: Path) -> dict:
    """Runs in a fresh process: the peak resident memory is this approach's alone."""
    start = time.perf_counter()
    rows, total = {"naive": naive, "project": project}[approach](folder)
    return {
        "approach": approach,
        "seconds": time.perf_counter() - start,
        "rows": rows,
        "total_usd": total,
        "peak_mb": peak_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", nargs=2, metavar=("APPROACH", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]))))
        return 0
    mirror = settings.mirror_dir()
    if mirror is None or not (mirror / "bts-transborder").is_dir():
        print(f"set {settings.MIRROR_ENV} to a mirror holding bts-transborder/ (the real monthly files)")
        return 2
    folder = mirror / "bts-transborder"
    months = len(list(folder.glob("*/dot2_*.csv*")))
    print(f"BTS TransBorder dot2 files: {months} months in {folder}")
    naive_result, project_result = measure(__file__, "naive", folder), measure(__file__, "project", folder)
    if (naive_result["rows"], round(naive_result["total_usd"])) != (
        project_result["rows"],
        round(project_result["total_usd"]),
    ):
        print(f"the two approaches disagree: {naive_result} vs {project_result}")
        return 1
    print(f"{'approach':<10}{'wall time (s)':>15}{'peak memory (MB)':>19}{'rows':>12}")
    for result in (naive_result, project_result):
        print(f"{result['approach']:<10}{result['seconds']:>15.2f}{result['peak_mb']:>19.0f}{result['rows']:>12,}")
    print(
        f"ratios (project / naive): time {project_result['seconds'] / naive_result['seconds']:.2f}, "
        f"peak memory {project_result['peak_mb'] / naive_result['peak_mb']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
