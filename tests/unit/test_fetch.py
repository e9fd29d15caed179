"""Downloads replay recorded Web Data Service answers: no test touches the network."""

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
import statcan_fixture as fx

from quebec_intl import settings
from quebec_intl.data import fetch, pipeline, sources

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wds"
WDS = fetch.statcan_wds_url("12100173")
ZIP_URL = "https://www150.statcan.gc.ca/n1/tbl/csv/12100173-eng.zip"


class Replay:
    """A transport that answers each address with its recorded outcomes, in order: bytes, or an error to raise."""

    def __init__(self, answers):
        self.answers = {url: list(outcomes) for url, outcomes in answers.items()}
        self.calls = []

    def __call__(self, url, _timeout, sink):
        self.calls.append(url)
        outcomes = self.answers.get(url) or [OSError(f"no recorded answer for {url}")]
        outcome = outcomes.pop(0) if len(outcomes) > 1 else outcomes[0]
        if isinstance(outcome, Exception):
            raise outcome
        sink.write(outcome)


@pytest.fixture
def table_zip(tmp_path):
    return fx.small_annual(tmp_path / "recorded" / "12100173-eng.zip").read_bytes()


@pytest.fixture
def offline(tmp_path, monkeypatch, outputs, no_mirror):  # noqa: ARG001
    monkeypatch.setenv(settings.RAW_ENV, str(tmp_path / "raw"))
    return tmp_path / "raw"


def test_download_resolves_the_address_retries_and_records_provenance(offline, table_zip):
    http = Replay(
        {
            WDS: [(FIXTURES / "getFullTableDownloadCSV_12100173_en.json").read_bytes()],
            ZIP_URL: [TimeoutError("timed out"), table_zip],
        }
    )
    pauses = []
    file = fetch.retrieve(
        sources.get("statcan_12100173"), offline, http, today=dt.date(2026, 11, 21), sleep=pauses.append
    )
    assert file == offline / "statcan_12100173" / "2026-11-21" / "12100173-eng.zip"
    assert file.read_bytes() == table_zip and http.calls == [WDS, ZIP_URL, ZIP_URL] and pauses == [1.0]
    provenance = json.loads((file.parent / "provenance.json").read_text())
    assert provenance["url"] == ZIP_URL and provenance["sha256"] == sources.sha256_of(file)


@pytest.mark.usefixtures("offline")
def test_the_cache_is_used_before_the_network(table_zip):
    http = Replay({WDS: [(FIXTURES / "getFullTableDownloadCSV_12100173_en.json").read_bytes()], ZIP_URL: [table_zip]})
    assert len(pipeline.build("trade_annual_all_partners", http)) == 56
    calls = len(http.calls)
    assert pipeline.load("trade_annual_all_partners").shape[0] == 56 and len(http.calls) == calls


def test_a_corrupted_cached_copy_is_not_used(offline, table_zip):
    http = Replay({WDS: [(FIXTURES / "getFullTableDownloadCSV_12100173_en.json").read_bytes()], ZIP_URL: [table_zip]})
    file = fetch.retrieve(sources.get("statcan_12100173"), offline, http)
    file.write_bytes(b"tampered")
    assert fetch.cached(sources.get("statcan_12100173"), offline) is None


def test_a_failed_download_names_what_was_tried_and_leaves_nothing(offline):
    http = Replay({WDS: [OSError("Name or service not known")]})
    with pytest.raises(fetch.FetchError) as error:
        fetch.locate(sources.get("statcan_12100173"), http, sleep=lambda _s: None)
    message = str(error.value)
    assert WDS in message and "attempt 3" in message and settings.MIRROR_ENV in message and "cache" in message
    assert not list(offline.rglob("*.zip")) and not list(offline.rglob(".*"))


@pytest.mark.usefixtures("offline")
def test_an_unexpected_service_answer_is_an_error():
    http = Replay({WDS: [(FIXTURES / "getFullTableDownloadCSV_failed.json").read_bytes()]})
    with pytest.raises(fetch.FetchError, match="unexpected answer"):
        fetch.resolve_statcan_download("12100173", http)


