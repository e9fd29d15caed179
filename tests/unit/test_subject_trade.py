"""The trade model of a subject (analysis/subject_trade.py), built by each source's adapter, against figures computed
by hand. Tables here are SYNTHETIC (made-up values in the real layouts)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import statcan_fixture as fx
from test_corners import states_trade

from quebec_intl import settings
from quebec_intl.analysis import display
from quebec_intl.analysis.destinations import CountryGroup
from quebec_intl.analysis.key_figures import KeyFigures
from quebec_intl.analysis.period import Period
from quebec_intl.analysis.states import state_profile
from quebec_intl.analysis.subject_trade import from_bts, from_country_group
from quebec_intl.data import partners, regions
from quebec_intl.reports import subjects

GEORGIA = partners.resolve("US-GA")


def test_bts_figures_carry_their_currency_basis_period_and_sources():
    """Québec exported US$200 million to Georgia in 2024 and imported US$100 million; at 1.35 $ a US dollar, that is
    $270 million and $135 million; Ontario exported US$600 million there, so Québec's share is 25 %, 2nd."""
    trade = from_bts(state_profile(states_trade([2023, 2024]), ["US-GA"], 2024), GEORGIA)
    exports = trade.exports
    assert exports.currency == "CAD" and exports.basis == "us_records" and exports.period.whole
    assert exports.period.year == 2024 and "bts_transborder_dot2" in exports.source_ids
    assert exports.value == pytest.approx(270e6) and exports.value_usd == pytest.approx(200e6)
    assert trade.imports.value == pytest.approx(135e6) and trade.balance_cad == pytest.approx(135e6)
    assert exports.growth_pct == pytest.approx(0.0)  # the same exports both years
    assert trade.provinces.quebec == (2, pytest.approx(25.0))
    # Georgia takes 200 of the 300 million Québec sends the two states: 1st of 2, two thirds.
    assert (trade.standing.rank, trade.standing.count, trade.standing.scope) == (1, 2, "us_states")
    assert trade.standing.share_pct == pytest.approx(200 / 3)


def test_a_year_without_the_banks_rate_keeps_the_whole_span_in_us_dollars():
    trade = from_bts(state_profile(states_trade([2023]), ["US-GA"], 2024), GEORGIA)
    assert trade.years_without_rate == [2024] and trade.currency_for([2023]) == "CAD"
    assert trade.currency_for([2023, 2024]) == "USD"
    assert display.for_chart(trade, [2023, 2024]).column == "value_usd_bn"
    assert math.isnan(trade.exports.value) and trade.exports.value_usd == pytest.approx(200e6)


def test_a_region_is_the_same_model_over_its_members():
    seus = regions.resolve("SEUS-CP")
    trade = from_bts(state_profile(states_trade([2023, 2024]), ["US-GA", "US-AL"], 2024), seus)
    assert trade.group == "states" and trade.covered == ("US-GA", "US-AL")
    assert trade.exports.value == pytest.approx(300e6 * 1.35)  # 200 + 100 million US dollars
    weights = KeyFigures(trade).members
    assert [code for code, _ in weights] == ["US-GA", "US-AL"]
    assert [w for _, w in weights] == [pytest.approx(200 / 3), pytest.approx(100 / 3)]
    assert trade.standing.rank is None and trade.standing.share_pct == pytest.approx(100.0)


def test_a_group_of_countries_grows_from_the_year_before():
    """Exports of 100 then 120 million: +20 %; imports of 50 then 45: -10 %; a share of 12 % of the world."""
    flows = pd.DataFrame(
        {"export": [100e6, 120e6], "import": [50e6, 45e6], "balance": [50e6, 75e6]}, index=[2023, 2024]
    )
    members = pd.DataFrame({"value_cad": [90e6, 30e6], "weight_pct": [75.0, 25.0]}, index=["FRA", "DEU"])
    group = CountryGroup(2024, flows, members, 120e6, 12.0, ("statcan_12100175_quebec",))
    trade = from_country_group(group, regions.resolve("EU27"))
    assert trade.exports.growth_pct == pytest.approx(20.0) and trade.imports.growth_pct == pytest.approx(-10.0)
    assert trade.members_total == pytest.approx(120e6) and trade.balance_cad == pytest.approx(75e6)
    assert (trade.group, trade.standing.scope, trade.standing.share_pct) == ("countries", "world_share", 12.0)
    figures = KeyFigures(trade)
    assert figures.group_count == 2 and figures.products == () and figures.modes is None


# Exports in thousands of dollars to France, by province; imports are half. All countries: 1,000 and 1,100.
WORLD = {"2022": 1000, "2023": 1100}
FRANCE = {"2022": 150, "2023": 165}


def value(period, geo, partner_name, section, trade):
    base = WORLD[period] if partner_name == "All countries" else FRANCE[period]
    total = base * {"Quebec": 1, "Ontario": 2, "Canada": 3}[geo] * (1 if trade == "Domestic export" else 0.5)
    return total if section == "All sections" else total / 4


@pytest.fixture
def statcan_mirror(tmp_path, monkeypatch):
    records = fx.rows(
        fx.ANNUAL,
        list(WORLD),
        ["Quebec", "Ontario", "Canada"],
        ["All countries", "France"],
        ["All sections", "Energy products [C12]"],
        ["Domestic export", "Import"],
        value,
    )
    fx.write_zip(tmp_path / "mirror" / "statcan-12100173" / "12100173-eng.zip", fx.ANNUAL, records)
    monkeypatch.setenv(settings.MIRROR_ENV, str(tmp_path / "mirror"))


@pytest.mark.usefixtures("outputs", "statcan_mirror")
def test_statistics_canada_figures_with_growth_standing_and_provinces():
    """France 2023: $165,000 of exports (+10 % on 150,000), $82,500 of imports, a balance of $82,500; 15 % of the
    1,100,000 Québec exported, 1st of the countries listed; Québec a third of the provinces' exports (Ontario twice
    as much)."""
    trade = subjects.partner_trade_model(partners.resolve("FRA"), Period(2023, 2023))
    assert (trade.exports.value, trade.imports.value, trade.balance_cad) == (165e3, 82.5e3, 82.5e3)
    assert trade.exports.growth_pct == pytest.approx(10.0) and trade.exports.basis == "customs"
    assert trade.exports.currency == "CAD" and trade.exports.period.year == 2023
    assert (trade.standing.rank, trade.standing.scope) == (1, "countries")  # France is the only country listed
    assert trade.standing.share_pct == pytest.approx(15.0)
    assert trade.provinces.quebec == (2, pytest.approx(100 / 3))
    mix = trade.products
    assert mix.classification == "section" and mix.currency == "CAD"
    assert mix.table.loc["energy", "value"] == pytest.approx(41.2e3)  # a quarter of 165, as the file writes it
