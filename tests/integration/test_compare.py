"""Side by side: the index starts at 100 in the first year every side has, its values are the raw file's ratios, and
no total ever adds figures of different bases (or a partner twice); the command line takes two to four of either."""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import re
from collections import defaultdict

import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from htmlcheck import charts, text_of
from rawsums import rows

from quebec_intl.analysis import comparison
from quebec_intl.analysis.key_figures import Amount, KeyFigures, Period
from quebec_intl.analysis.subject_trade import SubjectTrade
from quebec_intl.cli import main, parser
from quebec_intl.data import partners, regions, trade
from quebec_intl.errors import QuebecIntlError
from quebec_intl.reports import compare, subjects
from quebec_intl.reports.context import ReportContext

MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
COUNTRIES = {"France": "France", "Allemagne": "Germany", "Royaume-Uni": "United Kingdom"}


def raw_exports_by_year(mirror) -> dict[str, dict[int, float]]:
    """Québec's whole-year exports to France, Germany and the United Kingdom, summed from the monthly table's
    French file (its partners' French names), in dollars."""
    found: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    months: dict[int, set] = defaultdict(set)
    for row in rows(mirror / MONTHLY):
        if (
            row["partenaire"] in COUNTRIES
            and row["commerce"] == "Exportations nationales"
            and row["produit_scpan"] == "Total de toutes les marchandises"
        ):
            year = int(row["mois"][:4])
            found[COUNTRIES[row["partenaire"]]][year] += float(row["valeur_milliers_cad"]) * 1000
            months[year].add(row["mois"])
    whole = {year for year, seen in months.items() if len(seen) == 12}
    return {name: {y: v for y, v in by_year.items() if y in whole} for name, by_year in found.items()}


def test_the_index_starts_at_100_in_the_first_common_year_and_follows_the_raw_file(rendered_site):
    raw = raw_exports_by_year(rendered_site["mirror"])
    first = min(set.intersection(*(set(by_year) for by_year in raw.values())))
    index = [r for r in charts(rendered_site["compare_countries_en"])["chart-compare-index"] if r["panel"] == "Exports"]
    assert {r["side"] for r in index} == set(raw)
    for name, by_year in raw.items():
        series = {int(r["ref_year"]): float(r["value"]) for r in index if r["side"] == name}
        assert min(series) == first and series[first] == pytest.approx(100.0)
        for year, value in series.items():
            assert value == pytest.approx(by_year[year] / by_year[first] * 100, rel=1e-6), (name, year)


def test_three_countries_on_one_basis_are_added_up_and_the_total_is_the_sum_of_the_rows(rendered_site):
    raw = raw_exports_by_year(rendered_site["mirror"])
    year = max(set.intersection(*(set(by_year) for by_year in raw.values())))
    total = sum(by_year[year] for by_year in raw.values())
    text = text_of(rendered_site["compare_countries_en"])
    assert f"Together, these destinations received ${total / 1e9:.1f} billion of Québec's exports in {year}" in text


@pytest.mark.usefixtures("mirror")
def test_a_us_state_beside_a_country_is_never_added_up():
    """Georgia from BTS (US records) beside France from Statistics Canada (customs): two bases."""
    data = compare.load(partners=["US-GA", "France"])
    assert [side.basis for side in data.sides] == ["us_records", "customs"]
    assert data.together is None and data.not_together == "bases"
    for lang, row in (("en", "Together"), ("fr", "Ensemble")):
        ctx = ReportContext.of(lang)
        table = compare.standing(data, ctx).blocks[0]
        assert [r[0] for r in table.rows] == (["Georgia", "France"] if lang == "en" else ["Géorgie", "France"])
        assert row not in [r[0] for r in table.rows]
        said = " ".join(b for b in compare.summary(data, ctx).blocks if isinstance(b, str))
        assert ctx.t("compare.not_summed_bases") in said
        assert not re.search(r"Together|Ensemble", said)


def raw_exports_to_states_cad(mirror, states: set[str], year: int) -> float:
    """Québec's exports to these US states in the year, summed from the raw dot2 files (US imports from Québec) and
    converted at the Bank of Canada's annual rate of the year, from its own file."""
    value_usd = sum(
        float(row["VALUE"])
        for file in sorted((mirror / "bts-transborder").glob(f"{year}-*/dot2_*.csv.gz"))
        for row in rows(file)
        if row["TRDTYPE"] == "2" and row["CANPROV"] == "XQ" and row["USASTATE"] in states
    )
    answer = json.loads((mirror / "bank-of-canada" / "FX_RATES_ANNUAL.json").read_text(encoding="utf-8"))
    rate = float(next(o["FXAUSDCAD"]["v"] for o in answer["observations"] if o["d"].startswith(str(year))))
    return value_usd * rate


