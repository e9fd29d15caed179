"""One page in two steps: run its notebook in a kernel (in the kernel's thread), then turn it into HTML, write it
atomically and say what it was made from (in the batch's finishing thread, while the kernel runs the next page).
Kept apart from the batch so that a batch with nothing to render never loads the notebook machinery."""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..data import atomic
from ..errors import RenderError, describe_os_error
from . import html_export, manifest, pdf, site_links
from .incremental import InputsNow
from .kernel import KernelSession
from .requests import ReportRequest


def run_page(session: KernelSession, request: ReportRequest) -> tuple[nbformat.NotebookNode, dict[str, str]]:
    """The page's notebook run in the kernel, and the tables it read (asked before the kernel takes another page)."""
    return session.execute(request)


def publish_page(
    request: ReportRequest,
    ran: tuple[nbformat.NotebookNode, dict[str, str]],
    reports_dir: Path,
    in_suite: bool,
    inputs: InputsNow,
    batch: frozenset[str] = frozenset(),
) -> tuple[Path, manifest.PageRecord]:
    """The page and its record, made from the inputs as the batch found them (`inputs`) and the tables as the
    kernel served them; the record is made before the page is written, so a page on disk always has one."""
    nb, tables = ran
    html_page, info = html_export.notebook_page(nb, site_links.links(request, reports_dir, batch))
    page_record = manifest.record(request, info, in_suite, tables, html_page, inputs)
    target = request.output_path(reports_dir)
    try:
        manifest.write_own_record(reports_dir, page_record)  # first: a page on disk always has its own record
        write_page(target, html_page)
    except OSError as exc:
        raise RenderError(
            f"{request.describe()}: the page could not be written: {describe_os_error(exc)}. "
            f"The previous page, if any, was kept."
        ) from None
    return target, page_record


def write_page(target: Path, html_page: str) -> None:
    """The page written atomically; a PDF printed from the page as it was before is removed, unless the page is
    the same bytes again."""
    try:
        previous = target.read_bytes()
    except OSError:
        previous = None
    atomic.write_text(target, html_page)
    if previous != html_page.encode("utf-8"):
        pdf.remove_pdf(target)
