"""Incremental and parallel publishing (issue 10), on the real mirror and a copy of the project's data: a page
whose inputs did not change is kept byte for byte; a changed curated file re-renders the pages that read it and
only those; several kernels write the very pages one kernel writes; a failing page fails alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT
from csvedit import edit_row

from quebec_intl import settings
from quebec_intl.data import partners, regions
from quebec_intl.publish import manifest, pool
from quebec_intl.publish import requests as pages
from quebec_intl.publish.batch import render_batch

pytestmark = pytest.mark.usefixtures("kernels")

# Imported first by this process's kernels too (PYTHONPATH): they read the project's data from the same copy.
SITECUSTOMIZE = """
import os
from pathlib import Path
from quebec_intl import settings
settings.project_files = lambda: Path(os.environ["QUEBEC_INTL_TEST_PROJECT"])
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory, mirror_dir, mirror_tables):
    """A copy of the project's data and notebooks, read by this process and by the kernels it starts; the mirror,
    and outputs of this module's own (starting from the session's tables, which a copy of the data reads as current:
    a table records its inputs' checksums, not where they sit)."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(mirror_tables, root / "processed")
    copy = root / "project"
    shutil.copytree(PROJECT_ROOT / "data", copy / "data", ignore=shutil.ignore_patterns("processed", "raw"))
    shutil.copytree(PROJECT_ROOT / "notebooks", copy / "notebooks")
    (root / "boot").mkdir()
    (root / "boot" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(root / "boot"))
        patch.setenv("QUEBEC_INTL_TEST_PROJECT", str(copy))
        patch.setattr(settings, "project_files", lambda: copy)
        patch.setenv(settings.MIRROR_ENV, str(mirror_dir))
        patch.setenv(settings.PROCESSED_ENV, str(root / "processed"))
        yield {"root": root, "data": copy / "data"}


def suite() -> list[pages.ReportRequest]:
    georgia, seus = partners.resolve("US-GA"), regions.resolve("seus_cp")
    return [
        pages.request("relations", {}, "fr"),
        pages.request("partner", {"partner": georgia}, "fr"),
        pages.request("region", {"region": seus}, "en"),
        pages.request("partner", {"partner": "USA"}, "en"),
    ]


def site(folder: Path) -> dict[str, bytes]:
    return {page.relative_to(folder).as_posix(): page.read_bytes() for page in sorted(folder.glob("*/*/*.html"))}


@pytest.fixture(scope="module")
def one_and_two_kernels(project):
    one, two = project["root"] / "one", project["root"] / "two"
    first = render_batch(suite(), one, progress=False, jobs=1)
    second = render_batch(suite(), two, progress=False, jobs=2)
    return one, two, first, second


def test_several_kernels_write_the_pages_one_kernel_writes(one_and_two_kernels):
    one, two, first, second = one_and_two_kernels
    assert not first.failed and not second.failed, second.summary()
    assert (first.jobs, second.jobs) == (1, 2) and "with 2 kernel(s)" in second.summary()
    assert len(site(one)) == 4 and site(one) == site(two)
    # each page records the same tables whatever ran before it in its kernel (a table cached above the pipeline
    # would hide from the second page that reads it)
    assert {p: r.tables for p, r in manifest.read(one).items()} == {p: r.tables for p, r in manifest.read(two).items()}
    assert [p.relative_to(two).as_posix() for p in second.rendered] == [r.page for r in suite()]  # in asked order


def test_a_second_run_keeps_every_page_as_a_full_render_writes_it(one_and_two_kernels):
    _, two, _, _ = one_and_two_kernels
    before = site(two)
    again = render_batch(suite(), two, progress=False)
    assert (again.rendered, again.kept, again.jobs) == ([], [r.page for r in suite()], 0)
    assert "rendered 0, kept 4 unchanged" in again.summary()
    assert site(two) == before
    forced = render_batch(suite(), two, progress=False, force=True)
    assert len(forced.rendered) == 4 and site(two) == before  # what was kept is what a full render writes


def test_a_page_changed_on_disk_is_rendered_again(one_and_two_kernels):
    _, two, _, _ = one_and_two_kernels
    page = two / suite()[1].page
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</main>", b"<p>edited by hand</p></main>"))
    result = render_batch(suite(), two, progress=False)
    assert [p.relative_to(two).as_posix() for p in result.rendered] == [suite()[1].page]
    assert page.read_bytes() == good


def test_a_curated_file_re_renders_only_the_pages_that_read_it(project, one_and_two_kernels):
    _, two, _, _ = one_and_two_kernels
    records = manifest.read(two)
    curated = ("events", "offices", "organisations", "agreements", "trade_measures")  # table = file of data/curated
    read_by = {table: sorted(page for page, record in records.items() if table in record.tables) for table in curated}
    table = next((t for t in curated if 0 < len(read_by[t]) < len(records)), None)
    assert table, f"each curated table is read by no page or by every page: {read_by}"
    readers = read_by[table]
    events = project["data"] / "curated" / f"{table}.csv"
    original = events.read_bytes()
    try:
        edit_row(events, None, "notes", "Checked again.")
        result = render_batch(suite(), two, progress=False)
        assert sorted(p.relative_to(two).as_posix() for p in result.rendered) == readers
        assert sorted(result.kept) == sorted(set(records) - set(readers))
        full = project["root"] / "full"  # every page rendered afresh from the edited file
        assert len(render_batch(suite(), full, progress=False).rendered) == len(records)
        assert site(full) == site(two)  # what was kept and what was rendered again, as a full render writes them
    finally:
        events.write_bytes(original)


@pytest.mark.usefixtures("project")
def test_a_failing_page_fails_alone_over_several_kernels(one_and_two_kernels):
    _, two, _, _ = one_and_two_kernels
    unknown = pages.ReportRequest("partner", {"partner": "ZZZ", "year": None, "lang": "fr"}, "fr", "zzz")
    result = render_batch([unknown, *suite()], two, progress=False, jobs=2, force=True)
    assert [request.page for request, _ in result.failed] == ["fr/partner/zzz.html"]
    assert len(result.rendered) == 4 and not (two / "fr/partner/zzz.html").exists()
    recorded = json.loads((two / "manifest.json").read_text(encoding="utf-8"))["pages"]
    assert sorted(recorded) == sorted(r.page for r in suite())


def test_a_page_in_its_second_language_is_the_page_a_kernel_of_its_own_makes(project, monkeypatch):
    """A subject's pages in both languages run in one kernel, the second reusing the figures of the first: the second
    page, and the tables its record names, are those of the same page rendered again, alone, in a kernel that never
    rendered its subject."""
    both, again = project["root"] / "both", project["root"] / "again"
    georgia = [pages.request("partner", {"partner": "US-GA"}, lang) for lang in ("fr", "en")]
    made = render_batch(georgia, both, progress=False, jobs=1)
    shutil.copytree(both, again)  # the same site: the French page beside it, which the English one links to
    monkeypatch.setattr(pool, "_IDLE", {})  # a new kernel, not one of those kept
    try:
        remade = render_batch(georgia[1:], again, progress=False, force=True)
    finally:
        pool.stop_kept_kernels()
    assert len(made.rendered) == 2 and len(remade.rendered) == 1, made.summary() + remade.summary()
    assert site(both) == site(again)
    records = {"both": manifest.read(both), "again": manifest.read(again)}
    english, french = (request.page for request in reversed(georgia))
    assert records["both"][english].tables == records["again"][english].tables == records["both"][french].tables
