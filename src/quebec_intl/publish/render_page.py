"""One page in two steps: run its notebook in a kernel (in the kernel's thread), then write the executed notebook,
turn it into HTML, write the page atomically and say what it was made from (in the batch's finishing thread, while
the kernel runs the next page). Kept apart from the batch so that a batch with nothing to render never loads the
notebook machinery."""

from __future__ import annotations

from pathlib import Path

import orjson
from papermill.execute import prepare_notebook_metadata

from ..data import atomic, sources
from ..errors import RenderError, describe_os_error
from . import html_export, manifest, pdf, site_links
from .engine import Run
from .incremental import InputsNow
from .kernel import notebook_path
from .requests import ReportRequest

KEPT = "The previous page, if any, was kept."


def publish_page(
    request: ReportRequest,
    ran: Run,
    reports_dir: Path,
    in_suite: bool,
    inputs: InputsNow,
    batch: frozenset[str] = frozenset(),
) -> tuple[Path, manifest.PageRecord]:
    """The executed notebook written beside the site, whatever the run's outcome (a failed page names it, to open in
    JupyterLab where it failed); then, for a page that ran, the page and its record, made from the inputs as the
    batch found them (`inputs`) and the tables as the kernel served them. The record is written before the page, so
    a page on disk always has one."""
    executed = write_executed(request, ran, reports_dir)
    if ran.failure:
        raise RenderError(f"{ran.failure} (executed notebook: {executed}). {KEPT}")
    html_page, info = html_export.notebook_page(ran.notebook, site_links.links(request, reports_dir, batch))
    page_record = manifest.record(request, info, in_suite, ran.tables, html_page, inputs)
    target = request.output_path(reports_dir)
    try:
        manifest.write_own_record(reports_dir, page_record)  # first: a page on disk always has its own record
        write_page(target, html_page)
        sources.remember_written(target, page_record.page_sha256)
    except OSError as exc:
        raise RenderError(
            f"{request.describe()}: the page could not be written: {describe_os_error(exc)}. {KEPT}"
        ) from None
    return target, page_record


def write_executed(request: ReportRequest, ran: Run, reports_dir: Path) -> Path:
    """The executed notebook, atomically; a failed page's error says when it could not be written. Written by
    orjson, its keys sorted and indented as a notebook is, but not validated again (its outputs are the
    kernel's): Python's own JSON writer indents in Python, a fifth of what this process spends on a page."""
    target = request.executed_path(reports_dir)
    prepare_notebook_metadata(ran.notebook, str(notebook_path(request)), str(target))
    text = orjson.dumps(ran.notebook, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2).decode() + "\n"
    try:
        atomic.write_text(target, text)
    except OSError as exc:
        why = f"its executed notebook could not be written: {describe_os_error(exc)}"
        raise RenderError(f"{ran.failure or request.describe()}; {why}. {KEPT}") from None
    return target


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
