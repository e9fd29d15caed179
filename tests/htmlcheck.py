"""Reading a rendered page as a browser would: which elements load what, and what the reader sees."""

from __future__ import annotations

import csv
import io
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

LOADING_TAGS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.scripts = 0
        self.figures = 0
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in LOADING_TAGS and attrs.get(LOADING_TAGS[tag]):
            self.loads.append(attrs[LOADING_TAGS[tag]])
        if tag == "script":
            self.scripts += 1
        if tag == "figure" and "qi-chart" in (attrs.get("class") or ""):
            self.figures += 1
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def scan(html: str) -> PageScan:
    parser = PageScan()
    parser.feed(html)
    return parser


def remote(url: str) -> bool:
    return url.startswith(("http:", "https:", "//"))


class ChartData(HTMLParser):
    """Each chart's CSV, as the page offers it for download."""

    def __init__(self):
        super().__init__()
        self.csv: dict[str, list[dict[str, str]]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "qi-csv" in (attrs.get("class") or ""):
            text = urllib.parse.unquote(attrs["href"].split(",", 1)[1])
            self.csv[attrs["download"].removesuffix(".csv")] = list(csv.DictReader(io.StringIO(text)))


def charts(page: Path) -> dict[str, list[dict[str, str]]]:
    """The data of each chart of a rendered page, by the name of its download."""
    parser = ChartData()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.csv


def text_of(page: Path) -> str:
    """What a reader of the page reads, in one string."""
    return " ".join(scan(page.read_text(encoding="utf-8")).text)
