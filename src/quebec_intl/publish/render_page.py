"""One page: run its notebook in a kernel, turn it into HTML, write it atomically, and say what it was made from.
Kept apart from the batch so that a batch with nothing to render never loads the notebook machinery."""

from __future__ import annotations

from pathlib import Path

from ..data import atomic, pipeline
from ..errors import RenderError, describe_os_error
from . import html_export, manifest
from .kernel import KernelSession
from .requests import ReportRequest


def render_page(session: KernelSession, request: ReportRequest, reports_dir: Path, basis: list[str],
                in_suite: bool) -> tuple[Path, manifest.PageRecord]:
    html_page, info = html_export.notebook_page(session.execute(request))
    tables = {name: (pipeline.meta(name) or {}).get("fingerprint") for name in session.tables_read()}
    target = request.output_path(reports_dir)
    try:
        atomic.write_text(target, html_page)
    except OSError as exc:
        raise RenderError(f"{request.describe()}: the page could not be written: {describe_os_error(exc)}. "
                          f"The previous page, if any, was kept.") from None
    return target, manifest.record(request, info, basis, in_suite, tables, html_page)
