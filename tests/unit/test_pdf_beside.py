"""A PDF is the page as printed: it goes when its page changes or leaves the site, never left stale or alone."""

from quebec_intl.publish import manifest
from quebec_intl.publish.batch import _remove
from quebec_intl.publish.render_page import write_page


def test_a_page_written_anew_takes_its_stale_pdf_away_and_the_same_page_keeps_it(tmp_path):
    page, printed = tmp_path / "fr/briefing/us-ga.html", tmp_path / "fr/briefing/us-ga.pdf"
    page.parent.mkdir(parents=True)
    page.write_text("<p>2023</p>", encoding="utf-8")
    printed.write_bytes(b"%PDF-1.7 the 2023 page")
    write_page(page, "<p>2023</p>")  # the same bytes again: the PDF still prints this page
    assert printed.read_bytes() == b"%PDF-1.7 the 2023 page"
    write_page(page, "<p>2024</p>")
    assert page.read_text(encoding="utf-8") == "<p>2024</p>" and not printed.exists()


def test_a_page_taken_off_the_site_takes_its_pdf_along(tmp_path):
    page, printed = tmp_path / "fr/briefing/fra.html", tmp_path / "fr/briefing/fra.pdf"
    page.parent.mkdir(parents=True)
    page.write_text("<p>x</p>", encoding="utf-8")
    printed.write_bytes(b"%PDF-1.7")
    record = manifest.PageRecord(
        page="fr/briefing/fra.html",
        kind="briefing",
        parameters={},
        lang="fr",
        title="t",
        subject={},
        sources=[],
        data_fingerprint="d",
        code_fingerprint="c",
    )
    records = {"fr/briefing/fra.html": record}
    _remove(tmp_path, records, ["fr/briefing/fra.html"])
    assert not page.exists() and not printed.exists() and records == {}
