"""Run report notebooks in one kernel: each report is the notebook with its parameters injected (papermill's own
parameterization) after a hidden cell that clears the previous report's names."""

from __future__ import annotations

import ast
import os
import threading
import uuid
from pathlib import Path

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

# The kernel's own start-up notices (transport, etc.) are not the user's concern; its errors still show. A page's
# kernel keeps no command history (IPython's would write a database, and on a full disk print its traceback first).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"]
CELL_TIMEOUT_SECONDS = 600
# Each page, and after it: the package's own hooks (publish/in_kernel.py), called by name; this process does not
# import them (they load the charting library).
IMPORT_HOOKS = "import quebec_intl.publish.in_kernel as _qi_page"
START_PAGE = IMPORT_HOOKS + "\n_qi_page.start_page({environment!r})"
RUN_PAGE = IMPORT_HOOKS + "\n_qi_page.run_page({environment!r}, {sources!r})"
TABLES_READ = "_qi_page.tables_read()"
CELL_END = "application/vnd.quebec-intl.cell-end+json"  # in_kernel.CELL_END


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

    A page is one request through the client's `execute_interactive` (its cells run in the kernel, `run_page`), and
    the messages become notebook outputs (`output_of`): a client per notebook (as nbclient makes) costs more than the
    report, and a request per cell costs a third of it.
    The kernel writes where this process writes: the output settings are passed to it as resolved here."""

    def __init__(self, stopping: threading.Event | None = None):
        self.stopping = stopping or threading.Event()  # set by Ctrl-C in a batch: no further page is started

    def __enter__(self) -> KernelSession:
        self._start()
        return self

    def _start(self) -> None:
        scratch = kernel_scratch()
        connection = scratch / f"kernel-{os.getpid()}-{uuid.uuid4().hex[:12]}.json"
        self.km = KernelManager(
            kernel_name=KERNEL_NAME, kernel_spec_manager=ProjectKernelSpecs(), connection_file=str(connection)
        )
        self.km.start_kernel(
            cwd=str(settings.notebooks_dir()),
            extra_arguments=KERNEL_ARGUMENTS,
            env={
                **os.environ,
                **settings.output_environment(),
                "IPYTHONDIR": str(scratch / "ipython"),
                "JUPYTER_RUNTIME_DIR": str(scratch),
            },
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

    def execute(self, request: ReportRequest) -> tuple[nbformat.NotebookNode, dict[str, str]]:
        """The page's notebook run, and the tables it read: one request to the kernel (`in_kernel.run_page`), its
        outputs filed under their cells by the marker after each."""
        if self.stopping.is_set():
            raise RenderError(f"{request.describe()}: stopped before it was finished")
        nb = parameterized(request)
        cells = [cell for cell in nb.cells if cell.cell_type == "code"]
        for number, cell in enumerate(cells, start=1):
            cell.outputs, cell.execution_count = [], number
        filed = {"cell": 0}

        def collect(msg: dict) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "display_data" and CELL_END in content.get("data", {}):
                filed["cell"] = content["data"][CELL_END]["cell"] + 1
            elif kind in ("stream", "display_data", "execute_result", "error") and filed["cell"] < len(cells):
                cells[filed["cell"]].outputs.append(output_of(msg))
            elif kind == "clear_output" and filed["cell"] < len(cells):
                cells[filed["cell"]].outputs.clear()

        code = RUN_PAGE.format(environment=settings.page_environment(), sources=[c.source for c in cells[1:]])
        try:
            reply = self.kc.execute_interactive(
                code,
                output_hook=collect,
                user_expressions={"tables": TABLES_READ},
                store_history=False,
                timeout=CELL_TIMEOUT_SECONDS,
                allow_stdin=False,
            )
        except TimeoutError as exc:
            self._stop()
            self._start()
            raise RenderError(
                f"{request.describe()}: the page ran over {CELL_TIMEOUT_SECONDS} s ({exc}); "
                "the previous report was kept"
            ) from None
        if not self.km.is_alive():
            self._start()
            raise RenderError(f"{request.describe()}: the kernel died; the previous report was kept")
        content = reply["content"]
        if content.get("status") == "error" or any(o.output_type == "error" for c in cells for o in c.outputs):
            raise _failure(request, nb, RuntimeError(content.get("evalue", "a cell failed")))
        return nb, _tables(content)


def kernel_scratch() -> Path:
    """The kernels' scratch folder (settings.kernel_dir), made if missing, without the connection files of renders
    that are gone (killed before they could remove theirs)."""
    from ..data.atomic import running

    scratch = settings.kernel_dir()
    scratch.mkdir(parents=True, exist_ok=True)
    for left in scratch.glob("kernel-*-*.json"):
        pid = left.name.split("-")[1]
        if pid.isdigit() and not running(int(pid)):
            left.unlink(missing_ok=True)
    return scratch


def _tables(content: dict) -> dict[str, str]:
    """The tables the page read, as the kernel's pipeline served them (the reply's `tables` expression)."""
    value = content.get("user_expressions", {}).get("tables", {})
    if value.get("status") != "ok":
        raise RenderError(f"the kernel could not say which tables the report read: {value.get('evalue', value)}")
    return dict(ast.literal_eval(value["data"]["text/plain"]))
