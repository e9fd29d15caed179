"""The links a page carries at its top, so that a reader can move around the site: the front page, the same page in
the other language, and the site's other pages about the same subject (a partner's briefing note and its PDF, its
relations report, the region pages it belongs to; a region's briefing note; a note's profile). Relative, so that the
site opens from disk. A page links only pages the suite makes from the data at hand (so that two runs make the same
bytes) or that are on the site when it is written (a note asked for on the command line, a PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analysis.formatting import LANGS
from ..analysis.text import t
from ..caching import cached
from ..data import partners, regions
from ..reports import registry
from .requests import ReportRequest

NETWORK_SLUG = registry.SLUG_WITHOUT_SUBJECT  # the relations report of the whole network


@dataclass(frozen=True)
class NavLink:
    href: str  # empty for a label introducing the links after it
    text: str
    lang: str = ""  # the linked page's language, where it is not the page's own


@cached
def suite_pages() -> frozenset[tuple[str, str]]:
    """(kind, slug) of every page `render --all` makes from the data at hand, whatever the language."""
    return frozenset(
        (name, kind.slug(parameters))
        for name, kind in registry.kinds().items()
        for parameters in kind.suite_pages().pages
    )


def _href(kind: str, slug: str, suffix: str = ".html") -> str:
    return f"../{kind}/{slug}{suffix}"


def _exists(kind: str, slug: str, lang: str, reports_dir: Path, suffix: str = ".html") -> bool:
    """A page the suite makes, or a page or PDF on the site now (PDFs are printed on request only)."""
    in_suite = suffix == ".html" and (kind, slug) in suite_pages()
    return in_suite or (reports_dir / lang / kind / f"{slug}{suffix}").is_file()


def _briefing(slug: str, lang: str, reports_dir: Path) -> list[NavLink]:
    """The subject's briefing note, and its PDF when one was printed."""
    if not _exists("briefing", slug, lang, reports_dir):
        return []
    links = [NavLink(_href("briefing", slug), t(lang, "nav.briefing"))]
    if _exists("briefing", slug, lang, reports_dir, ".pdf"):
        links.append(NavLink(_href("briefing", slug, ".pdf"), t(lang, "nav.briefing_pdf")))
    return links


def _partner_links(code: str, lang: str, reports_dir: Path) -> list[NavLink]:
    partner = partners.all_partners()[code]
    links = _briefing(partner.slug, lang, reports_dir)
    if _exists("relations", partner.slug, lang, reports_dir):
        links.append(NavLink(_href("relations", partner.slug), t(lang, "nav.relations_partner")))
    elif _exists("relations", NETWORK_SLUG, lang, reports_dir):
        links.append(NavLink(_href("relations", NETWORK_SLUG), t(lang, "nav.relations")))
    groups = [
        NavLink(_href("region", region.slug), region.short_name(lang))
        for region in regions.regions().values()
        if code in regions.members(region.id) and _exists("region", region.slug, lang, reports_dir)
    ]
    return links + ([NavLink("", t(lang, "nav.regions")), *groups] if groups else [])


def _subject_links(request: ReportRequest, reports_dir: Path) -> list[NavLink]:
    """The site's other pages about the page's subject (a page of a given year has none: they show the latest)."""
    kind, values, lang = request.kind, request.parameters, request.lang
    if values.get("year") is not None:
        return []
    partner, region = values.get("partner"), values.get("region")
    if kind == "partner" and partner:
        return _partner_links(partner, lang, reports_dir)
    if kind == "region" and region:
        return _briefing(regions.regions()[region].slug, lang, reports_dir)
    if kind == "briefing":
        profile = ("partner", partners.all_partners()[partner].slug) if partner else ("region", request.slug)
        if _exists(*profile, lang, reports_dir):
            return [NavLink(_href(*profile), t(lang, "nav.profile"))]
    return []


def links(request: ReportRequest, reports_dir: Path, batch: frozenset[str] = frozenset()) -> list[NavLink]:
    """The page's links beside the front page's: the other languages' pages, then those about the same subject."""
    return _language_links(request, reports_dir, batch) + _subject_links(request, reports_dir)


def _language_links(request: ReportRequest, reports_dir: Path, batch: frozenset[str]) -> list[NavLink]:
    """The same page in another language, linked only where it is: on the site, or rendered by the same run
    (`batch`, the pages it renders): `render … --lang fr` alone makes a French page without a link that would lead
    nowhere, rather than an English page nobody asked for (`render --all` makes both and links them)."""
    return [
        NavLink(f"../../{lang}/{request.kind}/{request.slug}.html", t(lang, "site.lang_name"), lang)
        for lang in LANGS
        if lang != request.lang
        and (
            f"{lang}/{request.kind}/{request.slug}.html" in batch
            or (reports_dir / lang / request.kind / f"{request.slug}.html").is_file()
        )
    ]


def lacks_a_language_link(request: ReportRequest, reports_dir: Path, batch: frozenset[str]) -> bool:
    """True when the page on disk would now link another language's page that it does not link (made alone in one
    language, before the other was): kept as it is, it would stay without the link. (Its other links follow the
    site's pages, which a page's record does not follow: they are not judged here.)"""
    try:
        text = _site_nav(request.output_path(reports_dir))
    except (OSError, UnicodeDecodeError):
        return True
    return any(f'href="{link.href}"' not in text for link in _language_links(request, reports_dir, batch))


NAV_END = b"</nav>"


def _site_nav(page: Path, chunk: int = 1 << 14) -> str:
    """The page up to the end of its first `<nav>`, the site's links (page.html.j2 writes it at the top, before a
    megabyte of charts: a no-op `render --all` reads every page's); the whole page when it has none, so that a link
    not found there is one the page lacks."""
    read = b""
    with page.open("rb") as handle:
        while NAV_END not in read and (more := handle.read(chunk)):
            read += more
    end = read.find(NAV_END)
    return (read if end < 0 else read[: end + len(NAV_END)]).decode("utf-8")
