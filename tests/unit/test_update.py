"""The parts of `update` a hand-made example checks: which cells a new vintage revises and which months it adds,
which revisions the "what's new" page lists, and that a vintage in the cache is read before the mirror."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.data import fetch, sources
from quebec_intl.data import update as data_update
from quebec_intl.publish import whatsnew

VALET = Path(__file__).resolve().parents[1] / "fixtures" / "valet" / "FX_RATES_ANNUAL.json"


def _cells(rows):
    columns = ["ref_year", "ref_month", "reporter_code", "partner_code", "flow", "product_section_code", "value_cad"]
    return pd.DataFrame(rows, columns=columns)


def test_every_changed_cell_is_a_revision_and_only_those():
    old = _cells(
        [
            (2026, 5, "QC", "FRA", "export", "total", 222_814_000.0),
            (2026, 5, "QC", "FRA", "import", "total", 100_000_000.0),
            (2026, 5, "QC", "USA", "export", "total", None),  # suppressed, then published
            (2026, 6, "QC", "USA", "import", "total", None),  # suppressed in both: not a revision
        ]
    )
    new = _cells(
        [
            (2026, 5, "QC", "FRA", "export", "total", 235_159_000.0),
            (2026, 5, "QC", "FRA", "import", "total", 100_000_000.0),
            (2026, 5, "QC", "USA", "export", "total", 7_000_000_000.0),
            (2026, 6, "QC", "USA", "import", "total", None),
            (2026, 8, "QC", "FRA", "export", "total", 1.0),
        ]
    )
    found = data_update.revisions(old, new)
    assert found[["partner_code", "flow"]].values.tolist() == [["FRA", "export"], ["USA", "export"]]
    assert found["difference_cad"].iloc[0] == 12_345_000.0 and pd.isna(found["old_value_cad"].iloc[1])
    assert data_update.new_months(old, new) == [(2026, 8)]


def test_the_page_lists_revisions_from_the_threshold_largest_first():
    revisions = _cells(
        [
            (2026, 5, "QC", "FRA", "export", "total", 0.0),
            (2026, 4, "QC", "DEU", "import", "total", 0.0),
            (2026, 3, "QC", "JPN", "export", "total", 0.0),
        ]
    ).drop(columns="value_cad")
    revisions = revisions.assign(
        old_value_cad=[100e6, 300e6, 50e6], new_value_cad=[105e6, 280e6, 50.4e6], difference_cad=[5e6, -20e6, 0.4e6]
    )
    update = whatsnew.Update("2026-12-06", revisions=revisions)
    page = whatsnew.render(update, "fr").replace("\u00a0", " ").replace("\u202f", " ")
    assert page.index("Allemagne") < page.index("France") and "Japon" not in page  # 0,4 M$ is under 1 M$
    assert "−20,0 M$" in page and "+5,0 M$" in page and "(2 sur 3 valeurs révisées)" in page


@pytest.fixture
def valet_mirror(tmp_path, monkeypatch, outputs):  # noqa: ARG001
    mirror = tmp_path / "mirror"
    (mirror / "bank-of-canada").mkdir(parents=True)
    shutil.copyfile(VALET, mirror / "bank-of-canada" / "FX_RATES_ANNUAL.json")
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    monkeypatch.setenv(settings.RAW_ENV, str(tmp_path / "raw"))
    return mirror


def test_a_vintage_in_the_cache_is_read_before_the_mirror(valet_mirror, tmp_path):
    source = sources.get("boc_fx_annual")
    assert fetch.locate(source, allow_download=False) == valet_mirror / "bank-of-canada" / "FX_RATES_ANNUAL.json"
    answer = json.loads(VALET.read_text(encoding="utf-8"))
    answer["observations"].append({"d": "2025-01-01", "FXAUSDCAD": {"v": "1.4000"}})  # SYNTHETIC later year

    def http(_url, _timeout, sink):
        sink.write(json.dumps(answer).encode())

    kept = fetch.retrieve(source, tmp_path / "raw", http, today=dt.date(2026, 12, 6))
    assert fetch.locate(source, allow_download=False) == kept == tmp_path / "raw/boc_fx_annual/2026-12-06" / kept.name


def test_the_page_links_the_new_months_bulletin():
    """An update that made a new month's bulletin links it from its what's-new page, in each language."""
    update = whatsnew.Update("2026-12-06", bulletin_month="2026-08")
    french = whatsnew.render(update, "fr").replace("\u00a0", " ")
    assert '<a href="../bulletin/2026-08.html">Bulletin mensuel du commerce : août 2026</a>' in french
    assert '<a href="../bulletin/2026-08.html">Monthly trade bulletin: August 2026</a>' in whatsnew.render(update, "en")
    assert "../bulletin/" not in whatsnew.render(whatsnew.Update("2026-12-06"), "en")


def test_a_bts_month_published_under_its_short_name_is_found_and_a_month_under_none_is_not_yet(tmp_path, monkeypatch):
    """BTS names a month's archive in full (January2025.zip) or by three letters (Feb2025.zip, as public scripts
    reading its folder found): over real HTTP, February 2025 is found under its short name; March, under neither
    name, is "not published yet", not a failure."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            found = self.path == "/bts/2025/Feb2025.zip"
            self.send_response(200 if found else 404)
            self.end_headers()
            self.wfile.write(b"PK archive" if found else b"not found")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv(settings.BTS_ENV, f"http://127.0.0.1:{server.server_port}/bts")
        url, file = data_update._download_month((2025, 2), tmp_path / "month.zip")
        assert url.endswith("/bts/2025/Feb2025.zip") and file.read_bytes() == b"PK archive"
        assert data_update._download_month((2025, 3), tmp_path / "month.zip") is None
        assert asked[-2:] == ["/bts/2025/March2025.zip", "/bts/2025/Mar2025.zip"]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.usefixtures("valet_mirror")
def test_a_downloaded_vintage_is_cited_with_its_last_period_the_registry_cannot_give(tmp_path):
    """The mirror's copy is cited by the registry's coverage (2017 to 2024), with no period sentence; a vintage
    `update` kept is cited with the last year its record gives (2025: SYNTHETIC), before its retrieval date."""
    from quebec_intl.reports import citations
    from quebec_intl.reports.context import ReportContext

    source = sources.get("boc_fx_annual")
    assert "jusqu" not in citations.dates(source, ReportContext.of("fr"))
    answer = json.loads(VALET.read_text(encoding="utf-8"))
    answer["observations"].append({"d": "2025-01-01", "FXAUSDCAD": {"v": "1.4000"}})  # SYNTHETIC later year

    def http(url, timeout, sink):  # noqa: ARG001
        sink.write(json.dumps(answer).encode())

    kept = fetch.retrieve(source, tmp_path / "raw", http, today=dt.date(2026, 12, 6))
    record = json.loads((kept.parent / fetch.PROVENANCE).read_text(encoding="utf-8"))
    (kept.parent / fetch.PROVENANCE).write_text(json.dumps({**record, "data_to": "2025"}), encoding="utf-8")
    french = citations.dates(source, ReportContext.of("fr")).replace("\u00a0", " ")
    assert french == "Données jusqu'en 2025. Données extraites le 6 décembre 2026."
    assert citations.dates(source, ReportContext.of("en")) == "Data to 2025. Data retrieved on December 6, 2026."
