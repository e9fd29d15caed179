"""Québec's relations on the rendered site (issue 30): no page rests on a blocked host or marks a title as a
translation; a note's latest events are the latest wherever held; agreements are counted against the ministry's
total; the Francophonie's timeline holds its own events; a federated partner has its relations page. Expectations
come from the curated files and the blocked list, read with the csv module."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from htmlcheck import text_of

from quebec_intl import settings
from quebec_intl.data import partners
from quebec_intl.publish import requests as render
from quebec_intl.publish.batch import render_batch

pytestmark = pytest.mark.usefixtures("kernels")
MONTHS = {"fr": "juin", "en": "June"}
LATEST = {"fr": "Événements les plus récents", "en": "Latest events"}  # the note's table of latest events


def _curated(name: str) -> list[dict]:
    with (settings.data_dir() / "curated" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _blocked() -> list[str]:
    with (settings.reference_dir() / "blocked_hosts.csv").open(encoding="utf-8", newline="") as handle:
        return [row["host"] for row in csv.DictReader(handle)]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


class _Rows(HTMLParser):
    """Every table row of a page as its cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, _attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(_plain("".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _rows(page: Path) -> list[list[str]]:
    parser = _Rows()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


def test_no_page_cites_a_blocked_host_nor_marks_a_title_as_translated(mirror_site):
    """Every page of the site, its index and its charts' data: no address on a party's site, a copy of Wikipedia, a
    document-sharing site or a development server; no « (trad.) »."""
    hosts = [re.escape(host) for host in _blocked()]
    address = re.compile(rf"https?://(?:[\w-]+\.)*(?:{'|'.join(hosts)})(?![\w.-])", re.I)
    pages = sorted(mirror_site.rglob("*.html"))
    assert len(pages) > 40  # the whole suite, both languages
    found = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        bad = sorted(set(address.findall(html))) + (["(trad.)"] if "(trad.)" in html else [])
        if bad:
            found[str(page.relative_to(mirror_site))] = bad
    assert not found, found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_seus_cp_note_lists_the_saint_john_conference_of_june_2025(rendered_site, lang):
    conference = next(row for row in _curated("events") if row["event_id"] == "seus_cp_conf_2025_saint_john")
    assert conference["date_start"] == "2025-06" and conference["source_kind"] == "official"
    rows = _rows(rendered_site[f"briefing_region_{lang}"])
    latest = next(i for i, row in enumerate(rows) if row[1:2] == [LATEST[lang]])
    events = rows[latest + 1 : latest + 6]
    assert [row for row in events if row[0] == f"{MONTHS[lang]} 2025" and row[2].startswith("Saint John")], events
    assert events[0][0] == f"{MONTHS[lang]} 2025"  # the latest of the alliance's events, though held in Canada


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "fr",
            "{n} ententes relevées ici avec la France sur plus de {total} signées par le Québec (ministère, {year}).",
        ),
        (
            "en",
            "{n} agreements with France recorded here, out of the more than {total} Québec has signed "
            "(ministry, {year}).",
        ),
    ],
)
def test_the_france_note_counts_its_agreements_against_the_official_total(rendered_site, lang, sentence):
    """The count is of the agreements with France (or its regions) an official page supports; the total is the
    ministry's latest published count."""
    signed = [row for row in _curated("agreements_counts") if row["metric"] == "signed_total"]
    latest = max(signed, key=lambda row: (int(row["as_of_year"]), int(row["value"])))
    mine = [
        row
        for row in _curated("agreements")
        if (row["partner_code"] == "FRA" or row["partner_code"].startswith("FR-")) and row["source_kind"] == "official"
    ]
    expected = sentence.format(n=len(mine), total=latest["value"], year=latest["as_of_year"])
    assert expected in _plain(text_of(rendered_site[f"briefing_country_{lang}"]))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_francophonie_timeline_holds_francophonie_events_only(mirror_site, lang):
    page = mirror_site / lang / "region" / "oif.html"
    rows = [row for row in _rows(page) if len(row) >= 4 and re.match(r"\d|[a-zé]+ \d{4}", row[0])]
    titles = " | ".join(row[2] for row in rows)
    assert "Sommet de la Francophonie" in titles or "Francophonie Summit" in titles or "Sommet" in titles
    for foreign in ("SEUS-CP", "Sud-Est", "Southeastern", "Grands Lacs", "Great Lakes", "Nouvelle-Angleterre"):
        assert foreign not in titles, foreign


@pytest.mark.usefixtures("mirror")
def test_a_federated_partner_has_its_relations_page():
    """`relations --partner Wallonie-Bruxelles`: the page of the Fédération Wallonie-Bruxelles, with the two
    agreements the curated file records with it and the Brussels delegation that serves it."""
    partner = partners.resolve("Wallonie-Bruxelles", kinds=partners.RELATIONS_KINDS)
    result = render_batch([render.request("relations", {"partner": partner}, "fr")], progress=False)
    assert not result.failed, result.failed
    text = _plain(text_of(result.rendered[0]))
    count = sum(row["partner_code"] == "BE-FWB" for row in _curated("agreements"))
    assert f"{count} ententes relevées ici avec la Fédération Wallonie-Bruxelles sur plus de" in text
    assert "Délégation générale du Québec à Bruxelles" in text


@pytest.mark.parametrize(
    ("lang", "header", "member"),
    [("fr", "Statut du Québec à cette date", "Membre"), ("en", "Québec's status then", "Member")],
)
def test_an_alliances_conferences_give_quebecs_status_not_an_attendance_no_fact_records(
    mirror_site, lang, header, member
):
    """The facts say when Québec joined SEUS-CP (2007), not who attended each conference: the column says status."""
    rows = _rows(mirror_site / lang / "region" / "seus-cp.html")
    (head,) = [row for row in rows if header in row]
    column = head.index(header)
    conferences = [row for row in rows[rows.index(head) + 1 :] if len(row) == len(head) and row[0][-4:].isdigit()]
    assert len(conferences) >= 10 and {row[column] for row in conferences} <= {member, "—"}, conferences
    assert "articipation" not in text_of(mirror_site / lang / "region" / "seus-cp.html")
