"""State and region pages on five years of TransBorder: the figures they print, recomputed from the raw gzipped
files and the Bank of Canada's file with the standard library only (csv, gzip, json)."""

import csv
import gzip
import json
from collections import defaultdict

import pytest
from babel.numbers import format_compact_currency, format_decimal
from htmlcheck import charts, text_of

SEUS_CP = ["AL", "GA", "MS", "NC", "SC", "TN"]
PROVINCES = {"XA", "XB", "XC", "XM", "XN", "XO", "XP", "XQ", "XS", "XT", "XV", "XW", "XY"}  # not OT, unknown


@pytest.fixture(scope="module")
def raw_2024(rendered_site):
    """Every 2024 US import from a Canadian province (a province's export), straight from the gzipped files."""
    rows = []
    for file in sorted((rendered_site["mirror"] / "bts-transborder").glob("2024-*/dot2_*.csv.gz")):
        with gzip.open(file, "rt", encoding="utf-8", newline="") as handle:
            rows += [row for row in csv.DictReader(handle) if row["TRDTYPE"] == "2" and row["COUNTRY"] == "1220"]
    assert len({row["MONTH"] for row in rows}) == 12
    return rows


@pytest.fixture(scope="module")
def usd_rate_2024(rendered_site):
    answer = json.loads((rendered_site["mirror"] / "bank-of-canada" / "FX_RATES_ANNUAL.json").read_text())
    return float(next(o["FXAUSDCAD"]["v"] for o in answer["observations"] if o["d"].startswith("2024")))


def test_exports_to_georgia_in_us_and_canadian_dollars(rendered_site, raw_2024, usd_rate_2024):
    usd = sum(float(r["VALUE"]) for r in raw_2024 if r["CANPROV"] == "XQ" and r["USASTATE"] == "GA")
    in_symbols = format_compact_currency(usd, "USD", locale="fr_CA", fraction_digits=1)  # the tables' G$ US
    assert f"({in_symbols}) de marchandises vers la Géorgie" in text_of(rendered_site["state_fr"])
    trend = charts(rendered_site["state_en"])["chart-trend"]
    shown = next(float(r["value_cad_bn"]) for r in trend if r["ref_year"] == "2024" and r["measure"] == "Exports")
    assert shown == pytest.approx(usd * usd_rate_2024 / 1e9, rel=1e-12)  # the Bank's 2024 rate, typed from its file


def test_quebec_rank_among_provinces_and_rail_share_for_georgia(rendered_site, raw_2024):
    by_province, by_mode = defaultdict(float), defaultdict(float)
    for r in raw_2024:
        if r["USASTATE"] == "GA" and r["CANPROV"] in PROVINCES:
            by_province[r["CANPROV"]] += float(r["VALUE"])
        if r["USASTATE"] == "GA" and r["CANPROV"] == "XQ":
            by_mode[r["DISAGMOT"]] += float(r["VALUE"])
    rank = sorted(by_province.values(), reverse=True).index(by_province["XQ"]) + 1
    share = by_province["XQ"] / sum(by_province.values()) * 100
    rail = by_mode["6"] / sum(by_mode.values()) * 100
    text = text_of(rendered_site["state_en"])
    assert f"Québec accounts for {share:.1f}% of the Canadian provinces' exports to Georgia (ranking {rank}" in text
    assert "Modes of transport of Québec's exports to Georgia: " in text and f"rail {rail:.1f}%" in text


def test_the_seus_cp_yearly_total(rendered_site, raw_2024, usd_rate_2024):
    usd = sum(float(r["VALUE"]) for r in raw_2024 if r["CANPROV"] == "XQ" and r["USASTATE"] in SEUS_CP)
    trend = charts(rendered_site["region_en"])["chart-trend"]
    shown = next(float(r["value_cad_bn"]) for r in trend if r["ref_year"] == "2024" and r["measure"] == "Exports")
    assert shown == pytest.approx(usd * usd_rate_2024 / 1e9, rel=1e-12)
    table = format_decimal(round(usd / 1e6, 1), "#,##0.0", locale="fr_CA")
    assert table in text_of(rendered_site["region"])  # the French page's yearly table, in US$ millions


def test_partial_years_are_labelled_and_never_compared(rendered_site):
    text = text_of(rendered_site["state_en"])
    assert "January–September 2020" in text and "January 2015" in text
    growth = charts(rendered_site["state_en"])["chart-growth"]
    assert {r["ref_year"] for r in growth} == {"2022", "2023", "2024"}  # whole consecutive years only
    trend = charts(rendered_site["state_en"])["chart-trend"]
    assert {r["ref_year"] for r in trend} == {"2021", "2022", "2023", "2024"}  # a partial year would look like a fall
    assert "Before 2017 the annual rate is the mean" in text


@pytest.mark.usefixtures("mirror")
def test_a_partial_year_after_a_gap_shows_its_chapters_without_a_previous_year():
    """2020 holds January–September and 2019 is not in the mirror: the chapters are shown, their change left blank."""
    from quebec_intl.reports import partner
    from quebec_intl.reports.context import ReportContext

    data = partner.load("US-GA", 2020)
    chapters = data.trade.products.table
    assert chapters["value"].notna().all() and chapters["value_prev"].isna().all()
    section = partner.product_mix(data, ReportContext.of("en"))
    table = next(block for block in section.blocks if type(block).__name__ == "Table")
    assert len(table.rows) == 10 and {row[-1] for row in table.rows} == {"–"}
