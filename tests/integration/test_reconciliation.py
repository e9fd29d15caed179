"""Reconciliation on the mirror: published figures beside independent sums of the official file."""

import pytest

from conftest import US_EXTRACT
from quebec_intl.data import pipeline
from quebec_intl.data.transform import reconciliation as reconcile
from rawsums import sums

pytestmark = pytest.mark.mirror


def quebec_exports(mirror):
    return sums(mirror / US_EXTRACT, "EXPORT", key=lambda row: row["YEAR_MONTH"][:7],
                where=lambda row: row["PROVINCE"] == "Québec")


def test_each_published_figure_is_compared_with_the_official_total(mirror, outputs):
    table = pipeline.load("reconciliation").set_index("figure_id")
    months = quebec_exports(mirror)
    q4_2023 = sum(months[f"2023-{m}"] for m in ("10", "11", "12"))
    row = table.loc["isq_q4_2023_12"]  # ISQ's bulletin: exports to the US, fourth quarter of 2023, 24,453.8 M$
    assert row["pipeline_cad"] == pytest.approx(q4_2023)
    assert row["published_cad"] == pytest.approx(24_453.8e6)
    assert row["difference_pct"] == pytest.approx((24_453.8e6 - q4_2023) / q4_2023 * 100)
    assert row["within_tolerance"]
    year_2023 = table.loc["cp_2024_11_01"]  # 87.3 billion, as published: rounding covers +-0.05 billion
    assert year_2023["pipeline_cad"] == pytest.approx(sum(v for k, v in months.items() if k.startswith("2023")))
    assert year_2023["tolerance_pct"] == pytest.approx(0.05e9 / year_2023["pipeline_cad"] * 100 + reconcile.REVISION_PCT)


def test_differences_outside_tolerance_carry_a_reason(mirror, outputs):
    table = pipeline.load("reconciliation")
    assert {"isq_q4_2023_12", "cp_2024_11_01"} <= set(table["figure_id"])
    outside = table[~table["within_tolerance"]]
    assert set(outside["likely_reason"]) <= {"basis", "re_exports", "unexplained"}
    assert (table.loc[table["within_tolerance"], "likely_reason"].isin(["rounding", "revisions"])).all()
