"""The index lists a briefing note's PDF beside the note, when one was printed (`--pdf`), and none otherwise."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from quebec_intl.publish import manifest, site_index


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def _note(reports, lang: str, slug: str, title: str) -> manifest.PageRecord:
    page = f"{lang}/briefing/{slug}.html"
    (reports / lang / "briefing").mkdir(parents=True, exist_ok=True)
    (reports / page).write_text("<html></html>", encoding="utf-8")
    subject = {"code": slug.upper(), "name_en": title, "name_fr": title}
    return manifest.PageRecord(
        page=page, kind="briefing", parameters={"partner": slug.upper(), "lang": lang}, lang=lang, title=title,
        subject=subject, sources=[], data_fingerprint="d", code_fingerprint="c",
        page_sha256=hashlib.sha256(b"<html></html>").hexdigest(),
    )  # fmt: skip


def test_the_index_links_each_printed_pdf_beside_its_note(tmp_path):
    reports = tmp_path / "reports"
    notes = [_note(reports, "fr", "fra", "La France : note"), _note(reports, "fr", "deu", "L'Allemagne : note")]
    manifest.write(reports, {note.page: note for note in notes})
    (reports / "fr" / "briefing" / "fra.pdf").write_bytes(b"%PDF-1.4\n")  # printed for France only
    parser = Hrefs()
    parser.feed(site_index.render(reports))
    assert {"fr/briefing/fra.html", "fr/briefing/deu.html", "fr/briefing/fra.pdf"} <= set(parser.hrefs)
    assert "fr/briefing/deu.pdf" not in parser.hrefs
    for href in parser.hrefs:  # relative, and on disk: the site opens offline
        assert (reports / href).is_file(), href
