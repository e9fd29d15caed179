"""Québec among the provinces, on the map of Canada of a state's and a region's page: it draws offline, every
province and territory a shape, and the share and rank it shows for Québec are the page's sentence's, and those
recomputed from the raw TransBorder files."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from urllib.parse import unquote

import pytest
from chromium import open_offline
from htmlcheck import text_of
from rawsums import rows

pytestmark = [pytest.mark.browser, pytest.mark.mirror, pytest.mark.kernels]

FIGURE = "#chart-provinces-map"
SHAPES = f"{FIGURE} path[aria-roledescription='geoshape']"
BTS_PROVINCES = {"XA", "XB", "XC", "XM", "XN", "XO", "XP", "XQ", "XS", "XT", "XV", "XW", "XY"}  # CANPROV codes
SEUS_CP = {"AL", "GA", "MS", "NC", "SC", "TN"}
SENTENCE = {
    "fr": r"Le Québec assure (?P<share>[\d,]+)\s?% des exportations des provinces canadiennes .+? \((?P<rank>\d+)(?:er|e) rang\)",
    "en": r"Québec accounts for (?P<share>[\d.]+)% of the Canadian provinces' exports .+? \(ranking (?P<rank>\d+)(?:st|nd|rd|th)\)",
}


def drawn_map(browser, path) -> tuple[int, list[str], dict[str, str]]:
    """How many shapes the map drew, the labels of Québec's shapes, and Québec's row of the map's CSV."""
    context, page, errors, requests = open_offline(browser, path)
    try:
        page.wait_for_function(f'() => document.querySelectorAll("{SHAPES}").length >= 13', timeout=20000)
        count = page.eval_on_selector_all(SHAPES, "els => els.length")
        quebec = page.eval_on_selector_all(
            SHAPES, "els => els.map(e => e.getAttribute('aria-label') || '').filter(l => l.startsWith('Québec'))"
        )
        href = page.get_attribute(f"{FIGURE} a.qi-csv", "href")
    finally:
        context.close()
    assert errors == [] and requests == []
    table = list(csv.DictReader(io.StringIO(unquote(href.split(",", 1)[1]))))
    return count, quebec, next(row for row in table if row["province_code"] == "QC")


def said(path, lang: str) -> tuple[float, int]:
    """Québec's share and rank among the provinces as the page's summary says them."""
    found = re.search(SENTENCE[lang], text_of(path))
    assert found, f"no provinces sentence on {path}"
    return float(found["share"].replace(",", ".")), int(found["rank"])


def recomputed(mirror, states: set[str]) -> tuple[float, int]:
    """Québec's share of the provinces' 2024 exports to `states` and its rank, from the raw dot2 files."""
    by_province: dict[str, float] = defaultdict(float)
    for file in sorted((mirror / "bts-transborder").glob("2024-*/dot2_*.csv.gz")):
        for row in rows(file):
            if row["TRDTYPE"] == "2" and row["USASTATE"] in states and row["CANPROV"] in BTS_PROVINCES:
                by_province[row["CANPROV"]] += float(row["VALUE"])
    share = by_province["XQ"] / sum(by_province.values()) * 100
    return round(share, 1), sorted(by_province.values(), reverse=True).index(by_province["XQ"]) + 1


@pytest.mark.parametrize(
    "key, lang, states",
    [("state_fr", "fr", {"GA"}), ("state_en", "en", {"GA"}), ("region", "fr", SEUS_CP), ("region_en", "en", SEUS_CP)],
)
def test_the_province_map_draws_and_shows_quebec_as_the_page_says(browser, rendered_site, key, lang, states):
    path = rendered_site[key]
    count, quebec_labels, quebec_row = drawn_map(browser, path)
    assert count == 13  # the 13 provinces and territories (Québec's outline over them is not read)
    share, rank = said(path, lang)
    assert (round(float(quebec_row["share_pct"]), 1), int(quebec_row["rank"])) == (share, rank)
    assert (share, rank) == recomputed(rendered_site["mirror"], states)
    label = {  # what a screen reader says of Québec's shape, once (its outline is not read again)
        "fr": rf"^Québec\s:\s{str(share).replace('.', ',')}\s%.+\({rank}(er|e) rang\)$",
        "en": rf"^Québec: {share}% .+\(ranking {rank}(st|nd|rd|th)\)$",
    }[lang]
    assert len(quebec_labels) == 1 and re.search(label, quebec_labels[0]), quebec_labels
