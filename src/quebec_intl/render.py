"""Run report notebooks and publish them as HTML pages, keeping the previous page whenever anything fails.

A batch starts one kernel and runs every report in it: each report is the notebook with its parameters
injected (papermill's own parameterization) after a hidden cell that clears the previous report's names.
One failing report does not stop the others; the batch ends with a summary."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from tqdm import tqdm

from . import atomic, dataset, fetch, html_export, paths, pipeline, regions, site_index, us_states
from .formatting import LANGS
from .errors import RenderError
from .partners import Partner, all_partners

# The kernel's own start-up notices (transport, etc.) are not the user's concern; its errors still show.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
CELL_TIMEOUT_SECONDS = 600
# Forget the previous report's names and cached results, keep imported modules (what makes a batch fast);
# `%reset -f` does this too but also collects garbage, which costs more than rendering a report.
RESET_NAMESPACE = (
    "_ip = get_ipython(); _ip.user_ns.get('Out', {}).clear()\n"
    "for _name in [n for n in _ip.user_ns if not n.startswith('_') and n not in _ip.user_ns_hidden]:\n"
    "    del _ip.user_ns[_name]"
)


@dataclass(frozen=True)
class ReportRequest:
    """One page to render: which notebook, with which parameters, published where."""

    kind: str
    notebook: str
    parameters: dict
    lang: str
    slug: str

    def output_path(self, reports_dir: Path) -> Path:
        return reports_dir / self.lang / self.kind / f"{self.slug}.html"

    def describe(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"report {self.notebook} ({params})"


def partner_request(partner: Partner, year: int | None, lang: str) -> ReportRequest:
    return ReportRequest(kind="partner", notebook="partner_profile",
                         parameters={"partner": partner.code, "year": year, "lang": lang},
                         lang=lang, slug=partner.slug + (f"-{year}" if year else ""))


def overview_request(year: int | None, lang: str) -> ReportRequest:
    return ReportRequest(kind="overview", notebook="overview", parameters={"year": year, "lang": lang},
                         lang=lang, slug=f"quebec-{year}" if year else "quebec")


def relations_request(partner: Partner | None, lang: str) -> ReportRequest:
    return ReportRequest(kind="relations", notebook="relations",
                         parameters={"partner": partner.code if partner else None, "lang": lang},
                         lang=lang, slug=partner.slug if partner else "quebec")


def region_request(region_id: str, lang: str) -> ReportRequest:
    return ReportRequest(kind="region", notebook="region_profile", parameters={"region": region_id, "lang": lang},
                         lang=lang, slug=region_id.replace("_", "-"))


def regions_with_data() -> list[str]:
    """Regions whose every member the current sources cover: US-state regions when BTS trade is available."""
    try:
        states = set(pipeline.load("trade_us_states_monthly")["partner_code"])
    except fetch.SourceUnavailable:
        return []
    return [region_id for region_id in regions.regions()
            if (members := regions.members(region_id)) and any(m.startswith("US-") for m in members)
            and {m for m in members if m.startswith("US-")} & states]


def all_requests(langs: tuple[str, ...] = ("fr", "en")) -> list[ReportRequest]:
    """Every partner the current data has figures for, in every language."""
    data = dataset.load()
    codes = sorted(set(data.annual.loc[data.annual["reporter_code"].eq("QC"), "partner_code"]))
    state_trade = us_states.quebec_state_trade()
    if state_trade is not None:
        codes += sorted(state_trade.by_state.index[state_trade.by_state.sum(axis=1) > 0])
    known = all_partners()
    subjects = [code for code in codes if code in known and known[code].kind in ("country", "us_state", "us_territory")]
    reports = [partner_request(known[code], None, lang) for code in subjects for lang in langs or LANGS]
    reports += [region_request(region_id, lang) for region_id in regions_with_data() for lang in langs or LANGS]
    return ([overview_request(None, lang) for lang in langs or LANGS] + reports
            + [relations_request(None, lang) for lang in langs or LANGS])


def parameterized(request: ReportRequest) -> nbformat.NotebookNode:
    notebook = load_notebook_node(str(paths.NOTEBOOKS_DIR / f"{request.notebook}.ipynb"))  # as papermill loads it
    notebook = parameterize_notebook(notebook, request.parameters)
    reset = nbformat.v4.new_code_cell(RESET_NAMESPACE, metadata={"tags": ["injected-reset"]}, id="injected-reset")
    notebook.cells.insert(0, reset)
    return notebook


def _failure(request: ReportRequest, nb: nbformat.NotebookNode, exc: Exception) -> RenderError:
    """Name the report, its parameters and the cell that failed."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                last_line = cell.source.strip().splitlines()[-1] if cell.source.strip() else "?"
                return RenderError(f"{request.describe()} failed in cell {cell.get('execution_count')} "
                                   f"({last_line!r}): {output.ename}: {output.evalue} "
                                   f"The previous report, if any, was kept.")
    return RenderError(f"{request.describe()} failed: {exc}. The previous report, if any, was kept.")


