"""Benchmark: rendering partner reports the naive way and the project's way, in one run.

Naive: for each report, one `papermill` run (a new kernel) then one `jupyter nbconvert --to quebec-report`.
Project: `quebec_intl.publish.batch.render_batch`, every report in one kernel. Both write the same pages, which this
script checks byte for byte before it prints the times and their ratio. Target: at least 10 times faster.

    .venv/bin/python benchmarks/render_reports.py [--partners 25]   # 25 partners x 2 languages = 50 reports
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quebec_intl import settings
from quebec_intl.data import partners, trade
from quebec_intl.publish import requests as pages
from quebec_intl.publish.batch import render_batch

TARGET = 10.0
BIN = Path(sys.executable).parent


def chosen_partners(count: int) -> list[partners.Partner]:
    """Partners with data first, then others in code order (their pages say the sources have no figure)."""
    data = trade.load().annual
    with_data = sorted(set(data.loc[data["reporter_code"].eq("QC"), "partner_code"]))
    countries = [p.code for p in partners.all_partners().values() if p.kind == "country"]
    codes = list(dict.fromkeys(with_data + sorted(countries)))[:count]
    return [partners.all_partners()[code] for code in codes]


def naive(requests: list[pages.ReportRequest], out: Path) -> float:
    start = time.perf_counter()
    for request in requests:
        executed = out / "executed" / f"{request.lang}-{request.slug}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        target = request.output_path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        params = [arg for key, value in request.parameters.items() if value is not None
                  for arg in ("-p", key, str(value))]
        subprocess.run([str(BIN / "papermill"), str(settings.notebooks_dir() / f"{request.notebook}.ipynb"),
                        str(executed), "--cwd", str(settings.notebooks_dir()), "--no-progress-bar", *params],
                       check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "quebec-report", str(executed),
                        "--output", target.stem, "--output-dir", str(target.parent)], check=True, capture_output=True)
    return time.perf_counter() - start


def project(requests: list[pages.ReportRequest], out: Path) -> float:
    start = time.perf_counter()
    result = render_batch(requests, out, progress=False)
    if result.failed:
        raise SystemExit(result.summary())
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, default=25)
    args = parser.parse_args()
    requests = [pages.partner_request(p, None, lang) for p in chosen_partners(args.partners) for lang in ("fr", "en")]
    data = "the mirror" if settings.mirror_dir() else "the embedded default"
    print(f"{len(requests)} partner reports ({args.partners} partners x 2 languages), data from {data}")
    with tempfile.TemporaryDirectory() as tmp:
        naive_dir, project_dir = Path(tmp) / "naive", Path(tmp) / "project"
        naive_seconds = naive(requests, naive_dir)
        project_seconds = project(requests, project_dir)
        differing = [r.slug + "/" + r.lang for r in requests
                     if r.output_path(naive_dir).read_bytes() != r.output_path(project_dir).read_bytes()]
    if differing:
        print(f"the two ways wrote different pages: {', '.join(differing)}")
        return 1
    ratio = naive_seconds / project_seconds
    print(f"{'way':<10}{'total (s)':>12}{'per report (s)':>17}")
    for name, seconds in (("naive", naive_seconds), ("project", project_seconds)):
        print(f"{name:<10}{seconds:>12.1f}{seconds / len(requests):>17.2f}")
    print(f"identical pages: {len(requests)}; project is {ratio:.1f} times faster (target >= {TARGET:g})")
    print("target met" if ratio >= TARGET else "TARGET NOT MET")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    sys.exit(main())
