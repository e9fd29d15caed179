"""papermill's engine for the project's pages: papermill's `Engine` interface and its `NotebookExecutionManager`
record what papermill records of any run (each cell's start, end, duration and status, the failed cell, the
notebook's timings and parameters), while the cells run in a kernel the batch keeps from page to page
(`kernel.KernelSession.run_page`), which is what makes a batch fast."""

from __future__ import annotations

from dataclasses import dataclass, field

import nbformat
from papermill.engines import Engine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.execute import raise_for_execution_errors

from .. import KERNEL_NAME
from ..errors import RenderError
from .kernel import KernelSession, parameterized, runs_for_the_page
from .requests import ReportRequest

ENGINE_NAME = "quebec-intl"


class PageEngine(Engine):
    """Runs the report's cells (not the markdown or exploring ones) in `session`, or in a kernel of its own."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        session: KernelSession | None = None,
        tables: dict | None = None,
        follows: bool = False,
        **kwargs,
    ) -> None:
        """`tables`, when given, receives the tables the page read; `follows`: the page comes right after its
        subject's page in another language, in `session` (`in_kernel.run_page`)."""
        if session is None:
            with KernelSession() as own:
                cls.execute_managed_notebook(nb_man, kernel_name, own, tables, **kwargs)
            return
        cells = [cell for cell in nb_man.nb.cells if runs_for_the_page(cell)]
        running = {"cell": 0}

        def start(index: int) -> None:
            running["cell"] = index
            cells[index].execution_count = index + 1
            nb_man.cell_start(cells[index], index)

        def ended(index: int, ok: bool) -> None:
            if not ok:
                nb_man.cell_exception(cells[index], index)
            nb_man.cell_complete(cells[index], index)
            if ok and index + 1 < len(cells):
                start(index + 1)

        start(0)
        try:
            read = session.run_page(cells, ended, follows)
        except RenderError:  # the kernel died or ran over its time: the cell running is the one that failed
            nb_man.cell_exception(cells[running["cell"]], running["cell"])
            raise
        if tables is not None:
            tables.update(read)


papermill_engines.register(ENGINE_NAME, PageEngine)


@dataclass
class Run:
    """A page's notebook as its kernel ran it: the executed notebook (papermill's metadata, the failed cell marked),
    the tables the page read, and what went wrong, if anything (then the page is not published)."""

    notebook: nbformat.NotebookNode
    tables: dict[str, str] = field(default_factory=dict)
    failure: str | None = None


def run(session: KernelSession, request: ReportRequest, follows: bool = False) -> Run:
    """The request's notebook run through papermill's engine interface in `session` (`follows`: right after its
    subject's page in another language); a failure is the run's, for the page alone."""
    notebook = parameterized(request)
    ran = Run(notebook)
    try:
        papermill_engines.execute_notebook_with_engine(
            ENGINE_NAME,
            notebook,
            KERNEL_NAME,
            progress_bar=False,
            autosave_cell_every=0,
            session=session,
            tables=ran.tables,
            follows=follows,
        )
        raise_for_execution_errors(notebook, None)  # papermill's own marks: a note at the top, an anchor at the cell
    except PapermillExecutionError as error:
        last_line = error.source.strip().splitlines()[-1] if error.source.strip() else "?"
        ran.failure = (
            f"{request.describe()} failed in cell {error.exec_count} ({last_line!r}): {error.ename}: {error.evalue}"
        )
    except RenderError as exc:
        ran.failure = f"{request.describe()}: {exc}"
    return ran
