"""Reconciliation on the mirror: published figures beside independent sums of the official file."""

import csv
from collections import defaultdict

import pytest

from conftest import US_EXTRACT
from quebec_intl import pipeline, reconcile

pytestmark = pytest.mark.mirror


def quebec_exports(mirror):
    months = defaultdict(float)
    with (mirror / US_EXTRACT).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["PROVINCE"] == "Québec":
                months[row["YEAR_MONTH"][:7]] += float(row["EXPORT"])
    return months


def test_each_published_figure_is_compared_with_the_official_total(mirror, outputs):
    pipeline.build("trade_monthly")
    table = pipeline.build_reconciliation().set_index("figure_id")
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
    pipeline.build("trade_monthly")
    table = pipeline.build_reconciliation()
    assert len(table) >= 10
    outside = table[~table["within_tolerance"]]
    assert set(outside["likely_reason"]) <= {"basis", "re_exports", "unexplained"}
    assert (table.loc[table["within_tolerance"], "likely_reason"].isin(["rounding", "revisions"])).all()
