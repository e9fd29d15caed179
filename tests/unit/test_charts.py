"""Chart builders, read through `to_dict()` without a browser: every encoding typed, the data as given, the sort
orders and highlights a reader relies on."""

import pandas as pd
import pytest

from quebec_intl.visual import charts, maps

TREND = pd.DataFrame(
    {
        "ref_year": [2022, 2023, 2022, 2023],
        "measure": ["Exports", "Exports", "Imports", "Imports"],
        "value_cad_bn": [1.5, 2.0, 0.5, 0.7],
    }
)


def encodings(spec: dict):
    """Every field encoding of every layer of a spec."""
    for part in [spec, *spec.get("layer", [])]:
        for channel, encoding in part.get("encoding", {}).items():
            for item in encoding if isinstance(encoding, list) else [encoding]:
                if isinstance(item, dict) and "field" in item:
                    yield channel, item


def data_of(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


BUILDERS = {
    "trend": lambda: charts.trend(TREND, "T", "Y", "X", ",.1f"),
    "growth": lambda: charts.growth(TREND.rename(columns={"value_cad_bn": "growth_pct"}), "T", "Y", "X"),
    "section_bars": lambda: charts.section_bars(
        pd.DataFrame({"section": ["Energy", "Metals"], "period": ["2023", "2023"], "value_cad_bn": [1.0, 3.0]}),
        "T",
        "X",
        ",.1f",
    ),
    "province_shares": lambda: charts.province_shares(
        pd.DataFrame({"province": ["Québec", "Ontario"], "share_pct": [40.0, 60.0]}), "T", "X", "Québec"
    ),
    "member_weights": lambda: charts.member_weights(
        pd.DataFrame({"member": ["A", "B"], "share_pct": [70.0, 30.0]}), "T", "X"
    ),
    "timeline": lambda: charts.timeline(
        pd.DataFrame({"opened": [1961, 1940], "office": ["Paris", "New York"], "type": ["A", "B"]}),
        charts.Items("opened", "office", "type"),
        "T",
        "X",
    ),
    "stacked_counts": lambda: charts.stacked_counts(
        pd.DataFrame({"decade": ["1960s"], "domain": ["Culture"], "count": [2]}),
        charts.Items("decade", "count", "domain"),
        "T",
        ("X", "Y"),
    ),
    "event_years": lambda: charts.event_years(
        pd.DataFrame({"year": [1986], "kind": ["Summit"], "event": ["Paris"]}),
        charts.Items("year", "kind", "kind", ["Summit"]),
        "T",
        "X",
    ),
    "choropleth": lambda: charts.choropleth(
        charts.Shading(
            maps.named_data("world"),
            pd.DataFrame({"id": ["250"], "v": [1.0], "name": ["France"]}),
            "id",
            "id",
            "v",
            "name",
        ),
        charts.MapLook("T", "L", "equalEarth", value_type="Q"),
    ),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_every_encoding_is_typed_and_titled(name):
    spec = BUILDERS[name]().to_dict()
    found = list(encodings(spec))
    assert found, name
    assert [channel for channel, item in found if "type" not in item] == []
    assert spec["title"] == "T"


def test_trend_draws_the_frame_on_a_year_axis_that_shows_gaps():
    spec = charts.trend(TREND, "T", "Y", "X", ",.1f").to_dict()
    lines = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert lines["encoding"]["x"] == {
        "field": "ref_year",
        "type": "quantitative",
        "title": "X",
        "scale": {"nice": False, "zero": False},
        "axis": {"format": "d", "labelAngle": 0, "values": [2022, 2023]},
    }
    assert lines["encoding"]["y"]["field"] == "value_cad_bn"
    assert lines["encoding"]["color"]["sort"] == ["Exports", "Imports"]
    assert [{key: row[key] for key in TREND} for row in data_of(spec, lines)] == TREND.to_dict("records")


def test_trend_draws_any_measure_it_is_given():
    frame = pd.DataFrame({"ref_year": [2022, 2023], "measure": "HHI", "hhi": [3100.0, 3000.0]})
    spec = charts.trend(frame, "T", "Y", "X", ",.0f", value="hhi").to_dict()
    assert {item["field"] for _, item in encodings(spec) if _ == "y"} == {"hhi", "zero"}


def test_section_bars_put_the_largest_latest_value_first():
    spec = BUILDERS["section_bars"]().to_dict()
    assert spec["encoding"]["y"]["sort"] == ["Metals", "Energy"]


def test_province_shares_highlight_the_named_province():
    spec = BUILDERS["province_shares"]().to_dict()
    assert spec["encoding"]["color"]["condition"]["test"] == "(datum.province === 'Québec')"


def test_choropleth_joins_the_frame_to_the_named_geometry():
    spec = BUILDERS["choropleth"]().to_dict()
    assert spec["data"]["name"] == maps.data_name("world")  # attached to the spec by the figure, not by Altair
    lookup = spec["layer"][1]["transform"][0]
    assert lookup["lookup"] == "id" and lookup["from"]["key"] == "qi_key"
    joined = spec["datasets"][lookup["from"]["data"]["name"]]
    assert joined == [{"qi_key": "250", "qi_value": 1.0, "qi_label": "France"}]
    assert spec["projection"] == {"type": "equalEarth"}


def tick_labels(chart, title: str) -> list[str]:
    """The labels Vega draws along the axis titled `title` (rendered to SVG by vl-convert, as a reader sees them)."""
    import re

    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_dict(), vl_version="6.4")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return texts[: texts.index(title)]


@pytest.mark.parametrize("years", [[2023, 2024], [2020, 2021, 2022], list(range(2005, 2025))])
def test_a_year_axis_ticks_each_year_once(years):
    frame = pd.DataFrame({"ref_year": years, "measure": "Exports", "value_cad_bn": 1.0})
    labels = tick_labels(charts.trend(frame, "T", "Y", "Year", ",.1f"), "Year")
    assert len(labels) == len(set(labels)) >= 2 and all(label.isdigit() for label in labels)
    assert labels[0] == str(years[0]) and int(labels[-1]) <= years[-1] + 3


def test_a_count_axis_ticks_whole_numbers_only():
    frame = pd.DataFrame({"decade": ["2000s", "2010s", "2010s"], "domain": ["A", "A", "B"], "count": [1, 1, 1]})
    labels = tick_labels(
        charts.stacked_counts(frame, charts.Items("decade", "count", "domain"), "T", ("Decade", "Count")), "Count"
    )
    assert labels[: labels.index("Decade")] == ["2000s", "2010s"]
    assert labels[labels.index("Decade") + 1 :] == ["0", "1", "2"]


def test_a_french_decade_is_labelled_on_two_lines_not_run_into_its_neighbour():
    """Seven « années 1960 »... side by side under 460 px of bars overlapped (stop 27's relations page)."""
    import re

    import vl_convert

    frame = pd.DataFrame({"decade": [f"années {y}" for y in range(1960, 2030, 10)], "domain": "A", "count": 1})
    chart = charts.stacked_counts(frame, charts.Items("decade", "count", "domain"), "T", ("Décennie", "N"))
    svg = vl_convert.vegalite_to_svg(chart.to_dict(), vl_version="6.4")
    lines = re.findall(r"<text[^>]*><tspan>([^<]*)</tspan><tspan[^>]*>([^<]*)</tspan></text>", svg)
    assert lines == [("années", str(year)) for year in range(1960, 2030, 10)]


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_agreement_domain_gets_a_colour_of_its_own_readable_on_white():
    """The agreements chart colours seven domains; a six-colour palette drew « Autre » and « Éducation » alike."""
    import csv

    from quebec_intl import settings
    from quebec_intl.visual import theme

    with (settings.data_dir() / "curated" / "agreements.csv").open(encoding="utf-8", newline="") as f:
        domains = {row["domain"] for row in csv.DictReader(f)}
    colours = [c.lower() for c in theme.PALETTE]
    assert len(set(colours)) == len(colours) >= len(domains) == 7
    assert all(1.05 / (relative_luminance(c) + 0.05) >= 3 for c in colours)


def legends_of(vega: object):
    """Every legend of a compiled Vega spec, wherever a concatenation puts it."""
    if isinstance(vega, dict):
        yield from vega.get("legends", [])
        for value in vega.values():
            yield from legends_of(value)
    elif isinstance(vega, list):
        for value in vega:
            yield from legends_of(value)


@pytest.mark.parametrize(
    "chart",
    [
        lambda: charts.small_trend(TREND.iloc[::-1], "T", "Y", "X", ",.1f"),
        lambda: charts.compared(
            pd.DataFrame(
                {
                    "ref_year": [2022, 2023] * 4,
                    "panel": ["Exports"] * 4 + ["Imports"] * 4,
                    "side": ["Germany", "Germany", "France", "France"] * 2,
                    "value": [1.0, 1.2, 2.0, 2.1, 3.0, 3.3, 4.0, 4.2],
                }
            ),
            "T",
            "Y",
            "X",
            ",.1f",
        ),
    ],
    ids=["small_trend", "compared"],
)
def test_a_line_chart_printed_in_black_and_white_keeps_a_legend_of_shapes_in_the_order_given(chart):
    import vl_convert

    spec = chart().to_dict()
    legends = list(legends_of(vl_convert.vegalite_to_vega(spec)))
    assert len(legends) == 1 and {"fill", "shape", "strokeDash"} <= set(legends[0])  # one legend: colour and shape
    first = spec.get("layer") or spec["vconcat"][0]["layer"]
    domain = first[-1]["encoding"]["shape"]["scale"]["domain"]
    assert domain == (["Imports", "Exports"] if "measure" in str(first[-1]["encoding"]) else ["Germany", "France"])


def test_timeline_tooltips_name_every_field_in_the_page_words():
    """Several fields titled " " showed as one (the event's title lost); the French page read the English "kind"."""
    offices = pd.DataFrame({"opened": [1961], "office": ["Paris"], "type": ["Délégation générale"], "status": ["x"]})
    titles = {"office": "Représentation", "type": "Type", "status": "Statut"}
    items = charts.Items("opened", "office", "type", titles=titles)
    spec = charts.timeline(offices, items, "T", "Année d'ouverture", status=("status", ""))
    shown = [tip["title"] for tip in spec.to_dict()["encoding"]["tooltip"]]
    assert shown == ["Représentation", "Année d'ouverture", "Type", "Statut"]
    events = pd.DataFrame({"year": [1986], "kind": ["Sommet"], "event": ["Sommet de Paris"]})
    titles = {"kind": "Type", "event": "Événement"}
    spec = charts.event_years(events, charts.Items("year", "kind", "kind", ["Sommet"], titles), "T", "Année")
    assert [tip["title"] for tip in spec.to_dict()["encoding"]["tooltip"]] == ["Année", "Type", "Événement"]


def test_a_long_timeline_labels_round_years_far_enough_apart_and_ends_with_its_events():
    """Québec's whole chronology, 1882 to 2026: Vega's own axis ran to 2040 and pressed its end labels (flush) against
    their neighbours. Every 20 years, none past the events, each label at least 40 px from the next at full width
    (20 at a phone's half width, more than a four-digit year's 12 px there)."""
    frame = pd.DataFrame(
        {"year": [1882, 1936, 1961, 2025, 2026], "kind": ["a", "b", "a", "b", "a"], "event": list("vwxyz")}
    )
    spec = charts.event_years(frame, charts.Items("year", "kind", "kind", ["a", "b"]), "Timeline", "Year").to_dict()
    x = spec["encoding"]["x"]
    low, high = x["scale"]["domain"]
    assert x["axis"]["values"] == [1900, 1920, 1940, 1960, 1980, 2000, 2020]
    assert x["axis"]["labelFlush"] is False and 1878 <= low < 1882 and 2026 < high <= 2030
    assert spec["width"] / (high - low) * 20 >= 40


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [(2019, 2025, list(range(2019, 2026))), (1961, 2024, [1970, 1980, 1990, 2000, 2010, 2020]), (2024, 2024, [2024])],
)
def test_a_short_timeline_labels_each_year_or_each_decade(first, last, expected):
    assert charts.round_year_ticks(first, last) == expected
