"""Benchmark: rendering the same partner reports four ways, in one run.

- naive: for each report, one `papermill` run (a new kernel) then one `jupyter nbconvert --to quebec-report`;
- one kernel: `render_batch(..., jobs=1)`, every report in one kernel;
- all kernels: `render_batch(...)`, one kernel per core, each reused across its reports;
- no-op: `render_batch` again on the pages the previous way wrote, nothing having changed (every page kept).

Every way must write byte-identical pages (the naive way's without the site's navigation, which only a batch
writes), which this script checks before it prints the times. Then, each in a
fresh process, the whole default suite: `quebec-intl render --all --force` cold (every page rendered anew, the
tables already built), then `render --all` again, with nothing to do; beside it, the naive way timed on the monthly
bulletin (the suite's newest kind, in both languages) and scaled to the suite's pages, since rendering every page the
naive way takes an hour.
Targets: all kernels at least 50 times faster than naive; the cold suite in at most 60 seconds; the no-op
`render --all` under 1.5 seconds.

    .venv/bin/python benchmarks/render_reports.py [--partners 25]   # 25 partners x 2 languages = 50 reports
    .venv/bin/python benchmarks/render_reports.py --suite-only      # the whole suite alone (about two minutes)
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
from quebec_intl.data import partners
from quebec_intl.publish import requests as pages
from quebec_intl.publish.batch import render_batch
from quebec_intl.publish.pool import default_jobs
from quebec_intl.reports import registry

PARALLEL_TARGET = 50.0  # all kernels against naive
COLD_TARGET = 60.0  # seconds, a whole-suite `render --all --force`
NO_OP_TARGET = 1.5  # seconds, a whole-suite `render --all` with nothing to render
BIN = Path(sys.executable).parent


def chosen_partners(count: int) -> list[partners.Partner]:
    """The first `count` countries whose partner pages `render --all` makes (the registry's suite: every country and
    US state the data has Québec's trade with), so never an aggregate or the residual « other countries » row."""
    suite = registry.kind("partner").suite_pages().pages
    countries = [entry["partner"] for entry in suite if entry["partner"].kind == "country"]
    if len(countries) < count:
        raise SystemExit(f"the data at hand has Québec's trade with {len(countries)} countries, not {count}")
    return countries[:count]


def naive(requests: list[pages.ReportRequest], out: Path) -> float:
    start = time.perf_counter()
    for request in requests:
        executed = out / "executed" / f"{request.lang}-{request.slug}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        target = request.output_path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        params = [
            arg for key, value in request.parameters.items() if value is not None for arg in ("-p", key, str(value))
        ]
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(settings.notebooks_dir() / f"{request.notebook}.ipynb"),
                str(executed),
                "--cwd",
                str(settings.notebooks_dir()),
                "--no-progress-bar",
                *params,
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "quebec-report",
                str(executed),
                "--output",
                target.stem,
                "--output-dir",
                str(target.parent),
            ],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def batch(requests: list[pages.ReportRequest], out: Path, jobs: int | None, expect_kept: bool = False) -> float:
    start = time.perf_counter()
    result = render_batch(requests, out, progress=False, jobs=jobs, force=not expect_kept)
    seconds = time.perf_counter() - start
    if result.failed or (expect_kept and len(result.kept) != len(requests)):
        raise SystemExit(result.summary())
    return seconds


SITE_NAV = (b'<nav class="qi-nav">', b"</nav>")


def as_made(way: str, page: bytes) -> bytes:
    """The page as `way` can make it: the naive way's nbconvert makes each page alone, without the links to the
    site's other pages (its other language, its region) that a batch adds to the site's navigation."""
    start = page.find(SITE_NAV[0])
    end = page.find(SITE_NAV[1], start)
    return page[:start] + page[end + len(SITE_NAV[1]) :] if way == "naive" and 0 <= start < end else page


def whole_suite(out: Path) -> tuple[int, float, float]:
    """The pages of `quebec-intl render --all --force` into `out`, its seconds, and those of `render --all` again
    (nothing to do), each in a fresh process."""
    command = [str(BIN / "quebec-intl"), "render", "--all"]
    env = {**os.environ, settings.REPORTS_ENV: str(out)}
    subprocess.run([str(BIN / "quebec-intl"), "data"], env=env, check=True, capture_output=True)
    timed = []
    for extra in (["--force"], []):
        start = time.perf_counter()
        done = subprocess.run(command + extra, env=env, check=True, capture_output=True, text=True)
        timed.append(time.perf_counter() - start)
    if "rendered 0," not in done.stdout:
        raise SystemExit(f"the second `render --all` rendered pages: {done.stdout}")
    return len(list(out.glob("*/*/*.html"))), timed[0], timed[1]


