"""Reconciliation on the mirror: published figures beside independent sums of the official file."""

import pytest
from conftest import US_EXTRACT
from rawsums import sums

from quebec_intl.data import pipeline
from quebec_intl.data.transform import reconciliation as reconcile

MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"


def quebec_exports(mirror):
    """Québec's exports to the United States by month (YYYY-MM), in dollars, from the earlier extract."""
    return sums(
        mirror / US_EXTRACT,
        "EXPORT",
        key=lambda row: row["YEAR_MONTH"][:7],
        where=lambda row: row["PROVINCE"] == "Québec",
    )


def latest_vintage(mirror, partner, trade):
    """Québec's trade with a partner by month (YYYY-MM), in dollars, from the later French table (thousands)."""
    totals = sums(
        mirror / MONTHLY,
        "valeur_milliers_cad",
        key=lambda row: row["mois"],
        where=lambda row: (
            row["partenaire"] == partner
            and row["commerce"] == trade
            and row["produit_scpan"] == "Total de toutes les marchandises"
        ),
    )
    return {month: value * 1000 for month, value in totals.items()}


def test_each_published_figure_is_compared_with_the_latest_official_total(mirror):
    table = pipeline.load("reconciliation").set_index("figure_id")
    months = latest_vintage(mirror, "États-Unis", "Exportations nationales")
    q4_2023 = sum(months[f"2023-{m}"] for m in ("10", "11", "12"))
    row = table.loc["isq_q4_2023_12"]  # ISQ's bulletin: exports to the US, fourth quarter of 2023, 24,453.8 M$
    assert row["source_id"] == "statcan_12100175_quebec"  # the latest vintage, as the pages print it
    assert row["pipeline_cad"] == pytest.approx(q4_2023)
    assert row["published_cad"] == pytest.approx(24_453.8e6)
    assert row["difference_pct"] == pytest.approx((24_453.8e6 - q4_2023) / q4_2023 * 100)
    assert row["within_tolerance"]
    march_2025 = table.loc["isq_2025_05_21_01"]  # ISQ: 8.7 billion, as published: rounding covers +-0.05 billion
    assert march_2025["pipeline_cad"] == pytest.approx(months["2025-03"])
    assert march_2025["tolerance_pct"] == pytest.approx(
        0.05e9 / march_2025["pipeline_cad"] * 100 + reconcile.REVISION_PCT
    )


def test_years_before_the_latest_table_are_compared_with_the_earlier_extract(mirror):
    row = pipeline.load("reconciliation").set_index("figure_id").loc["meie_note_usa_04"]  # exports to the US, 2014
    assert row["source_id"] == "statcan_12100175_us_extract"
    assert row["pipeline_cad"] == pytest.approx(sum(v for k, v in quebec_exports(mirror).items() if k[:4] == "2014"))


def test_the_isq_published_world_totals_are_compared(mirror):
    """ISQ's annual totals for Québec's exports to all countries beside the table's sum of twelve months."""
    table = pipeline.load("reconciliation").set_index("figure_id")
    months = latest_vintage(mirror, "Tous les pays", "Exportations nationales")
    for figure, year in (("isq_2020_notice_03", "2020"), ("isq_q4_2021_07", "2021")):
        row = table.loc[figure]
        assert row["partner_code"] == "WLD" and row["period"] == year
        assert row["pipeline_cad"] == pytest.approx(sum(v for k, v in months.items() if k[:4] == year))
        assert row["likely_reason"] == "re_exports"  # ISQ's total exports hold re-exports; the table's do not


@pytest.mark.usefixtures("mirror")
def test_differences_outside_tolerance_carry_a_reason():
    table = pipeline.load("reconciliation")
    assert {"isq_q4_2023_12", "isq_2025_05_21_01"} <= set(table["figure_id"])
    outside = table[~table["within_tolerance"]]
    assert set(outside["likely_reason"]) <= {"basis", "re_exports", "unexplained"}
    assert (table.loc[table["within_tolerance"], "likely_reason"].isin(["rounding", "revisions"])).all()


def test_yearly_totals_source_against_source(mirror):
    """BTS (converted at the Bank's rate) and StatCan's two tables, each compared with the 12-10-0175-01 extract."""
    table = pipeline.load("source_reconciliation").set_index(["source_a", "source_b", "flow", "ref_year"])
    raw_173 = sums(
        mirror / "statcan-12100173-us-extract" / "raw.csv",
        "VALUE",
        key=lambda row: row["REF_DATE"],
        where=lambda row: (
            row["GEO"] == "Quebec"
            and row["Trade"] == "Export"
            and row["North American Product Classification System (NAPCS)"] == "All sections"
        ),
    )
    raw_175 = sums(
        mirror / US_EXTRACT, "EXPORT", key=lambda row: row["YEAR"], where=lambda row: row["PROVINCE"] == "Québec"
    )
    row = table.loc[("statcan_12100173_us_extract", "statcan_12100175_us_extract", "export", 2024)]
    assert row["value_a_cad"] == pytest.approx(raw_173["2024"] * 1000) and row["value_b_cad"] == pytest.approx(
        raw_175["2024"]
    )
    assert row["likely_reason"] == "revisions" and row["within_tolerance"]
    bts = table.xs(("bts_transborder_dot2", "statcan_12100175_us_extract"), level=["source_a", "source_b"])
    assert set(bts.index.get_level_values("ref_year")) == {2021, 2022, 2023, 2024}  # whole years with a rate
    assert set(bts["likely_reason"]) <= {"exchange_rate", "us_records"}
