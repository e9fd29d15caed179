"""A careful user's bad day (issue 9): each fault ends in one readable line and a non-zero exit, and the pages and
tables a good run wrote before are byte-identical afterwards. Faults are made on a copy of the mirror, or on a copy
of the project's curated data, never on the real files."""

from __future__ import annotations

import errno
import html
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, US_EXTRACT
from csvedit import edit_row

from quebec_intl import settings
from quebec_intl.cli import main
from quebec_intl.data import atomic

TRANSBORDER = "bts-transborder"
pytestmark = pytest.mark.usefixtures("kernels")


def snapshot(*folders: Path) -> dict[Path, bytes]:
    """Every file under the folders, with its bytes."""
    return {file: file.read_bytes() for folder in folders for file in sorted(folder.rglob("*")) if file.is_file()}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory, mirror_dir, mirror_tables):
    """A copy of the mirror, and the USA page rendered from it in French: the good outputs every fault must spare."""
    root = tmp_path_factory.mktemp("bad-day")
    mirror = root / "mirror"
    shutil.copytree(mirror_dir, mirror)
    for path in [mirror, *mirror.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)  # the copy is ours to break
    env = {
        settings.MIRROR_ENV: str(mirror),
        settings.PROCESSED_ENV: str(root / "processed"),
        settings.REPORTS_ENV: str(root / "reports"),
    }
    shutil.copytree(mirror_tables, root / "processed")  # the same content: current for the copy of the mirror
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        assert main(["data"]) == 0  # every table, so that `data` in a test below has nothing new to write
        assert main(["render", "partner", "--partner", "USA", "--lang", "fr"]) == 0
    return {"root": root, "mirror": mirror, "processed": root / "processed", "reports": root / "reports", "env": env}


@pytest.fixture
def site(good_site, monkeypatch):
    """The good site's settings for this test, and a snapshot of its outputs to compare with afterwards."""
    for name, value in good_site["env"].items():
        monkeypatch.setenv(name, value)
    before = snapshot(good_site["processed"], good_site["reports"])
    yield good_site
    assert snapshot(good_site["processed"], good_site["reports"]) == before, "a good output was changed"


