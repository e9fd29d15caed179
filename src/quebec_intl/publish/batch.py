"""Publish a batch of reports: one kernel runs them all, each page is written atomically and recorded in the
manifest, the index is rebuilt. One failing report keeps its previous page and does not stop the others; the
batch ends with a summary."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .. import settings
from ..data import atomic, trade
from ..errors import RenderError
from . import html_export, manifest, site_index
from .kernel import KernelSession
from .requests import ReportRequest


def publish(request: ReportRequest, session: KernelSession, reports_dir: Path) -> tuple[Path, manifest.PageRecord]:
    html_page, info = html_export.notebook_page(session.execute(request))
    target = request.output_path(reports_dir)
    atomic.write_text(target, html_page)
    return target, manifest.record(request, info)


@dataclass
class BatchResult:
    rendered: list[Path] = field(default_factory=list)
    skipped: list[tuple[ReportRequest, str]] = field(default_factory=list)
    failed: list[tuple[ReportRequest, str]] = field(default_factory=list)
    seconds: float = 0.0
    index: Path | None = None

    def summary(self) -> str:
        lines = [f"rendered {len(self.rendered)}, skipped {len(self.skipped)}, failed {len(self.failed)} "
                 f"in {self.seconds:.1f} s"]
        lines += [f"  skipped: {reason}" for _, reason in self.skipped]
        lines += [f"  failed: {reason}" for _, reason in self.failed]
        return "\n".join(lines)


def render_batch(requests: list[ReportRequest], reports_dir: Path | None = None, progress: bool = True) -> BatchResult:
    """Publish every page in one kernel, then rewrite the manifest and the index; failures are collected."""
    reports_dir = reports_dir or settings.reports_dir()
    result, start = BatchResult(), time.perf_counter()
    trade.load()  # build the tables the reports read once, before the batch
    records, seen = manifest.read(reports_dir), set()
    with KernelSession() as session:
        for request in tqdm(requests, unit="report", disable=not progress or len(requests) < 2,
                            desc="rendering", dynamic_ncols=True):
            if request.page in seen:
                result.skipped.append((request, f"{request.describe()}: the same page was already rendered"))
                continue
            seen.add(request.page)
            try:
                page, records[request.page] = publish(request, session, reports_dir)
                result.rendered.append(page)
            except RenderError as exc:
                result.failed.append((request, str(exc)))
    manifest.write(reports_dir, records)
    result.index = site_index.write(reports_dir)
    result.seconds = time.perf_counter() - start
    return result
