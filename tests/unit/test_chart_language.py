"""A chart carries its own language's number and date formats: what a page or a notebook draws never depends on
which report context was made last in the process (issue 27: a French chart shown after an English context was
made drew "1,234.5" under its French title)."""

import altair as alt
import pandas as pd
import pytest

from quebec_intl.reports import relations
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual.blocks import VEGA_MIME, Figure

NBSP = "\u00a0"


def shown_spec(figure: Figure) -> dict:
    """The spec a notebook (and so the page) receives when the figure is displayed."""
    bundle, _ = figure._repr_mimebundle_()
    return bundle[VEGA_MIME]


def office_timeline(lang: str) -> Figure:
    section = relations.offices(relations.load(), ReportContext.of(lang))
    return next(block for block in section.blocks if isinstance(block, Figure) and block.name == "offices-timeline")


def test_a_french_chart_shown_after_an_english_context_was_made_keeps_the_french_formats():
    french = office_timeline("fr")
    english = office_timeline("en")  # a second context, in the other language, made after the French chart

    spec = shown_spec(french)
    assert spec["title"].startswith("Représentations à l'étranger")
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # 1 234,5 as Québec writes it
    assert spec["config"]["locale"]["number"]["thousands"] == NBSP
    assert spec["config"]["locale"]["time"]["months"][0] == "janvier"

    spec = shown_spec(english)
    assert spec["title"].startswith("Offices abroad")
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    assert spec["config"]["locale"]["number"]["thousands"] == ","
    assert spec["config"]["locale"]["time"]["months"][0] == "January"


def test_a_figure_refuses_a_chart_that_carries_no_language():
    """Without its language's formats a chart would draw Vega's defaults (1,234.5) on a French page: refused."""
    bare = alt.Chart(pd.DataFrame({"x": [1.5]})).mark_bar().encode(x="x:Q")
    with pytest.raises(ValueError, match=r"ctx\.figure"):
        Figure("bare", bare, "A bar.", pd.DataFrame({"x": [1.5]}))


def test_a_page_gets_the_spec_altair_makes_though_its_renderer_skips_the_checks(monkeypatch):
    """The batch renderer neither validates a chart nor lets Altair walk its style (blocks.skip_chart_validation): a
    layered chart drawn from one frame twice, with its style and its data, is still the very spec Altair makes."""
    from quebec_intl.visual import blocks, charts

    frame = pd.DataFrame({"ref_year": [2023, 2024, 2024], "measure": ["Exports", "Exports", "Imports"]})
    frame["value_cad_bn"] = [1.5, None, 2.25]
    ctx = ReportContext.of("fr")
    figure = ctx.figure("trend", charts.trend(frame, "Titre", "G$", "Année", ",.1f"), "Une ligne.", frame)
    checked = shown_spec(figure)
    monkeypatch.setitem(blocks._CHARTS, "validate", False)
    assert shown_spec(figure) == checked == figure.chart.to_dict(validate=False)
    assert len(checked["datasets"]) == 2  # the zero line's, and the frame's, once for its line and its points
