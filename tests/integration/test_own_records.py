"""The product's own records are inputs too (issue 20): a processed table, its meta file, a download's provenance
record or the site's manifest found damaged, cut short or empty is rebuilt, or gives one line, never a traceback;
two renders of the same site at the same time keep both pages' records."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from quebec_intl import settings
from quebec_intl.caching import reset_caches
from quebec_intl.cli import main
from quebec_intl.data import fetch, pipeline, sources, trade
from quebec_intl.publish import manifest


@pytest.mark.usefixtures("no_mirror")
@pytest.mark.parametrize("damage", ["cut", "empty", "not json", "another shape"])
def test_a_damaged_meta_file_means_the_table_is_built_again(outputs, damage):
    good = pipeline.load("published_annual").copy()
    meta = outputs[0] / "published_annual.meta.json"
    text = meta.read_text(encoding="utf-8")
    meta.write_text({"cut": text[: len(text) // 2], "empty": "", "not json": "\x00\x01", "another shape": "[]"}[damage])
    reset_caches()
    assert not pipeline.is_current("published_annual")
    assert pipeline.load("published_annual").equals(good) and pipeline.is_current("published_annual")


@pytest.mark.usefixtures("no_mirror")
@pytest.mark.parametrize("damage", ["cut", "changed"])
def test_a_damaged_stored_table_is_built_again(outputs, damage):
    good = pipeline.load("events").copy()
    table = outputs[0] / "events.parquet"
    data = table.read_bytes()
    table.write_bytes(data[: len(data) // 2] if damage == "cut" else data[:-20] + bytes(20))
    reset_caches()
    assert pipeline.load("events").equals(good)


@pytest.mark.usefixtures("monkeypatch", "no_mirror", "outputs")
def test_a_damaged_download_record_is_not_used(tmp_path):
    source = sources.get("statcan_12100173")
    folder = tmp_path / "raw" / source.id / "2026-11-21"
    folder.mkdir(parents=True)
    (folder / "12100173-eng.zip").write_bytes(b"PK")
    (folder / "provenance.json").write_text('{"url": "https://www150.statcan', encoding="utf-8")  # cut short
    assert fetch.cached(source, tmp_path / "raw") is None


def _record_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("note:")]


@pytest.mark.usefixtures("kernels", "no_mirror")
@pytest.mark.parametrize("damage", ["cut", "empty", "an older shape"])
def test_a_damaged_manifest_is_said_once_and_the_page_recorded_afresh(outputs, capsys, damage):
    _, reports = outputs
    assert main(["render", "relations", "--lang", "fr"]) == 0
    file = manifest.path(reports)
    text = file.read_text(encoding="utf-8")
    older = json.loads(text)
    for entry in older["pages"].values():
        entry["subject"] = "QC · International relations · Relations internationales"  # as an earlier version wrote
    file.write_text({"cut": text[: len(text) // 3], "empty": "", "an older shape": json.dumps(older)}[damage])
    capsys.readouterr()
    assert main(["render", "relations", "--lang", "fr"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(_record_lines(captured.out)) == 1
    assert "manifest.json" in _record_lines(captured.out)[0]
    assert list(manifest.read(reports)) == ["fr/relations/quebec.html"]  # recorded afresh, the index with it
    assert "fr/relations/quebec.html" in (reports / "index.html").read_text(encoding="utf-8")


@pytest.mark.usefixtures("kernels", "no_mirror")
def test_two_renders_of_one_site_at_the_same_time_keep_both_records(outputs):
    _, reports = outputs
    env = {**os.environ, settings.REPORTS_ENV: str(reports), settings.PROCESSED_ENV: str(outputs[0])}
    pipeline.prepare(trade.REPORT_TABLES)  # the tables first: the two renders then only read them
    commands = [["render", "relations", "--lang", "fr"], ["render", "relations", "--partner", "FRA", "--lang", "en"]]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "quebec_intl.cli", *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    assert sorted(manifest.read(reports)) == ["en/relations/fra.html", "fr/relations/quebec.html"]
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "en/relations/fra.html" in index and "fr/relations/quebec.html" in index
