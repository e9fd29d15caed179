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
    # Names of files, series and download services a reader cannot look up.
    "FX_RATES_ANNUAL",
    "FXAUSDCAD",
    "IEXE0101",
    "Valet",
    "dot2",
    "ne_50m_admin_1_states_provinces",
    "Membres retenus",
    "Members used in this report",
    "statut « membre »",
    "github.com",
    "stored copy",
    "copie conservée",
    "Copy of the",
    # "The project" means nothing to a reader: facts are transcribed, regions grouped, for these reports.
    "the project",
    "le projet",
]
# A table cited by its download rather than as its publisher names it.
VERSION_LABELS = ["French version", "English version", "version française", "version anglaise"]
# Articles a French region name must contract or a phrase that makes members of a place, as pages said them.
REGION_SLIPS = [
    r"\b[dD]e les ",
    r"\b[àÀ] les ",
    r"\b[dD]e le [A-ZÉ]",
    r"\b[àÀ] le [A-ZÉ]",
    r"membres (?:des Amériques|de l'(?:Afrique|Asie|Europe|Océanie|Amérique)|du territoire)",
    r"\b(?:de|à) l'Afrique et le Moyen-Orient",
    r"\b(?:de|à) l'Amérique latine et les Caraïbes",
    r"Le Québec et l'Afrique et|Le Québec et l'Amérique latine et",
    r"members? of (?:the )?(?:territory|Africa|Asia|Europe|Oceania|the Americas)",
    r"of the territory of",
    r"Québec and Africa and|Québec and Latin America and",
]
# Long official names, said once on a page (its title) and then in their short form. Written out here as the
# organisations publish them, not read from the project's reference data.
LONG_NAMES = [
    "Southeastern United States-Canadian Provinces Alliance",
    "Alliance des États du Sud-Est des États-Unis et des provinces canadiennes",
    "Conference of New England Governors and Eastern Canadian Premiers",
    "Conférence des gouverneurs de la Nouvelle-Angleterre et des premiers ministres de l'Est du Canada",
    "Conference of Great Lakes and St. Lawrence Governors and Premiers",
    "Conférence des gouverneurs et des premiers ministres des Grands Lacs et du Saint-Laurent",
    "Territory of the Québec Government Office in Atlanta",
    "Territoire de la Délégation du Québec à Atlanta",
    "Organisation internationale de la Francophonie",
    "Group of Seven",
    "Groupe des sept",
    "European Union (27 member states)",
    "Union européenne (27 États membres)",
]
# Each classification's full name and acronym, by the page's language: the first mention gives both.
TERMS = {
    "fr": [("Système de classification des produits de l'Amérique du Nord", "SCPAN"), ("Système harmonisé", "SH")],
    "en": [("North American Product Classification System", "NAPCS"), ("Harmonized System", "HS")],
}
# The customs basis named on a page, and the words that say what it means (goods counted at the border).
CUSTOMS_BASIS = {"fr": ("douanière", "franchissent la frontière"), "en": ("customs basis", "cross the border")}
# Statistics Canada's table pages, in each language; BTS's TransBorder page.
STATCAN_TABLES = {"12-10-0175-01": "1210017501", "12-10-0173-01": "1210017301"}
STATCAN_CITATION = {"en": "Statistics Canada, Table {table}", "fr": "Statistique Canada, tableau {table}"}
STATCAN_PAGE = "https://www150.statcan.gc.ca/t1/tbl1/{lang}/tv.action?pid={pid}"
BTS_PAGE = "https://www.bts.gov/transborder"
# A reason for leaving out Québec's place among the provinces that another page (a US state's) contradicts.
ABSOLUTE_NOT_COVERED = [
    "les sources ne donnent pas le commerce des autres provinces",
    "the sources do not give the other provinces' trade",
]
EMPTY_SHELLS = ["ne permettent pas cette section", "cannot support this section"]


