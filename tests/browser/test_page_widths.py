"""Pages that fit the screen: on a laptop (1,280 px) and on a phone (390 px), no page of any kind, in either language,
nor the index, scrolls sideways; a table wider than the screen scrolls inside its own box, which the keyboard reaches
and which is named; a chart wider than the screen is drawn whole. A chart's long labels never run into each other, and
a legend's are never cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_accessibility import _pages

pytestmark = [pytest.mark.browser, pytest.mark.mirror, pytest.mark.kernels]

WIDTHS = (1280, 390)
CHARTS_DRAWN = "() => [...document.querySelectorAll('.qi-chart-view')].every(v => v.querySelector('svg'))"


def _measure(browser, path: Path, width: int) -> dict:
    context = browser.new_context(offline=True, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        return page.evaluate(
            """() => ({
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
        )
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, rendered_site, width):
    site = rendered_site["site"]
    measured = {page: _measure(browser, site / page, width) for page in _pages(site)}
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
