"""The notebooks as an analyst uses them: JupyterLab from the project's environment, each notebook opened in headless
Chromium and run whole. The kernel is the project's, no cell fails, no text turns into mathematics, every chart draws
with the project's Vega-Lite 6 renderer, no Vega-Lite version warning, no request leaves the machine, no news prompt."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from quebec_intl import KERNEL_DISPLAY_NAME, settings
from quebec_intl.reports import registry
from quebec_intl.visual.blocks import VEGA_MIME

pytestmark = pytest.mark.usefixtures("kernels")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = tuple(registry.kinds())
RUN_SECONDS = 240
# The notebook open (the test opens one at a time, and asserts it), and its kernel idle, or none yet.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
IDLE = f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]'
# The notebook's own toolbar names the project's kernel and the status bar says "<that kernel> | Idle": its kernel
# started and connected (the indicator above says idle before that).
KERNEL_READY = f"""() => document.querySelector('{PANEL} .jp-Toolbar-kernelName')?.textContent.trim()
        === {json.dumps(KERNEL_DISPLAY_NAME)}
    && [...document.querySelectorAll('.jp-StatusBar-TextItem')]
       .some(e => e.textContent.trim() === {json.dumps(KERNEL_DISPLAY_NAME + " | Idle")})"""
# Every chart output drawn, with marks (the outputs all exist once the kernel is idle).
CHARTS_DRAWN = f"""() => [...document.querySelectorAll('{PANEL} .jp-RenderedVega6')]
    .every(c => c.querySelector('svg :is(.mark-rect, .mark-line, .mark-shape, .mark-symbol) path'))"""
# The test sees every cell: JupyterLab's default windowing leaves cells out of view out of the page.
TEST_SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, mirror_dir, mirror_tables):
    """JupyterLab on a free port, serving a copy of the notebooks (a run must not write into the repository), with
    the tables the session already built from the mirror."""
    if not (Path(sys.prefix) / "share/jupyter/labextensions/@quebec-intl/vega6-renderer/package.json").is_file():
        pytest.fail("the Vega-Lite 6 renderer is not installed in the environment: run `make env`")
    root = tmp_path_factory.mktemp("lab")
    work = root / "notebooks"
    shutil.copytree(PROJECT_ROOT / "notebooks", work)
    georgia = nbformat.read(work / "partner.ipynb", as_version=4)
    parameters = next(cell for cell in georgia.cells if "parameters" in cell.metadata.get("tags", []))
    parameters.source = parameters.source.replace('partner: str = "USA"', 'partner: str = "Georgia"')
    nbformat.write(georgia, work / "partner-georgia.ipynb")
    user_settings = root / "user-settings"
    for name, values in TEST_SETTINGS.items():
        (user_settings / name).parent.mkdir(parents=True, exist_ok=True)
        (user_settings / name).write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(user_settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / "ws"),
        settings.MIRROR_ENV: str(mirror_dir),
        settings.PROCESSED_ENV: str(mirror_tables),
        settings.REPORTS_ENV: str(root / "reports"),
        settings.RAW_ENV: str(root / "raw"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work}",
        "--ServerApp.allow_root=True",
    ]
    log = root / "server.log"  # a file, not a pipe: a pipe nobody reads fills up and stalls the server
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {log.read_text()[-2000:]}")
                time.sleep(0.5)
        yield {"base": base, "token": token, "work": work}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def lab_tab(loopback_browser, lab):
    """JupyterLab open in one tab for the module's notebooks, each opened from the File menu as an analyst opens one
    (the application loads once: it costs more than some notebooks' runs). Every console message and every request
    outside the server is recorded: the application's load with the first notebook's run, then each run's own."""
    context = loopback_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    seen = {"console": [], "requests": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["console"].append(("pageerror", str(e))))

    def guard(route):
        if route.request.url.startswith((lab["base"], "data:", "blob:")):
            return route.continue_()
        seen["requests"].append(route.request.url)
        return route.abort()

    page.route("**/*", guard)
    tab = {"page": page, "seen": seen, "start": f"{lab['base']}/lab?reset&token={lab['token']}"}
    load(tab)
    yield tab
    context.close()


def load(tab: dict) -> None:
    """JupyterLab (again), with no notebook open (`reset`: none left open by an earlier run)."""
    tab["page"].goto(tab["start"])
    tab["page"].wait_for_selector(".jp-DirListing-item", timeout=90000)


def menu(page, top: str, item: str) -> None:
    page.click(f".lm-MenuBar-itemLabel:text-is('{top}')")
    page.click(f".lm-Menu-itemLabel:text-is('{item}')")


def run_all(tab: dict, notebook: str) -> dict:
    """Open the notebook, Run All from the menu, wait for every cell, save, close it and shut its kernel down; what
    the page showed and did meanwhile. A run that fails leaves JupyterLab loaded afresh for the next."""
    page, seen = tab["page"], tab["seen"]
    try:
        shown = _run_all(page, notebook)
    except BaseException:
        load(tab)
        raise
    finally:
        said = {"console": list(seen["console"]), "requests": list(seen["requests"])}
        seen["console"].clear()
        seen["requests"].clear()
    return {**shown, **said}


def _run_all(page, notebook: str) -> dict:
    assert page.query_selector(".jp-NotebookPanel, .jp-Dialog") is None, "a notebook or a dialog is still open"
    menu(page, "File", "Open from Path…")
    page.fill(".jp-Dialog input", f"{notebook}.ipynb")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel:text-is('{notebook}.ipynb')")
    page.wait_for_function(KERNEL_READY, timeout=90000)
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        r"""([panel, idle_selector]) => {
          const prompts = [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputArea-prompt`)]
                          .map(p => p.textContent);
          const errored = document.querySelector(
            `${panel} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`);
          const idle = document.querySelector(idle_selector) !== null;
          return idle && (errored || (prompts.length && prompts.every(t => /\[\d+\]/.test(t))));
        }""",
        arg=[PANEL, IDLE],
        timeout=RUN_SECONDS * 1000,
    )
    with contextlib.suppress(PlaywrightTimeout):  # the last charts finish drawing; one that never does is told below
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    shown = page.evaluate(
        """panel => ({
          kernel: document.querySelector(`${panel} .jp-Toolbar-kernelName`)?.textContent.trim(),
          errors: [...document.querySelectorAll(
                     `${panel} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`)]
                  .map(e => e.textContent),
          math: document.querySelectorAll(`${panel} .jp-OutputArea :is(mjx-container, .MathJax)`).length,
          charts: [...document.querySelectorAll(`${panel} .jp-RenderedVega6`)]
                  .map(c => c.querySelectorAll('svg :is(.mark-rect, .mark-line, .mark-shape, .mark-symbol) path').length),
          news: document.body.innerText.includes('official Jupyter news'),
        })""",
        PANEL,
    )
    page.keyboard.press("Control+s")
    # saved: JupyterLab clears the tab's mark once the server has written the file
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')", timeout=10000)
    menu(page, "File", "Close and Shut Down Notebook…")
    page.click(".jp-Dialog .jp-mod-accept")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=30000)
    return shown


def chart_outputs(path: Path) -> int:
    """The charts the saved notebook holds, as the kernel sent them."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    return sum(
        VEGA_MIME in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_notebook_runs_whole_in_jupyterlab(lab_tab, lab, notebook):
    shown = run_all(lab_tab, notebook)
    assert shown["kernel"] == KERNEL_DISPLAY_NAME
    assert shown["errors"] == []
    assert shown["math"] == 0
    drawn = shown["charts"]
    assert len(drawn) == chart_outputs(lab["work"] / f"{notebook}.ipynb") >= 1 and all(marks > 0 for marks in drawn)
    assert not [text for kind, text in shown["console"] if "vega" in text.lower() and kind in ("warning", "error")]
    assert not [text for kind, text in shown["console"] if kind in ("error", "pageerror")]
    assert shown["requests"] == [] and not shown["news"]


def test_an_ambiguous_partner_is_one_readable_line_in_the_notebook(lab_tab):
    shown = run_all(lab_tab, "partner-georgia")
    assert len(shown["errors"]) == 1
    message = shown["errors"][0].strip()
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert message.startswith("UnknownNameError: partner 'Georgia' names 2 partners")
    assert "(GEO, country)" in message and "(US-GA, US state)" in message and message.endswith("Give the code.")
