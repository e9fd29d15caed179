"""Figures right in every corner (issue 20): a suppressed cell, a tie, a region of countries for a past year, a
TransBorder year the Bank of Canada has no rate for yet, published figures on different bases, the OIF's members.
Tables here are SYNTHETIC (made-up values in the real layouts)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import statcan_fixture as fx

from quebec_intl import settings
from quebec_intl.analysis.states import state_profile
from quebec_intl.analysis.subject_trade import from_bts
from quebec_intl.data import partners, regions
from quebec_intl.data.trade import StatesTrade
from quebec_intl.reports import overview, partner, region
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual.blocks import Figure, Note, Table

EN = ReportContext.of("en")
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quebec_intl"

# Exports in thousands of dollars; imports are half. France and Japan tie in both years.
EXPORTS = {
    "2022": {"All countries": 1000, "United States": 700, "France": 150, "Japan": 150},
    "2023": {"All countries": 1100, "United States": 800, "France": 150, "Japan": 150},
}


def value(period, geo, partner_name, section, trade):
    scale = {"Quebec": 1, "Ontario": 2, "Canada": 4}[geo]
    total = EXPORTS[period][partner_name] * scale * (1 if trade == "Domestic export" else 0.5)
    return total if section == "All sections" else total / 4


def suppressed(period, geo, partner_name, _section, trade):
    """Ontario's exports to Japan in 2023 are suppressed (`x`), as Statistics Canada flags confidential cells."""
    hidden = (period, geo, partner_name, trade) == ("2023", "Ontario", "Japan", "Domestic export")
    return "x" if hidden else ""


@pytest.fixture
def all_partners_mirror(tmp_path, monkeypatch, outputs):  # noqa: ARG001
    records = fx.rows(
        fx.ANNUAL,
        list(EXPORTS),
        ["Quebec", "Ontario", "Canada"],
        list(EXPORTS["2023"]),
        ["All sections", "Energy products [C12]"],
        ["Domestic export", "Import"],
        value,
        status=suppressed,
    )
    fx.write_zip(tmp_path / "mirror" / "statcan-12100173" / "12100173-eng.zip", fx.ANNUAL, records)
    monkeypatch.setenv(settings.MIRROR_ENV, str(tmp_path / "mirror"))


def table_of(section) -> Table:
    return next(block for block in section.blocks if isinstance(block, Table))


@pytest.mark.usefixtures("all_partners_mirror")
def test_a_suppressed_province_has_no_rank_and_the_others_keep_theirs():
    section = partner.canada_share(partner.load("Japan", 2023), EN)
    rows = {row[1]: row for row in table_of(section).rows}
    assert rows["Québec"][0] == "1st" and rows["Ontario"][0] == "–" and rows["Ontario"][2] == "–"


@pytest.mark.usefixtures("all_partners_mirror")
def test_equal_exports_share_a_rank_this_year_and_last():
    table = table_of(overview.top_partners(overview.load(2023), EN))
    ranks = {row[1]: (row[0], row[4]) for row in table.rows}
    assert ranks == {"United States": ("1st", "1st"), "France": ("2nd", "2nd"), "Japan": ("2nd", "2nd")}


@pytest.mark.usefixtures("all_partners_mirror")
def test_a_region_of_countries_is_shown_for_the_year_asked():
    summary = region.trade(region.load("G7", 2022), EN).blocks[0]
    assert summary.startswith("In 2022, Québec exported $1.0 million to the G7")


def test_the_oif_members_compared_are_the_countries_the_catalogue_knows(monkeypatch):
    listed = regions.membership()
    extra = pd.DataFrame([{**listed.iloc[0].to_dict(), "region_id": "oif", "member_code": "WLD", "status": "member"}])
    monkeypatch.setattr(regions, "membership", lambda: pd.concat([listed, extra], ignore_index=True))
    countries = regions.member_countries("oif")
    assert "FRA" in countries and "WLD" not in countries  # "all countries" is no country, whatever its code
    assert {"CA-QC", "BE-FWB"} <= set(regions.members("oif")) and not {"CA-QC", "BE-FWB"} & set(countries)
    oif = dict(overview.REGIONS)["overview.region_oif_members"]
    assert oif() == countries


