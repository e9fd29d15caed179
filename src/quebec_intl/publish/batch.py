"""Publish a batch of reports: pages whose inputs have not changed are kept, the others are spread over several
kernels (one per core by default), each page written atomically and recorded in the manifest, then the index is
rebuilt. One failing report keeps its previous page and does not stop the others; the batch ends with a summary.
Pages the current sources would not make are named; only `render --all --prune` removes them, so that a forgotten
setting (the mirror unset, a file missing from it) never takes a site down."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from .. import settings
from ..data import atomic, pipeline, trade
from ..errors import Interrupted, QuebecIntlError, RenderError, SettingError
from ..reports import registry
from . import manifest, pdf, site_index, site_links
from .incremental import InputsNow
from .requests import ReportRequest, executed_dir, executed_path


@dataclass
class BatchResult:
    rendered: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # pages whose inputs had not changed, left as they were
    skipped: list[tuple[ReportRequest, str]] = field(default_factory=list)
    failed: list[tuple[ReportRequest, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # pages taken off the site: the current data no longer makes them
    held: list[str] = field(default_factory=list)  # pages the current data no longer makes, kept without --prune
    seconds: float = 0.0
    jobs: int = 0  # kernels the batch ran (none when every page was kept)
    index: Path | None = None
    notes: list[str] = field(default_factory=list)  # records found damaged and left out, said once each
    own: set[str] = field(default_factory=set)  # pages whose record this batch made or kept (it writes only those)

    def summary(self) -> str:
        """The counts, the skipped pages and the removed ones; failures are the caller's to report (on stderr)."""
        kernels = f" with {self.jobs} kernel(s)" if self.jobs else ""
        lines = [
            f"rendered {len(self.rendered)}, kept {len(self.kept)} unchanged, skipped {len(self.skipped)}, "
            f"failed {len(self.failed)} in {self.seconds:.1f} s{kernels}"
        ]
        lines += [f"  skipped: {reason}" for _, reason in self.skipped]
        lines += [f"note: {note}" for note in self.notes]
        if self.removed:
            shown = _shown(self.removed)
            lines.append(f"removed {len(self.removed)} page(s) the current sources no longer make: {shown}")
        if self.held:
            lines.append(
                f"kept {len(self.held)} page(s) the sources at hand no longer make ({_shown(self.held)}): if "
                f"{settings.MIRROR_ENV} is not set as when they were made, set it again; else "
                f"`quebec-intl render --all --prune` removes them"
            )
        return "\n".join(lines)


def _shown(pages: list[str]) -> str:
    return ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")


def _reports_folder(reports_dir: Path | None) -> Path:
    reports_dir = reports_dir or settings.reports_dir()
    if reports_dir.exists() and not reports_dir.is_dir():
        raise SettingError(
            f"the reports folder {reports_dir} is a file: move it away, or set {settings.REPORTS_ENV} to a folder"
        )
    return reports_dir


def _stale(
    records: dict[str, manifest.PageRecord],
    basis: list[str],
    suite: set[str] | None,
    at_hand: Callable[[str], bool],
) -> list[str]:
    """Pages the data at hand no longer makes: a page that read a source no longer at hand, a page of trade figures
    made before a trade source now at hand was (say, from the embedded default before the mirror was set), and,
    when the whole default suite was rendered, a page of an earlier suite outside it. A page of the suite is never
    stale (it was just rendered or found current); a page whose own sources are all still at hand stays, whatever
    else the mirror lacks; a page with no recorded basis is left for its next render."""
    return sorted(
        page
        for page, record in records.items()
        if (suite is None or page not in suite)
        and (
            (suite is not None and record.in_suite and not _keeps_earlier(record.kind))
            or (
                record.data_basis is not None
                and (
                    not all(at_hand(source["id"]) for source in record.sources)
                    or (record.reads_trade() and not set(basis) <= set(record.data_basis))
                )
            )
        )
    )


def _keeps_earlier(kind: str) -> bool:
    """A kind whose earlier pages stay when `render --all` makes a later one (the bulletins: one a month)."""
    known = registry.kinds().get(kind)
    return bool(known and known.keeps_earlier)


def _remove(reports_dir: Path, records: dict[str, manifest.PageRecord], pages: list[str]) -> None:
    for page in pages:
        (reports_dir / page).unlink(missing_ok=True)
        pdf.remove_pdf(reports_dir / page)  # never a PDF alone, without its page
        executed_path(reports_dir, page).unlink(missing_ok=True)
        del records[page]


@dataclass(frozen=True, kw_only=True)
class Options:
    """How a batch renders: `render_batch`'s keywords, each named (an unknown one is a TypeError)."""

    progress: bool = True  # a progress bar, for two pages or more
    whole_suite: bool = False  # the requests are the whole default suite (`render --all`)
    jobs: int | None = None  # kernels rendering at once (default: pool.kernel_count's)
    force: bool = False  # every page rendered, whatever its record says
    prune: bool = False  # with `whole_suite`: stale pages removed (else named and kept)


@dataclass
class _Batch:
    """What each step of one batch reads and writes: the site, the options, the inputs as found at its start, the
    pages' records and the result."""

    reports_dir: Path
    options: Options
    inputs: InputsNow
    records: dict[str, manifest.PageRecord]
    result: BatchResult