class KernelSession:
    """One kernel, and one client talking to it, for a whole batch of reports.

    Cells run through the client's `execute_interactive`, and their messages become notebook outputs with
    nbformat's own `output_from_msg`: a client per notebook (as nbclient makes) costs more than the report."""

    def __enter__(self) -> KernelSession:
        self._start()
        return self

    def _start(self) -> None:
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(paths.NOTEBOOKS_DIR), extra_arguments=KERNEL_ARGUMENTS)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def _stop(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def __exit__(self, *exc) -> None:
        self._stop()

    def _run(self, cell: nbformat.NotebookNode) -> dict:
        outputs: list = []

        def collect(msg: dict) -> None:
            kind = msg["msg_type"]
            if kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(msg))
            elif kind == "clear_output":
                outputs.clear()

        reply = self.kc.execute_interactive(cell.source, output_hook=collect, timeout=CELL_TIMEOUT_SECONDS,
                                            allow_stdin=False)
        cell.outputs = outputs
        cell.execution_count = reply["content"].get("execution_count")
        return reply["content"]

    def execute(self, request: ReportRequest) -> nbformat.NotebookNode:
        nb = parameterized(request)
        try:
            for cell in nb.cells:
                if cell.cell_type == "code" and self._run(cell)["status"] == "error":
                    raise _failure(request, nb, RuntimeError("a cell failed"))
        except TimeoutError as exc:
            self._stop()
            self._start()
            raise RenderError(f"{request.describe()}: a cell ran over {CELL_TIMEOUT_SECONDS} s ({exc}); "
                              f"the previous report was kept") from None
        if not self.km.is_alive():
            self._start()
            raise RenderError(f"{request.describe()}: the kernel died; the previous report was kept")
        return nb


def publish(request: ReportRequest, session: KernelSession, reports_dir: Path) -> Path:
    html_page, _ = html_export.notebook_page(session.execute(request))
    target = request.output_path(reports_dir)
    atomic.write_text(target, html_page)
    return target


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
    """Publish every page in one kernel, then rewrite the index; failures are collected, not raised."""
    reports_dir = reports_dir or paths.reports_dir()
    result, start = BatchResult(), time.perf_counter()
    dataset.load()  # build the tables the reports read once, before the batch
    seen: set[Path] = set()
    with KernelSession() as session:
        for request in tqdm(requests, unit="report", disable=not progress or len(requests) < 2,
                            desc="rendering", dynamic_ncols=True):
            target = request.output_path(reports_dir)
            if target in seen:
                result.skipped.append((request, f"{request.describe()}: the same page was already rendered"))
                continue
            seen.add(target)
            try:
                result.rendered.append(publish(request, session, reports_dir))
            except RenderError as exc:
                result.failed.append((request, str(exc)))
    result.index = site_index.write(reports_dir)
    result.seconds = time.perf_counter() - start
    return result
