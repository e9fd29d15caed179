"""The index lists what the pages' records say, checked: a record edited by hand (a page's line once showed
"+999.0 %") is not trusted, and an index damaged or out of step with the manifest is written again."""

import json

from quebec_intl.publish import manifest, site_index
from quebec_intl.publish.manifest import PageRecord

PAGE = "fr/partner/usa.html"
SUBJECT = {"code": "USA", "name_en": "United States", "name_fr": "États-Unis"}


def site(tmp_path):
    (tmp_path / "fr/partner").mkdir(parents=True)
    (tmp_path / PAGE).write_text("<html>…</html>", encoding="utf-8")
    headline = {"year": 2024, "exports_cad": 91.2e9, "growth_pct": 4.5}
    record = PageRecord(
        PAGE, "partner", {"partner": "USA"}, "fr", "Le Québec et les États-Unis", SUBJECT, [], "d", "c",
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


def test_a_batch_with_nothing_to_render_writes_a_damaged_index_again(tmp_path, outputs, no_mirror):
    from quebec_intl.publish.batch import render_batch

    site(tmp_path)
    index = tmp_path / "index.html"
    good = index.read_bytes()
    index.write_bytes(good[: len(good) // 2])
    result = render_batch([], tmp_path, progress=False)
    assert not result.rendered and index.read_bytes() == good
