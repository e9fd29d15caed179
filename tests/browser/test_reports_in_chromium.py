"""Rendered pages in headless Chromium with the network cut: every chart draws, no console error, no request."""

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from chromium import assert_charts_draw_offline, open_offline


@pytest.mark.parametrize(
    "page_key",
    [
        "fr",
        "en",
        "relations",
        "overview",
        "overview_fr",
        "france_fr",
        "france_en",
        "europe_fr",
        "europe_en",
        "region",
        "state_fr",
        "state_en",
        "region_en",
        "bulletin_fr",
        "bulletin_en",
    ],
)
def test_every_chart_draws_offline(browser, rendered_site, page_key):
    path = rendered_site["pages"][page_key] if page_key in ("fr", "en") else rendered_site[page_key]
    assert_charts_draw_offline(browser, path)


def visible_items(page):
    """Each page listed and shown: its title and code (a partner's figures beside them are tested on their own)."""
    return page.eval_on_selector_all(
        "li[data-names]",
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.querySelector('a').textContent + e.querySelector('.qi-code').textContent)",
    )


def test_index_filter_and_language_switch(browser, rendered_site):
    context, page, errors, requests = open_offline(browser, rendered_site["index"])
    assert page.get_attribute("html", "data-lang") == "fr"
    listed = len(visible_items(page))
    assert listed == len(list(rendered_site["index"].parent.glob("fr/*/*.html")))  # every French page of the suite
    page.fill('label[data-lang-only="fr"] input', "etats unis")  # no accent, two words
    shown = page.eval_on_selector_all(  # the names each entry is found by (a comparison's: its sides' full names)
        "li[data-names]", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.names)"
    )
    assert 2 <= len(shown) < listed and all("États-Unis" in names for names in shown), shown
    page.fill('label[data-lang-only="fr"] input', "etats-unis usa")
    assert [text.strip() for text in visible_items(page)] == [
        "Le Québec et les États-Unis\u00a0: commerce international de marchandisesUSA"
    ]
    page.fill('label[data-lang-only="fr"] input', "deu gbr")  # a comparison is found by its partners' codes
    assert [text.strip() for text in visible_items(page)] == [
        "La France, l'Allemagne et le Royaume-Uni\u00a0: comparaisonFRA DEU GBR"
    ]
    page.fill('label[data-lang-only="fr"] input', "zzz")
    assert visible_items(page) == [] and page.is_visible('section[data-lang-only="fr"] .qi-none')
    page.click('button[data-set-lang="en"]')
    assert page.get_attribute("html", "lang") == "en"
    page.fill('label[data-lang-only="en"] input', "united usa")
    assert [text.strip() for text in visible_items(page)] == [
        "Québec and the United States: international merchandise tradeUSA"
    ]
    page.fill('label[data-lang-only="en"] input', "georgia")  # the state's pages; the country has none here
    assert [text.strip() for text in visible_items(page)] == [
        "Québec and Georgia: international merchandise tradeUS-GA",
        "Georgia: briefing noteUS-GA",
    ]
    hrefs = page.eval_on_selector_all("ul:not(.qi-currency) li a", "els => els.map(e => e.href)")  # not sources
    context.close()
    assert len(hrefs) == 2 * listed and all(h.startswith("file:") for h in hrefs)  # every page, in each language
    assert all(Path(h.removeprefix("file://")).is_file() for h in hrefs)
    assert errors == [] and requests == []


def test_pointing_at_a_state_highlights_it_on_the_map_and_in_the_trend(browser, rendered_site):
    """SEUS-CP's page: pointing at Georgia on the map leaves Georgia's shape and line whole and dims the others."""
    context, page, errors, requests = open_offline(browser, rendered_site["region"])
    figure = "#chart-region-map"
    page.wait_for_selector(f"{figure} .mark-line path", timeout=20000)
    opacity = (
        "els => els.map(e => [e.getAttribute('aria-label').includes('Géorgie'),"
        " Number(e.getAttribute('opacity') ?? 1)])"
    )
    lines, shapes = f"{figure} .mark-line path", f"{figure} path[aria-roledescription='geoshape'][aria-label]"
    assert {o for _, o in page.eval_on_selector_all(lines, opacity)} == {1.0}  # nothing pointed at: all whole
    page.hover(f"{figure} path[aria-roledescription='geoshape'][aria-label*='Géorgie']")
    page.wait_for_timeout(300)
    for selector in (lines, shapes):
        marks = page.eval_on_selector_all(selector, opacity)
        assert len(marks) == 6 and all((o == 1.0) == georgia for georgia, o in marks), (selector, marks)
    context.close()
    assert errors == [] and requests == []


MEASURES = Path(__file__).resolve().parents[2] / "data" / "curated" / "trade_measures.csv"


def numbers_in_force(last: dt.date) -> set[int]:
    """The numbers of the measures started by `last`, from the curated file read with the csv module: a measure's
    number is its rank by date (effective, else announced), then id, among the file's rows the reports keep."""
    with MEASURES.open(encoding="utf-8", newline="") as handle:
        kept = [row for row in csv.DictReader(handle) if row["source_kind"] != "unacceptable"]
    dated = sorted((row["date_effective"] or row["date_announced"], row["event_id"]) for row in kept)
    return {number for number, (start, _) in enumerate(dated, 1) if dt.date.fromisoformat(start) <= last}


def drawn_numbers(labels: list[str]) -> set[int]:
    """« 1–10 », « 7, 9 », « 27 » as the numbers they name."""
    found = set()
    for label in labels:
        for part in label.split(","):
            ends = [int(n) for n in re.findall(r"\d+", part)]
            found |= set(range(ends[0], ends[-1] + 1)) if ends else set()
    return found


@pytest.mark.parametrize("page_key", ["bulletin_fr", "bulletin_en"])
def test_the_bulletin_draws_a_labelled_rule_for_each_measure_in_force(browser, rendered_site, page_key):
    """On the chart of exports to the United States and to the rest of the world (January 2023 to July 2026), a
    dotted rule for each measure in force, and its number drawn among the labels above."""
    context, page, errors, requests = open_offline(browser, rendered_site[page_key])
    try:
        page.wait_for_selector("#chart-us-rest svg.marks", timeout=20000)
        rules = page.eval_on_selector_all("#chart-us-rest svg .mark-rule line", "els => els.length")
        labels = page.eval_on_selector_all(
            "#chart-us-rest svg .mark-text.role-mark text", "els => els.map(e => e.textContent)"
        )
    finally:
        context.close()
    expected = numbers_in_force(dt.date(2026, 7, 31))
    assert rules >= len(expected)
    assert drawn_numbers([label for label in labels if re.fullmatch(r"[\d–, ]+", label)]) == expected
    assert errors == [] and requests == []
