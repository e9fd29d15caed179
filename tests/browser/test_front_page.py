"""The front page as a way in: partner pages filed by world region (the United States with its states), each with its
latest exports and their change as the partner's own page states them, sortable by either, offline and readable."""

from __future__ import annotations

import re

from chromium import open_offline
from htmlcheck import text_of

FIGURES = re.compile(r"exportations (\d{4})\s*:\s*(.+?) \(")


def parts(page, lang: str) -> dict[str, list[str]]:
    """Each part's heading and the codes of its pages, in the order shown."""
    return page.evaluate(
        """lang => Object.fromEntries([...document.querySelectorAll(`section[data-lang-only=${lang}] h3`)].map(h => {
            let next = h.nextElementSibling;
            while (next && next.tagName !== 'UL') next = next.nextElementSibling;
            return [h.textContent, [...next.querySelectorAll('li .qi-code')].map(c => c.textContent)];
        }))""",
        lang,
    )


def test_partners_are_filed_by_world_region_with_their_latest_exports(browser, rendered_site):
    context, page, errors, requests = open_offline(browser, rendered_site["index"])
    shown = parts(page, "fr")
    assert "FRA" in shown["Europe"] and "DEU" in shown["Europe"] and "JPN" in shown["Asie-Pacifique"]
    united_states = shown["Les États-Unis et leurs États"]
    assert "USA" in united_states and "US-GA" in united_states and "US-GA" not in shown["Europe"]
    france = page.locator("section[data-lang-only=fr] li:has(.qi-code:text-is('FRA')) .qi-figures").first.inner_text()
    year, value = FIGURES.search(france).groups()
    # the figure the France page states for the same year, in the same words
    assert f"En {year}, le Québec a exporté pour {value} de marchandises vers la France" in text_of(
        rendered_site["france_fr"]
    )
    georgia = page.locator("section[data-lang-only=fr] li:has(.qi-code:text-is('US-GA')) .qi-figures").first
    year, value = FIGURES.search(georgia.inner_text()).groups()
    assert f"En {year}, le Québec a exporté pour {value} (" in text_of(rendered_site["state_fr"])  # then US dollars
    context.close()
    assert errors == [] and requests == []


def test_a_part_sorts_by_exports_and_by_their_change(browser, rendered_site):
    context, page, _, _ = open_offline(browser, rendered_site["index"])
    europe = page.locator("section[data-lang-only=fr] h3:text-is('Europe') ~ .qi-sort").first
    europe.locator("button[data-sort=exports]").click()
    values = page.evaluate(
        """() => { const bar = [...document.querySelectorAll('section[data-lang-only=fr] h3')]
              .find(h => h.textContent === 'Europe').nextElementSibling;
            return [...bar.nextElementSibling.children].map(li => Number(li.dataset.exports)); }"""
    )
    assert len(values) >= 5 and values == sorted(values, reverse=True)
    assert europe.locator("button[data-sort=exports]").get_attribute("aria-pressed") == "true"
    europe.locator("button[data-sort=change]").click()
    changes = page.evaluate(
        """() => { const bar = [...document.querySelectorAll('section[data-lang-only=fr] h3')]
              .find(h => h.textContent === 'Europe').nextElementSibling;
            return [...bar.nextElementSibling.children].map(li => li.dataset.change === '' ? null : Number(li.dataset.change)); }"""
    )
    known = [c for c in changes if c is not None]
    assert known == sorted(known, reverse=True) and changes[: len(known)] == known
    context.close()


def test_the_overview_maps_open_each_partner_page(browser, rendered_site):
    """A click on a country of the world map, or a state of the US map, opens that partner's page beside it."""
    for figure, name, page_name in (("destinations", "Brésil", "bra.html"), ("us-states", "Géorgie", "us-ga.html")):
        context, page, errors, requests = open_offline(browser, rendered_site["overview_fr"])
        shape = page.locator(f"#chart-{figure} path[aria-label*='{name}']").first
        shape.wait_for(state="attached", timeout=30_000)
        shape.scroll_into_view_if_needed()
        box = shape.bounding_box()
        with page.expect_navigation(timeout=15_000):
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert page.url.endswith(f"/fr/partner/{page_name}"), page.url
        assert name in page.title()
        context.close()
        assert requests == [] and errors == [], (errors, requests)
