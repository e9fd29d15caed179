"""Contributions to a change, on a hand-computed example, and the trade-policy measures carried from the curated file:
every row with its citation, none whose source was judged unacceptable, the NAPCS sections as the table's codes."""

import csv
import math

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.analysis import measures as policy
from quebec_intl.analysis.contributions import Contributions, Span, contributions
from quebec_intl.data import pipeline
from quebec_intl.data.extract import curated
from quebec_intl.data.transform import trade_measures
from quebec_intl.errors import SourceFileError


def test_contributions_on_a_hand_computed_example():
    """Total 100 -> 90; A 50 -> 40 (-10), B 30 -> 35 (+5), C suppressed now: its change is in the residual, which is
    (90 - 75) - (100 - 80) = -5. Contributions in points of the earlier total: -10, +5, -5, summing to -10 %."""
    now = pd.Series({"A": 40.0, "B": 35.0, "C": math.nan})
    before = pd.Series({"A": 50.0, "B": 30.0, "C": 20.0})
    table = contributions(now, before, 90.0, 100.0, "rest")
    assert list(table.index) == ["B", "A", "rest"]  # largest rise first, the residual last
    assert table["change"].tolist() == [5.0, -10.0, -5.0]
    assert table["contribution_pp"].tolist() == [5.0, -10.0, -5.0]
    assert table["change"].sum() == -10.0 and table["share_of_change_pct"].tolist() == [-50.0, 100.0, 50.0]


def test_parts_taken_together_sum_their_changes_and_stay_missing_when_none_is_known():
    """The same example: B (30 -> 35) and the residual (20 -> 15) together were 50 and are 50, a change of 5 - 5 = 0;
    a part the span lacks adds nothing."""
    now = pd.Series({"A": 40.0, "B": 35.0, "C": math.nan})
    before = pd.Series({"A": 50.0, "B": 30.0, "C": 20.0})
    span = Span.of("2026-01", "2026-07")
    c = Contributions(span, "export", 90.0, 100.0, contributions(now, before, 90.0, 100.0, "rest"), "rest")
    together = c.together(pd.Index(["B", "rest", "C"])).to_dict()
    assert together == {"before": 50.0, "now": 50.0, "change": 0.0, "contribution_pp": 0.0}
    assert c.together(pd.Index(["C"])).isna().all()


def test_spans_of_months():
    july = pd.Period("2026-07", freq="M")
    assert (
        Span.year_to_date(july).months[0] == pd.Period("2026-01", freq="M") and len(Span.year_to_date(july).months) == 7
    )
    twelve = Span.twelve_months(july)
    assert (str(twelve.first), str(twelve.last)) == ("2025-08", "2026-07")
    assert (str(twelve.year_before().first), str(twelve.year_before().last)) == ("2024-08", "2025-07")


@pytest.mark.usefixtures("outputs")
def test_the_measures_keep_their_citations_and_sections():
    table = pipeline.build("trade_measures").set_index("measure_id")
    with (settings.data_dir() / "curated" / "trade_measures.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(table) == len(rows) == 29
    assert table["source_url"].str.startswith("https://").all()
    assert set(table["source_kind"]) == {"official", "secondary"}
    assert table.at["ca-2025-03-13-surtax-steel-alu", "product_sections"] == (
        "metal_mineral_products;electronic_electrical;consumer_goods"
    )
    # No effective date in the sources: dated by its announcement, and said to be.
    assert table.at["us-2025-08-08-cvd-softwood", "date_start"] == "2025-08-08"
    assert table.at["us-2025-08-08-cvd-softwood", "start_is_announcement"]


def _raw(tmp_path, edit) -> pd.DataFrame:
    source = settings.data_dir() / "curated" / "trade_measures.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    changed = tmp_path / "trade_measures.csv"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return curated.extract(changed, "trade_measures")


def test_a_measure_whose_source_is_unacceptable_never_reaches_a_report(tmp_path):
    def mark(rows):
        rows[0]["source_kind"] = "unacceptable"

    raw = _raw(tmp_path, mark)
    table = trade_measures.measures(raw, "trade_measures.csv")
    assert len(table) == len(raw) - 1 and raw.at[0, "event_id"] not in set(table["measure_id"])


def test_an_unknown_section_is_named_with_its_row(tmp_path):
    def mistype(rows):
        rows[2]["napcs_sections"] = "C22;C99"

    with pytest.raises(SourceFileError, match=r"napcs_sections, row 4: 'C99'"):
        trade_measures.measures(_raw(tmp_path, mistype), "trade_measures.csv")


def test_measures_in_force_started_and_ended_in_a_month():
    table = pd.DataFrame(
        {
            "measure_id": ["a", "b", "c"],
            "date_start": ["2025-03-04", "2025-08-01", "2026-02-24"],
            "date_end": ["2025-08-01", "2026-02-24", None],
            "product_sections": ["", "energy", "energy;consumer_goods"],
        }
    )
    august, february = pd.Period("2025-08", freq="M"), pd.Period("2026-02", freq="M")
    assert list(policy.in_force(table, august, august)["measure_id"]) == ["b"]  # a ended on the 1st
    assert list(policy.in_force(table, february, february)["measure_id"]) == ["b", "c"]
    assert list(policy.started_in(table, february)["measure_id"]) == ["c"]
    assert list(policy.ended_in(table, august)["measure_id"]) == ["a"]
    assert list(policy.targeting(table, "energy")["measure_id"]) == ["b", "c"]
    assert list(policy.numbered(table.iloc[::-1])["number"]) == [1, 2, 3]


# English prose a legal reference carried from the fact sheet may hold; a French page writes it in French (the names
# of US instruments and courts, such as the Trade Act of 1974 or Learning Resources, Inc. v. Trump, stay as they are).
ENGLISH_WORDS = (
    "amended",
    "Executive Order",
    "not identified",
    "not verified",
    "Request of",
    "Government of",
    "review",
    "under section",
    "registered",
    "published",
    " with ",
    "excluding",
    "Article",
    " and ",
)


@pytest.mark.usefixtures("outputs")
def test_a_french_page_writes_every_measures_legal_reference_in_french():
    """The French bulletin printed « Government of Québec procurement directive/regulation (instrument not
    identified) » and « Proclamation 10908 (…), amended by Proclamation 10925 » in its table of measures."""
    from quebec_intl.reports import policy as shown
    from quebec_intl.reports.context import ReportContext

    measures = shown.numbered()
    table = shown.table(measures, ReportContext.of("fr"))
    column = table.columns.index(ReportContext.of("fr").label("legal_reference"))
    written = [row[column] for row in table.rows]
    assert len(written) == 29
    english = {
        text: [w for w in ENGLISH_WORDS if w in text] for text in written if any(w in text for w in ENGLISH_WORDS)
    }
    assert not english, english
    assert any(text.startswith("Décret présidentiel 14193") for text in written)
