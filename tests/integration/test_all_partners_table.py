"""With table 12-10-0173-01 at hand (here a SYNTHETIC one in the real layout), reports rank partners and shares."""

import pytest
import statcan_fixture as fx

from quebec_intl import settings
from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners
from quebec_intl.data import trade as dataset
from quebec_intl.reports import overview, partner, region, subjects
from quebec_intl.reports.context import ReportContext

EN, FR = ReportContext.of("en"), ReportContext.of("fr")

# Exports in thousands of dollars, 2023 (2022 is 10 % lower); imports are half the exports.
EXPORTS_2023 = {
    ("Quebec", "All countries"): 1000,
    ("Quebec", "United States"): 800,
    ("Quebec", "France"): 50,
    ("Quebec", "Japan"): 150,
    ("Canada", "All countries"): 9000,
    ("Canada", "United States"): 7000,
    ("Canada", "France"): 200,
    ("Canada", "Japan"): 1800,
    ("Ontario", "All countries"): 4000,
    ("Ontario", "United States"): 3500,
    ("Ontario", "France"): 100,
    ("Ontario", "Japan"): 400,
}


def value(period, geo, partner, section, trade):
    total = EXPORTS_2023[(geo, partner)] * (1.0 if period == "2023" else 0.9)
    total = total if trade == "Domestic export" else total / 2
    return total if section == "All sections" else total * 0.25  # energy: a quarter of the total


@pytest.fixture
def all_partners_mirror(tmp_path, monkeypatch, outputs):  # noqa: ARG001
    mirror = tmp_path / "mirror"
    records = fx.rows(
        fx.ANNUAL,
        ["2022", "2023"],
        ["Quebec", "Canada", "Ontario"],
        ["All countries", "United States", "France", "Japan"],
        ["All sections", "Energy products [C12]"],
        ["Domestic export", "Import"],
        value,
    )
    fx.write_zip(mirror / "statcan-12100173" / "12100173-eng.zip", fx.ANNUAL, records)
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    return mirror


@pytest.mark.usefixtures("all_partners_mirror")
def test_the_all_partners_table_is_preferred_and_covers_all_partners():
    data = dataset.load()
    assert data.source_ids == ("statcan_12100173",) and data.covers_all_partners


@pytest.mark.usefixtures("all_partners_mirror")
def test_partner_rank_and_share_among_quebec_partners():
    japan = partners.resolve("Japan")
    h = partner_trade(japan, subjects.partner_period(japan, 2023), dataset.load()).highlights()
    assert h.exports == 150_000 and h.exports_change.growth_pct == pytest.approx(150 / 135 * 100 - 100)
    assert (h.destination.rank, h.destination.share_pct) == (2, pytest.approx(15.0))  # 150 of 1,000: behind the US
    # Québec and Ontario are the provinces in this table: 150 / (150 + 400)
    assert h.provinces.rank == 2 and h.provinces.share_pct == pytest.approx(150 / 550 * 100)
    text = partner.summary(partner.load("Japon", 2023), FR).blocks[0]
    assert "Rang du Japon parmi les partenaires du Québec pour les exportations\u00a0: 2e (15,0" in text


@pytest.mark.usefixtures("all_partners_mirror")
def test_overview_ranks_partners_splits_regions_and_measures_concentration():
    data = overview.load(2023)
    assert data.exports(2023).to_dict() == {"USA": 800_000, "JPN": 150_000, "FRA": 50_000}
    top = next(b for b in overview.top_partners(data, EN).blocks if type(b).__name__ == "Table")
    assert [row[1] for row in top.rows] == ["United States", "Japan", "France"]
    assert top.rows[0][3] == "80.0%"  # 800 of the 1,000 Québec sends to all countries
    regions = dict(next(b for b in overview.region_shares(data, EN).blocks if type(b).__name__ == "Table").rows)
    assert regions["United States"] == "80.0%" and regions["Asia"] == "15.0%" and regions["Europe"] == "5.0%"
    assert regions["OIF members"] == "5.0%" and regions["Africa"] == "0.0%"  # France only
    sentence = overview.concentration(data, EN).blocks[0]
    assert "is 6,650 in 2023" in sentence  # 80² + 15² + 5²


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_without_full_coverage_the_overview_says_what_it_lacks():
    data = overview.load(None)
    assert data.year == 2021  # the latest world total of sufficient authority (2023's is an aggregator reprint)
    for section in (
        overview.top_partners(data, EN),
        overview.region_shares(data, EN),
        overview.concentration(data, EN),
        overview.destinations_map(data, EN),
    ):
        assert type(section).__name__ == "Omitted"  # left out of the page, named in its "not covered" note
        assert section.why == (
            "it needs Québec's trade with each of Canada's principal trading partners in the year: "
            "Statistics Canada's table 12-10-0173-01, or its monthly table 12-10-0175-01 (from 2017)"
        )


@pytest.mark.usefixtures("all_partners_mirror")
def test_a_grouping_of_countries_is_aggregated_from_the_all_partners_table():
    section = region.trade(region.load("G7"), EN)
    summary = section.blocks[0]
    assert summary.startswith("In 2023, Québec exported $1.0 million to the G7, 100.0% of its exports")
    assert "80.0% of the exports to the region go to its leading destination, the United States" in summary
    table = next(b for b in section.blocks if type(b).__name__ == "Table")
    assert [row[0] for row in table.rows] == ["United States", "Japan", "France"]
