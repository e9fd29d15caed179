"""Run report notebooks in one kernel: each report is the notebook with its parameters injected (papermill's own
parameterization) after a hidden cell that clears the previous report's names."""

from __future__ import annotations

import ast
import os
import threading

import nbformat
from ipykernel.kernelspec import get_kernel_dict
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from .. import KERNEL_DISPLAY_NAME, KERNEL_NAME, settings
from ..errors import RenderError
from .html_export import EXPLORE_TAG
from .requests import ReportRequest

# The kernel's own start-up notices (transport, etc.) are not the user's concern; its errors still show.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
CELL_TIMEOUT_SECONDS = 600
# Before each page, and after it: the package's own hooks (publish/in_kernel.py), called by name; this process
# does not import them (they load the charting library).
START_PAGE = "import quebec_intl.publish.in_kernel as _qi_page\n_qi_page.start_page({environment!r})"
TABLES_READ = "_qi_page.tables_read()"


def notebook_path(request: ReportRequest):
    return settings.notebooks_dir() / f"{request.notebook}.ipynb"


class ProjectKernelSpecs(KernelSpecManager):
    """The notebooks name the project's kernel; a batch runs it on this very interpreter (the package's own), so a
    render needs no kernel registered and never starts another Python."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name != KERNEL_NAME:
            return super().get_kernel_spec(kernel_name)
        return KernelSpec(**{**get_kernel_dict(), "display_name": KERNEL_DISPLAY_NAME}, resource_dir="")


def parameterized(request: ReportRequest) -> nbformat.NotebookNode:
    """The notebook's report cells with the request's parameters; its markdown and exploring cells are for whoever
    opens it in Jupyter, not for the page, so they are not run."""
    notebook = load_notebook_node(str(notebook_path(request)))  # as papermill loads it
    notebook.cells = [
        cell for cell in notebook.cells if cell.cell_type == "code" and EXPLORE_TAG not in cell.metadata.get("tags", [])
    ]
    notebook = parameterize_notebook(notebook, request.parameters)
    start = START_PAGE.format(environment=settings.page_environment())
    reset = nbformat.v4.new_code_cell(start, metadata={"tags": ["injected-reset"]}, id="injected-reset")
    notebook.cells.insert(0, reset)
    return notebook


def _failure(request: ReportRequest, nb: nbformat.NotebookNode, exc: Exception) -> RenderError:
    """Name the report, its parameters and the cell that failed."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                last_line = cell.source.strip().splitlines()[-1] if cell.source.strip() else "?"
                return RenderError(
                    f"{request.describe()} failed in cell {cell.get('execution_count')} "
                    f"({last_line!r}): {output.ename}: {output.evalue} "
                    f"The previous report, if any, was kept."
                )
    return RenderError(f"{request.describe()} failed: {exc}. The previous report, if any, was kept.")


OUTPUT_FIELDS = {  # what each kind of output keeps of its message's content, as nbformat's output_from_msg keeps it
    "execute_result": ("data", "metadata", "execution_count"),
    "display_data": ("data", "metadata"),
    "stream": ("name", "text"),
    "error": ("ename", "evalue", "traceback"),
}


def output_of(msg: dict) -> nbformat.NotebookNode:
    """A notebook output from a kernel's message: nbformat's `output_from_msg` less its validation of every output
    and its conversion of every nested value, which together cost a third of this process's time per page."""
    kind, content = msg["msg_type"], msg["content"]
    return nbformat.NotebookNode(output_type=kind, **{name: content.get(name) for name in OUTPUT_FIELDS[kind]})


class KernelSession:
    """One kernel, and one client talking to it, for a whole batch of reports.

    Cells run through the client's `execute_interactive`, and their messages become notebook outputs (`output_of`):
    a client per notebook (as nbclient makes) costs more than the report.
    The kernel writes where this process writes: the output settings are passed to it as resolved here."""

    def __init__(self, stopping: threading.Event | None = None):
        self.stopping = stopping or threading.Event()  # set by Ctrl-C in a batch: no further cell is started

    def __enter__(self) -> KernelSession:
        self._start()
        return self

    def _start(self) -> None:
        self.km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ProjectKernelSpecs())
        self.km.start_kernel(
            cwd=str(settings.notebooks_dir()),
            extra_arguments=KERNEL_ARGUMENTS,
            env={**os.environ, **settings.output_environment()},
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=60)
        except BaseException:  # a kernel that never answered is not left running
            self._stop()
            raise

    def _stop(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def __exit__(self, *exc) -> None:
        self._stop()

    def kill(self) -> None:
        """End the kernel's process only, leaving the client to the thread that may still be waiting on it."""
        self.km.shutdown_kernel(now=True)

    def run_cell(self, cell: nbformat.NotebookNode) -> dict:
        outputs: list = []

        def collect(msg: dict) -> None:
            kind = msg["msg_type"]
            if kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(output_of(msg))
            elif kind == "clear_output":
                outputs.clear()

        reply = self.kc.execute_interactive(
            cell.source, output_hook=collect, timeout=CELL_TIMEOUT_SECONDS, allow_stdin=False
        )
        cell.outputs = outputs
        cell.execution_count = reply["content"].get("execution_count")
        return reply["content"]

    def tables_read(self) -> dict[str, str]:
        """The tables the last report read, with the fingerprints the kernel's pipeline served."""
        reply = self.kc.execute_interactive(
            "",
            user_expressions={"tables": TABLES_READ},
            store_history=False,
            timeout=CELL_TIMEOUT_SECONDS,
            allow_stdin=False,
        )
        value = reply["content"].get("user_expressions", {}).get("tables", {})
        if value.get("status") != "ok":
            raise RenderError(f"the kernel could not say which tables the report read: {value.get('evalue', value)}")
        return dict(ast.literal_eval(value["data"]["text/plain"]))

    def execute(self, request: ReportRequest) -> nbformat.NotebookNode:
        nb = parameterized(request)
        try:
            for cell in nb.cells:
                if self.stopping.is_set():
                    raise RenderError(f"{request.describe()}: stopped before it was finished")
                if cell.cell_type == "code" and self.run_cell(cell)["status"] == "error":
                    raise _failure(request, nb, RuntimeError("a cell failed"))
        except TimeoutError as exc:
            self._stop()
            self._start()
            raise RenderError(
                f"{request.describe()}: a cell ran over {CELL_TIMEOUT_SECONDS} s ({exc}); the previous report was kept"
            ) from None
        if not self.km.is_alive():
            self._start()
            raise RenderError(f"{request.describe()}: the kernel died; the previous report was kept")
        return nb
