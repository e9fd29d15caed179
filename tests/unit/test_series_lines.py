"""No line over the years across a gap, a change of source or a change of basis (issue 26): on a hand-made frame, and
on every trend of the embedded default against the curated file read with the csv module (tests/linepairs.py); a
figure its page gives in constant dollars is in no current-dollar series; a balance is never computed from two
publications."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest
from linepairs import joined_pairs, published_origins

from quebec_intl.analysis.subject_trade import from_statcan
from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners, trade
from quebec_intl.data.transform import trade_annual
from quebec_intl.reports import briefing, line_breaks, quotes, subjects, trade_sections
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual import charts
from quebec_intl.visual.blocks import Figure, Note, Table

EN, FR = ReportContext.of("en"), ReportContext.of("fr")
FLOWS = {"Exports": "export", "Imports": "import", "Balance": "balance"}

# Exports: a lone published year (1998), a gap, a year from another page (2016), two years of one table; imports: two
# years of the table, a gap, one more.
HAND_MADE = pd.DataFrame(
    {
        "ref_year": [1998, 2016, 2017, 2018, 2016, 2017, 2019],
        "measure": ["Exports"] * 4 + ["Imports"] * 3,
        "value_cad_bn": [0.9, 1.6, 1.5, 1.5, 2.5, 2.8, 3.0],
        "origin": ["page A", "page B", "table", "table", "table", "table", "table"],
    }
)
HAND_MADE_JOINED = {("Exports", 2017, 2018), ("Imports", 2016, 2017)}


def _joined(chart) -> set[tuple[str, int, int]]:
    return {(a["measure"], a["ref_year"], b["ref_year"]) for _, a, b in joined_pairs(chart.to_dict())}


def test_a_trend_joins_only_consecutive_years_of_one_origin():
    chart = charts.trend(HAND_MADE, "T", "Y", "X", ",.1f")
    assert _joined(chart) == HAND_MADE_JOINED
    points = next(layer for layer in chart.to_dict()["layer"] if layer["mark"]["type"] == "point")
    drawn = chart.to_dict()["datasets"][points["data"]["name"]]
    assert sorted(row["ref_year"] for row in drawn) == sorted(HAND_MADE["ref_year"])  # a lone year stays a point
    assert all("origin" not in row for row in drawn)  # the code's keys stay off the page


def test_the_note_s_and_the_comparison_s_lines_break_alike():
    assert _joined(charts.small_trend(HAND_MADE, "T", "Y", "X", ",.1f")) == HAND_MADE_JOINED
    panels = HAND_MADE.rename(columns={"measure": "side", "value_cad_bn": "value"}).assign(panel="Exports")
    spec = charts.compared(panels, "T", "Y", "X", ",.1f").to_dict()
    assert {(a["side"], a["ref_year"], b["ref_year"]) for _, a, b in joined_pairs(spec)} == HAND_MADE_JOINED


def test_without_origins_a_line_still_breaks_at_a_gap():
    assert _joined(charts.trend(HAND_MADE.drop(columns="origin"), "T", "Y", "X", ",.1f")) == {
        ("Exports", 2016, 2017),
        ("Exports", 2017, 2018),
        ("Imports", 2016, 2017),
    }


def test_the_table_says_where_the_lines_break_and_why():
    def said(ctx: ReportContext) -> str:
        labels = {"Exports": ctx.t("column.flow_export"), "Imports": ctx.t("column.flow_import")}
        (note,) = line_breaks.note(HAND_MADE.assign(measure=HAND_MADE["measure"].map(labels)), "measure", ctx)
        return note.text.replace("\u00a0", " ").replace("\u202f", " ")

    assert said(EN) == (
        "No line crosses a year without an annual figure: 1999–2015 (exports); 2018 (imports). No line joins two "
        "years whose figures come from different sources or bases: 2016 and 2017 (exports)."
    )
    assert said(FR) == (
        "Aucune ligne ne traverse une année sans chiffre annuel : 1999–2015 (exportations) ; 2018 (importations). "
        "Aucune ligne ne relie deux années dont les chiffres proviennent de sources ou de bases différentes : "
        "2016 et 2017 (exportations)."
    )
    unbroken = HAND_MADE[HAND_MADE["ref_year"].between(2016, 2018)].assign(origin="table")
    assert line_breaks.note(unbroken, "measure", EN) == []


def _trend_of(code: str):
    """The trend section of the partner's page (the overview's for all countries: its partner is WLD), as the page
    makes it from the partner's trade, and that trade."""
    subject = partners.resolve(code)
    period = subjects.partner_period(subject, None)
    data = SimpleNamespace(trade=from_statcan(partner_trade(subject, period, trade.load())), subject=subject)
    return data, trade_sections.trend(data, EN)


