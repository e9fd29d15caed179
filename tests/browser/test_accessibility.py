"""Pages everyone can read: axe-core (the engine behind browsers' accessibility tools, installed offline by `make
env` from package-lock.json) runs its WCAG 2.0 and 2.1 A and AA rules on a page of every kind in both languages —
a country and a US state, a region of states and a world region — and on the site's index, and finds nothing."""

from pathlib import Path

import pytest
from chromium import open_offline

from quebec_intl.reports import registry

pytestmark = [pytest.mark.browser, pytest.mark.mirror, pytest.mark.kernels]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beside the first page of each kind (a country, a world region): pages whose charts differ, a US state (the map of
# states, the modes) and a region of states.
PARTICULAR = ["partner/us-ga.html", "region/seus-cp.html"]


def _pages(site: Path) -> list[str]:
    """One page of every kind in the registry, in both languages, the particular pages and the index."""
    chosen = []
    for lang in ("fr", "en"):
        for kind in registry.kinds():
            pages = sorted((site / lang / kind).glob("*.html"))
            assert pages, f"the site has no {lang} page of the kind {kind!r}"
            chosen.append(pages[0].relative_to(site).as_posix())
        chosen += [f"{lang}/{page}" for page in PARTICULAR]
    return [*dict.fromkeys(chosen), "index.html"]


def _violations(browser, path: Path) -> list[str]:
    context, page, errors, requests = open_offline(browser, path)
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.qi-chart-view')].every(v => v.querySelector('svg, canvas'))",
            timeout=30_000,
        )
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return result.violations.map(v => `${v.id} (${v.nodes.length}): ${v.help} — `
                    + v.nodes.slice(0, 2).map(n => n.html.slice(0, 120)).join(' | '));
            }""",
            WCAG_AA,
        )
    finally:
        context.close()
    assert not errors and not requests, (errors, requests)
    return found


def test_axe_core_is_installed():
    assert AXE.is_file(), "axe-core is missing from node_modules/: run make env (npm ci)"


def test_every_kind_of_page_passes_wcag_a_and_aa_in_both_languages(browser, rendered_site):
    site = rendered_site["site"]
    failing = {page: found for page in _pages(site) if (found := _violations(browser, site / page))}
    assert not failing, failing


def test_the_export_menu_is_named_in_the_page_language_and_reached_by_keyboard(browser, rendered_site):
    """The menu's summary is a control of its own, beside the chart's image (not inside it), named in French on a
    French page; Tab reaches it."""
    names = {}
    for key in ("france_fr", "france_en"):
        context, page, _, _ = open_offline(browser, rendered_site[key])
        try:
            summary = page.locator("figure .qi-chart-frame > details > summary").first
            summary.wait_for(timeout=30_000)
            assert page.locator(".qi-chart-view[role=img] details").count() == 0
            names[key] = summary.get_attribute("aria-label")
            for _ in range(200):  # Tab from the top until the first chart's menu has the focus
                page.keyboard.press("Tab")
                if page.evaluate("() => document.activeElement.matches('figure details > summary')"):
                    break
            else:
                pytest.fail(f"Tab never reached a chart's export menu on {key}")
            page.keyboard.press("Enter")
            assert page.locator("figure details[open] .vega-actions a").first.is_visible()
        finally:
            context.close()
    assert names["france_fr"] != names["france_en"] and all(names.values()), names