def render_batch(requests: list[ReportRequest], reports_dir: Path | None = None, **options) -> BatchResult:
    """Publish the pages whose inputs changed (every page with `force`) over `jobs` kernels (default: one per
    core), then rewrite the manifest and the index; failures are collected. `whole_suite`: the requests are the
    whole default suite (`render --all`), so pages of an earlier suite outside it are stale; `prune` (only with
    `whole_suite`) removes stale pages, which are otherwise named and kept (`Options`)."""
    chosen = Options(**options)
    if chosen.prune and not chosen.whole_suite:
        raise QuebecIntlError("--prune goes with `render --all`: a page is never removed by a single page's render")
    reports_dir = _reports_folder(reports_dir)
    result, start = BatchResult(), time.perf_counter()
    if chosen.force:
        pipeline.forget_remembered_sums()  # `--force` trusts no sum remembered by size and time
    for folder in (reports_dir, executed_dir(reports_dir), settings.processed_dir()):
        atomic.remove_leftovers(folder)  # what a killed render left half-written
    pipeline.prepare(trade.REPORT_TABLES)  # current before the first page: a bad source stops here, in one message
    inputs = InputsNow(trade.data_basis())
    batch = _Batch(reports_dir, chosen, inputs, manifest.read(reports_dir, result.notes), result)
    todo = _plan(batch, requests)
    try:
        if todo:
            _render(batch, todo)
    except KeyboardInterrupt:
        result.index = _finish(batch, suite=None, prune=False)
        raise Interrupted(
            f"interrupted: {len(result.rendered)} of {len(todo)} page(s) were finished and kept "
            f"(listed in {result.index}); run the same command again for the rest"
        ) from None
    suite = {r.page for r in requests} if chosen.whole_suite else None
    result.index = _finish(batch, suite, chosen.prune)
    order = {request.output_path(reports_dir): position for position, request in enumerate(todo)}
    result.rendered.sort(key=order.__getitem__)  # pages finish in any order over several kernels
    result.seconds = time.perf_counter() - start
    return result


def _plan(batch: _Batch, requests: list[ReportRequest]) -> list[ReportRequest]:
    """The requests to render; a page asked for twice is skipped, an unchanged one kept (its record notes the
    suite it now belongs to) unless it lacks a link to its other language's page, now made or on the site."""
    todo, seen, asked = [], set(), frozenset(request.page for request in requests)
    result = batch.result
    for request in requests:
        if request.page in seen:
            result.skipped.append((request, f"{request.describe()}: the same page was already rendered"))
            continue
        seen.add(request.page)
        record = batch.records.get(request.page)
        if (
            not batch.options.force
            and batch.inputs.unchanged(record, request, request.output_path(batch.reports_dir))
            and not site_links.lacks_a_language_link(request, batch.reports_dir, asked)
        ):
            # current for the trade sources it reads: recorded as made on today's basis, or a trade source it does
            # not read (the monthly table's download after an update) would have it named as no longer made
            batch.records[request.page] = replace(
                record, in_suite=batch.options.whole_suite, data_basis=batch.inputs.basis
            )
            result.kept.append(request.page)
            result.own.add(request.page)
        else:
            todo.append(request)
    return todo


def _render(batch: _Batch, todo: list[ReportRequest]) -> None:
    # Imported here: the notebook machinery takes seconds to load, and a batch with nothing to render needs none.
    from .engine import run
    from .html_export import vega_bundle
    from .pool import by_subject, kernel_count, run_batch
    from .render_page import publish_page

    vega_bundle()  # made once here, not by every worker's first page at the same time

    rendered = frozenset(request.page for request in todo)  # a page links another language's rendered beside it
    result, options = batch.result, batch.options
    subjects = by_subject(todo)
    result.jobs, note = kernel_count(options.jobs, len(todo), len(subjects))
    result.notes += [note] if note else []
    quiet = not options.progress or len(todo) < 2
    bar = tqdm(total=len(todo), unit="report", disable=quiet, desc="rendering", dynamic_ncols=True)

    def publish(request: ReportRequest, ran) -> tuple[Path, manifest.PageRecord]:
        return publish_page(request, ran, batch.reports_dir, options.whole_suite, batch.inputs, rendered)

    def done(request: ReportRequest, outcome) -> None:
        if isinstance(outcome, RenderError):
            result.failed.append((request, str(outcome)))
        elif isinstance(outcome, Exception):
            result.failed.append((request, f"{request.describe()} failed: {type(outcome).__name__}: {outcome}"))
        else:
            page, batch.records[request.page] = outcome
            result.rendered.append(page)
            result.own.add(request.page)
        bar.update()

    with bar:
        run_batch(subjects, result.jobs, run, publish, done)


def _finish(batch: _Batch, suite: set[str] | None, prune: bool) -> Path:
    """Take stale pages off the site (with `prune`; else name them), then write the manifest and the index of what
    remains. The manifest is read again under a lock and only this batch's pages are changed in it, so that two
    renders of the same site at the same time never lose or mix a page's record. A batch that changed nothing leaves
    both files as they are (writing the index sorts every title, which costs more than the check)."""
    reports_dir, result = batch.reports_dir, batch.result
    with atomic.locked(reports_dir / manifest.LOCK):
        notes: list[str] = []
        current = manifest.read(reports_dir, notes)
        result.notes += [note for note in notes if note not in result.notes]
        merged = {**current, **{page: batch.records[page] for page in result.own}}
        stale = _stale(merged, batch.inputs.basis, suite, batch.inputs.at_hand)
        if prune:
            result.removed = stale
            _remove(reports_dir, merged, result.removed)
        else:
            result.held = stale
        index = site_index.path(reports_dir)
        if not result.rendered and not result.removed and merged == current and site_index.current(reports_dir):
            return index
        manifest.write(reports_dir, merged)
        return site_index.write(reports_dir)
