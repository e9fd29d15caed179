"""What an editor checks on a page before it goes to a minister's office, each check returning the quotes that fail
it (empty when the page passes). Pages are read as a reader sees them: visible text, links, not scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_LINK = re.compile(r"^(https?://|data:text/csv;|#|[\w./-]+\.html$)")

# Words and names found in English on French pages before the editorial pass.
ENGLISH_ON_FRENCH_PAGES = [
    "Government Office",
    "Summit",
    "Conference",
    "Established",
    "US states",
    "agreement",
    "signed",
    "opens",
    "London",
    "Philadelphia",
    "Brussels",
    "Mexico City",
    "2010s",
    "Nuclear reactors",
    "Vehicles",
    "Save as",
    "member",
    "Delegation",
    "Office in",
]
INTERNAL_WORDING = [
    "Paramètres",
    "Parameters",
    "commit",
    "seus_cp",
    "atlanta_territory",
    "_SOURCES.md",
    "data/curated",
    "project's list",
    "liste du projet",
    "défaut intégré",
    "embedded default",
    "millésime",
    "vintage",
    "UBC",
    "DSCI",
    "selon la liste utilisée",
    "the list used",
]
EMPTY_SHELLS = ["ne permettent pas cette section", "cannot support this section"]


class Page(HTMLParser):
    """A page's visible text (one string per text node) and its links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.texts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._skip, self._link = 0, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a":
            self._link = [dict(attrs).get("href") or "", ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)
            if self._link is not None:
                self._link[1] += data


def _quote(text: str, start: int, end: int) -> str:
    return "…" + text[max(0, start - 30) : end + 30].replace("\n", " ") + "…"


def french_typography(page: Page) -> list[str]:
    """Non-breaking spaces before : ; ? ! and inside « », a true minus sign before a number."""
    rules = [
        (r"(?<=\S)[:;?!](?=\s)", "no space before the mark"),
        (r" [:;?!](?=\s|$)", "an ordinary space"),
        (r"« ", "an ordinary space after «"),
        (r" »", "an ordinary space before »"),
        (r"«(?=\S)", "no space after «"),
        (r"(?<=\S)»", "no space before »"),
        (r"(?<![\w\-−])-\d", "a hyphen for a minus"),
    ]
    found = []
    for text in page.texts:
        for pattern, what in rules:
            for match in re.finditer(pattern, text):
                if what == "no space before the mark" and re.match(r"https?", text[max(0, match.start() - 5) :]):
                    continue
                found.append(f"{what}: {_quote(text, match.start(), match.end())}")
    return found


def true_minus(page: Page) -> list[str]:
    """A true minus sign before a number on English pages too (−0.7%), as Québec's English publications print it."""
    return [
        f"a hyphen for a minus: {_quote(text, match.start(), match.end())}"
        for text in page.texts
        for match in re.finditer(r"(?<![\w\-−])-\d", text)
    ]


def _words(page: Page, words: list[str]) -> list[str]:
    found = []
    for text in page.texts:
        for word in words:
            for match in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
                found.append(f"{word!r}: {_quote(text, match.start(), match.end())}")
    return found


def english_words(page: Page) -> list[str]:
    return _words(page, ENGLISH_ON_FRENCH_PAGES)


def unaccented_quebec(page: Page) -> list[str]:
    return _words(page, ["Quebec"])


def internal_wording(page: Page) -> list[str]:
    return _words(page, INTERNAL_WORDING)


def empty_shells(page: Page) -> list[str]:
    return [_quote(text, 0, 0) for text in page.texts for shell in EMPTY_SHELLS if shell in text]


def link_schemes(page: Page) -> list[str]:
    return [f"<a href={href!r}>{label}</a>" for href, label in page.links if not ALLOWED_LINK.match(href)]
