"""Processed tables are replaced only by a good build; a failed build leaves the previous one in place."""

import pandas as pd
import pytest
from conftest import CELLS_A_MONTH, US_EXTRACT_HEADER, extract_row, write_us_extract

from quebec_intl import settings
from quebec_intl.data import pipeline
from quebec_intl.errors import SourceFileError


@pytest.fixture
def small_mirror(tmp_path, monkeypatch, outputs, unregistered):  # noqa: ARG001
    unregistered("statcan_12100175_us_extract")  # a SYNTHETIC extract stands in for the registered one
    mirror = tmp_path / "mirror"
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    write_us_extract(mirror, [extract_row("Québec", "2023-01", 10.0, 4.0)])
    return mirror


def test_build_writes_the_table_and_rebuilds_when_the_source_changes(small_mirror):
    assert len(pipeline.build("trade_monthly")) == 2 * CELLS_A_MONTH  # two flows
    assert pipeline.is_current("trade_monthly")
    write_us_extract(
        small_mirror, [extract_row("Québec", "2023-01", 10.0, 4.0), extract_row("Québec", "2023-02", 1.0, 1.0)]
    )
    assert not pipeline.is_current("trade_monthly")
    assert len(pipeline.load("trade_monthly")) == 4 * CELLS_A_MONTH


def test_a_file_with_a_missing_column_keeps_the_previous_table(small_mirror):
    pipeline.build("trade_monthly")
    stored = pipeline.table_path("trade_monthly").read_bytes()
    bad = write_us_extract(
        small_mirror, [extract_row("Québec", "2023-01", 1.0, 1.0)], [c for c in US_EXTRACT_HEADER if c != "PROVINCE"]
    )
    with pytest.raises(SourceFileError, match=f"{bad}: missing column\\(s\\) PROVINCE"):
        pipeline.build("trade_monthly")
    assert pipeline.table_path("trade_monthly").read_bytes() == stored
    assert not list(pipeline.table_path("trade_monthly").parent.glob(".*.tmp"))


@pytest.mark.usefixtures("small_mirror")
def test_a_table_stored_by_other_code_is_rebuilt(monkeypatch):
    pipeline.build("trade_monthly")
    assert pipeline.is_current("trade_monthly")
    monkeypatch.setattr(pipeline, "builder_fingerprint", lambda: "another version of the code")
    assert not pipeline.is_current("trade_monthly")


def test_within_a_page_a_table_is_judged_once_and_outside_an_edit_is_seen_at_once(small_mirror, monkeypatch):
    """A page of a batch checks each table once (`steady_tables`); in JupyterLab, outside it, an edit of a source
    file between two reads is seen by the second."""
    pipeline.build("trade_monthly")
    judged = []
    judge = pipeline._judged_current
    monkeypatch.setattr(pipeline, "_judged_current", lambda table: judged.append(table) or judge(table))
    with pipeline.steady_tables():
        for _ in range(5):
            pipeline.load("trade_monthly")
    assert judged == ["trade_monthly"]
    write_us_extract(
        small_mirror, [extract_row("Québec", "2023-01", 10.0, 4.0), extract_row("Québec", "2023-02", 1.0, 1.0)]
    )
    assert len(pipeline.load("trade_monthly")) == 4 * CELLS_A_MONTH  # outside a page: the edit is seen
    before = len(judged)
    with pipeline.steady_tables():  # a new page judges afresh, once; after `render --force` forgot the sums, again
        assert pipeline.is_current("trade_monthly") and pipeline.is_current("trade_monthly")
        assert len(judged) == before + 1
        pipeline.forget_remembered_sums()
        assert pipeline.is_current("trade_monthly")
    assert len(judged) == before + 2


def test_a_subjects_figures_are_reused_by_its_next_page_while_their_tables_stay_the_same(small_mirror):
    """A batch renders a subject's page in each language one after the other in one kernel: the second reuses the
    figures of the first, and its record still names the tables they came from; a table that changed between them
    has the figures made again, from it. Anywhere else (JupyterLab, a subject's first page) they are made afresh."""
    made = []

    @pipeline.reused_by_next_page
    def rows_of(year: int, flows: list[str]) -> int:
        made.append(year)
        table = pipeline.load("trade_monthly")
        return int(((table["ref_year"] == year) & table["flow"].isin(flows)).sum())

    pipeline.build("trade_monthly")
    fingerprint = pipeline.meta("trade_monthly")["fingerprint"]
    pipeline.forget_tables_read()
    assert rows_of(2023, flows=["export", "import"]) == 2 * CELLS_A_MONTH
    pipeline.forget_tables_read()  # the next page, its subject's in the other language
    with pipeline.following_page(True):
        assert rows_of(2023, flows=["export", "import"]) == 2 * CELLS_A_MONTH
        assert made == [2023] and pipeline.tables_read() == {"trade_monthly": fingerprint}
        assert rows_of(2023, flows=["export"]) == CELLS_A_MONTH and made == [2023, 2023]  # other arguments
    assert rows_of(2023, flows=["export"]) == CELLS_A_MONTH and len(made) == 3  # not a following page: made again

    write_us_extract(
        small_mirror, [extract_row("Québec", "2023-01", 10.0, 4.0), extract_row("Québec", "2023-02", 1.0, 1.0)]
    )
    with pipeline.following_page(True):
        assert rows_of(2023, flows=["export"]) == 2 * CELLS_A_MONTH and len(made) == 4


def test_a_table_is_stored_and_read_with_the_same_text_wherever_a_page_makes_its_own(small_mirror):  # noqa: ARG001 - the mirror the table is built from
    """A page's kernel holds the text of the frames it makes as Python strings (publish/in_kernel.py): a table built
    there is stored as the same bytes as anywhere else, and a table read there keeps pandas' default text."""
    pipeline.build("trade_monthly")
    stored = pipeline.table_path("trade_monthly").read_bytes()
    with pd.option_context("mode.string_storage", "python"):
        assert pd.Series(["a"], dtype="str").dtype.storage == "python"  # as a page makes its frames
        pipeline.build("trade_monthly")
        assert pipeline.table_path("trade_monthly").read_bytes() == stored
        read = pipeline._read_stored("trade_monthly", http=None)
    assert read["flow"].dtype.storage == pd.Series(["a"], dtype="str").dtype.storage
