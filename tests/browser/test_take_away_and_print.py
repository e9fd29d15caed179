"""What a reader takes away from a page, in headless Chromium with the network cut: a chart as a PNG or SVG file
for a slide, from the chart's own menu, labelled in the page's language; and the page printed to PDF, with every
chart in it, the navigation left out, and a footer giving the title and the date of the data."""

from __future__ import annotations

import html
import io
import json
import re
import struct
import unicodedata
import xml.etree.ElementTree as ElementTree

import pytest
from chromium import open_offline
from pypdf import PdfReader

from quebec_intl.analysis.text import t

MENU = {"fr": ["Image SVG (vectorielle)", "Image PNG"], "en": ["SVG image (vector)", "PNG image"]}


def chart_titles(html_page: str) -> list[str]:
    """Each chart's title, read from its spec on the page (a chart without one is named by its id)."""
    titles = []
    for spec_json in re.findall(r'<script[^>]*class="qi-chart-spec"[^>]*>(.*?)</script>', html_page):
        title = json.loads(spec_json).get("title")
        text = title.get("text") if isinstance(title, dict) else title
        assert text, f"a chart without a title: {spec_json[:200]}"
        titles.append(" ".join(text) if isinstance(text, list) else text)
    return titles


def words(text: str) -> str:
    """Text as PDF extraction gives it back: ligatures as letters ("ﬃ"), any run of spaces (non-breaking ones too)
    and line ends as one space, a line broken after a hyphen joined again."""
    text = re.sub(r"[\s\u00a0\u202f]+", " ", unicodedata.normalize("NFKC", text)).strip()
    return text.replace("- ", "-")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("page_key, lang", [("fr", "fr"), ("state_en", "en")])
def test_a_chart_downloads_as_png_and_svg_offline(browser, rendered_site, page_key, lang):
    path = rendered_site["pages"][page_key] if page_key in ("fr", "en") else rendered_site[page_key]
    context, page, errors, requests = open_offline(browser, path)
    figure = page.locator("figure.qi-chart").first
    figure.locator(".qi-chart-view svg.marks").wait_for(timeout=20000)
    assert figure.locator("details").get_attribute("title") == t(lang, "site.chart_actions")
    figure.locator("summary").click()
    links = figure.locator(".vega-actions a")
    assert links.all_inner_texts() == MENU[lang]  # the exports only: no editor, no source viewer (network)
    files = {}
    for index in range(links.count()):
        with page.expect_download() as download:
            links.nth(index).click()
        files[download.value.suggested_filename] = download.value.path().read_bytes()
    context.close()
    stem = f"{path.stem}-{_chart_name(path)}"  # the page and the chart: usa-trend.png
    assert sorted(files) == [f"{stem}.png", f"{stem}.svg"]
    width, height = png_size(files[f"{stem}.png"])
    assert width > 300 and height > 150
    svg = ElementTree.fromstring(files[f"{stem}.svg"])
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.findall(".//{http://www.w3.org/2000/svg}path")
    assert errors == [] and requests == []


def _chart_name(path) -> str:
    """The first chart's name, as its figure's id gives it."""
    first = re.search(r'<figure class="qi-chart" id="chart-([^"]+)"', path.read_text(encoding="utf-8"))
    return first.group(1)


@pytest.mark.parametrize("page_key, lang", [("fr", "fr"), ("relations", "fr"), ("state_en", "en"), ("region_en", "en")])
def test_a_printed_page_keeps_every_chart_and_leaves_out_the_navigation(browser, rendered_site, page_key, lang):
    path = rendered_site["pages"][page_key] if page_key in ("fr", "en") else rendered_site[page_key]
    html_page = path.read_text(encoding="utf-8")
    titles = chart_titles(html_page)
    context, page, errors, requests = open_offline(browser, path)
    page.wait_for_function(
        "n => document.querySelectorAll('figure.qi-chart svg.marks').length === n", arg=len(titles), timeout=20000
    )
    page.locator("figure.qi-chart summary").first.click()  # a chart menu left open on screen must not print
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    context.close()
    sheets = [words(sheet.extract_text()) for sheet in pdf.pages]
    text = " ".join(sheets)
    assert titles and all(words(title) in text for title in titles), [w for w in titles if words(w) not in text]
    assert words(t(lang, "site.title")) not in text  # the navigation bar
    assert t(lang, "site.download_csv") not in text and MENU[lang][0] not in text  # links and menus of the screen
    footer = words(html.unescape(re.search(r"<title>(.*?)</title>", html_page).group(1)))
    dated = {"fr": ("Dernière période des données", "Faits à jour"), "en": ("Latest data", "Facts as of")}[lang]
    for number, sheet in enumerate(sheets, start=1):  # every sheet: the title, the data's date, its number
        assert footer in sheet and any(words(label) in sheet for label in dated), (number, sheet[:300])
        assert f"{number} / {len(sheets)}" in sheet, (number, sheet[:300])
    assert errors == [] and requests == []