def fails_with(capsys, argv: list[str], *fragments: str) -> str:
    """Run the command line; it must exit 2 with one message on stderr holding every fragment."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    for fragment in fragments:
        assert fragment in captured.err, captured.err
    return captured.err


RENDER_USA = ["render", "partner", "--partner", "USA", "--lang", "fr"]
RENDER_NEW_YORK = ["render", "partner", "--partner", "US-NY", "--lang", "en"]
BUILD_DATA = ["data"]  # reads the monthly extract, which no page reads while table 12-10-0173-01 is at hand


# 1. A set mirror that is not there is an error, never a fall-back to the embedded default.


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("fault", ["missing", "a file", "empty"])
def test_a_mistyped_mirror_is_an_error_naming_the_setting(capsys, tmp_path, monkeypatch, fault):
    target = tmp_path / "mirror"
    if fault == "a file":
        target.write_text("not a folder\n")
    elif fault == "empty":
        target.mkdir()
    monkeypatch.setenv(settings.MIRROR_ENV, str(target))
    expected = {
        "missing": "no such folder",
        "a file": "a file, not a folder",
        "empty": "holds none of the registered sources",
    }[fault]
    fails_with(capsys, RENDER_USA, f"QUEBEC_INTL_MIRROR={target}: {expected}", "laid out like shared/data/mirror")


def test_a_forgotten_mirror_takes_no_page_off_the_site_and_only_prune_removes(
    outputs, mirror_dir, mirror_tables, tmp_path, monkeypatch, capsys
):
    """Europe's page stands on Statistics Canada's monthly table. With the mirror forgotten, a render of Japan (from
    the embedded default) keeps it and says how to remove it; a mirror lacking a file Europe does not read (the
    legacy noon rates) names nothing; only the whole suite with `--prune` takes it off the site and its index."""
    from quebec_intl.publish import requests
    from quebec_intl.publish.batch import render_batch

    processed, reports = outputs
    shutil.copytree(mirror_tables, processed)  # current for the full mirror
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror_dir))
    assert main(["render", "region", "--region", "europe", "--lang", "fr"]) == 0
    europe = reports / "fr/region/europe.html"
    made = europe.read_bytes()
    capsys.readouterr()

    without_noon = tmp_path / "mirror-without-the-noon-rates"
    (without_noon / "bank-of-canada").mkdir(parents=True)
    for folder in mirror_dir.iterdir():
        if folder.name != "bank-of-canada":
            (without_noon / folder.name).symlink_to(folder)
    (without_noon / "bank-of-canada/FX_RATES_ANNUAL.json").symlink_to(
        mirror_dir / "bank-of-canada/FX_RATES_ANNUAL.json"
    )
    monkeypatch.setenv(settings.MIRROR_ENV, str(without_noon))
    assert main(["render", "partner", "--partner", "Japan", "--lang", "fr"]) == 0
    assert "no longer make" not in capsys.readouterr().out and europe.read_bytes() == made

    monkeypatch.delenv(settings.MIRROR_ENV)
    assert main(["render", "partner", "--partner", "Japan", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "kept 1 page(s) the sources at hand no longer make (fr/region/europe.html)" in out
    assert "QUEBEC_INTL_MIRROR" in out and "render --all --prune" in out
    assert europe.read_bytes() == made and "region/europe.html" in (reports / "index.html").read_text("utf-8")

    japan = requests.request("partner", {"partner": "Japan", "year": None}, "fr")
    result = render_batch([japan], reports, progress=False, whole_suite=True, prune=True)
    assert result.removed == ["fr/region/europe.html"] and not europe.exists()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "region/europe.html" not in index and "partner/jpn.html" in index


# 2. A source read twice is an error naming both files.


def test_a_copied_month_folder_is_an_error_naming_both_files(site, capsys):
    month = site["mirror"] / TRANSBORDER / "2015-01"
    copy = month.with_name("2015-01 (copy)")
    shutil.copytree(month, copy)
    try:
        fails_with(
            capsys,
            RENDER_NEW_YORK,
            "month 01/2015 is held twice",
            str(month / "dot2_0115.csv"),
            str(copy / "dot2_0115.csv"),
        )
    finally:
        shutil.rmtree(copy)


def test_a_repeated_row_is_an_error_naming_both_rows(site, capsys):
    file = site["mirror"] / US_EXTRACT
    good = file.read_bytes()
    lines = good.splitlines(keepends=True)
    file.write_bytes(b"".join(lines[:3] + [lines[2]] + lines[3:]))
    try:
        fails_with(capsys, BUILD_DATA, str(file), "is given 2 times, in row 3 and row 4", "counted twice")
    finally:
        file.write_bytes(good)


# 3. A cut file, a short row, a missing row.


@pytest.mark.parametrize(
    "fault, message",
    [
        ("cut mid-number", "the last one, has no line end: the file was cut short"),
        ("short row", "has 5 field(s) where the header has 8 (the row was cut short)"),
        ("row removed", "1 of 20592 expected rows are missing"),
    ],
)
def test_a_damaged_extract_is_an_error_with_the_file_and_line(site, capsys, fault, message):
    file = site["mirror"] / US_EXTRACT
    good = file.read_bytes()
    lines = good.splitlines(keepends=True)
    if fault == "cut mid-number":
        damaged = good.rstrip(b"\n")[:-6]  # "...,11000.0,0.0,11000.0" becomes "...,11000.0,0.0,1"
    elif fault == "short row":
        damaged = b"".join(lines[:100] + [b",".join(lines[100].split(b",")[:5]) + b"\n"] + lines[101:])
    else:
        damaged = b"".join(lines[:100] + lines[101:])
    file.write_bytes(damaged)
    try:
        fails_with(capsys, BUILD_DATA, str(file), message, "download it again")
    finally:
        file.write_bytes(good)


def test_a_cut_transborder_month_is_an_error(site, capsys):
    file = site["mirror"] / TRANSBORDER / "2015-01" / "dot2_0115.csv"
    good = file.read_bytes()
    file.write_bytes(good.rstrip(b"\r\n")[:-3])
    try:
        fails_with(capsys, RENDER_NEW_YORK, str(file), "has no line end: the file was cut short")
    finally:
        file.write_bytes(good)


def test_a_transborder_month_cut_at_a_line_end_is_refused_with_its_lines(site, capsys):
    """Cut where a line ends, the month reads as a whole one with rows missing: only its checksum tells."""
    file = site["mirror"] / TRANSBORDER / "2015-01" / "dot2_0115.csv"
    good = file.read_bytes()
    file.write_bytes(b"".join(good.splitlines(keepends=True)[:30000]))
    try:
        fails_with(capsys, RENDER_NEW_YORK, str(file), "it has 30,000 lines where 70,974 are recorded")
    finally:
        file.write_bytes(good)


def test_an_edited_month_is_refused_without_the_mirror_manifest(site, capsys):
    """The project registers every month's checksum itself: the mirror's MANIFEST.csv removed, an edited value in
    March 2024 is still refused."""
    import gzip

    folder = site["mirror"] / TRANSBORDER
    manifest, aside = folder / "MANIFEST.csv", folder.parent / "MANIFEST.csv.aside"
    file = folder / "2024-03" / "dot2_0324.csv.gz"
    good = file.read_bytes()
    lines = gzip.decompress(good).splitlines(keepends=True)
    fields = lines[1].split(b",")
    fields[7] += b"0"  # VALUE ten times larger
    manifest.rename(aside)
    file.write_bytes(gzip.compress(b"".join([lines[0], b",".join(fields), *lines[2:]])))
    try:
        fails_with(capsys, RENDER_NEW_YORK, str(file), "sha256 differs from the one", "bts_transborder_sha256.csv")
    finally:
        file.write_bytes(good)
        aside.rename(manifest)


def edited_in_place(file: Path, field: int) -> bytes:
    """The file with the first digit of a field of line 2 changed (the same size), its time kept; the good bytes."""
    good, status = file.read_bytes(), file.stat()
    lines = good.splitlines(keepends=True)
    fields = lines[1].split(b",")
    fields[field] = (b"2" if fields[field][:1] == b"1" else b"1") + fields[field][1:]
    edited = b"".join([lines[0], b",".join(fields), *lines[2:]])
    assert len(edited) == len(good) and edited != good
    file.write_bytes(edited)
    os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns))
    return good


def test_an_edit_keeping_size_and_time_is_refused_where_a_table_is_built(site, capsys):
    """The checksum remembered for the extract's size and time stands for the genuine file: what a table reads is
    hashed anew, so the edit is refused against the checksum the mirror's README gives."""
    file = site["mirror"] / US_EXTRACT
    good = edited_in_place(file, 5)  # EXPORT
    try:
        fails_with(
            capsys, BUILD_DATA, str(file), "registers 8f8d35de24b6bc0db48ca57c9e1c7e35fa9423f2cfffa88dfb36dd1a227f427e"
        )
    finally:
        file.write_bytes(good)


