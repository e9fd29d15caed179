"""A site a reader can move around in, offline: every page's bar links the front page and the same page in the other
language, and a partner's page links its briefing note, the relations report and the region pages it belongs to; every
one of those links is relative and opens a file of the site."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

from conftest import PROJECT_ROOT


class NavLinks(HTMLParser):
    """The links of the page's navigation bar, in order: (href, hreflang or None)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str | None]] = []
        self._in_nav = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self.links.append((attrs["href"], attrs.get("hreflang")))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False


def nav_links(page: Path) -> list[tuple[str, str | None]]:
    parser = NavLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def regions_listing(code: str) -> set[str]:
    """The regions the reference table lists `code` as a member of (read with the standard library)."""
    with open(PROJECT_ROOT / "data" / "reference" / "region_members.csv", newline="", encoding="utf-8") as f:
        return {
            row["region_id"] for row in csv.DictReader(f) if row["member_code"] == code and row["status"] == "member"
        }


def test_every_page_links_the_front_page_and_its_other_language(rendered_site):
    site = rendered_site["site"]
    pages = sorted(site.glob("*/*/*.html"))
    assert len(pages) > 100
    for page in pages:
        lang, kind, name = page.relative_to(site).parts
        links = nav_links(page)
        hrefs = [href for href, _ in links]
        assert (page.parent / hrefs[0]).resolve() == (site / "index.html").resolve(), page
        other = "en" if lang == "fr" else "fr"
        assert (f"../../{other}/{kind}/{name}", other) in links, (page, links)
        for href in hrefs:
            assert "://" not in href and not href.startswith("/"), (page, href)  # relative: the site opens from disk
            assert (page.parent / href).is_file(), f"{page.relative_to(site)} links {href}, which is not on the site"


def test_a_partner_page_links_its_note_the_relations_report_and_its_regions(rendered_site):
    site = rendered_site["site"]
    # Georgia: the reference table's regions (SEUS-CP and the Atlanta territory); France: Europe (UN M49 region 150,
    # as the reference data defines it) and the groupings the reference table lists it in (OIF, EU-27, G7).
    expected_regions = {
        "us-ga": {region.replace("_", "-") for region in regions_listing("US-GA")},
        "fra": {"europe"} | {region.replace("_", "-") for region in regions_listing("FRA")},
    }
    assert expected_regions == {"us-ga": {"seus-cp", "atlanta-territory"}, "fra": {"europe", "oif", "eu27", "g7"}}
    for slug, regions in expected_regions.items():
        for lang in ("fr", "en"):
            page = site / lang / "partner" / f"{slug}.html"
            hrefs = {href for href, _ in nav_links(page)}
            assert f"../briefing/{slug}.html" in hrefs, (page, hrefs)
            assert "../relations/quebec.html" in hrefs, (page, hrefs)
            on_site = {region for region in regions if (site / lang / "region" / f"{region}.html").is_file()}
            assert on_site == regions, (slug, on_site)  # the suite makes every one of them
            assert {f"../region/{region}.html" for region in on_site} <= hrefs, (page, hrefs)
    note = site / "fr" / "briefing" / "us-ga.html"
    assert "../partner/us-ga.html" in {href for href, _ in nav_links(note)}  # and back from the note


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.add(dict(attrs)["href"])


def test_the_index_lists_every_page_of_the_site_with_the_groupings_beside_the_world_regions(rendered_site):
    site = rendered_site["site"]
    parser = Hrefs()
    parser.feed(rendered_site["index"].read_text(encoding="utf-8"))
    pages = {page.relative_to(site).as_posix() for page in site.glob("*/*/*.html")}
    assert pages <= parser.hrefs, sorted(pages - parser.hrefs)[:10]
    regions = {page.removeprefix("en/region/") for page in pages if page.startswith("en/region/")}
    # the world regions, the groupings of countries (Francophonie, European Union, G7) and the alliances of states
    assert {"europe.html", "asia-pacific.html", "oif.html", "eu27.html", "g7.html", "seus-cp.html"} <= regions