def states_trade(rates_years: list[int]) -> StatesTrade:
    """Québec and Ontario's exports to Georgia and Alabama, 2023 and 2024, whole years; rates for `rates_years`."""
    totals = pd.DataFrame(
        [
            {"ref_year": year, "reporter_code": reporter, "partner_code": state, "flow": flow, "value_usd": value_usd}
            for year in (2023, 2024)
            for reporter, base in (("QC", 100e6), ("ON", 300e6))
            for state, weight in (("US-GA", 2), ("US-AL", 1))
            for flow, value_usd in (("export", base * weight), ("import", base * weight / 2))
        ]
    )
    rates = pd.DataFrame(
        {
            "ref_year": rates_years,
            "currency_code": "USD",
            "cad_per_unit": [1.35] * len(rates_years),
            "method": "annual_average",
            "source_id": "boc_fx_annual",
            "source_url": "https://www.bankofcanada.ca/valet/observations/group/FX_RATES_ANNUAL/json",
        }
    )
    empty = pd.DataFrame(columns=["ref_year", "partner_code", "flow", "hs2_code", "value_usd"])
    modes = pd.DataFrame(columns=["ref_year", "partner_code", "flow", "mode_code", "value_usd"])
    return StatesTrade(totals, empty, modes, {2023: (12, 1, 12), 2024: (12, 1, 12)}, rates, ("bts_transborder_dot2",))


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_year_without_a_bank_of_canada_rate_is_shown_in_us_dollars_and_said():
    profile = state_profile(states_trade([2023]), ["US-GA", "US-AL"], 2024)
    seus = regions.resolve("SEUS-CP")
    data = region.RegionData(seus, ["US-GA", "US-AL"], from_bts(profile, seus))
    blocks = region.trade(data, EN).blocks
    shown = next(block for block in blocks if isinstance(block, Figure) and block.name == "region-map")
    assert not shown.data.isna().any().any() and set(shown.data["ref_year"]) == {2023, 2024}
    assert "exports_usd_m" in shown.data  # one currency for every year drawn: the one every year has
    members = dict((row[0], row[1]) for row in table_of(region.trade(data, EN)).rows)
    assert members == {"Georgia": "US$200.0 million", "Alabama": "US$100.0 million"}
    notes = " ".join(block.text for block in blocks if isinstance(block, Note))
    assert "The Bank of Canada has no annual rate for 2024 yet" in notes


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_trend_across_years_with_and_without_a_rate_says_which():
    georgia = partners.resolve("US-GA")
    profile = state_profile(states_trade([2023]), ["US-GA"], 2024)
    data = partner.PartnerData(georgia, from_bts(profile, georgia), None)
    section = partner.trend(data, EN)
    notes = " ".join(block.text for block in section.blocks if isinstance(block, Note))
    assert "The Bank of Canada has no annual rate for 2024 yet" in notes
    figure = next(block for block in section.blocks if isinstance(block, Figure))
    assert not figure.data.isna().any().any() and set(figure.data["ref_year"]) == {2023, 2024}


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_growth_is_never_computed_across_bases():
    """The embedded world figures: 2015 on an unknown basis, 2020 and 2021 on the customs basis."""
    data = overview.load(None)
    years = [row[0] for row in table_of(overview.growth(data, EN)).rows]
    assert years == ["2021"]  # 2015 stands on an unknown basis: compared with nothing
    assert math.isnan(data.trade.cagr.get(5, math.nan))  # the model's: 2016 is published in constant dollars only


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_the_published_figures_keep_their_basis():
    from quebec_intl.data import pipeline

    table = pipeline.load("published_annual")
    assert set(table["basis"]) == {"customs", "unknown"}  # as the official pages kept state it (none in volume)
    annual = pipeline.load("trade_annual")  # in current dollars: a figure in constant dollars is only listed
    assert set(annual["basis"]) <= {"customs", "unknown"} and annual["basis"].notna().all()