def test_force_hashes_every_source_anew(site, capsys):
    """Without `--force` the page stands on the table built from the genuine month; with it, the month edited in
    place (size and time kept) is found and refused."""
    file = site["mirror"] / TRANSBORDER / "2015-01" / "dot2_0115.csv"
    good = edited_in_place(file, 7)  # VALUE
    try:
        fails_with(capsys, ["render", "--force", *RENDER_NEW_YORK[1:]], str(file), "sha256 differs from the one")
    finally:
        file.write_bytes(good)


# 4, 6 and 7. Curated files: script and impossible values are refused with the row; the advice fits a curated file.


@pytest.fixture
def curated_copy(site, tmp_path, monkeypatch):
    """The project's data folder copied, and read from there, so that a curated file can be broken safely; the
    tables are built beside it (a copy of the good ones), since their records name the files they were read from."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "data", copy / "data", ignore=shutil.ignore_patterns("processed", "raw"))
    shutil.copytree(site["processed"], tmp_path / "processed")
    monkeypatch.setattr(settings, "project_files", lambda: copy)
    monkeypatch.setenv(settings.PROCESSED_ENV, str(tmp_path / "processed"))
    return copy / "data" / "curated"


def test_a_script_link_in_a_curated_table_is_refused_with_its_row(curated_copy, capsys):
    events = curated_copy / "events.csv"
    edit_row(events, "fabre_agent_general_paris", "source_url", "javascript:alert(3)")
    fails_with(
        capsys,
        RENDER_USA,
        str(events),
        "column source_url",
        "an http or https address",
        "row 2 'javascript:alert(3)'",
        "it by hand (a curated file is edited, not downloaded)",
    )


def test_an_impossible_date_is_refused_with_file_row_and_column(curated_copy, capsys):
    events = curated_copy / "events.csv"
    edit_row(events, "fabre_agent_general_paris", "date_start", "2023-13-45")
    fails_with(
        capsys,
        RENDER_USA,
        str(events),
        "column date_start",
        "a real date written YYYY, YYYY-MM or YYYY-MM-DD",
        "row 2 '2023-13-45'",
    )


def test_an_unquoted_comma_names_the_line_and_the_quoting(curated_copy, capsys):
    offices = curated_copy / "offices.csv"
    lines = offices.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("Paris,FRA", "Paris, France,FRA", 1)
    offices.write_text("".join(lines), encoding="utf-8")
    err = fails_with(
        capsys,
        RENDER_USA,
        f"{offices}: line 2 has 14 field(s) where the header has 13",
        "a value holding a comma must be in double quotes",
        "it by hand (a curated file is edited, not downloaded)",
    )
    assert "download it again" not in err and "unknown country" not in err


# 5. The file system says no: one line each, never a traceback.


def test_a_source_that_is_a_folder_is_named(site, capsys):
    file = site["mirror"] / US_EXTRACT
    moved = file.with_name("moved.csv")
    file.rename(moved)
    file.mkdir()
    try:
        fails_with(capsys, RENDER_USA, f"{file} is a folder, but one file is expected")
    finally:
        file.rmdir()
        moved.rename(file)


@pytest.mark.usefixtures("site")
def test_a_reports_path_that_is_a_file_is_named(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "reports"
    blocker.write_text("")
    monkeypatch.setenv(settings.REPORTS_ENV, str(blocker))
    fails_with(capsys, RENDER_USA, f"the reports folder {blocker} is a file", "QUEBEC_INTL_REPORTS")


def test_a_full_disk_fails_the_page_on_stderr_and_keeps_the_previous_one(site, capsys, monkeypatch):
    real_write = atomic.write_text

    def full_disk(path, text):
        if path.suffix == ".html" and path.parent.name == "partner":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, text)

    monkeypatch.setattr(atomic, "write_text", full_disk)
    page = site["reports"] / "fr/partner/usa.html"
    assert main(["render", "--force", *RENDER_USA[1:]]) == 2  # forced: the page's inputs have not changed
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"No space left on device on {page}: free some space on that disk" in captured.err
    assert "1 of 1 report(s) failed" in captured.err and "No space left" not in captured.out


# 8. Years outside the data.


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (
            ["render", "partner", "--partner", "USA", "--year", "2099"],
            "no source covers 2099 for the United States (USA)",
        ),
        (["render", "overview", "--year", "2010"], "no source covers 2010 for the overview"),
        (
            ["render", "region", "--region", "seus_cp", "--year", "2018"],
            "no source covers 2018 for the Southeastern United States",
        ),
    ],
)
def test_a_year_no_source_covers_lists_the_years_that_are(site, capsys, argv, fragment):
    err = fails_with(capsys, argv, fragment, "years with data: ")
    assert not list(site["reports"].rglob("*2099*")) and not list(site["reports"].rglob("*2010*"))
    covered = {
        "partner": "2006, 2011–2025",
        "overview": "2017–2025",
        "region": "2015, 2020–2024",
    }[argv[1]]
    # the partner: official published figures before the official tables (2006, and the press's years 2000 and 2008
    # are no longer carried); the overview: the monthly table's whole years (2017–2025), no official world total in
    # current dollars before (2015's came from secondary pages, 2016's is in constant dollars), and BTS's whole years
    assert f"years with data: {covered}." in err


@pytest.mark.usefixtures("site")
def test_a_year_one_source_lacks_renders_and_says_what_is_missing(tmp_path, monkeypatch):
    """With the mirror, 2025 has the monthly table's whole year but no whole year by US state (BTS's files end with
    2024): the page says so once, in its header, and still gives the year's trade by partner."""
    monkeypatch.setenv(settings.REPORTS_ENV, str(tmp_path / "reports"))  # a page of its own, beside the good site
    assert main(["render", "overview", "--year", "2025", "--lang", "fr"]) == 0
    text = html.unescape((tmp_path / "reports/fr/overview/quebec-2025.html").read_text(encoding="utf-8"))
    assert text.count("Pour 2025, les sources actuelles ne couvrent pas le commerce du Québec par État américain") == 1
    assert "Non couvert dans ce rapport\u00a0: Principaux partenaires" not in text


# 5. Ctrl-C in a batch: the finished pages stay, with the index; nothing half-written; one line.


@pytest.mark.usefixtures("no_mirror")
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_keeps_the_finished_pages_and_says_how_many(outputs, number):
    """Ctrl-C, and SIGTERM (`kill`, a service manager) alike."""
    _, reports = outputs
    command = [sys.executable, "-m", "quebec_intl.cli", "render", "--all"]
    # Started as a terminal starts it, with Ctrl-C's default action: a process inherits an ignored SIGINT, and in a
    # whole test run this one may have been left ignoring it (an IPython kernel app ignores it on purpose).
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QUEBEC_INTL_REPORTS": str(reports)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 240
    while len(list(reports.rglob("*.html"))) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(number)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    finished = sorted(p.relative_to(reports).as_posix() for p in reports.glob("*/*/*.html"))
    assert f"interrupted: {len(finished)} of " in err and "run the same command again" in err, (finished, err[-600:])
    assert len(finished) >= 2 and not list(reports.rglob("*.tmp"))
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert all(page in index for page in finished)
