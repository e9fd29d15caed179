"""Rendered pages in headless Chromium with the network cut: every chart draws, no console error, no request."""

import os
import shutil
from pathlib import Path

import pytest

from htmlcheck import scan

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
                 "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_offline(browser, path):
    """Load a page from disk; any request other than the file itself is refused and recorded."""
    context = browser.new_context(offline=True)
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
    page.goto(path.as_uri())
    return context, page, errors, requests


@pytest.mark.parametrize("page_key", ["fr", "en", "relations", "overview", "region"])
def test_every_chart_draws_offline(browser, rendered_site, page_key):
    path = rendered_site["pages"][page_key] if page_key in ("fr", "en") else rendered_site[page_key]
    expected = scan(path.read_text(encoding="utf-8")).figures
    context, page, errors, requests = open_offline(browser, path)
    page.wait_for_function(
        "n => document.querySelectorAll('figure.qi-chart .qi-chart-view svg').length === n", arg=expected, timeout=20000
    )
    marks = page.eval_on_selector_all(
        "figure.qi-chart svg :is(.mark-rect, .mark-line, .mark-shape, .mark-symbol) path", "els => els.length")
    csv_rows = page.eval_on_selector_all(
        "figure.qi-chart a.qi-csv", "els => els.map(a => decodeURIComponent(a.href.split(',').slice(1).join(',')).trim().split('\\n').length)")
    context.close()
    assert expected >= 1 and marks > 0
    assert len(csv_rows) == expected and all(rows > 1 for rows in csv_rows)  # a header and the chart's rows
    assert errors == [] and requests == []


def visible_items(page):
    return page.eval_on_selector_all("li[data-names]", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")


def test_index_filter_and_language_switch(browser, rendered_site):
    context, page, errors, requests = open_offline(browser, rendered_site["index"])
    assert page.get_attribute("html", "data-lang") == "fr"
    assert len(visible_items(page)) == 3  # the French partner profile, relations report and region profile
    page.fill('label[data-lang-only="fr"] input', "etats unis")  # no accent, two words: the US and SEUS-CP
    assert len(visible_items(page)) == 2
    page.fill('label[data-lang-only="fr"] input', "etats-unis usa")
    assert [text.strip() for text in visible_items(page)] == ["Le Québec et les États-Unis : commerce international de marchandisesUSA"]
    page.fill('label[data-lang-only="fr"] input', "zzz")
    assert visible_items(page) == [] and page.is_visible('section[data-lang-only="fr"] .qi-none')
    page.click('button[data-set-lang="en"]')
    assert page.get_attribute("html", "lang") == "en"
    page.fill('label[data-lang-only="en"] input', "united")
    assert [text.strip() for text in visible_items(page)] == ["Québec and the United States: international merchandise tradeUSA"]
    hrefs = page.eval_on_selector_all("li a", "els => els.map(e => e.href)")
    context.close()
    assert len(hrefs) == 5 and all(h.startswith("file:") for h in hrefs)
    assert all(Path(h.removeprefix("file://")).is_file() for h in hrefs)
    assert errors == [] and requests == []
