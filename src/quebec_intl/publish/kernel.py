"""One kernel running report notebooks, page after page: each page is the notebook with its parameters injected
(papermill's own parameterization), run in one request to the kernel after the previous page's names are cleared."""

from __future__ import annotations

import os
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
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
CELL_TIMEOUT_SECONDS = 600  # a whole page's
WIND_DOWN_SECONDS = 15  # once a batch is asked to stop, how long the page running may take to end
POLL_SECONDS = 0.2  # how often a page's wait looks at the kernel's life and the batch's stop
# Each page: the package's own hook (publish/in_kernel.py), called by name; this process does not import it (it
# loads the charting library).
RUN_PAGE = (
    "import quebec_intl.publish.in_kernel as _qi_page\n_qi_page.run_page({environment!r}, {sources!r}, {follows!r})"
)
CELL_END = "application/vnd.quebec-intl.cell-end+json"  # in_kernel.CELL_END
# in_kernel.TABLES_READ: JSON, not a value's repr to evaluate here (CPython 3.11's AST constructor is not safe to run
# in two threads at once, gh-106905, and the publisher's threads parse modules: publish/dependencies.py).
TABLES_READ = "application/vnd.quebec-intl.tables-read+json"
OUTPUT_KINDS = ("stream", "display_data", "execute_result", "error")


def notebook_path(request: ReportRequest) -> Path:
    return settings.notebooks_dir() / f"{request.notebook}.ipynb"


class ProjectKernelSpecs(KernelSpecManager):
    """The notebooks name the project's kernel; a batch runs it on this very interpreter (the package's own), so a
    render needs no kernel registered and never starts another Python."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name != KERNEL_NAME:
            return super().get_kernel_spec(kernel_name)
        return KernelSpec(**{**get_kernel_dict(), "display_name": KERNEL_DISPLAY_NAME}, resource_dir="")


def parameterized(request: ReportRequest) -> nbformat.NotebookNode:
    """The whole notebook, as papermill loads it, with the request's parameters injected after its parameters cell."""
    return parameterize_notebook(load_notebook_node(str(notebook_path(request))), request.parameters)


def runs_for_the_page(cell: nbformat.NotebookNode) -> bool:
    """The report's cells; markdown and exploring cells are for whoever opens the notebook, not for the page."""
    return cell.cell_type == "code" and EXPLORE_TAG not in cell.metadata.get("tags", [])


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

    A page is one request (`in_kernel.run_page`): its cells run in the kernel one after the other, each followed by a
    marker, and the messages become the cells' outputs (`output_of`): a client per notebook (as nbclient makes) costs
    more than the report, and a request per cell costs a third of it. The kernel writes where this process writes:
    the output settings are passed to it as resolved here. `stopping` (a batch's Ctrl-C) starts no further page and
    gives the page running `WIND_DOWN_SECONDS` before its kernel is stopped."""

    def __init__(self, stopping: threading.Event | None = None):
        self.stopping = stopping or threading.Event()
        self._stop_by: float | None = None  # once `stopping` is noticed: when the page running is given up

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

    def run_cell(self, cell: nbformat.NotebookNode) -> dict:
        """One cell run on its own (its outputs filled in), and the kernel's reply."""
        cell.outputs = []

        def collect(msg: dict) -> None:
            if msg["msg_type"] in OUTPUT_KINDS:
                cell.outputs.append(output_of(msg))
            elif msg["msg_type"] == "clear_output":
                cell.outputs.clear()

        content = self._request(cell.source, collect)
        cell.execution_count = content.get("execution_count")
        return content

    def run_page(
        self, cells: list[nbformat.NotebookNode], ended: Callable[[int, bool], None], follows: bool = False
    ) -> dict[str, str]:
        """The page's `cells` run in the kernel after the previous page's names are cleared, their outputs filed under
        them by the marker after each; `ended(index, ok)` hears of each cell's end as it comes (the cells after a
        failed one are not run); `follows`: right after its subject's page in another language, whose figures it may
        reuse. Returns the tables the page read, as the kernel's pipeline served them."""
        if self.stopping.is_set():
            raise RenderError("stopped before it was started")
        filed: dict = {"cell": 0, "tables": None}

        def collect(msg: dict) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "display_data" and TABLES_READ in content.get("data", {}):
                filed["tables"] = content["data"][TABLES_READ]
            elif kind == "display_data" and CELL_END in content.get("data", {}):
                end = content["data"][CELL_END]
                filed["cell"] = end["cell"] + 1
                ended(end["cell"], end["ok"])
            elif kind in OUTPUT_KINDS and filed["cell"] < len(cells):
                cells[filed["cell"]].outputs.append(output_of(msg))
            elif kind == "clear_output" and filed["cell"] < len(cells):
                cells[filed["cell"]].outputs.clear()

        sources = [cell.source for cell in cells]
        code = RUN_PAGE.format(environment=settings.page_environment(), sources=sources, follows=follows)
        content = self._request(code, collect)
        if content.get("status") == "error":
            raise RenderError(f"the kernel could not run the page: {content.get('ename')}: {content.get('evalue')}")
        if filed["tables"] is None:
            raise RenderError("the kernel did not say which tables the report read")
        return dict(filed["tables"])

    def _request(self, code: str, collect: Callable[[dict], None], expressions: dict | None = None) -> dict:
        """One execute request, its output messages handed to `collect`, and the kernel's reply: jupyter_client's
        `execute_interactive`, but a kernel that dies, runs over `CELL_TIMEOUT_SECONDS` or outlives a batch's stop is
        noticed within `POLL_SECONDS` (and started again, but after a stop), never waited on. Messages are read from
        the channels themselves: the client's `get_iopub_msg` runs each read through an event loop, which cost the
        publisher more than a page's export."""
        msg_id = self.kc.execute(code, store_history=False, allow_stdin=False, user_expressions=expressions or {})
        deadline = time.monotonic() + CELL_TIMEOUT_SECONDS
        for msg in self._messages(self.kc.iopub_channel.get_msg, deadline):
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            collect(msg)
        replies = self._messages(self.kc.shell_channel.get_msg, deadline)
        return next(reply["content"] for reply in replies if reply["parent_header"].get("msg_id") == msg_id)

    def _messages(self, receive: Callable[..., dict], deadline: float) -> Iterator[dict]:
        """Each message `receive` gets from the kernel, looking at the kernel and the batch between two."""
        while True:
            try:
                yield receive(timeout=POLL_SECONDS)
            except queue.Empty:
                self._still_worth_waiting(deadline)

    def _still_worth_waiting(self, deadline: float) -> None:
        if self.stopping.is_set():
            self._stop_by = self._stop_by or time.monotonic() + WIND_DOWN_SECONDS
            if time.monotonic() > self._stop_by:
                self._stop()
                raise RenderError("stopped before it was finished")
        if not self.km.is_alive():
            self._restart()
            raise RenderError("the kernel died")
        if time.monotonic() > deadline:
            self._restart()
            raise RenderError(f"the page ran over {CELL_TIMEOUT_SECONDS} s")

    def _restart(self) -> None:
        """A kernel for the next page, unless the batch is stopping."""
        self._stop()
        if not self.stopping.is_set():
            self._start()


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