def naive_bulletins(out: Path) -> tuple[int, float]:
    """The latest month's bulletin in both languages the naive way (papermill, then nbconvert): pages, seconds."""
    months = list(registry.kind("bulletin").suite_pages().pages)
    requests = [pages.request("bulletin", given, lang) for given in months for lang in ("fr", "en")]
    return len(requests), naive(requests, out)


def report_suite(out: Path) -> bool:
    pages_count, cold, no_op = whole_suite(out)
    naive_count, naive_seconds = naive_bulletins(out.parent / "naive-bulletins")
    per_page = naive_seconds / naive_count
    print(
        f"whole default suite ({pages_count} pages, fresh processes): `render --all --force` {cold:.1f} s "
        f"(target <= {COLD_TARGET:g} s); no-op `render --all` {no_op:.2f} s (target < {NO_OP_TARGET:g} s)"
    )
    print(
        f"naive (papermill + nbconvert a page): the bulletin in both languages {naive_seconds:.1f} s "
        f"({per_page:.1f} s a page), about {per_page * pages_count / 60:.0f} min for the suite's {pages_count} pages; "
        f"the cold suite {cold / pages_count:.2f} s a page, {per_page * pages_count / cold:.0f} times faster"
    )
    return cold <= COLD_TARGET and no_op < NO_OP_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, default=25)
    parser.add_argument("--suite-only", action="store_true", help="only the whole suite, cold then no-op")
    args = parser.parse_args()
    if settings.mirror_dir() is None:
        print(
            f"render_reports: the benchmark renders the site of the real source files, which it finds through "
            f"{settings.MIRROR_ENV}: set it to the mirror (say {settings.MIRROR_ENV}=../shared/data/mirror)",
            file=sys.stderr,
        )
        return 2
    if args.suite_only:
        with tempfile.TemporaryDirectory() as tmp:
            met = report_suite(Path(tmp) / "suite")
        print("targets met" if met else "TARGET NOT MET")
        return 0 if met else 1
    requests = [
        pages.request("partner", {"partner": p}, lang) for p in chosen_partners(args.partners) for lang in ("fr", "en")
    ]
    cores = default_jobs()
    print(f"{len(requests)} partner reports ({args.partners} partners x 2 languages) from the mirror, {cores} core(s)")
    with tempfile.TemporaryDirectory() as tmp:
        ways = {"naive": Path(tmp) / "naive", "one kernel": Path(tmp) / "one", "all kernels": Path(tmp) / "all"}
        seconds = {
            "naive": naive(requests, ways["naive"]),
            "one kernel": batch(requests, ways["one kernel"], jobs=1),
            "all kernels": batch(requests, ways["all kernels"], jobs=None),
        }
        before = {r.page: r.output_path(ways["all kernels"]).read_bytes() for r in requests}
        seconds["no-op"] = batch(requests, ways["all kernels"], jobs=None, expect_kept=True)
        ways["no-op"] = ways["all kernels"]
        differing = sorted(
            {
                f"{name}: {r.page}"
                for name, out in ways.items()
                for r in requests
                if as_made(name, r.output_path(out).read_bytes()) != as_made(name, before[r.page])
            }
        )
        suite_met = report_suite(Path(tmp) / "suite")
    if differing:
        print("the ways wrote different pages:\n  " + "\n  ".join(differing))
        return 1
    print(f"{'way':<13}{'total (s)':>10}{'per report (s)':>16}{'vs naive':>10}")
    for name, value in seconds.items():
        print(f"{name:<13}{value:>10.1f}{value / len(requests):>16.3f}{seconds['naive'] / value:>9.1f}x")
    parallel = seconds["naive"] / seconds["all kernels"]
    print(f"identical pages across the four ways: {len(requests)}")
    print(
        f"a page: naive {seconds['naive'] / len(requests):.2f} s, all kernels ({cores}) "
        f"{seconds['all kernels'] / len(requests):.3f} s: {parallel:.1f} times faster (target >= {PARALLEL_TARGET:g})"
    )
    met = parallel >= PARALLEL_TARGET and suite_met
    print("targets met" if met else "TARGET NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    sys.exit(main())
