"""`quebec-intl update` end to end against a local replica of the publishers' services, over real HTTP
(tests/service_replica.py): the new vintage kept, the new month in the tables, the revision found exactly, only the
pages whose recorded inputs changed rendered again, the "what's new" page; `--check`'s exit codes; and each failure
answer refused with every table, page and download left as it was. A small site (three pages) on a copy of the
mirror holding two BTS months keeps it quick. The expectations are read from the replica's own rows with the
standard library."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import reset_caches
from htmlcheck import text_of
from service_replica import FRENCH_HEADER, NEW_MONTH, RATE_2025, RELEASE, Replica, french_zip, later_vintage, serve

from quebec_intl import cli, settings
from quebec_intl.publish import requests as pages
from quebec_intl.publish.batch import render_batch

pytestmark = [pytest.mark.mirror, pytest.mark.kernels]

ZIP_PATH = "/n1/tbl/csv/12100175-fra.zip"
DOWNLOAD_PATH = "/t1/wds/rest/getFullTableDownloadCSV/12100175/fr"
SITE = (("overview", {}), ("partner", {"partner": "FRA"}), ("relations", {}))


@pytest.fixture(scope="module")
def small_mirror(mirror_dir, tmp_path_factory) -> Path:
    """The mirror's files (linked, not copied), BTS cut to its last two months."""
    folder = tmp_path_factory.mktemp("update-mirror")
    for entry in mirror_dir.iterdir():
        if entry.name != "bts-transborder":
            (folder / entry.name).symlink_to(entry)
    (folder / "bts-transborder").mkdir()
    for month in ("2024-11", "2024-12"):
        (folder / "bts-transborder" / month).symlink_to(mirror_dir / "bts-transborder" / month)
    return folder


@pytest.fixture(scope="module")
def replica(small_mirror):
    service = Replica(small_mirror)
    server = serve(service)
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(small_mirror, replica, tmp_path_factory, kernels) -> dict[str, str]:  # noqa: ARG001
    """Three pages (French) rendered from the small mirror; the settings that reach them and the replica."""
    root = tmp_path_factory.mktemp("update-site")
    env = {
        settings.MIRROR_ENV: str(small_mirror),
        settings.RAW_ENV: str(root / "raw"),
        settings.PROCESSED_ENV: str(root / "processed"),
        settings.REPORTS_ENV: str(root / "reports"),
        **replica.settings(),
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        reset_caches()
        result = render_batch(
            [pages.request(kind, given, "fr") for kind, given in SITE], root / "reports", progress=False, jobs=1
        )
        assert not result.failed, result.failed
    reset_caches()
    return env


@pytest.fixture
def at_site(site, monkeypatch) -> Path:
    for name, value in site.items():
        monkeypatch.setenv(name, value)
    reset_caches()
    yield Path(site[settings.REPORTS_ENV]).parent
    reset_caches()


def checksums(root: Path) -> dict[str, str]:
    """Every file the product keeps (downloads, tables, pages), by checksum; its own memo of checksums aside."""
    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file() and file.name not in (".checksums.json",) and not file.name.endswith(".lock")
    }


def _english_header_zip(mirror: Path) -> bytes:
    rows, _ = later_vintage(mirror)
    return french_zip(rows, ["REF_DATE", "GEO", *FRENCH_HEADER[2:]])


