"""Metrics on hand-computed examples."""

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from quebec_intl.analysis import metrics


def test_yoy_growth_needs_the_previous_calendar_year():
    values = pd.Series([100.0, 110.0, 99.0, 120.0], index=[2019, 2020, 2021, 2023])
    expected = pd.Series([math.nan, 10.0, -10.0, math.nan], index=[2019, 2020, 2021, 2023])
    assert_series_equal(metrics.yoy_growth_pct(values), expected)


def test_yoy_growth_of_a_zero_base_is_missing():
    assert math.isnan(metrics.yoy_growth_pct(pd.Series([0.0, 5.0], index=[2020, 2021]))[2021])


def test_cagr():
    assert metrics.cagr_pct(100.0, 121.0, 2) == pytest.approx(10.0)
    assert metrics.cagr_pct(100.0, 50.0, 1) == pytest.approx(-50.0)
    assert math.isnan(metrics.cagr_pct(0.0, 50.0, 3))


def test_rank_gives_ties_the_better_rank():
    ranks = metrics.rank_descending(pd.Series([5.0, 9.0, 5.0, 1.0], index=list("abcd")))
    assert ranks.to_dict() == {"a": 2, "b": 1, "c": 2, "d": 4}


def test_record_high_only_over_an_unbroken_series():
    values = pd.Series([50.0, 60.0, 70.0], index=[2020, 2021, 2022])
    assert metrics.is_record_high(values, 2022)
    assert metrics.is_record_high(values, 2021)
    assert not metrics.is_record_high(pd.Series([50.0, 70.0, 60.0], index=[2020, 2021, 2022]), 2022)
    assert not metrics.is_record_high(values.drop(2021), 2022)  # a gap: the claim is unsupported
    assert not metrics.is_record_high(values[[2020]], 2020)  # nothing earlier to beat


def test_flows_by_year_computes_the_balance():
    annual = pd.DataFrame(
        {"ref_year": [2020, 2020, 2021], "flow": ["export", "import", "export"], "value_cad": [10.0, 4.0, 12.0]}
    )
    expected = pd.DataFrame(
        {"export": [10.0, 12.0], "import": [4.0, math.nan], "balance": [6.0, math.nan]},
        index=pd.Index([2020, 2021], name="ref_year"),
    )
    assert_frame_equal(metrics.flows_by_year(annual), expected, check_names=False)


def test_mix_change_shares_and_contributions():
    rows = pd.DataFrame(
        {
            "product_section_code": ["a", "b", "a", "b"],
            "ref_year": [2020, 2020, 2021, 2021],
            "value_cad": [30.0, 70.0, 60.0, 60.0],
        }
    )
    mix = metrics.mix_change(rows, 2021)
    assert list(mix.index) == ["a", "b"]
    assert mix.loc["a", "share_pct"] == pytest.approx(50.0)
    assert mix.loc["a", "share_prev_pct"] == pytest.approx(30.0)
    assert mix.loc["a", "change"] == pytest.approx(30.0)
    assert mix.loc["b", "growth_pct"] == pytest.approx(-100 / 7)


def test_cagr_over_a_window_of_a_series():
    values = pd.Series([100.0, 0.0, 0.0, 0.0, 0.0, 161.051], index=range(2019, 2025))
    assert metrics.cagr_over(values, 2024, 5) == pytest.approx(10.0)  # 1.1 ** 5 = 1.61051
    assert math.isnan(metrics.cagr_over(values, 2024, 10))  # 2014 is not in the series


def test_herfindahl_index():
    assert metrics.herfindahl(pd.Series([50.0, 50.0])) == pytest.approx(5000.0)  # 50^2 + 50^2
    assert metrics.herfindahl(pd.Series([7.0, 1.0, 1.0, 1.0])) == pytest.approx(4900 + 3 * 100)  # 70 %, 3 x 10 %
    assert metrics.herfindahl(pd.Series([1.0])) == pytest.approx(10_000.0)
    assert math.isnan(metrics.herfindahl(pd.Series([0.0, 0.0])))


def test_a_change_in_per_cent_has_a_base_or_is_not_a_number():
    assert metrics.change_pct(110.0, 100.0) == pytest.approx(10.0)  # by hand: +10 on 100
    assert metrics.change_pct(46.9, 50.0) == pytest.approx(-6.2)  # by hand: −3.1 on 50
    assert math.isnan(metrics.change_pct(5.0, 0.0)) and math.isnan(metrics.change_pct(5.0, math.nan))
