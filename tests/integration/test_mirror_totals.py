"""With the mirror, each year's figure comes from the best table that has it: the monthly table 12-10-0175-01 of
the latest vintage from 2017, table 12-10-0173-01 before; shares among provinces from 12-10-0173-01 alone (the
monthly table is Québec's only). Checked against independent sums of the raw files."""

import pytest
from rawsums import sums

from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners, trade
from quebec_intl.reports import subjects

TABLE_173 = "statcan-12100173-us-extract/raw.csv"
MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"


def raw_sums(mirror, trade_label):
    """All-sections values by (year, geography), in dollars (the file is in thousands), straight from the CSV."""
    totals = sums(
        mirror / TABLE_173,
        "VALUE",
        key=lambda row: (int(row["REF_DATE"]), row["GEO"]),
        where=lambda row: (
            row["Trade"] == trade_label
            and row["GEO"] != "Canada"
            and row["North American Product Classification System (NAPCS)"] == "All sections"
        ),
    )
    return {key: value * 1000 for key, value in totals.items()}


def usa(year):
    return partner_trade(partners.resolve("USA"), subjects.partner_period(partners.resolve("USA"), year), trade.load())


def monthly_sums(mirror, trade_label):
    """Québec's all-products trade with the United States by year, in dollars, from the monthly French file."""
    totals = sums(
        mirror / MONTHLY,
        "valeur_milliers_cad",
        key=lambda row: int(row["mois"][:4]),
        where=lambda row: (
            row["partenaire"] == "États-Unis"
            and row["commerce"] == trade_label
            and row["produit_scpan"] == "Total de toutes les marchandises"
        ),
    )
    return {year: value * 1000 for year, value in totals.items()}


def test_quebec_exports_and_imports_per_year_match_the_best_table(mirror):
    profile = usa(None)
    assert {"statcan_12100175_quebec", "statcan_12100173_us_extract"} <= set(profile.source_ids)
    for flow, label, monthly_label in (
        ("export", "Export", "Exportations nationales"),
        ("import", "Import", "Importations"),
    ):
        annual = {year: value for (year, geo), value in raw_sums(mirror, label).items() if geo == "Quebec"}
        monthly = {year: value for year, value in monthly_sums(mirror, monthly_label).items() if year <= 2025}
        expected = {**{year: v for year, v in annual.items() if year < 2017}, **monthly}
        assert sorted(expected) == list(range(2014, 2026))
        for year, value in expected.items():
            assert profile.flows.at[year, flow] == pytest.approx(value, rel=1e-12), (flow, year)


def test_share_and_rank_among_provinces_match_the_table(mirror):
    exports = {geo: v for (year, geo), v in raw_sums(mirror, "Export").items() if year == 2024}
    expected_share = exports["Quebec"] / sum(exports.values()) * 100
    expected_rank = sorted(exports.values(), reverse=True).index(exports["Quebec"]) + 1
    highlights = usa(2024).highlights()
    assert highlights.provinces.share_pct == pytest.approx(expected_share)
    assert highlights.provinces.rank == expected_rank


def test_import_shares_match_the_table(mirror):
    imports = {geo: v for (year, geo), v in raw_sums(mirror, "Import").items() if year == 2020}
    shares = usa(2020).canada_imports.set_index("reporter_code")
    assert shares.at["QC", "share_pct"] == pytest.approx(imports["Quebec"] / sum(imports.values()) * 100)
    assert shares["share_pct"].sum() == pytest.approx(100)