class Page(HTMLParser):
    """A page's visible text (one string per text node) and its links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.texts: list[str] = []
        self.prose: list[str] = []  # the page's own sentences: not its <title>, table cells (event titles) or links
        self.links: list[tuple[str, str]] = []
        self.link_langs: list[str | None] = []  # each link's language where a <section lang> gives one (the index)
        self._sections: list[str | None] = []
        self._skip, self._link, self._not_prose = 0, None, 0
        self.feed(html)

    @property
    def lang(self) -> str:
        found = re.search(r'<html[^>]*\blang="([a-z]+)', self.html)
        return found[1] if found else "en"

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("title", "td", "th"):
            self._not_prose += 1
        if tag == "section":
            self._sections.append(dict(attrs).get("lang"))
        if tag == "a":
            self._link = [dict(attrs).get("href") or "", ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("title", "td", "th"):
            self._not_prose -= 1
        if tag == "section" and self._sections:
            self._sections.pop()
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self.link_langs.append(next((lang for lang in reversed(self._sections) if lang), None))
            self._link = None

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)
            if not self._not_prose and self._link is None:
                self.prose.append(data)
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
    return [
        f"{word!r}: {_quote(text, match.start(), match.end())}"
        for text in page.texts
        for word in words
        for match in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)
    ]


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


def version_labels(page: Page) -> list[str]:
    return _words(page, VERSION_LABELS)


def region_slips(page: Page) -> list[str]:
    """A region named without its article or contraction, or a place given members."""
    return [
        _quote(text, match.start(), match.end())
        for text in page.texts
        for pattern in REGION_SLIPS
        for match in re.finditer(pattern, text)
    ]


def long_names_repeated(page: Page) -> list[str]:
    """A long official name said more than once in the page's prose besides its title (the <h1>)."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.html, re.S)
    title = heading[1].strip() if heading else ""
    found = []
    for name in LONG_NAMES:
        mentions = [text for text in page.prose if name in text and text.strip() != title]
        if len(mentions) > 1:
            found.append(f"{name!r} {len(mentions)} times besides the title: " + " | ".join(m[:80] for m in mentions))
    return found


def terms_unexplained(page: Page) -> list[str]:
    """A classification whose first mention on the page is not its full name with its acronym."""
    found = []
    for full, acronym in TERMS[page.lang]:
        mention = re.compile(rf"{re.escape(full)}|(?<![\w-]){acronym}(?![\w-])")
        first = next(((text, m) for text in page.texts[1:] for m in [mention.search(text)] if m), None)
        if first is None:
            continue
        text, match = first
        spelled = (f"{full} ({acronym})", f"{full}, {acronym}")
        if not text[match.start() :].startswith(spelled):
            found.append(f"{acronym} first named as {_quote(text, match.start(), match.end())}")
    return found


def source_links(page: Page) -> list[str]:
    """Every Statistics Canada table the page cites as a source is linked in the page's language (never the
    other's), and so is BTS's TransBorder page when the page cites it."""
    text = " ".join(page.texts)
    hrefs = {href for href, _ in page.links}
    other = "fr" if page.lang == "en" else "en"
    found = []
    for table, pid in STATCAN_TABLES.items():
        if (
            STATCAN_CITATION[page.lang].format(table=table) in text
            and STATCAN_PAGE.format(lang=page.lang, pid=pid) not in hrefs
        ):
            found.append(f"cites table {table} without linking its {page.lang} page")
        if any(
            href == STATCAN_PAGE.format(lang=other, pid=pid) and lang in (None, page.lang)
            for (href, _), lang in zip(page.links, page.link_langs, strict=True)
        ):  # a link in a section of the other language (the bilingual index) is that language's
            found.append(f"links the {other} page of table {table}")
    if "TransBorder" in text and BTS_PAGE not in hrefs:
        found.append("cites BTS TransBorder without linking it")
    return found


def absolute_not_covered(page: Page) -> list[str]:
    return [_quote(text, 0, 0) for text in page.texts for claim in ABSOLUTE_NOT_COVERED if claim in text]


def customs_basis_unexplained(page: Page) -> list[str]:
    """A page that names the customs basis says once what it means."""
    named, meaning = CUSTOMS_BASIS[page.lang]
    text = " ".join(page.texts).replace("\u00a0", " ")
    return [f"names « {named} » without saying what it means"] if named in text.lower() and meaning not in text else []
