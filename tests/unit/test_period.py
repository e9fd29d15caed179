"""A page's period is resolved once, by its kind's check, and every object of the page reports it: no analysis
object picks a "latest year" of its own. SYNTHETIC tables: the annual table ends in 2023 (test_subject_trade's); the
monthly table of the principal partners holds 2022 whole and 2023 from January to March only, so the two sources
of one page end in different whole years."""

from __future__ import annotations

import pandas as pd
import pytest
from test_corners import states_trade
from test_subject_trade import statcan_mirror  # noqa: F401 (a fixture)

from quebec_intl.analysis import monthly
from quebec_intl.analysis.destinations import country_group, principal_group
from quebec_intl.analysis.period import ANNUAL, MONTHLY, PROVINCES, STATES, Period
from quebec_intl.analysis.states import leading_states, state_profile
from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners, trade
from quebec_intl.reports import overview, subjects

FRANCE = partners.resolve("FRA")
HELD = {2022: range(1, 13), 2023: range(1, 4)}  # 2023: January to March


def monthly_to_march_2023() -> trade.MonthlyTrade:
    return monthly_table(HELD)


def monthly_table(held: dict[int, range]) -> trade.MonthlyTrade:
    """$10 of each flow each month, with France and all countries."""
    rows = pd.DataFrame(
        [
            {
                "ref_year": year,
                "ref_month": month,
                "partner_code": code,
                "flow": flow,
                "product_section_code": monthly.TOTAL,
                "value_cad": 10.0,
                "status": "",
            }
            for year, months in held.items()
            for month in months
            for code in ("FRA", "WLD")
            for flow in ("export", "import")
        ]
    )
    return trade.MonthlyTrade.of(rows, ("statcan_12100175_quebec",), "synthetic-period")


@pytest.fixture
def sources_ending_apart(outputs, statcan_mirror, monkeypatch):  # noqa: ARG001, F811
    monkeypatch.setattr(trade, "load_monthly", monthly_to_march_2023)


@pytest.mark.usefixtures("sources_ending_apart")
def test_a_partner_page_reports_the_period_its_check_resolved():
    checked = subjects.check_partner("FRA")
    assert (checked.period.year, checked.period.of(ANNUAL), checked.period.of(MONTHLY)) == (2023, 2023, 2022)
    assert checked.period.of(PROVINCES) == 2023
    found = subjects.partner_trade_model(checked.subject, checked.period)
    assert found.year == 2023 and found.exports.period.year == 2023 and found.provinces.year == 2023
    assert found.monthly.year == 2022  # the monthly table's whole year, named by the period, not chosen by the table
    # January to March 2023 is part of the page's year, not months after it: no year to date (the table's latest
    # partial year, which an object choosing for itself would show).
    assert checked.period.year_to_date is None and found.monthly.ytd is None
    asked = subjects.check_partner("FRA", 2022).period
    assert (asked.year, asked.of(MONTHLY)) == (2022, 2022)


@pytest.mark.usefixtures("sources_ending_apart")
def test_the_overview_names_each_sources_year():
    period = overview.check()
    assert (period.year, period.of(ANNUAL), period.of(MONTHLY), period.of(STATES)) == (2023, 2023, 2022, None)


@pytest.mark.usefixtures("sources_ending_apart")
def test_an_analysis_object_given_no_year_chooses_none():
    """Given no year, each object has none: one that chose the latest its source holds would pass its own year."""
    nothing = Period(None, None)
    assert partner_trade(FRANCE, nothing, trade.load()).year is None
    assert partner_trade(FRANCE, nothing, trade.load()).canada_year is None
    table = monthly_to_march_2023()
    assert monthly.partner_monthly(table, "FRA", None, None).year is None and monthly.world_monthly(table, None) is None
    assert principal_group(trade.load(), table, ["FRA"], None) is None
    assert country_group(trade.load(), ["FRA"], None) is None
    states = states_trade([2023, 2024])
    assert state_profile(states, ["US-GA"], None).year is None and leading_states(states, None)[0] is None


WHOLE = range(1, 13)


@pytest.mark.parametrize(
    ("held", "year", "expected"),
    [
        ({2022: WHOLE, 2023: range(1, 4)}, 2022, (2023, 3)),  # the months held of the year after the page's
        ({2022: WHOLE, 2023: range(1, 4)}, 2023, None),  # the page's own year in part is no year to date
        ({2022: WHOLE, 2023: WHOLE}, 2023, None),  # the table ends in December: its last year is whole
        ({2022: WHOLE, 2023: WHOLE, 2024: range(1, 4)}, 2022, None),  # a page about an earlier year
        ({2022: [1, 2, *range(4, 13)], 2023: range(1, 4)}, 2022, None),  # the year before lacks March
    ],
)
def test_the_year_to_date_follows_the_pages_year(held, year, expected):
    assert monthly.year_to_date_after(monthly_table(held), year) == expected


@pytest.fixture
def months_to_march_2024(outputs, statcan_mirror, monkeypatch):  # noqa: ARG001, F811
    """The annual table ends in 2023; the monthly table holds 2022 and 2023 whole and 2024 to March."""
    held = {2022: WHOLE, 2023: WHOLE, 2024: range(1, 4)}
    monkeypatch.setattr(trade, "load_monthly", lambda: monthly_table(held))


@pytest.mark.usefixtures("months_to_march_2024")
def test_a_pages_year_to_date_is_its_periods():
    """The latest page (2023) shows January to March 2024, $30 against $30; a page about 2022 none, though the
    table's latest year is partial: the year after 2022 is whole, and the page's period says so."""
    latest = subjects.check_partner("FRA").period
    assert latest.year_to_date == (2024, 3) and overview.check().year_to_date == (2024, 3)
    ytd = subjects.partner_trade_model(FRANCE, latest).monthly.ytd
    assert (ytd.year, ytd.months, ytd.value("FRA", "export"), ytd.value("FRA", "export", earlier=True)) == (
        2024,
        (1, 2, 3),
        30.0,
        30.0,
    )
    earlier = subjects.check_partner("FRA", 2022).period
    assert earlier.year_to_date is None and subjects.partner_trade_model(FRANCE, earlier).monthly.ytd is None
