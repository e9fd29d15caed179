"""Provenance that is checked, not only recorded (issue 20): a registered checksum is verified when its file is read,
the best-source choice is a pipeline table with its schema and meta file, every table built is read by something,
and one call forgets every memoised result."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, extract_row, write_us_extract

from quebec_intl import settings
from quebec_intl.caching import reset_caches
from quebec_intl.data import fields, partners, pipeline, sources, trade
from quebec_intl.errors import SourceFileError

PACKAGE = PROJECT_ROOT / "src" / "quebec_intl"


@pytest.mark.usefixtures("outputs")
def test_a_copy_unlike_the_registered_file_is_refused_with_both_checksums(tmp_path, monkeypatch):
    file = write_us_extract(tmp_path / "mirror", [extract_row("Québec", "2023-01", 10.0, 4.0)])  # SYNTHETIC
    monkeypatch.setenv(settings.MIRROR_ENV, str(tmp_path / "mirror"))
    with pytest.raises(SourceFileError) as error:
        pipeline.build("trade_monthly")
    message = str(error.value)
    registered = sources.get("statcan_12100175_us_extract").sha256
    assert str(file) in message and sources.sha256_of(file) in message and registered in message
    assert not pipeline.table_path("trade_monthly").exists()  # nothing was stored from it


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_the_best_source_choice_is_a_table_with_its_schema_and_meta_file():
    for table in ("trade_annual", "published_not_used"):
        frame = pipeline.load(table)
        assert list(frame.columns) == fields.table_fields(table) and "basis" in frame
        recorded = pipeline.meta(table)
        assert recorded["tables"].keys() == {"published_annual"} and recorded["rows"] == len(frame)
    dataset = trade.load()
    assert dataset.annual.equals(pipeline.load("trade_annual"))  # the reports read the pipeline's choice as it is


def _names_loaded(source: str) -> set[str]:
    """The table names a module's code passes, as text, to `pipeline.load(...)`: a name only listed (in a tuple, a
    `can_load` or a comment) is not a read."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "load"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "pipeline"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(node.args[0].value)
    return found


def test_only_a_load_by_name_counts_as_a_read():
    source = (
        'TABLES = ("events", "offices")\nif pipeline.can_load("agreements"):\n    x = pipeline.load("trade_annual")\n'
    )
    assert _names_loaded(source) == {"trade_annual"}


def test_every_table_the_pipeline_builds_is_read():
    """Read by name outside the pipeline, or an input of a table that is read (the reconciliations are read by the
    command line)."""
    loaded = set().union(
        *(
            _names_loaded(file.read_text(encoding="utf-8"))
            for file in PACKAGE.rglob("*.py")
            if file.name != "pipeline.py"
        )
    )
    assert loaded <= set(pipeline.BUILDS), loaded - set(pipeline.BUILDS)  # no load of a table nothing builds
    read, reached = set(), list(loaded)
    while reached:  # a table is read when a table read is built from it
        table = reached.pop()
        if table not in read:
            read.add(table)
            reached += pipeline.BUILDS[table].tables
    assert sorted(set(pipeline.BUILDS) - read) == []
    assert set(trade.REPORT_TABLES) <= loaded  # each table the batch prepares is one a report reads


def test_reset_caches_reads_an_edited_reference_table_afresh(tmp_path, monkeypatch):
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", copy / "data" / "reference")
    monkeypatch.setattr(settings, "project_files", lambda: copy)
    reset_caches()
    assert partners.resolve("CHN").name_fr == "Chine"
    names = copy / "data" / "reference" / "country_names.csv"
    names.write_text(names.read_text(encoding="utf-8").replace("CHN,Chine,", "CHN,Chine (édité),"), encoding="utf-8")
    assert partners.all_partners()["CHN"].name_fr == "Chine"  # memoised: the edit is not seen yet
    reset_caches()
    assert partners.all_partners()["CHN"].name_fr == "Chine (édité)"


def test_a_file_changed_since_its_checksum_was_recorded_is_hashed_again(tmp_path):
    """Checksums are remembered across runs with the file's size and time: a changed file never keeps its old one,
    and a damaged record only costs a new hash."""
    import hashlib
    import os

    file = tmp_path / "source.csv"
    file.write_text("a,b\n1,2\n")
    assert sources.sha256_of(file) == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    sources.save_remembered()  # as the command line does at its end, and a kernel at a page's
    assert str(file.resolve()) in sources._checksums_path().read_text()  # recorded for the next run
    before = file.stat().st_mtime_ns
    file.write_text("a,b\n1,3\n")  # the same size
    os.utime(file, ns=(before + 1_000_000, before + 1_000_000))
    reset_caches()
    assert sources.sha256_of(file) == hashlib.sha256(b"a,b\n1,3\n").hexdigest()
    sources._checksums_path().write_text("{not json")
    reset_caches()
    assert sources.sha256_of(file) == hashlib.sha256(b"a,b\n1,3\n").hexdigest()


def _edited_keeping_size_and_time(tmp_path: Path) -> tuple[Path, str, str]:
    """A file hashed once (its sum remembered for its size and time), then edited keeping both; the two sums."""
    import hashlib
    import os

    good, edited = b"a,b\n1,2\n", b"a,b\n1,3\n"
    file = tmp_path / "source.csv"
    file.write_bytes(good)
    stamp = file.stat().st_mtime_ns
    assert sources.sha256_of(file) == hashlib.sha256(good).hexdigest()
    file.write_bytes(edited)
    os.utime(file, ns=(stamp, stamp))
    assert sources.sha256_of(file) == hashlib.sha256(good).hexdigest()  # the premise: the remembered sum is fooled
    return file, hashlib.sha256(good).hexdigest(), hashlib.sha256(edited).hexdigest()


def test_a_registered_file_edited_keeping_its_size_and_time_is_refused(tmp_path):
    from dataclasses import replace

    from quebec_intl.data import fetch

    file, good, edited = _edited_keeping_size_and_time(tmp_path)
    registered = replace(sources.get("boc_fx_annual"), sha256=good)
    with pytest.raises(SourceFileError, match=f"its sha256 is {edited}, but .* registers {good}"):
        fetch.check_registered(registered, file)
    assert sources.sha256_of(file, remembered=False) == edited


def test_forgetting_remembered_sums_hashes_every_file_anew_here_and_for_the_kernels(tmp_path):
    file, good, edited = _edited_keeping_size_and_time(tmp_path)
    sources.forget_remembered()
    assert good not in sources._checksums_path().read_text()  # the kernels a batch starts read the record too
    assert sources.sha256_of(file) == edited


def test_the_sums_of_many_files_are_recorded_in_one_write(tmp_path, monkeypatch):
    """A `render --all` after a cold one hashes every new page: the record is written once for all of them, when
    saved, not once a file; what it holds then is each file's sum."""
    import hashlib

    from quebec_intl.data import atomic

    files = [tmp_path / f"page-{n}.html" for n in range(5)]
    for n, file in enumerate(files):
        file.write_text(f"<p>{n}</p>")
    writes = []
    write = atomic.write_text
    monkeypatch.setattr(atomic, "write_text", lambda path, text: writes.append(path) or write(path, text))
    for file in files:
        sources.sha256_of(file)
    assert writes == []
    sources.save_remembered()
    sources.save_remembered()  # nothing new since: nothing written
    assert writes == [sources._checksums_path()]
    recorded = json.loads(sources._checksums_path().read_text())
    for n, file in enumerate(files):
        assert recorded[str(file.resolve())][2] == hashlib.sha256(f"<p>{n}</p>".encode()).hexdigest()
