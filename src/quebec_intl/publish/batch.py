"""Publish a batch of reports: one kernel runs them all, each page is written atomically and recorded in the
manifest, the index is rebuilt. One failing report keeps its previous page and does not stop the others; the
batch ends with a summary. The site never mixes data: pages the current sources would not make are removed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .. import settings
from ..data import atomic, pipeline, trade
from ..errors import Interrupted, RenderError, SettingError, describe_os_error
from . import html_export, manifest, site_index
from .kernel import KernelSession
from .requests import ReportRequest


def publish(request: ReportRequest, session: KernelSession, reports_dir: Path, basis: list[str],
            in_suite: bool = False) -> tuple[Path, manifest.PageRecord]:
    html_page, info = html_export.notebook_page(session.execute(request))
    target = request.output_path(reports_dir)
    try:
        atomic.write_text(target, html_page)
    except OSError as exc:
        raise RenderError(f"{request.describe()}: the page could not be written: {describe_os_error(exc)}. "
                          f"The previous page, if any, was kept.") from None
    return target, manifest.record(request, info, basis, in_suite)


@dataclass
class BatchResult:
    rendered: list[Path] = field(default_factory=list)
    skipped: list[tuple[ReportRequest, str]] = field(default_factory=list)
    failed: list[tuple[ReportRequest, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # pages taken off the site: the current data no longer makes them
    seconds: float = 0.0
    index: Path | None = None

    def summary(self) -> str:
        """The counts, the skipped pages and the removed ones; failures are the caller's to report (on stderr)."""
        lines = [f"rendered {len(self.rendered)}, skipped {len(self.skipped)}, failed {len(self.failed)} "
                 f"in {self.seconds:.1f} s"]
        lines += [f"  skipped: {reason}" for _, reason in self.skipped]
        if self.removed:
            shown = ", ".join(self.removed[:5]) + (f" and {len(self.removed) - 5} more" if len(self.removed) > 5 else "")
            lines.append(f"removed {len(self.removed)} page(s) the current sources no longer make: {shown}")
        return "\n".join(lines)


def _reports_folder(reports_dir: Path | None) -> Path:
    reports_dir = reports_dir or settings.reports_dir()
    if reports_dir.exists() and not reports_dir.is_dir():
        raise SettingError(f"the reports folder {reports_dir} is a file: move it away, or set {settings.REPORTS_ENV} "
                           f"to a folder")
    return reports_dir


def _stale(records: dict[str, manifest.PageRecord], basis: list[str], suite: set[str] | None) -> list[str]:
    """Pages of trade figures made from other trade sources than those at hand now, and (when the whole default
    suite was rendered) pages of an earlier suite the current data no longer makes. A page rendered on its own
    request stays unless its sources changed; a page with no recorded basis is left for its next render."""
    return sorted(page for page, record in records.items()
                  if (record.data_basis is not None and record.reads_trade() and record.data_basis != basis)
                  or (suite is not None and record.in_suite and page not in suite))


def _remove(reports_dir: Path, records: dict[str, manifest.PageRecord], pages: list[str]) -> None:
    for page in pages:
        (reports_dir / page).unlink(missing_ok=True)
        del records[page]


def render_batch(requests: list[ReportRequest], reports_dir: Path | None = None, progress: bool = True,
                 whole_suite: bool = False) -> BatchResult:
    """Publish every page in one kernel, then rewrite the manifest and the index; failures are collected.
    `whole_suite`: the requests are the whole default suite (`render --all`), so pages of an earlier suite outside
    it are stale."""
    reports_dir = _reports_folder(reports_dir)
    result, start = BatchResult(), time.perf_counter()
    pipeline.prepare(trade.REPORT_TABLES)  # current before the first page: a bad source stops here, in one message
    basis = trade.data_basis()
    records, seen = manifest.read(reports_dir), set()
    try:
        with KernelSession() as session:
            for request in tqdm(requests, unit="report", disable=not progress or len(requests) < 2,
                                desc="rendering", dynamic_ncols=True):
                if request.page in seen:
                    result.skipped.append((request, f"{request.describe()}: the same page was already rendered"))
                    continue
                seen.add(request.page)
                try:
                    page, records[request.page] = publish(request, session, reports_dir, basis, whole_suite)
                    result.rendered.append(page)
                except RenderError as exc:
                    result.failed.append((request, str(exc)))
    except KeyboardInterrupt:
        result.index = _finish(reports_dir, records, result, basis, None)
        raise Interrupted(f"interrupted: {len(result.rendered)} of {len(requests)} page(s) were finished and kept "
                          f"(listed in {result.index}); run the same command again for the rest") from None
    result.index = _finish(reports_dir, records, result, basis, {r.page for r in requests} if whole_suite else None)
    result.seconds = time.perf_counter() - start
    return result


def _finish(reports_dir: Path, records: dict[str, manifest.PageRecord], result: BatchResult, basis: list[str],
            suite: set[str] | None) -> Path:
    """Take stale pages off the site, then write the manifest and the index of what remains."""
    result.removed = _stale(records, basis, suite)
    _remove(reports_dir, records, result.removed)
    manifest.write(reports_dir, records)
    return site_index.write(reports_dir)