FAILURES = {
    "404": (ZIP_PATH, lambda _r: (404, "text/html", b"<html><body>Not Found</body></html>"), "HTTP 404"),
    "409": (DOWNLOAD_PATH, lambda _r: (409, "application/json", b'{"status":"FAILED"}'), "HTTP 409"),
    "html": (ZIP_PATH, lambda _r: (200, "text/html", b"<!DOCTYPE html><html>Maintenance</html>"), "HTML page"),
    "truncated zip": (
        ZIP_PATH,
        lambda r: (200, "application/zip", r.expected["zip"][: len(r.expected["zip"]) // 2]),
        "cut short",
    ),
    "wrong header": (ZIP_PATH, lambda r: (200, "application/zip", _english_header_zip(r.mirror)), "header"),
    # after the table's download passed: it is not kept either
    "html for a BTS month": (
        "/bts/2025/January2025.zip",
        lambda _r: (200, "text/html", b"<html>Please wait</html>"),
        "January2025.zip answered an HTML page",
    ),
}


@pytest.mark.parametrize("failure", [*FAILURES, "refused connection"])
def test_a_failed_or_wrong_answer_changes_nothing_and_says_what_failed(failure, at_site, replica, monkeypatch, capsys):
    before = checksums(at_site)
    if failure == "refused connection":
        monkeypatch.setenv(settings.WDS_ENV, "http://127.0.0.1:9/t1/wds/rest")  # nothing listens on port 9
        said = "connection refused"
    else:
        path, answer, said = FAILURES[failure]
        replica.failures[path] = answer(replica)
    try:
        status = cli.main(["update"])
    finally:
        replica.failures.clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and err[0].startswith("quebec-intl: error: ") and said in err[0], err
    assert checksums(at_site) == before


def _quebec_rows(zip_file: Path) -> list[list[str]]:
    with zipfile.ZipFile(zip_file) as archive:
        text = archive.read("12100175.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_update_keeps_the_new_vintage_finds_the_revision_and_renders_only_what_changed(at_site, replica, capsys):
    reports = at_site / "reports"
    recorded = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["pages"]
    pages_before = {page: hashlib.sha256((reports / page).read_bytes()).hexdigest() for page in recorded}
    assert cli.main(["update", "--check"]) == 3

    assert cli.main(["update", "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    today = dt.date.today().isoformat()

    # The new vintage: Québec's (and Canada's) rows only, with its address, checksum and release time.
    vintage = at_site / "raw" / "statcan_12100175_fr" / today
    provenance = json.loads((vintage / "provenance.json").read_text(encoding="utf-8"))
    kept = _quebec_rows(vintage / "12100175-fra.zip")
    assert provenance["release_time"] == RELEASE and provenance["url"] == f"{replica.base}{ZIP_PATH}"
    # its last month, as the rows kept hold it and as getCubeMetadata said (the replica's new month)
    assert provenance["data_to"] == provenance["cube_end_date"] == NEW_MONTH
    assert provenance["sha256"] == hashlib.sha256((vintage / "12100175-fra.zip").read_bytes()).hexdigest()
    assert {row[1] for row in kept[1:]} == {"Québec"} and kept[0] == FRENCH_HEADER
    assert (
        at_site / "raw" / "bts_transborder_dot2" / today / "bts-transborder" / "2025-01" / "dot2_0125.csv"
    ).is_file()
    for source_id, last in (("bts_transborder_dot2", "2025-01"), ("boc_fx_annual", "2025")):
        record = json.loads((at_site / "raw" / source_id / today / "provenance.json").read_text(encoding="utf-8"))
        assert record["data_to"] == last, source_id
    rates = json.loads((at_site / "raw" / "boc_fx_annual" / today / "FX_RATES_ANNUAL.json").read_text(encoding="utf-8"))
    assert rates["observations"][-1] == {"d": "2025-01-01", "FXAUSDCAD": {"v": RATE_2025}}
    rate_table = pd.read_parquet(at_site / "processed" / "exchange_rates.parquet")
    assert rate_table.loc[rate_table["ref_year"].eq(2025), "cad_per_unit"].tolist() == [float(RATE_2025)]

    # The new month in the tables, and the one revised cell found exactly, old and new.
    monthly = pd.read_parquet(at_site / "processed" / "trade_monthly_partners.parquet")
    world = monthly[
        monthly["reporter_code"].eq("QC")
        & monthly["partner_code"].eq("WLD")
        & monthly["flow"].eq("export")
        & monthly["product_section_code"].eq("total")
        & monthly["ref_year"].eq(2026)
        & monthly["ref_month"].eq(8)
    ]
    assert world["value_cad"].tolist() == [replica.expected["new_month_exports"] * 1000]
    revisions = pd.read_parquet(at_site / "processed" / "vintage_revisions.parquet")
    cells = revisions[revisions["reporter_code"].eq("QC")]
    assert cells[["ref_year", "ref_month", "partner_code", "flow", "product_section_code"]].values.tolist() == [
        [2026, 5, "FRA", "export", "total"]
    ]
    old, new = replica.expected["revised_old"] * 1000, replica.expected["revised_new"] * 1000
    assert cells[["old_value_cad", "new_value_cad", "difference_cad"]].values.tolist() == [[old, new, new - old]]

    # The "what's new" page, linked from the index, lists the revised cell with its old and new values.
    page = (reports / "fr" / "whatsnew" / f"{today}.html").read_text(encoding="utf-8")
    text = page.replace("\u00a0", " ").replace("\u202f", " ")
    assert "France" in text and f"{old / 1e6:.1f} M$".replace(".", ",") in text
    assert f"{new / 1e6:.1f} M$".replace(".", ",") in text and "août 2026" in text.lower()
    assert "Taux de change annuels de la Banque du Canada" in text, "the new year of rates is said"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert f"fr/whatsnew/{today}.html" in index
    # How current the site is, on the front page and in a page's printed footer: the new vintage's last month.
    assert "tableau 12-10-0175-01 : données jusqu'en août 2026" in text_of(reports / "index.html").replace(
        "\u00a0", " "
    )
    overview = (reports / "fr" / "overview" / "quebec.html").read_text(encoding="utf-8")
    footer = overview.split("@bottom-left", 1)[1].split("}", 1)[0].replace("\u00a0", " ")
    assert "Dernière période des données : août 2026" in footer, footer
    cited = text_of(reports / "fr" / "overview" / "quebec.html").replace("\u00a0", " ")
    assert "Données jusqu'en août 2026. Données publiées le 8 octobre 2026" in cited, "the download's period, cited"
    assert (reports / "en" / "whatsnew" / f"{today}.html").is_file()

    # Only the pages whose recorded inputs changed were rendered again (a table they read): the relations page, which
    # reads no trade figure, is not, although the update moves the site's monthly table from the mirror's copy to the
    # download; the count the summary gives is theirs, and the page not rendered again is the same bytes.
    def fingerprint(table):
        return json.loads((at_site / "processed" / f"{table}.meta.json").read_text(encoding="utf-8"))["fingerprint"]

    tables_changed = {p for p, r in recorded.items() if any(fingerprint(t) != f for t, f in r["tables"].items())}
    rewritten = {p for p, sha in pages_before.items() if hashlib.sha256((reports / p).read_bytes()).hexdigest() != sha}
    assert rewritten == tables_changed == {"fr/overview/quebec.html", "fr/partner/fra.html"}, rewritten
    assert "re-rendered 2 page(s)" in said and ", kept 1 unchanged" in said, said  # and the new bulletin made
    assert "août 2026" in (reports / "fr" / "overview" / "quebec.html").read_text(encoding="utf-8").replace(
        "\u00a0", " "
    ), "the overview shows the new month"

    # A second update has nothing to do, quickly; --check agrees.
    start = time.perf_counter()
    assert cli.main(["update"]) == 0
    assert time.perf_counter() - start < 5.0
    assert "nothing new" in capsys.readouterr().out
    assert cli.main(["update", "--check"]) == 0
