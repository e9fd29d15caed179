"""Pages everyone can read, at a desk and on a phone, each page of the sample opened once at each width.

axe-core (the engine behind browsers' accessibility tools, installed offline by `make env` from package-lock.json)
runs its WCAG 2.0 and 2.1 A and AA rules on a page of every kind in both languages — a country and a US state, a
region of states and a world region — and on the site's index, and finds nothing.

The same pages fit the screen: on a laptop (1,280 px) and on a phone (390 px), none scrolls sideways; a table wider
than the screen scrolls inside its own box, which the keyboard reaches and which is named; a chart wider than the
screen is drawn whole. A chart's long labels never run into each other, and a legend's are never cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import offline_tab, open_offline

from quebec_intl.reports import registry

pytestmark = [pytest.mark.browser, pytest.mark.mirror, pytest.mark.kernels]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beside the first page of each kind (a country, a world region): pages whose charts differ, a US state (the map of
# states, the modes) and a region of states.
PARTICULAR = ["partner/us-ga.html", "region/seus-cp.html"]
WIDTHS = (1280, 390)
CHARTS_DRAWN = "() => [...document.querySelectorAll('.qi-chart-view')].every(v => v.querySelector('svg'))"
MEASURE = """() => ({
    page: document.scrollingElement.scrollWidth,
    screen: window.innerWidth,
    // tables wider than the screen, and whether each sits in a focusable, named box that scrolls
    wide: [...document.querySelectorAll('table')]
        .filter(t => t.scrollWidth > window.innerWidth)
        .map(t => { const box = t.closest('.qi-scroll');
            return !!box && box.tabIndex === 0 && !!box.getAttribute('aria-label')
                && getComputedStyle(box).overflowX === 'auto'; }),
    charts: [...document.querySelectorAll('.qi-chart-view svg')]
        .map(s => s.getBoundingClientRect().right <= window.innerWidth),
})"""
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return result.violations.map(v => `${v.id} (${v.nodes.length}): ${v.help} — `
        + v.nodes.slice(0, 2).map(n => n.html.slice(0, 120)).join(' | '));
}"""


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


@pytest.fixture(scope="module")
def visits(browser, rendered_site) -> dict[str, dict]:
    """Each page of the sample opened at each width (one tab a width, going from page to page), its charts drawn:
    what it measures there; at 1,280 px, axe-core's findings (after the measures: axe adds its script to the page);
    the console errors and the requests of both visits."""
    site = rendered_site["site"]
    seen: dict[str, dict] = {page: {"errors": [], "requests": []} for page in _pages(site)}
    for width in WIDTHS:
        context, tab, errors, requests = offline_tab(browser, {"width": width, "height": 900})
        try:
            for page, found in seen.items():
                told, asked = len(errors), len(requests)
                tab.goto((site / page).as_uri())
                tab.wait_for_function(CHARTS_DRAWN, timeout=30_000)
                found[width] = tab.evaluate(MEASURE)
                if width == WIDTHS[0]:
                    tab.add_script_tag(path=str(AXE))
                    found["axe"] = tab.evaluate(AXE_RUN, WCAG_AA)
                found["errors"] += errors[told:]
                found["requests"] += requests[asked:]
        finally:
            context.close()
    return seen


def test_axe_core_is_installed():
    assert AXE.is_file(), "axe-core is missing from node_modules/: run make env (npm ci)"


def test_every_kind_of_page_passes_wcag_a_and_aa_in_both_languages(visits):
    assert len(visits) >= 2 * len(registry.kinds()) + 1
    offline = {
        page: (seen["errors"], seen["requests"])
        for page, seen in visits.items()
        if any(seen[k] for k in ("errors", "requests"))
    }
    assert not offline, offline
    failing = {page: seen["axe"] for page, seen in visits.items() if seen["axe"]}
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


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(visits, width):
    measured = {page: seen[width] for page, seen in visits.items()}
    too_wide = {page: (m["page"], m["screen"]) for page, m in measured.items() if m["page"] > m["screen"]}
    assert not too_wide, too_wide
    unboxed = [page for page, m in measured.items() if not all(m["wide"])]
    assert not unboxed, f"a table wider than {width} px outside a focusable, named box that scrolls: {unboxed}"
    cut = [page for page, m in measured.items() if not all(m["charts"])]
    assert not cut, f"a chart reaches past the screen's right edge at {width} px: {cut}"
    if width == 390:  # a phone: the state's yearly table (1,451 px before) is wider than the screen, and boxed
        assert measured["fr/partner/us-ga.html"]["wide"], "the state page's yearly table no longer needs its box"


def _labels(browser, path: Path, chart: str) -> dict:
    """The chart's axis labels as drawn (each one's box) and its legend's labels (their text)."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        return page.evaluate(
            """chart => {
                const svg = document.querySelector(`#${chart} .qi-chart-view svg`);
                const box = t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
                return {
                    // the labels shown: Vega keeps those it hides to avoid an overlap, with no opacity
                    axis: [...svg.querySelectorAll('.role-axis-label text')]
                        .filter(t => t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0')
                        .map(t => [t.textContent, box(t)]),
                    legend: [...svg.querySelectorAll('.role-legend-label text')].map(t => t.textContent),
                };
            }""",
            chart,
        )
    finally:
        context.close()


def _overlapping(labels: list) -> list[tuple[str, str]]:
    def meet(a, b):
        return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1

    return [(a, b) for i, (a, box_a) in enumerate(labels) for b, box_b in labels[i + 1 :] if meet(box_a, box_b)]


@pytest.mark.parametrize(
    ("page", "chart"),
    [("fr/partner/us-ga.html", "chart-mix"), ("fr/relations/quebec.html", "chart-offices-timeline")],
)
def test_long_category_labels_do_not_run_into_each_other(browser, rendered_site, page, chart):
    """Georgia's HS chapters (85's long name once ran over 74's) and the offices (UNESCO's over Mumbai's)."""
    drawn = _labels(browser, rendered_site["site"] / page, chart)
    assert len(drawn["axis"]) >= 5
    assert not _overlapping(drawn["axis"]), _overlapping(drawn["axis"])
    if chart == "chart-offices-timeline":  # the longest office's name is drawn whole
        assert any("l'UNESCO" in text for text, _ in drawn["axis"]), [text for text, _ in drawn["axis"]]


def test_a_legend_shows_each_label_whole(browser, rendered_site):
    """The overview's two bounds of concentration, once cut to « Autres pays comptés co… »."""
    drawn = _labels(browser, rendered_site["overview_fr"], "chart-concentration")
    assert len(drawn["legend"]) == 2 and not any("…" in label for label in drawn["legend"]), drawn["legend"]
    assert any(label.endswith("(borne supérieure)") for label in drawn["legend"]), drawn["legend"]
