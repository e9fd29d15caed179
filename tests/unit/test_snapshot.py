"""The official snapshot the package ships (data/snapshot/): its size, its parts' checksums and provenance, and the
one read order of the pipeline (download cache, then mirror, then snapshot); the dates a page prints beside a source."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from conftest import PROJECT_ROOT

from quebec_intl import settings
from quebec_intl.analysis import narrative
from quebec_intl.caching import reset_caches
from quebec_intl.data import fetch, pipeline, snapshot, sources

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"
SHAPES = "natural_earth_provinces"


def test_the_snapshot_is_at_most_5_mb_and_holds_only_what_its_list_names():
    files = {f.name: f for f in SNAPSHOT.iterdir()}
    assert sum(f.stat().st_size for f in files.values()) <= 5_000_000
    listed = json.loads((SNAPSHOT / "snapshot.json").read_text(encoding="utf-8"))["parts"]
    assert set(files) == {entry["file"] for entry in listed.values()} | {"snapshot.json"}
    for entry in listed.values():  # each part is the very file recorded (hashed here with hashlib)
        assert hashlib.sha256(files[entry["file"]].read_bytes()).hexdigest() == entry["sha256"]


def test_each_part_names_the_official_files_it_came_from_in_the_registrys_terms():
    listed = json.loads((SNAPSHOT / "snapshot.json").read_text(encoding="utf-8"))["parts"]
    came_from = {sid: entry for part in listed.values() for sid, entry in part["sources"].items()}
    assert set(came_from) == {
        "statcan_12100175_quebec",
        "statcan_12100175_us_extract",
        "statcan_12100173_us_extract",
        "boc_fx_annual",
        "boc_legacy_noon",
        "bts_transborder_dot2",
        SHAPES,
    }
    for sid, entry in came_from.items():
        registered = sources.get(sid)
        assert entry["publisher"] == registered.publisher and entry["licence"] == registered.licence
        assert len(entry["sha256"]) == 64 and entry["citation"] and entry["vintage"]
        if registered.sha256:  # a file the registry holds a checksum for: the snapshot came from that very file
            assert entry["sha256"] == registered.sha256
    quebec = came_from["statcan_12100175_quebec"]
    assert "« Adapté de Statistique Canada, tableau 12-10-0175-01 »" in quebec["licence_fr"]
    assert quebec["retrieved"] == "2026-10-05" and quebec["data_to"] == "2026-07"
    assert "public domain" in came_from["bts_transborder_dot2"]["licence"]


@pytest.fixture
def shipped(snapshot, no_mirror, tmp_path, monkeypatch):  # noqa: ARG001
    """The shipped snapshot, a download cache of this test's own, no mirror."""
    monkeypatch.setenv(settings.RAW_ENV, str(tmp_path / "raw"))
    reset_caches()
    return tmp_path


def _cached_copy(raw, source_id: str, day: str, content: bytes, name: str, **record) -> None:
    folder = raw / source_id / day
    folder.mkdir(parents=True)
    (folder / name).write_bytes(content)
    provenance = {"source_id": source_id, "url": f"https://example.org/{name}", "retrieved": day}
    provenance |= {"sha256": hashlib.sha256(content).hexdigest(), **record}
    (folder / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")


@pytest.mark.usefixtures("shipped")
def test_without_a_mirror_the_snapshot_serves_the_tables_and_the_shapes():
    assert pipeline.can_load("trade_monthly_partners") and pipeline.from_snapshot("trade_monthly_partners")
    assert pipeline.from_snapshot("trade_us_states_annual") and not pipeline.can_load("trade_us_states_monthly")
    source = sources.get(SHAPES)
    assert fetch.locate(source, allow_download=False) == SNAPSHOT / "natural_earth_provinces.geojson"
    # A page records the snapshot's part as the copy it read, with the dates of the file the part came from.
    record = fetch.copy_record(
        sources.get("statcan_12100175_quebec"), fetch.copy_at_hand(sources.get("statcan_12100175_quebec"))
    )
    assert (record["retrieved"], record["released"], record["data_to"]) == ("2026-10-05", "", "2026-07")


def test_the_download_cache_comes_before_the_mirror_and_the_snapshot(shipped, monkeypatch):
    raw = shipped / "raw"
    mirror = shipped / "mirror"
    (mirror / "natural-earth").mkdir(parents=True)
    shutil.copy(SNAPSHOT / "natural_earth_provinces.geojson", mirror / sources.get(SHAPES).mirror_path)
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    reset_caches()
    source = sources.get(SHAPES)
    assert fetch.locate(source, allow_download=False) == mirror / source.mirror_path
    name = fetch.file_name(source, "")
    _cached_copy(raw, SHAPES, "2026-11-02", b'{"older": true}', name)
    _cached_copy(raw, SHAPES, "2026-12-01", b'{"newer": true}', name)
    assert fetch.locate(source, allow_download=False) == raw / SHAPES / "2026-12-01" / name
    # Versions of one table: the newest retrieval of any of them comes before the mirror's and the snapshot's.
    _cached_copy(raw, "statcan_12100175_fr", "2026-12-05", b"zip", "12100175-fra.zip", released="2026-11-05")
    spec = pipeline.BUILDS["trade_monthly_partners"]
    assert pipeline.located(spec) == {
        "statcan_12100175_fr": raw / "statcan_12100175_fr" / "2026-12-05" / "12100175-fra.zip"
    }
    assert not pipeline.from_snapshot("trade_monthly_partners")
    file = pipeline.located(spec)["statcan_12100175_fr"]
    record = fetch.copy_record(sources.get("statcan_12100175_fr"), file)
    assert (record["released"], record["retrieved"], record["vintage"]) == ("2026-11-05", "2026-12-05", "2026-12-05")


@pytest.mark.usefixtures("shipped")
def test_a_part_edited_since_it_was_recorded_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, copy)
    monkeypatch.setenv(settings.SNAPSHOT_ENV, str(copy))
    reset_caches()
    with (copy / "exchange_rates.parquet").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(Exception, match="exchange_rates.parquet: missing or not the file snapshot.json records"):
        snapshot.read("exchange_rates")


def test_a_page_says_when_a_source_was_released_and_retrieved():
    nbsp = "\u202f"  # French typography: a narrow no-break space before « ; »
    assert narrative.dates_sentence("2026-09-04", "2026-10-05", "fr") == (
        f"Données publiées le 4 septembre 2026{nbsp}; extraites le 5 octobre 2026."
    )
    assert narrative.dates_sentence("2026-09-04", "2026-10-05", "en") == (
        "Data released on September 4, 2026; retrieved on October 5, 2026."
    )
    assert narrative.dates_sentence("", "2026-10-01", "fr") == "Données extraites le 1er octobre 2026."
    assert narrative.dates_sentence("", "", "en") == "Release and retrieval dates not known."
