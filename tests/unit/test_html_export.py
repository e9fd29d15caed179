"""An executed notebook becomes a page with no code, one Vega script and charts as inline figures."""

import json
import re
import urllib.parse

import altair as alt
import pandas as pd
from htmlcheck import remote, scan
from nbformat.v4 import new_code_cell, new_notebook, new_output

from quebec_intl.publish import html_export
from quebec_intl.reports.context import ReportContext

DATA = pd.DataFrame({"x": [1, 2], "y": ["</script>", "b"]})
CHART = alt.Chart(DATA).mark_bar().encode(x="x:Q", y="y:N")


def executed_notebook():
    data, metadata = ReportContext.of("en").figure("trend", CHART, "A line of exports.", DATA)._repr_mimebundle_()
    return new_notebook(
        cells=[
            new_code_cell('partner = "USA"', metadata={"tags": ["parameters"]}),
            new_code_cell(
                "secret_code_here()",
                outputs=[
                    new_output("stream", name="stderr", text="a warning\n"),
                    new_output("display_data", data={"text/html": "<p>Hello</p>"}),
                    new_output("display_data", data=data, metadata=metadata),
                ],
            ),
        ]
    )


def test_page_has_no_code_one_vega_script_and_the_chart_inline():
    body, _ = html_export.notebook_body(executed_notebook())
    html = html_export.page(
        body,
        {
            "title": "T",
            "lang": "fr",
            "kind": "partner",
            "subject": {"code": "USA", "name_en": "United States", "name_fr": "États-Unis"},
        },
    )
    page = scan(html)
    text = " ".join(page.text)
    assert "secret_code_here" not in html and 'partner = "USA"' not in html and "a warning" not in text
    assert "Hello" in text and "A line of exports." in text
    assert page.figures == 1 and 'id="chart-trend"' in html
    assert html.count('id="qi-vega"') == 1
    assert not [url for url in page.loads if remote(url)]
    spec_text = re.search(r'<script[^>]*class="qi-chart-spec"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert json.loads(spec_text.replace("<\\/", "</"))["mark"]["type"] == "bar"


def test_the_csv_link_holds_the_table_the_chart_draws():
    body, _ = html_export.notebook_body(executed_notebook())
    href = re.search(r'class="qi-csv" download="chart-trend.csv" href="([^"]+)"', body).group(1)
    assert href.startswith("data:text/csv;charset=utf-8,")
    assert urllib.parse.unquote(href.split(",", 1)[1]).splitlines() == ["x,y", "1,</script>", "2,b"]


def test_a_page_without_charts_carries_no_script():
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={"text/html": "<p>x</p>"})])])
    html = html_export.page(html_export.notebook_body(nb)[0], {"title": "T", "lang": "en", "kind": "partner"})
    assert scan(html).scripts == 0


def test_nbconvert_finds_the_exporter_by_its_name():
    from nbconvert.exporters.base import get_exporter

    assert get_exporter("quebec-report") is html_export.ReportExporter


HOSTILE = "<!--<script>alert(1)</script>&\u2028"


def test_text_from_the_data_cannot_open_a_comment_or_a_script_in_the_page():
    """An event title `<!--<script>` once stopped every chart of the relations page from drawing."""
    frame = pd.DataFrame({"x": [1], "y": [HOSTILE]})
    chart = alt.Chart(frame, title=HOSTILE).mark_bar().encode(x="x:Q", y="y:N")
    figure = html_export.chart_html("chart-t", chart.to_dict(), HOSTILE, "fr", frame.to_csv(index=False))
    script = re.search(r'<script type="application/json" class="qi-chart-spec">(.*?)</script>', figure, re.S).group(1)
    assert not set("<>&\u2028") & set(script)
    assert json.loads(script)["title"] == HOSTILE  # the chart still shows the text as it is
    outside = figure.replace(script, "")
    assert "<!--" not in outside and "<script>alert" not in outside


def test_blocks_escape_their_text_and_refuse_links_that_are_not_web_addresses():
    import pytest

    from quebec_intl.visual.blocks import Link, Links, Table, paragraph, render_block

    assert "<script>" not in paragraph(HOSTILE).data and "&lt;script&gt;" in paragraph(HOSTILE).data
    assert "<!--" not in render_block("heading", heading=HOSTILE, level=2)
    assert "<script>" not in Table(["a"], [[HOSTILE]]).to_html()
    for url in ("javascript:alert(3)", "data:text/html,<script>", " https://example.org", "//example.org"):
        with pytest.raises(ValueError, match="not an http or https address"):
            Link("source", url)
        with pytest.raises(ValueError):
            Links("Sources", [("source", url)])


def test_the_print_footer_is_a_css_string_no_title_can_break_out_of():
    footer = html_export.css_string('Le Québec et « A » </style><script>x"y\\z')
    assert footer.startswith('"Le Québec et ') and footer.endswith('"') and footer.count('"') == 2
    assert "<" not in footer and ">" not in footer and "\\\\" not in footer.replace("\\5c ", "")


def test_charts_offer_only_the_offline_exports_in_the_page_language():
    for lang, png in (("fr", "Image PNG"), ("en", "PNG image")):
        options = json.loads(html_export.chart_options(lang))
        assert options["actions"] == {
            "export": {"png": True, "svg": True},
            "source": False,
            "compiled": False,
            "editor": False,
        }
        assert options["i18n"]["PNG_ACTION"] == png


def test_the_footer_dates_statistics_by_their_last_period_and_facts_by_their_reading():
    assert html_export.data_date(["bts_transborder_dot2", "boc_legacy_noon", "curated_events"], "fr") == (
        "Dernière période des données\u00a0: décembre 2024"
    )
    assert html_export.data_date(["curated_offices"], "en") == "Facts as of December 2026"
    assert html_export.data_date([], "en") == ""


def test_a_page_that_stops_before_its_sources_is_dated_by_its_own_last_period():
    """An earlier month's bulletin reads a table that goes on after its month: its footer gives its month."""
    assert html_export.data_date(["bts_transborder_dot2"], "fr", data_to="2023-05") == (
        "Dernière période des données\u00a0: mai 2023"
    )


def test_the_csv_download_shows_a_formula_as_text_and_keeps_numbers_numbers():
    """OWASP's CSV-injection rule: a text cell starting with =, +, -, @, a tab or a carriage return is written after
    a single quote; a number, negative or not, stays the number it is."""
    import csv
    import io

    titles = ['=HYPERLINK("http://x.example","go")', "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "Paris", "-0.7"]
    frame = pd.DataFrame({"title": titles, "change": [-0.7, 1.5, -2.0, 0.0, 3.0, 4.0, 5.0]})
    chart = alt.Chart(frame).mark_bar().encode(x="change:Q", y="title:N")
    data, metadata = ReportContext.of("en").figure("events", chart, "Events.", frame)._repr_mimebundle_()
    notebook = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data, metadata=metadata)])])
    body, _ = html_export.notebook_body(notebook)
    href = re.search(r'class="qi-csv" download="chart-events.csv" href="([^"]+)"', body).group(1)
    rows = list(csv.reader(io.StringIO(urllib.parse.unquote(href.split(",", 1)[1]))))
    assert rows == [
        ["title", "change"],
        ['\'=HYPERLINK("http://x.example","go")', "-0.7"],
        ["'+1+cmd", "1.5"],
        ["'-2+3", "-2.0"],
        ["'@SUM(A1)", "0.0"],
        ["'\tx", "3.0"],
        ["Paris", "4.0"],
        ["-0.7", "5.0"],
    ]