@pytest.mark.usefixtures("offline")
def test_build_all_without_network_or_mirror_keeps_the_embedded_default(monkeypatch):
    monkeypatch.setattr(fetch.time, "sleep", lambda _s: None)
    report = pipeline.build_all(Replay({}))
    assert "published_annual" in report.built and "offices" in report.built and report.download_failed
    assert not {"trade_monthly", "trade_annual_all_partners", "trade_monthly_principal_partners"} & set(report.built)
    assert "read from a mirror only" in report.unavailable["trade_monthly"]
    assert "could not download" in report.unavailable["trade_annual_all_partners"]


@pytest.mark.usefixtures("outputs")
def test_with_a_mirror_a_missing_file_is_reported_not_downloaded(monkeypatch, tmp_path):
    from conftest import extract_row, write_us_extract

    monkeypatch.setenv(
        settings.MIRROR_ENV,
        str(write_us_extract(tmp_path / "partial-mirror", [extract_row("Québec", "2023-01", 1.0, 1.0)]).parents[1]),
    )
    http = Replay({})
    with pytest.raises(fetch.SourceUnavailable, match="not in the mirror"):
        fetch.locate(sources.get("statcan_12100173"), http)
    assert http.calls == []


def test_a_download_is_recorded_with_its_retrieval_date_as_its_vintage(offline, table_zip):
    from quebec_intl.publish import manifest

    http = Replay({WDS: [(FIXTURES / "getFullTableDownloadCSV_12100173_en.json").read_bytes()], ZIP_URL: [table_zip]})
    fetch.retrieve(sources.get("statcan_12100173"), offline, http, today=dt.date(2026, 11, 21))
    entry = manifest.source_entry("statcan_12100173")
    assert entry["vintage"] == "2026-11-21" and "<" not in entry["vintage"]  # never the registry's placeholder
    line = next(line for line in pipeline.source_summary() if line.startswith("statcan_12100173:"))
    assert "vintage 2026-11-21" in line


@pytest.mark.usefixtures("offline")
def test_data_keeps_a_table_built_from_the_very_files_and_rebuilds_one_whose_file_changed_in_place(
    monkeypatch, tmp_path
):
    """A second `build_all` keeps what it built (untouched on disk) and says so; an edit of a curated file that keeps
    its size and time is still seen (the file is read again), and `force` builds every table again."""
    from conftest import PROJECT_ROOT

    copy = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "data", copy / "data", ignore=shutil.ignore_patterns("processed", "raw"))
    monkeypatch.setattr(settings, "project_files", lambda: copy)
    monkeypatch.setattr(fetch.time, "sleep", lambda _s: None)
    first = pipeline.build_all(Replay({}))
    stored = pipeline.table_path("offices")
    written = stored.stat().st_mtime_ns
    again = pipeline.build_all(Replay({}))
    assert {"offices", "published_annual"} <= set(again.current) and not {"offices", "published_annual"} & set(
        again.built
    )
    assert again.current["offices"] == first.built["offices"] and stored.stat().st_mtime_ns == written

    curated = copy / "data" / "curated" / "offices.csv"
    status, text = curated.stat(), curated.read_text(encoding="utf-8")
    curated.write_text(text.replace("Atlanta", "Atlantb", 1), encoding="utf-8")  # same size
    os.utime(curated, ns=(status.st_atime_ns, status.st_mtime_ns))  # and same time
    edited = pipeline.build_all(Replay({}))
    assert "offices" in edited.built and "published_annual" in edited.current
    read = {entry["file"]: entry["sha256"] for entry in pipeline.meta("offices")["sources"].values()}
    assert read[str(curated)] == hashlib.sha256(curated.read_bytes()).hexdigest()  # the edited file, as it is now

    forced = pipeline.build_all(Replay({}), force=True)
    assert {"offices", "published_annual"} <= set(forced.built) and not forced.current
