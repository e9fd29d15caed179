"""Run a report notebook with papermill and publish it as HTML, keeping the previous page if anything fails."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill

from . import atomic, dataset, html_export, paths, site_index
from .errors import RenderError
from .i18n import t
from .partners import Partner

# The kernel's own start-up notices (transport, etc.) are not the user's concern; its errors still show.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


@dataclass(frozen=True)
class ReportRequest:
    """One page to render: which notebook, with which parameters, published where."""

    kind: str
    notebook: str
    parameters: dict
    lang: str
    slug: str
    title: str
    subject: str

    def output_path(self, reports_dir: Path) -> Path:
        return reports_dir / self.lang / self.kind / f"{self.slug}.html"

    def describe(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"report {self.notebook} ({params})"


def partner_request(partner: Partner, year: int | None, lang: str) -> ReportRequest:
    return ReportRequest(
        kind="partner", notebook="partner_profile",
        parameters={"partner": partner.code, "year": year, "lang": lang},
        lang=lang, slug=partner.slug + (f"-{year}" if year else ""),
        title=t(lang, "partner_title", partner=partner.name_with_article(lang)),
        subject=f"{partner.code} · {partner.name_en} · {partner.name_fr}",
    )


def execute(request: ReportRequest) -> nbformat.NotebookNode:
    """The executed notebook; a failing cell becomes a RenderError naming the report, parameters and cell."""
    notebook = paths.NOTEBOOKS_DIR / f"{request.notebook}.ipynb"
    with tempfile.TemporaryDirectory(prefix="quebec-intl-") as tmp:
        output = Path(tmp) / notebook.name
        try:
            papermill.execute_notebook(
                str(notebook), str(output), parameters=request.parameters, kernel_name="python3",
                progress_bar=False, log_output=False, cwd=str(paths.NOTEBOOKS_DIR),
                extra_arguments=KERNEL_ARGUMENTS,
            )
        except papermill.PapermillExecutionError as exc:
            last_line = (exc.source or "?").strip().splitlines()[-1]
            raise RenderError(
                f"{request.describe()} failed in cell {exc.exec_count} ({last_line!r}): {exc.ename}: {exc.evalue} "
                f"The previous report, if any, was kept."
            ) from None
        return nbformat.read(output, as_version=4)


def publish(request: ReportRequest, reports_dir: Path | None = None) -> Path:
    reports_dir = reports_dir or paths.reports_dir()
    executed = execute(request)
    body = html_export.notebook_body(executed)
    index = reports_dir / "index.html"
    target = request.output_path(reports_dir)
    html = html_export.page(
        body, title=request.title, lang=request.lang, kind=request.kind, subject=request.subject,
        index_href=os.path.relpath(index, target.parent), site_title=t(request.lang, "site_title"),
    )
    atomic.write_text(target, html)
    return target


def render_all(requests: list[ReportRequest], reports_dir: Path | None = None) -> tuple[list[Path], Path]:
    """Load (and if needed build) the reports' data once, publish every page, then rewrite the index."""
    reports_dir = reports_dir or paths.reports_dir()
    dataset.load()
    pages = [publish(request, reports_dir) for request in requests]
    return pages, site_index.write(reports_dir)
