"""Headless Chromium with the network cut, for the browser tests (their fixtures are in tests/conftest.py),
and a page opened from disk that records every console error and every request leaving the file."""

import os
import shutil

import pytest
from htmlcheck import scan

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
]
NO_NAMES = "--host-resolver-rules=MAP * ~NOTFOUND"
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"  # a local server (JupyterLab), nothing else


def executable() -> str:
    """The installed Chromium; the test is skipped where none is (failed in CI, which installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def driver():
    """Playwright's driver, one for every browser a test process starts (a second one at once is refused)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def chromium(playwright, *args: str):
    """A headless Chromium with these arguments beside the project's own, closed when the caller is done."""
    browser = playwright.chromium.launch(executable_path=executable(), args=[*CHROMIUM_ARGS, *args])
    yield browser
    browser.close()


def offline_tab(browser, viewport: dict | None = None):
    """A tab (in a window of `viewport`'s size, else Playwright's 1,280 x 720) that loads files from disk: any other
    request is refused and recorded, as is every console error. Pages opened one after the other in it share its
    browser process, which costs less than a tab of their own."""
    context = browser.new_context(offline=True, **({"viewport": viewport} if viewport else {}))
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            return route.continue_()
        requests.append(route.request.url)
        return route.abort()

    page.route("**/*", guard)
    return context, page, errors, requests


def open_offline(browser, path, viewport: dict | None = None):
    """Load a page from disk in a tab of its own (offline_tab)."""
    context, page, errors, requests = offline_tab(browser, viewport)
    page.goto(path.as_uri())
    return context, page, errors, requests


def assert_charts_draw_offline(browser, path):
    """Every chart on the page draws, with marks, and offers its table as a CSV; no console error, no request."""
    expected = scan(path.read_text(encoding="utf-8")).figures
    context, page, errors, requests = open_offline(browser, path)
    page.wait_for_function(
        "n => document.querySelectorAll('figure.qi-chart .qi-chart-view svg.marks').length === n",
        arg=expected,
        timeout=20000,
    )
    marks = page.eval_on_selector_all(
        "figure.qi-chart svg :is(.mark-rect, .mark-line, .mark-shape, .mark-symbol) path", "els => els.length"
    )
    csv_rows = page.eval_on_selector_all(
        "figure.qi-chart a.qi-csv",
        "els => els.map(a => decodeURIComponent(a.href.split(',').slice(1).join(',')).trim().split('\\n').length)",
    )
    context.close()
    assert expected >= 1 and marks > 0
    assert len(csv_rows) == expected and all(rows > 1 for rows in csv_rows)  # a header and the chart's rows
    assert errors == [] and requests == []
