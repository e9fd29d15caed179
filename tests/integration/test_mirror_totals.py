"""With the mirror, the report's figures are the extract's own: checked against independent sums of the raw file."""

import pytest

from conftest import US_EXTRACT
from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners, trade
from rawsums import sums

pytestmark = pytest.mark.mirror


def raw_sums(mirror, column):
    """Sum of `column` by (year, province), straight from the CSV."""
    return sums(mirror / US_EXTRACT, column, key=lambda row: (int(row["YEAR"]), row["PROVINCE"]))


def usa(year):
    return partner_trade(partners.resolve("USA"), year, trade.load())


def test_quebec_exports_and_imports_per_year_match_the_extract(mirror, outputs):
    profile = usa(None)
    assert profile.dataset.kind == "official" and profile.dataset.source_ids == ("statcan_12100175_us_extract",)
    for flow, column in (("export", "EXPORT"), ("import", "IMPORT")):
        expected = {year: value for (year, province), value in raw_sums(mirror, column).items() if province == "Québec"}
        assert sorted(expected) == list(range(2014, 2025))
        for year, value in expected.items():
            assert profile.flows.at[year, flow] == pytest.approx(value, rel=1e-12), (flow, year)


def test_share_and_rank_among_provinces_match_the_extract(mirror, outputs):
    exports = {province: v for (year, province), v in raw_sums(mirror, "EXPORT").items() if year == 2024}
    expected_share = exports["Québec"] / sum(exports.values()) * 100
    expected_rank = sorted(exports.values(), reverse=True).index(exports["Québec"]) + 1
    highlights = usa(2024).highlights()
    assert highlights.canada_share_pct == pytest.approx(expected_share)
    assert highlights.canada_rank == expected_rank


def test_import_shares_match_the_extract(mirror, outputs):
    imports = {province: v for (year, province), v in raw_sums(mirror, "IMPORT").items() if year == 2020}
    shares = usa(2020).canada_imports.set_index("reporter_code")
    assert shares.at["QC", "share_pct"] == pytest.approx(imports["Québec"] / sum(imports.values()) * 100)
    assert shares["share_pct"].sum() == pytest.approx(100)