def _matches(value_bn: float, candidates: dict) -> set:
    return {origin for origin, value in candidates.items() if math.isclose(value, value_bn * 1e9, rel_tol=1e-9)}


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_no_trend_of_the_embedded_default_joins_two_sources_bases_or_gaps():
    """Every partner the embedded default has, and all countries: each pair of years a line joins is consecutive,
    and both years' figures are on one page of the curated file on one basis (balances: both flows of that page); a
    year has a balance exactly when one page gives both its exports and its imports on one basis."""
    published = published_origins()
    annual = trade.load().annual
    codes = sorted(set(annual.loc[annual["reporter_code"].eq("QC"), "partner_code"]))
    seen = 0
    for code in codes:
        data, section = _trend_of(code)
        for year, r in data.trade.flows.dropna(subset=["export", "import"]).iterrows():
            one_page = _matches(r["export"] / 1e9, published[(code, "export", year)]) & _matches(
                r["import"] / 1e9, published[(code, "import", year)]
            )
            assert bool(one_page) == (not math.isnan(r["balance"])), (code, year)
        (figure,) = [block for block in section.blocks if isinstance(block, Figure)]
        for _, a, b in joined_pairs(figure.chart.to_dict(validate=False)):
            flow = FLOWS[a["measure"]]
            assert b["ref_year"] == a["ref_year"] + 1, (code, flow, a["ref_year"], b["ref_year"])
            first = _matches(a["value_cad_bn"], published[(code, flow, a["ref_year"])])
            then = _matches(b["value_cad_bn"], published[(code, flow, b["ref_year"])])
            assert first & then, (code, flow, a["ref_year"], b["ref_year"], first, then)
            seen += 1
    assert seen > 10  # the check ran on real lines


@pytest.mark.usefixtures("no_mirror", "outputs")
@pytest.mark.parametrize(("code", "lone", "next_year"), [("USA", 2006, 2011)])  # two ministry pages
def test_a_lone_early_year_is_a_point_not_the_start_of_a_line(code, lone, next_year):
    _, section = _trend_of(code)
    (figure,) = [block for block in section.blocks if isinstance(block, Figure)]
    assert lone in set(figure.data["ref_year"]) and next_year in set(figure.data["ref_year"])
    assert not [pair for pair in _joined(figure.chart) if lone in pair[1:]]
    notes = " ".join(block.text for block in section.blocks if isinstance(block, Note))
    assert f"No line crosses a year without an annual figure: {lone + 1}–{next_year - 1} (exports)" in notes


def test_a_figure_in_constant_dollars_is_in_no_current_dollar_series():
    """SYNTHETIC figures: the only page for a cell gives it in constant dollars (an ISQ volume measure), so the cell
    stays empty in the current-dollar series; beside a current-dollar figure of the same cell, that one is used. (The
    official pages the curated file keeps give no figure in constant dollars, so the rule is tried on a frame.)"""
    rows = pd.DataFrame(
        {
            "ref_year": [2016, 2017, 2017],
            "reporter_code": ["QC"] * 3,
            "partner_code": ["WLD"] * 3,
            "flow": ["export"] * 3,
            "authority_rank": [1, 1, 2],
            "published_unit": ["CAD_billion", "CAD_billion", "CAD_million"],
            "basis": ["constant_dollars", "constant_dollars", "unknown"],
            "value_cad": [74.3e9, 75.8e9, 92_000e6],
        }
    )
    ordered = trade_annual.by_preference(rows)
    chosen = ordered[trade_annual.is_preferred(ordered)]
    assert list(zip(chosen["ref_year"], chosen["basis"])) == [(2017, "unknown")]


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_balance_is_computed_only_from_one_page_on_one_basis():
    """The United States' 2013 exports (a ministry's note) and imports (a press release) come from two pages: no
    balance, and the table says why."""
    published = published_origins()
    data, section = _trend_of("USA")
    flows = data.trade.flows
    exports_from = _matches(flows.at[2013, "export"] / 1e9, published[("USA", "export", 2013)])
    imports_from = _matches(flows.at[2013, "import"] / 1e9, published[("USA", "import", 2013)])
    assert exports_from and imports_from and not exports_from & imports_from
    assert math.isnan(flows.at[2013, "balance"])
    (table,) = [block for block in section.blocks if isinstance(block, Table)]
    (row_2013,) = [row for row in table.rows if row[0] == "2013"]
    assert row_2013[3] == EN.MISSING and EN.MISSING not in row_2013[1:3]
    notes = " ".join(block.text for block in section.blocks if isinstance(block, Note))
    assert "No balance is given for 2013, whose exports and imports come from different sources or bases." in notes


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_note_and_a_summary_state_no_balance_across_two_publications():
    note = briefing.load(partner="USA", year=2013)
    assert math.isnan(note.figures.balance_cad)
    said = " ".join(quote.text for quote in quotes.quotes(note, EN))
    assert "In 2013, Québec imported $29.6 billion of goods from the United States." in said
    usa = partners.resolve("USA")
    summary = trade_sections.summary(
        SimpleNamespace(
            trade=from_statcan(partner_trade(usa, subjects.partner_period(usa, 2013), trade.load())), subject=usa
        ),
        EN,
    )
    for text in (said, str(summary.blocks[0])):
        assert "surplus" not in text and "deficit" not in text and "balance" not in text