def states_of(region_id: str) -> set[str]:
    """The region's US states, postal codes, as data/reference/region_members.csv lists them."""
    with open(PROJECT_ROOT / "data" / "reference" / "region_members.csv", encoding="utf-8", newline="") as handle:
        return {
            row["member_code"].removeprefix("US-")
            for row in csv.DictReader(handle)
            if row["region_id"] == region_id and row["member_code"].startswith("US-") and row["status"] == "member"
        }


def test_regions_sharing_a_state_are_not_added_up(mirror):
    """SEUS-CP's six states are all in the Atlanta office's territory: a sum would count them twice."""
    data = compare.load(regions=["SEUS-CP", "Atlanta"])
    assert data.together is None and data.not_together == "overlap"
    disjoint = compare.load(regions=["SEUS-CP", "GSGP"])  # the alliance's provinces are no partners of Québec's trade
    states = states_of("seus_cp") | states_of("gsgp")
    assert len(states) == 6 + 8 and disjoint.year == 2024
    assert disjoint.together is not None
    assert disjoint.together.export_cad == pytest.approx(raw_exports_to_states_cad(mirror, states, 2024), rel=1e-9)


def test_published_figures_of_unstated_basis_are_never_added_nor_joined_across_years():
    """The embedded default: China's and Brazil's 2016 figures are a ministry's published figures whose basis
    data/curated/trade_figures.csv gives as unknown."""
    data = compare.load(partners=["China", "Brazil"])
    assert data.year == 2016 and {side.basis for side in data.sides} == {"unknown"}
    assert data.together is None and data.not_together == "unstated"
    assert all(list(side.flows.index) == [2016] for side in data.sides)  # each a single published year
    assert data.base_year == 2016 and data.index["ref_year"].eq(2016).all()
    said = " ".join(b for b in compare.summary(data, ReportContext.of("en")).blocks if isinstance(b, str))
    assert "not stated" in said and "Together" not in said


def _side(key: str, basis: str, members: set[str]) -> comparison.Side:
    """SYNTHETIC: a side with made-up figures, for the rule on totals only."""
    flow = Amount(1e9, "CAD", Period(2024), basis, ("statcan_12100175_quebec",))
    flows = pd.DataFrame({"export": [1e9], "import": [1e9], "balance": [0.0]}, index=[2024])
    bases = pd.DataFrame(basis, index=flows.index, columns=["export", "import"])
    figures = KeyFigures(
        SubjectTrade(partners.resolve("FRA"), 2024, (), flows, bases, pd.DataFrame(), "CAD", flow, flow)
    )
    return comparison.Side(key, figures, flows, frozenset(members), basis)


def test_only_sides_on_one_basis_without_a_common_partner_are_summed():
    assert comparison.why_not_together([_side("A", "customs", {"FRA"}), _side("B", "customs", {"DEU"})]) is None
    assert comparison.why_not_together([_side("A", "customs", {"FRA"}), _side("B", "us_records", {"US-GA"})]) == "bases"
    for unstated in ("unknown", "mixed"):
        alike = [_side("A", unstated, {"FRA"}), _side("B", unstated, {"DEU"})]
        assert comparison.why_not_together(alike) == "unstated" and comparison.together(alike, 2024) is None
    overlapping = [_side("A", "us_records", {"US-GA", "US-AL"}), _side("B", "us_records", {"US-GA"})]
    assert comparison.why_not_together(overlapping) == "overlap"
    assert comparison.together(overlapping, 2024) is None


def test_the_command_line_takes_several_partners_or_regions():
    args = parser().parse_args(["render", "compare", "--partners", "France", "Germany", "United Kingdom"])
    assert args.partners == ["France", "Germany", "United Kingdom"] and args.regions is None
    args = parser().parse_args(["render", "compare", "--regions", "SEUS-CP", "GSGP", "--lang", "en"])
    assert args.regions == ["SEUS-CP", "GSGP"]


