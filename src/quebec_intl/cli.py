"""The command line: `quebec-intl data`, `quebec-intl sources`, `quebec-intl render partner ...`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from . import settings
from .analysis.formatting import LANGS
from .data import pipeline, sources
from .errors import Interrupted, QuebecIntlError, describe_os_error
from .publish import requests as pages
from .publish import update
from .publish.batch import render_batch
from .reports import registry


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--year must be a year such as 2024, not {text!r}") from None
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"--year must be between 1900 and 2100, not {year}")
    return year


def _kind_requests(args: argparse.Namespace) -> list[pages.ReportRequest]:
    """The pages of one kind the command asks for, once its parameters are resolved and the data can make them (a
    year no source covers is refused here, in one line, before any kernel starts)."""
    kind = registry.kind(args.kind)
    resolved = kind.resolve({p.name: getattr(args, p.flag.removeprefix("--")) for p in kind.parameters})
    kind.check(resolved)
    return [pages.request(kind.name, resolved, lang) for lang in (args.lang or list(LANGS))]


def _print_pdfs(requests: list[pages.ReportRequest], result) -> None:
    """Each page asked for that is on the site (rendered now or kept unchanged), printed to PDF beside it."""
    from .publish import site_index
    from .publish.pdf import print_to_pdf

    failed = {request.page for request, _ in result.failed}
    for request in requests:
        page = request.output_path(result.index.parent)
        if request.page not in failed and page.is_file():
            print(f"wrote {print_to_pdf(page)}")
    site_index.write(result.index.parent)  # the index lists each PDF beside its page


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be a whole number of kernels, 1 or more, not {text!r}")
    return int(text)


JOBS_HELP = "kernels rendering at once (default: one per core, and one per 8 pages at most)"


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="quebec-intl", description="Sourced reports on Québec's international trade.")
    commands = top.add_subparsers(dest="command", required=True)
    data_cmd = commands.add_parser("data", help="build the tidy tables from the mirror or the embedded default")
    data_cmd.add_argument(
        "--force", action="store_true", help="build every table again, even one built from the very files at hand"
    )
    commands.add_parser("sources", help="list every registered source with its vintage, rows and checksum")
    update_cmd = commands.add_parser(
        "update",
        help="fetch what Statistics Canada, the Bank of Canada and BTS released since, then re-render changed pages",
    )
    update_cmd.add_argument(
        "--check",
        action="store_true",
        help=f"only ask the services: exit 0 when nothing is new, {update.NEWER} when a newer release exists",
    )
    update_cmd.add_argument("--jobs", type=_jobs, default=None, help=JOBS_HELP)
    commands.add_parser("reconcile", help="compare the pipeline's totals with the published figures")
    commands.add_parser("snapshot", help="rebuild the official snapshot (data/snapshot/) from the cache or the mirror")
    render_cmd = commands.add_parser("render", help="render reports to reports/")
    render_cmd.add_argument(
        "--all", action="store_true", help="every report for every partner with data, in both languages"
    )
    render_cmd.add_argument("--jobs", type=_jobs, default=None, help=JOBS_HELP)
    render_cmd.add_argument(
        "--force", action="store_true", help="render every page, even those whose inputs have not changed since"
    )
    render_cmd.add_argument(
        "--prune",
        action="store_true",
        help="with --all: remove the pages the sources at hand no longer make (else they are named and kept)",
    )
    kinds = render_cmd.add_subparsers(dest="kind")
    for kind in registry.kinds().values():  # one subcommand per kind of report, as the registry lists them
        command = kinds.add_parser(kind.name, help=kind.help)
        for parameter in kind.parameters:
            options = {"type": _year} if parameter.name == "year" else {"nargs": "+"} if parameter.many else {}
            command.add_argument(
                parameter.flag, required=parameter.required, default=None, help=parameter.help, **options
            )
        command.add_argument("--lang", action="append", choices=LANGS, help="fr or en; repeat for both (default: both)")
        if kind.pdf:
            command.add_argument(
                "--pdf", action="store_true", help="also print each page to a PDF beside it (headless Chromium)"
            )
    return top


def _update(args: argparse.Namespace) -> int:
    outcome = update.check() if args.check else update.run(jobs=args.jobs)
    for line in outcome.lines:
        print(line)
    if outcome.failed:
        listed = "; ".join(outcome.failed)
        raise QuebecIntlError(f"the data was updated, but {len(outcome.failed)} page(s) failed to render: {listed}")
    return update.NEWER if args.check and outcome.newer else 0


def _data(args: argparse.Namespace) -> int:
    report = pipeline.build_all(force=args.force)
    for table, rows in report.built.items():
        print(f"{table}: {rows} rows -> {pipeline.table_path(table)}")
    for table, rows in report.current.items():
        print(f"{table}: {rows} rows, current (built from the same files)")
    for table, reason in report.unavailable.items():
        print(f"{table}: not built: {reason}")
    if report.download_failed:
        raise QuebecIntlError(
            f"some official sources could not be downloaded (see above); the official snapshot is still usable. "
            f"To work offline, set {settings.MIRROR_ENV} to a directory laid out like shared/data/mirror."
        )
    return 0


def _reconcile(_args: argparse.Namespace) -> int:
    table = pipeline.load("reconciliation")
    print(
        f"{'figure':<26}{'partner':<8}{'flow':<8}{'period':<9}{'published M$':>14}{'computed M$':>14}"
        f"{'diff %':>8}{'tol. %':>8}  {'reason':<12}computed from"
    )
    for r in table.itertuples():
        mark = "" if r.within_tolerance else "  <- outside tolerance"
        print(
            f"{r.figure_id:<26}{r.partner_code:<8}{r.flow:<8}{r.period:<9}{r.published_cad / 1e6:>14,.1f}"
            f"{r.pipeline_cad / 1e6:>14,.1f}{r.difference_pct:>8.2f}{r.tolerance_pct:>8.2f}"
            f"  {r.likely_reason:<12}{r.source_id}{mark}"
        )
    print("\nQuébec's whole-year trade with the United States, source against source (C$ millions):")
    print(f"{'year':<6}{'flow':<8}{'source A':<30}{'source B':<30}{'A':>10}{'B':>10}{'diff %':>8}{'tol. %':>8}  reason")
    for r in pipeline.load("source_reconciliation").itertuples():
        mark = "" if r.within_tolerance else "  <- outside tolerance"
        print(
            f"{r.ref_year:<6}{r.flow:<8}{r.source_a:<30}{r.source_b:<30}{r.value_a_cad / 1e6:>10,.0f}"
            f"{r.value_b_cad / 1e6:>10,.0f}{r.difference_pct:>8.2f}{r.tolerance_pct:>8.2f}  {r.likely_reason}{mark}"
        )
    return 0


def _snapshot(_args: argparse.Namespace) -> int:
    from .data import snapshot_build

    report = snapshot_build.build()
    for name in report.written:
        print(f"wrote {name}")
    print(
        f"snapshot: {len(report.written)} file(s) written, {len(report.unchanged)} unchanged, "
        f"{report.size / 1e6:.2f} MB (limit {snapshot_build.LIMIT_BYTES / 1e6:.0f} MB)"
    )
    return 0


def _sources(_args: argparse.Namespace) -> int:
    for line in pipeline.source_summary():
        print(line)
    return 0


def _render_requests(args: argparse.Namespace) -> list[pages.ReportRequest]:
    """The pages `render` asks for: the whole suite (`--all`, naming the listed pages the data cannot make) or one
    kind's."""
    if args.all and args.kind:
        raise QuebecIntlError(
            f"`render --all` renders every report the data supports and takes no kind of report: give "
            f"`render --all`, or `render {args.kind} …` without --all for that report"
        )
    if args.all:
        plan = pages.suite_plan()
        for line in plan.left_out:
            print(f"left out: {line}")
        return plan.requests
    if args.kind:
        return _kind_requests(args)
    raise QuebecIntlError("say which reports to render: `render --all` or `render partner --partner USA`")


