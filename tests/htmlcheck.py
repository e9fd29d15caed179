"""Reading a rendered page as a browser would: which elements load what, and what the reader sees."""

from __future__ import annotations

from html.parser import HTMLParser

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
