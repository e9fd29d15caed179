"""The index lists what the pages' records say, checked: a record edited by hand (a page's line once showed
"+999.0 %") is not trusted, and an index damaged or out of step with the manifest is written again."""

import hashlib
import json

import pytest

from quebec_intl.publish import manifest, site_index
from quebec_intl.publish.manifest import PageRecord

PAGE = "fr/partner/usa.html"
SUBJECT = {"code": "USA", "name_en": "United States", "name_fr": "États-Unis"}


def site(tmp_path):
    (tmp_path / "fr/partner").mkdir(parents=True)
    (tmp_path / PAGE).write_text("<html>…</html>", encoding="utf-8")
    headline = {"year": 2024, "exports_cad": 91.2e9, "growth_pct": 4.5}
    record = PageRecord(
        page=PAGE, kind="partner", parameters={"partner": "USA"}, lang="fr", title="Le Québec et les États-Unis",
        subject=SUBJECT, sources=[], data_fingerprint="d", code_fingerprint="c",
        headline=headline,
    )  # fmt: skip
    manifest.write(tmp_path, {PAGE: record})
    site_index.write(tmp_path)
    return record


def test_a_record_edited_by_hand_is_left_out_with_a_note_and_never_reaches_the_index(tmp_path):
    record = site(tmp_path)
    assert manifest.read(tmp_path) == {PAGE: record} and PAGE in (tmp_path / "index.html").read_text("utf-8")
    file = manifest.path(tmp_path)
    written = json.loads(file.read_text(encoding="utf-8"))
    written["pages"][PAGE]["headline"]["growth_pct"] = 999.0
    file.write_text(json.dumps(written), encoding="utf-8")
    notes = []
    assert manifest.read(tmp_path, notes) == {}
    assert len(notes) == 1 and "1 record(s) not as this version wrote them (edited by hand, damaged" in notes[0]
    site_index.write(tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "999" not in index and PAGE not in index


def test_an_index_damaged_or_older_than_the_manifest_is_not_current(tmp_path):
    site(tmp_path)
    assert site_index.current(tmp_path)
    index = tmp_path / "index.html"
    good = index.read_bytes()
    index.write_bytes(good[: len(good) // 2])
    assert not site_index.current(tmp_path)
    index.write_bytes(good)
    assert site_index.current(tmp_path)
    manifest.path(tmp_path).write_text('{"pages": {}}', encoding="utf-8")
    assert not site_index.current(tmp_path)


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_batch_with_nothing_to_render_writes_a_damaged_index_again(tmp_path):
    from quebec_intl.publish.batch import render_batch

    site(tmp_path)
    index = tmp_path / "index.html"
    good = index.read_bytes()
    index.write_bytes(good[: len(good) // 2])
    result = render_batch([], tmp_path, progress=False)
    assert not result.rendered and index.read_bytes() == good


def two_pages(tmp_path) -> dict[str, PageRecord]:
    """Two pages, each with its own record made with it (as a render writes them), listed by the manifest."""
    records = {}
    for page, lang, title in ((PAGE, "fr", "Le Québec et les États-Unis"), ("en/partner/usa.html", "en", "Québec–US")):
        html = f"<html><title>{title}</title></html>"
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(html, encoding="utf-8")
        records[page] = PageRecord(
            page=page, kind="partner", parameters={"partner": "USA"}, lang=lang, title=title, subject=SUBJECT,
            sources=[], data_fingerprint="d", code_fingerprint="c",
            page_sha256=hashlib.sha256(html.encode()).hexdigest(),
        )  # fmt: skip
    manifest.write(tmp_path, records)
    site_index.write(tmp_path)
    return records


@pytest.mark.parametrize("damage", ["cut", "empty", "removed", "one record edited"])
def test_a_damaged_manifest_is_rebuilt_from_the_pages_own_records_and_the_index_keeps_every_page(tmp_path, damage):
    """A damaged manifest and then a render of one page (nothing else asked for) once left the index with that page
    alone: every page on disk whose own record is intact is listed again."""
    from quebec_intl.publish.batch import render_batch

    records = two_pages(tmp_path)
    file = manifest.path(tmp_path)
    text = file.read_text(encoding="utf-8")
    if damage == "removed":
        file.unlink()
    elif damage == "one record edited":
        file.write_text(text.replace("Québec–US", "Québec–US +999.0 %"), encoding="utf-8")
    else:
        file.write_text({"cut": text[: len(text) // 3], "empty": ""}[damage], encoding="utf-8")
    notes = []
    said = 0 if damage == "removed" else 1  # a manifest removed is made again without a word
    assert manifest.read(tmp_path, notes) == records and len(notes) == said
    result = render_batch([], tmp_path, progress=False)  # what a one-page render does after its page: the same
    assert len(result.notes) == said
    assert manifest.read(tmp_path) == records and json.loads(file.read_text(encoding="utf-8"))["pages"].keys() == {
        PAGE,
        "en/partner/usa.html",
    }
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert PAGE in index and "en/partner/usa.html" in index and "999" not in index


def test_a_page_s_own_record_is_trusted_only_for_the_very_page(tmp_path):
    """A page changed on disk since its record was made (or a record edited) is not listed from its own record."""
    records = two_pages(tmp_path)
    (tmp_path / PAGE).write_text("<html>edited</html>", encoding="utf-8")
    own = manifest.own_record_path(tmp_path, "en/partner/usa.html")
    own.write_text(own.read_text(encoding="utf-8").replace("Québec–US", "Québec–US +999.0 %"), encoding="utf-8")
    manifest.path(tmp_path).write_text("", encoding="utf-8")
    assert manifest.read(tmp_path) == {}
    manifest.write(tmp_path, records)
    (tmp_path / PAGE).unlink()
    manifest.write(tmp_path, records)  # a page gone takes its own record with it
    assert not manifest.own_record_path(tmp_path, PAGE).exists()