@pytest.mark.usefixtures("mirror")
@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"partners": ["France"]}, "2 to 4 partners, not 1"),
        ({"partners": ["FRA", "DEU", "GBR", "ITA", "JPN"]}, "2 to 4 partners, not 5"),
        ({"partners": ["France", "FRA"]}, "FRA is given twice"),
        ({"partners": ["France", "Germany"], "regions": ["GSGP", "SEUS-CP"]}, "not both"),
        ({}, "or --regions (say SEUS-CP GSGP)"),
    ],
)
def test_a_comparison_it_cannot_make_is_one_line_saying_what_to_give(given, said):
    with pytest.raises(QuebecIntlError, match=re.escape(said)) as refused:
        compare.check(**given)
    assert given or not str(refused.value).endswith("not both")  # nothing given is not "both"


@pytest.mark.usefixtures("mirror")
def test_an_unknown_partner_or_a_part_year_is_refused_before_a_kernel_starts(capsys):
    assert main(["render", "compare", "--partners", "Narnia", "France"]) == 2
    assert "unknown --partners 'Narnia'" in capsys.readouterr().err
    assert main(["render", "compare", "--partners", "US-GA", "France", "--year", "2020"]) == 2  # BTS: Jan.–Sept.
    said = capsys.readouterr().err.strip()
    assert "2020 is not a whole year in the figures of Georgia" in said and "\n" not in said
    assert main(["render", "briefing", "--partner", "US-GA", "--year", "2020"]) == 2  # a note would quote it whole
    assert "2020 is not a whole year in the figures of Georgia" in capsys.readouterr().err


def test_the_year_compared_is_the_latest_every_side_has_even_where_a_side_skips_years():
    assert comparison.common_year({"FRA": {2016, 2017, 2020}, "CHN": {2016, 2020, 2022}, "MEX": {2020}}) == 2020
    assert comparison.common_year({"DEU": {2011, 2012}, "GBR": {2013}}) is None


def test_sides_sharing_no_whole_year_are_one_line_naming_each_ones_years():
    """The embedded default (published figures, year by year): France, Germany and the UK have no year in common."""
    with pytest.raises(QuebecIntlError, match=r"France \([0-9, ]+\), .* have no whole year in common: build the"):
        compare.load(partners=["France", "Germany", "United Kingdom"])


def raw_whole_rated_years(mirror) -> set[int]:
    """The years the mirror's BTS folders hold all twelve months of, that the Bank of Canada's file has a rate for."""
    months: dict[int, int] = defaultdict(int)
    for folder in (mirror / "bts-transborder").glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]"):
        months[int(folder.name[:4])] += 1
    answer = json.loads((mirror / "bank-of-canada" / "FX_RATES_ANNUAL.json").read_text(encoding="utf-8"))
    rated = {int(o["d"][:4]) for o in answer["observations"] if o.get("FXAUSDCAD")}
    return {year for year, count in months.items() if count == 12} & rated


def test_the_check_reads_each_sides_years_as_its_trade_holds_them(mirror, monkeypatch):
    """`check` answers from the tables, without building each side's trade: the years it finds are those of the trade
    a page shows, for every kind of side and a year asked for or not; a region of US states has the whole years of
    the raw BTS folders with the Bank's rate."""
    everyone = partners.all_partners()
    sides = [everyone[code] for code in ("FRA", "USA", "US-GA", "US-PR")]
    sides += [regions.regions()[region] for region in ("seus_cp", "g7")]
    for side, year in itertools.product(sides, (None, 2020)):
        model = subjects.subject_trade(side, subjects.subject_period(side, year))
        assert subjects.trade_years(side, year) == (subjects.TradeYears.of(model) if model else None), (side, year)
    whole = raw_whole_rated_years(mirror)
    assert whole == {2021, 2022, 2023, 2024}  # the mirror's README: 2020 from February, 2015 one month
    for region in ("seus_cp", "gsgp"):
        assert subjects.trade_years(regions.regions()[region], None).both_flows == whole
    assert compare.check(regions=["SEUS-CP", "GSGP"])[1].year == compare.load(regions=["SEUS-CP", "GSGP"]).year
    states = trade.load_states_trade()  # before the Bank publishes 2024's rate, 2024 is no whole year in C$
    without = dataclasses.replace(states, rates=states.rates[states.rates["ref_year"].ne(2024)])
    monkeypatch.setattr(trade, "load_states_trade", lambda: without)
    for side in (everyone["US-GA"], regions.regions()["seus_cp"]):
        model = subjects.subject_trade(side, subjects.subject_period(side, None))
        assert subjects.trade_years(side, None) == subjects.TradeYears.of(model)
        assert subjects.trade_years(side, None).both_flows == whole - {2024}