def _render(args: argparse.Namespace) -> int:
    with pipeline.steady_tables():  # one state of the tables for the plan and the batch: each judged current once
        requests = _render_requests(args)
        result = render_batch(requests, whole_suite=args.all, jobs=args.jobs, force=args.force, prune=args.prune)
    for page in result.rendered if len(result.rendered) <= 4 else []:
        print(f"wrote {page}")
    print(result.summary())
    print(f"Reports index: {result.index}")
    if getattr(args, "pdf", False):
        _print_pdfs(requests, result)
    if result.failed:
        reasons = [reason for _, reason in result.failed]
        listed = f" {reasons[0]}" if len(reasons) == 1 else "".join(f"\n  {reason}" for reason in reasons)
        raise QuebecIntlError(f"{len(reasons)} of {len(requests)} report(s) failed:{listed}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {  # each subcommand of `parser`, by its name
    "data": _data,
    "sources": _sources,
    "update": _update,
    "reconcile": _reconcile,
    "snapshot": _snapshot,
    "render": _render,
}


def run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status = run(args)
    except Interrupted as exc:
        print(f"quebec-intl: {exc}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("quebec-intl: interrupted; no file was left half-written", file=sys.stderr)
        return 130
    except QuebecIntlError as exc:
        print(f"quebec-intl: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"quebec-intl: error: {describe_os_error(exc)}", file=sys.stderr)
        return 2
    finally:
        sources.save_remembered()  # the files' sums this command computed, for the next one
    return status or 0


if __name__ == "__main__":
    sys.exit(main())
