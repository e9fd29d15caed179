"""Chart builders: a tidy frame with labels already in the report's language in, an Altair chart out; no I/O."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from .. import lazy
from ..data.fields import unit_factor
from . import runs, theme

alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)


def when(channel: type, predicate: object, then: dict, otherwise: object) -> alt.SchemaBase:
    """What `alt.condition(predicate, then, otherwise)` gives, built as the channel's own value class: the same spec,
    but Altair does not re-validate a condition's dict as it wraps it (a twentieth of a page's time). `predicate`: a
    selection parameter, or an expression on the datum; `then`: the condition's own entries (a value, or a field)."""
    test = {"param": predicate.name} if isinstance(predicate, alt.Parameter) else {"test": str(predicate)}
    return channel(value=otherwise, condition={**test, **then})


def trend_frame(
    flows: pd.DataFrame,
    labels: dict[str, str],
    value: str = "value_cad_bn",
    unit: str = "CAD_billion",
    origins: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flows by year (columns export, import, balance) as the rows `trend` draws: ref_year, measure, `value` (in
    `unit`, a unit of the field dictionary); with `origins` (the same shape: where each figure comes from), the
    column runs.ORIGIN, so that no line joins two origins."""

    def melted(wide: pd.DataFrame, name: str) -> pd.DataFrame:
        return wide.rename_axis("ref_year").reset_index().melt(id_vars="ref_year", var_name="flow", value_name=name)

    long = melted(flows, "value").dropna()
    if origins is not None:
        long = long.merge(melted(origins, runs.ORIGIN), on=["ref_year", "flow"], how="left")
    return pd.DataFrame(
        {
            "ref_year": long["ref_year"].to_numpy(),
            "measure": long["flow"].map(labels).to_numpy(),
            value: (long["value"] / unit_factor(unit)).to_numpy(),
            **({runs.ORIGIN: long[runs.ORIGIN].to_numpy()} if origins is not None else {}),
        }
    )


def whole_ticks(low: float, high: float, most: int = 8) -> list[int]:
    """Tick values for an axis of years or counts: whole numbers only (Vega's own ticks on a span of two would read
    2023, 2024, 2024), at most `most` of them, evenly spaced from `low`."""
    low, high = math.floor(low), math.ceil(high)
    step = max(1, math.ceil((high - low) / (most - 1)))
    return list(range(low, high + step, step))


def wrapped(text: str, width: int = 34) -> str:
    """A category label broken into lines (at spaces) that `wrapping_axis` draws one under the other, so a long
    name is read whole instead of cut short with an ellipsis."""
    return "\n".join(textwrap.wrap(text, width)) or text


LABEL_LINE = 14  # px: one line of a category label (12 px type), to leave each band room for its whole label


def wrapping_axis(lines: int | None = None, **options) -> alt.Axis:
    """A category axis drawing labels made by `wrapped` on several lines, never cut sideways; with `lines`, a label
    longer than that many lines shows its first ones, the last ending with an ellipsis (the tooltip and the table
    have it whole), so that it never runs into its neighbours' band."""
    parts = "split(datum.label, '\\n')"
    if not lines:
        return alt.Axis(labelLimit=0, labelExpr=parts, **options)
    kept = ", ".join(f"{parts}[{i}]" for i in range(lines - 1))
    cut = f"[{kept}{', ' if kept else ''}{parts}[{lines - 1}] + ' …']"
    return alt.Axis(labelLimit=0, labelExpr=f"length({parts}) > {lines} ? {cut} : {parts}", **options)


def label_lines(labels: Iterable[str], most: int) -> int:
    """The lines the tallest of these `wrapped` labels takes on an axis showing at most `most`."""
    return min(most, max((label.count("\n") + 1 for label in labels), default=1))


def year_axis(years: pd.Series) -> alt.Axis:
    """Years on a quantitative axis, each labelled once, as written (2024, not 2,024)."""
    return alt.Axis(format="d", labelAngle=0, values=whole_ticks(years.min(), years.max()))


def level_rule(field: str, value: float) -> alt.Chart:
    """A grey line across the chart at `value` of the y axis (the zero of a balance or of a growth rate, an index's
    base), the field it draws named `field`. Its channel is made whole, not given as a shorthand text, which Altair
    reads through a search of its whole schema costing more than the chart."""
    return alt.Chart(pd.DataFrame({field: [value]})).mark_rule(color=theme.AXIS_GREY).encode(y=alt.Y(f"{field}:Q"))


def trend(
    frame: pd.DataFrame, title: str, y_title: str, x_title: str, value_format: str, value: str = "value_cad_bn"
) -> alt.LayerChart:
    """`frame`: ref_year, measure (translated), `value`, optionally runs.ORIGIN. Lines with a point per year; the zero
    line anchors the balance.

    Years sit on a quantitative axis so that a gap in the series shows as a gap, not as the next year; a line runs
    only through consecutive years of one origin (`runs.numbered`)."""
    base = alt.Chart(runs.numbered(frame, "measure")).encode(
        x=alt.X(
            "ref_year:Q", title=x_title, scale=alt.Scale(zero=False, nice=False), axis=year_axis(frame["ref_year"])
        ),
        y=alt.Y(f"{value}:Q", title=y_title),
        color=alt.Color("measure:N", sort=list(dict.fromkeys(frame["measure"]))),
        detail=alt.Detail(f"{runs.LINE}:N"),
        tooltip=[
            alt.Tooltip("measure:N", title=" "),
            alt.Tooltip("ref_year:Q", title=x_title, format="d"),
            alt.Tooltip(f"{value}:Q", title=y_title, format=value_format),
        ],
    )
    return alt.layer(
        level_rule("zero", 0), base.mark_line(), base.mark_point(), title=title, width=theme.WIDTH, height=300
    )


def told_apart(field: str, order: list[str]) -> dict:
    """Colour, dash and point shape for each line, in `order`, with one legend whose symbols carry all three (Vega-Lite
    merges the legends only when no channel sorts on its own): printed in black and white, the shapes still tell the
    lines apart."""
    legend = alt.Legend(title=None, orient="top", labelLimit=0)
    scale = alt.Scale(domain=order)
    return {
        "color": alt.Color(field, scale=scale, legend=legend),
        "strokeDash": alt.StrokeDash(field, scale=scale, legend=legend),
        "shape": alt.Shape(field, scale=scale, legend=legend),
    }


def told_apart_lines(field: str, order: list[str]) -> dict:
    """`told_apart` for lines without points: colour and dash, one legend."""
    channels = told_apart(field, order)
    return {"color": channels["color"], "strokeDash": channels["strokeDash"]}


def year_lines(
    frame: pd.DataFrame, series: str, value: str, axes: tuple[str, str], value_format: str, **options
) -> list[alt.Chart]:
    """One line a series over the years (broken at a gap or a change of origin: `runs.numbered`), a point at each
    year, told apart in black and white (`told_apart`); `axes`: the x and y titles; `options`: `order` of the series
    (else as they come), `years` the axis spans (else the frame's), `zero` whether the y axis starts at zero
    (default)."""
    x_title, y_title = axes
    order = options.get("order") or list(dict.fromkeys(frame[series]))
    years = options.get("years", frame["ref_year"])
    base = alt.Chart(runs.numbered(frame, series)).encode(
        x=alt.X("ref_year:Q", title=x_title, scale=alt.Scale(zero=False, nice=False), axis=year_axis(years)),
        y=alt.Y(f"{value}:Q", title=y_title, scale=alt.Scale(zero=options.get("zero", True))),
        **told_apart(f"{series}:N", order),
        detail=alt.Detail(f"{runs.LINE}:N"),
        tooltip=[
            alt.Tooltip(f"{series}:N", title=" "),
            alt.Tooltip("ref_year:Q", title=x_title, format="d"),
            alt.Tooltip(f"{value}:Q", title=y_title, format=value_format),
        ],
    )
    return [base.mark_line(strokeWidth=2), base.mark_point(filled=True, size=40)]


def small_trend(frame: pd.DataFrame, title: str, y_title: str, x_title: str, value_format: str) -> alt.LayerChart:
    """`trend` at a briefing's size, each measure told apart by its dash and its point's shape as well as its
    colour, so that a note printed in black and white keeps its legend."""
    lines = year_lines(frame, "measure", "value_cad_bn", (x_title, y_title), value_format)
    return alt.layer(*lines, title=title, width=theme.WIDTH, height=150)


def growth(frame: pd.DataFrame, title: str, y_title: str, x_title: str) -> alt.LayerChart:
    """`frame`: ref_year, measure (translated), growth_pct. Grouped bars, one pair per year."""
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("ref_year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("measure:N", sort=list(dict.fromkeys(frame["measure"]))),
            y=alt.Y("growth_pct:Q", title=y_title),
            color=alt.Color("measure:N", sort=list(dict.fromkeys(frame["measure"]))),
            tooltip=[
                alt.Tooltip("measure:N", title=" "),
                alt.Tooltip("ref_year:O", title=x_title),
                alt.Tooltip("growth_pct:Q", title=y_title, format=".1f"),
            ],
        )
    )
    return alt.layer(bars, level_rule("zero", 0), title=title, width=theme.WIDTH, height=260)


SECTION_WRAP, SECTION_LINES, SECTION_BAND = 44, 3, 40  # a product's label: characters a line, lines, least band (px)


def section_bars(
    frame: pd.DataFrame, title: str, x_title: str, value_format: str, value: str = "value_cad_bn"
) -> alt.Chart:
    """`frame`: section (translated), period (year as text), `value`; sections sorted by the latest value."""
    order = (frame[frame["period"] == frame["period"].max()].sort_values(value, ascending=False)["section"]).tolist()
    periods = sorted(frame["period"].unique())
    labels = [wrapped(name, SECTION_WRAP) for name in order]
    band = max(SECTION_BAND, label_lines(labels, SECTION_LINES) * LABEL_LINE + 8)  # each label within its band
    return (
        alt.Chart(frame.assign(section=frame["section"].map(lambda name: wrapped(name, SECTION_WRAP))))
        .mark_bar()
        .encode(
            y=alt.Y("section:N", sort=labels, title=None, axis=wrapping_axis(SECTION_LINES)),
            yOffset=alt.YOffset("period:N", sort=periods),
            x=alt.X(f"{value}:Q", title=x_title),
            color=alt.Color("period:N", sort=periods, scale=alt.Scale(range=[theme.LIGHT, theme.QUEBEC_BLUE])),
            tooltip=[
                alt.Tooltip("section:N", title=" "),
                alt.Tooltip("period:N", title=" "),
                alt.Tooltip(f"{value}:Q", title=x_title, format=value_format),
            ],
        )
        .properties(title=title, width=340, height=band * len(order))
    )


def province_shares(frame: pd.DataFrame, title: str, x_title: str, highlight: str) -> alt.Chart:
    """`frame`: province (translated), share_pct; the highlighted province stands out in the house blue."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("province:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("share_pct:Q", title=x_title),
            color=when(alt.ColorValue, alt.datum.province == highlight, {"value": theme.QUEBEC_BLUE}, theme.LIGHT),
            tooltip=[alt.Tooltip("province:N", title=" "), alt.Tooltip("share_pct:Q", title=x_title, format=".1f")],
        )
        .properties(title=title, width=420)
    )


# Canada on the Lambert conformal conic its national maps use (standard parallels 49° N and 77° N), centred on 96° W.
CANADA_PROJECTION = {"type": "conicConformal", "rotate": [96, 0], "parallels": [49, 77]}
# The province map's blues, from the palest (a share near zero) to the darkest (the largest share): a single hue
# whose lightness alone tells the share, so the map reads printed in black and white.
SHARE_BLUES = ["#deebf7", "#08306b"]
NO_EXPORTS_GREY = "#bdbdbd"


def province_map(
    shapes: alt.NamedData, frame: pd.DataFrame, highlight: str, titles: dict[str, str], height: int = 480
) -> alt.LayerChart:
    """Canada's provinces and territories coloured by their share, the `highlight` province (a code)
    outlined in black; a province with no exports in grey. `frame`: province_code, province (translated),
    value_usd_m, share_pct, rank_label (as written: 2e, 1st), description (what a screen reader says of the
    province, once: the outline is not read again); `titles`: title, share, value, rank (translated)."""
    joined = frame.rename(columns={"province_code": "qi_key"})
    fields = ["province", "value_usd_m", "share_pct", "rank_label", "description"]
    tooltip = [
        alt.Tooltip("province:N", title=" "),
        alt.Tooltip("value_usd_m:Q", title=titles["value"], format=",.1f"),
        alt.Tooltip("share_pct:Q", title=titles["share"], format=".1f"),
        alt.Tooltip("rank_label:N", title=titles["rank"]),
    ]
    provinces = alt.Chart(shapes).transform_lookup(lookup="id", from_=alt.LookupData(joined, "qi_key", fields))
    share = alt.Color(
        "share_pct:Q",
        title=titles["share"],
        scale=alt.Scale(domainMin=0, range=SHARE_BLUES),
        legend=alt.Legend(format=".0f", orient="bottom", titleLimit=0, gradientLength=200),
    )
    filled = provinces.mark_geoshape(stroke="#ffffff", strokeWidth=0.6).encode(
        color=when(alt.ColorValue, "datum.value_usd_m > 0", share.to_dict(), NO_EXPORTS_GREY),
        tooltip=tooltip,
        description=alt.Description("description:N"),
    )
    outline = (
        provinces.mark_geoshape(fill=None, stroke="#000000", strokeWidth=2, aria=False)
        .transform_filter(alt.datum.id == highlight)
        .encode(tooltip=tooltip)
    )
    return (
        alt.layer(filled, outline)
        .project(**CANADA_PROJECTION)
        .properties(title=wrapped(titles["title"], 80).split("\n"), width=theme.WIDTH, height=height)
    )


@dataclass(frozen=True)
class Shading:
    """What a map colours: `frame` joined to the named geometry `shapes` on its column `key` = the shapes'
    `geometry_key`, each shape coloured by the column `value` and named by the column `label`; with `link` (a
    column of relative addresses, empty where there is none), clicking a shape opens that page."""

    shapes: alt.NamedData
    frame: pd.DataFrame
    key: str
    geometry_key: str
    value: str
    label: str
    link: str | None = None


@dataclass(frozen=True)
class MapLook:
    """How a map shows its shading: `title` (none: part of a figure titled as a whole), the legend's title, the
    projection, the colours' `order` (nominal values), the size, `value_type` ("N", or "Q" for a gradient) and the
    tooltip's `value_format`."""

    title: str
    legend_title: str
    projection: str
    order: list[str] | None = None
    width: int = theme.WIDTH
    height: int = 340
    value_type: str = "N"
    value_format: str | None = None


def choropleth(shading: Shading, look: MapLook, pointed: alt.Parameter | None = None) -> alt.LayerChart:
    """The shapes coloured by the shading's values.

    Shapes without a row in the frame are drawn in a light grey, so the reader sees the whole map. The joined
    fields get names of their own: a GeoJSON feature already has `type`, `id` and `properties`. With `pointed`
    (a selection on `qi_label`), pointing at a shape selects it and the others dim."""
    shapes, link, color_type, legend_title = shading.shapes, shading.link, look.value_type, look.legend_title
    base = alt.Chart(shapes).mark_geoshape(fill="#eef1f4", stroke="#ffffff", strokeWidth=0.5)
    joined = shading.frame.rename(columns={shading.key: "qi_key", shading.value: "qi_value", shading.label: "qi_label"})
    fields = ["qi_value", "qi_label"]
    if link is not None:
        joined = joined.rename(columns={link: "qi_href"})
        fields.append("qi_href")
    filled = (
        alt.Chart(shapes)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.5, cursor="pointer" if link else alt.Undefined)
        .transform_lookup(lookup=shading.geometry_key, from_=alt.LookupData(joined, "qi_key", fields))
        .transform_filter("isValid(datum.qi_value)")
        .encode(
            color=alt.Color(
                f"qi_value:{color_type}",
                title=legend_title,
                sort=look.order,
                scale=alt.Scale(scheme="blues") if color_type == "Q" else alt.Undefined,
            ),
            tooltip=[
                alt.Tooltip("qi_label:N", title=" "),
                alt.Tooltip(f"qi_value:{color_type}", title=legend_title, format=look.value_format or alt.Undefined),
            ],
        )
    )
    if link is not None:
        filled = filled.encode(href=alt.Href("qi_href:N"))
    if pointed is not None:
        filled = filled.encode(opacity=when(alt.OpacityValue, pointed, {"value": 1.0}, 0.35)).add_params(pointed)
    shown = alt.layer(base, filled).project(type=look.projection).properties(width=look.width, height=look.height)
    return shown.properties(title=look.title) if look.title else shown  # no title: part of a figure titled as a whole


def map_and_lines(members: Shading, look: MapLook, by_year: pd.DataFrame, year_title: str) -> alt.VConcatChart:
    """A map of the members coloured by their value (`choropleth`, titled by `look.title` as a whole) above each
    member's line over the years; pointing at a member on the map highlights it in both, in the page and in
    JupyterLab alike (the selection is part of the spec). `members.frame`: the shapes' key, member, value (its
    `label` and `value` columns); `by_year`: ref_year, member, value. The look's legend title titles the values."""
    # Only a member's shape selects (the grey states beneath have no label): else pointing at one would dim all.
    # The selection lives in the map alone: declared in both views, Altair warns in the notebook.
    pointed = alt.selection_point(
        fields=["qi_label"],
        clear="pointerout",
        on="pointerover[event.item && event.item.datum && event.item.datum.qi_label]",
    )
    shown_map = choropleth(members, replace(look, title="", value_type="Q"), pointed)
    value_title, value_format = look.legend_title, look.value_format
    lines = (
        alt.Chart(runs.numbered(by_year.rename(columns={"member": "qi_label"}), "qi_label"))
        .mark_line(point=True)
        .encode(
            detail=alt.Detail(f"{runs.LINE}:N"),
            x=alt.X(
                "ref_year:Q",
                title=year_title,
                scale=alt.Scale(zero=False, nice=False),
                axis=year_axis(by_year["ref_year"]),
            ),
            y=alt.Y("value:Q", title=value_title),
            color=alt.Color("qi_label:N", title=None, sort=list(members.frame[members.label])),
            opacity=when(alt.OpacityValue, pointed, {"value": 1.0}, 0.2),
            tooltip=[
                alt.Tooltip("qi_label:N", title=" "),
                alt.Tooltip("ref_year:Q", title=year_title, format="d"),
                alt.Tooltip("value:Q", title=value_title, format=value_format),
            ],
        )
        .properties(width=theme.WIDTH, height=240)
    )
    return alt.vconcat(shown_map, lines).properties(title=look.title).resolve_scale(color="independent")


TIMELINE_WRAP = 52  # characters a line of an item's label: the longest office's name in two lines (its band's height)


@dataclass(frozen=True)
class Items:
    """Items drawn as points: the frame's columns of their position `x` (a year) and `y` (a name or a kind), of
    their `color` (their kind) in that `order`, and the page's word for each column (`titles`; else its name)."""

    x: str
    y: str
    color: str
    order: list[str] | None = None
    titles: dict[str, str] = field(default_factory=dict)

    def title(self, column: str) -> str:
        return self.titles.get(column, column)


def timeline(
    frame: pd.DataFrame, items: Items, title: str, x_title: str, status: tuple[str, str] | None = None
) -> alt.Chart:
    """One point per item on a year axis, items sorted by their year; their color tells their kind. With `status`
    (a column, and its value for an item still open), an item not open (a closed office) is drawn hollow (the
    page's note says so). The tooltip names each field in the page's words: fields of one title would hide all but
    one."""
    x, y, color, order = items.x, items.y, items.color, items.order
    encoding, status_column = {}, status[0] if status else None
    if status:  # open: filled in its kind's colour; otherwise hollow, outlined in that colour
        encoding["fill"] = when(
            alt.FillValue,
            alt.datum[status[0]] == status[1],
            {"field": color, "type": "nominal", "sort": order, "legend": None},
            "white",
        )
    return (
        alt.Chart(frame.assign(**{y: frame[y].map(lambda name: wrapped(name, TIMELINE_WRAP))}))
        .mark_point(size=70, strokeWidth=1.5, filled=not status)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=False), axis=alt.Axis(format="d")),
            y=alt.Y(
                f"{y}:N", sort=alt.EncodingSortField(field=x, order="ascending"), title=None, axis=wrapping_axis(2)
            ),
            color=alt.Color(f"{color}:N", sort=order, title=None),
            tooltip=[
                alt.Tooltip(f"{y}:N", title=items.title(y)),
                alt.Tooltip(f"{x}:Q", title=x_title, format="d"),
                alt.Tooltip(f"{color}:N", title=items.title(color)),
            ]
            + ([alt.Tooltip(f"{status_column}:N", title=items.title(status_column))] if status_column else []),
            **encoding,
        )
        .properties(title=title, width=theme.WIDTH - 260, height=alt.Step(30))  # room for two-line labels
    )


def stacked_counts(frame: pd.DataFrame, items: Items, title: str, axes: tuple[str, str]) -> alt.Chart:
    """Counts (`items.y`) by a discrete `items.x` (a decade), stacked by `items.color`; `axes`: the x and y titles.
    A label of several words is drawn one word a line (« années » over « 1960 »): side by side, seven French decades
    ran into each other."""
    x, y, color = items.x, items.y, items.color
    x_title, y_title = axes
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, ' ')")),
            y=alt.Y(
                f"{y}:Q",
                title=y_title,
                axis=alt.Axis(format="d", values=whole_ticks(0, frame.groupby(x)[y].sum().max())),
            ),
            color=alt.Color(f"{color}:N", title=None),
            tooltip=[
                alt.Tooltip(f"{x}:O", title=x_title),
                alt.Tooltip(f"{color}:N", title=" "),
                alt.Tooltip(f"{y}:Q", title=y_title),
            ],
        )
        .properties(title=title, width=theme.WIDTH - 160, height=240)
    )


def member_weights(frame: pd.DataFrame, title: str, x_title: str) -> alt.Chart:
    """`frame`: member (translated), share_pct; largest first."""
    return (
        alt.Chart(frame)
        .mark_bar(color=theme.QUEBEC_BLUE)
        .encode(
            y=alt.Y("member:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("share_pct:Q", title=x_title),
            tooltip=[alt.Tooltip("member:N", title=" "), alt.Tooltip("share_pct:Q", title=x_title, format=".1f")],
        )
        .properties(title=title, width=420)
    )


EVENT_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)  # years between two labels of a timeline, the smallest that fits


def round_year_ticks(first: int, last: int, most: int = 7) -> list[int]:
    """Years to label a timeline from `first` to `last`: round ones (every 20 years: 1900, 1920...), at most `most`,
    so that the labels stay apart even when a phone draws the chart at half its width."""

    def labelled(step: int) -> list[int]:
        return list(range(-(-first // step) * step, last + 1, step))  # the multiples of `step` from `first` on

    step = next((step for step in EVENT_YEAR_STEPS if len(labelled(step)) <= most), EVENT_YEAR_STEPS[-1])
    return labelled(step) or [first]


def event_years(frame: pd.DataFrame, items: Items, title: str, x_title: str) -> alt.Chart:
    """Dated events as points on a year axis (`items.x`), one row per kind (`items.y`, coloured by `items.color`),
    so clusters and gaps show; the tooltip names the kind and the event's title (column `event`) in the page's
    words. The axis spans the events' years (no empty decade after the last one) and labels round years inside it,
    none flush against its ends, where Vega's own labels ran into their neighbours."""
    x, color, order = items.x, items.color, items.order
    first, last = int(frame[x].min()), int(frame[x].max())
    margin = max(1, (last - first) // 40)  # room for the first and last points' marks
    scale = alt.Scale(domain=[first - margin, last + margin], nice=False, zero=False)
    axis = alt.Axis(format="d", values=round_year_ticks(first, last), labelFlush=False, labelOverlap=True)
    return (
        alt.Chart(frame)
        .mark_point(filled=True, size=60, opacity=0.8)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, scale=scale, axis=axis),
            y=alt.Y(f"{items.y}:N", sort=order, title=None),
            color=alt.Color(f"{color}:N", sort=order, legend=None),
            tooltip=[
                alt.Tooltip(f"{x}:Q", title=x_title, format="d"),
                alt.Tooltip(f"{color}:N", title=items.title(color)),
                alt.Tooltip("event:N", title=items.title("event")),
            ],
        )
        .properties(title=title, width=theme.WIDTH - 160, height=180)
    )


def monthly(
    frame: pd.DataFrame,
    title: str,
    y_title: str,
    x_title: str,
    value_format: str,
    policy: pd.DataFrame | None = None,
) -> alt.VConcatChart:
    """`frame`: month (the month's first day, YYYY-MM-DD), measure (translated), panel (translated: each month,
    over 12 months), value_cad_bn. One panel a row, lines by measure; a month without a figure is a gap. `policy`:
    the trade-policy measures to mark on each panel (`policy_marks`)."""
    panels = list(dict.fromkeys(frame["panel"]))
    measures = list(dict.fromkeys(frame["measure"]))

    def panel(name: str) -> alt.Chart | alt.LayerChart:
        rows = frame[frame["panel"].eq(name)]
        lines = (
            alt.Chart(rows)
            .mark_line()
            .encode(
                x=alt.X("month:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year")),
                y=alt.Y("value_cad_bn:Q", title=y_title, **_label_room(rows["value_cad_bn"], policy)),
                **(
                    {"color": alt.Color("measure:N", sort=measures, title=None)}
                    if policy is None
                    else told_apart_lines("measure:N", measures)  # dashed lines beside the measures' rules
                ),
                tooltip=[
                    alt.Tooltip("measure:N", title=" "),
                    alt.Tooltip("month:T", title=x_title, format="%Y-%m"),
                    alt.Tooltip("value_cad_bn:Q", title=y_title, format=value_format),
                ],
            )
        )
        chart = lines if policy is None else with_policy([lines], policy, x_title)
        return chart.properties(
            title=alt.TitleParams(name, fontSize=12, fontWeight="normal"),
            width=theme.WIDTH,
            height=170 if policy is None else 200,
        )

    return alt.vconcat(*(panel(name) for name in panels)).properties(title=title)


POLICY_INK = "#222"  # the measures' rules and labels: black on white, legible printed in black and white
LABEL_ROWS = 3  # labels of neighbouring months are set on staggered rows, so that they never overlap


LONG_SPAN_MONTHS = 48  # over a longer chart a month is a few pixels wide: labels gather a quarter's measures


def policy_frame(measures: pd.DataFrame, first: str, months_shown: int) -> pd.DataFrame:
    """The marks of the measures on a monthly chart starting on `first` (YYYY-MM-DD) and spanning `months_shown`:
    one row a measure (its number, id and title, its date, clamped to the chart's start for a measure in force
    before it), and on the first row of each month (each quarter on a long chart) the label of the numbers starting
    then (« 1–6 », « 8, 10 ») and its row among the staggered ones. `measures`: number, measure_id, date_start,
    title (in the page's language)."""
    frame = measures.assign(date=measures["date_start"].where(measures["date_start"] >= first, first))
    frame = frame.sort_values(["date", "number"], kind="stable").reset_index(drop=True)
    days = pd.to_datetime(frame["date"])
    if months_shown > LONG_SPAN_MONTHS:
        months = days.dt.year.astype(str) + "Q" + days.dt.quarter.astype(str)
    else:
        months = frame["date"].str[:7]
    labels = frame.groupby(months, sort=False)["number"].agg(_numbers_label)
    first_of_month = ~months.duplicated()
    frame["label"] = months.map(labels).where(first_of_month, "")
    frame["label_row"] = (first_of_month.cumsum() - 1) % LABEL_ROWS
    return frame[["number", "measure_id", "date", "title", "label", "label_row"]]


LABEL_ROOM = 0.3  # above the data, a fifth or more of a panel's height (the labels' rows take its top 36 px of 200)


def _label_room(values: pd.Series, policy: pd.DataFrame | None, zero: bool = True) -> dict:
    """The y scale of a monthly chart: where it marks measures, its domain runs 30 % of the data's range above their
    highest value, so that the labels' rows at the top of the panel are drawn over no line."""
    if policy is None:
        return {} if zero else {"scale": alt.Scale(zero=False)}
    low, high = float(values.min()), float(values.max())
    low = min(low, 0.0) if zero else low
    return {"scale": alt.Scale(zero=zero, nice=True, domain=[low, high + (high - low) * LABEL_ROOM])}


def _numbers_label(numbers: pd.Series) -> str:
    """1, 2, 3, 4 -> « 1–4 »; 7, 9 -> « 7, 9 »."""
    values = sorted(int(n) for n in numbers)
    if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}\u2013{values[-1]}"
    return ", ".join(str(v) for v in values)


def with_policy(layers: list, marks: pd.DataFrame, x_title: str) -> alt.LayerChart:
    """The chart's layers with the measures' marks over them; the labels' rows have a scale of their own."""
    return alt.layer(*layers, *policy_marks(marks, x_title)).resolve_scale(y="independent")


def policy_marks(marks: pd.DataFrame, x_title: str) -> list[alt.Chart]:
    """A dashed rule at each measure's date and its month's label of numbers at the top of the panel (the page
    lists each number's measure), both in black: `marks` is a `policy_frame`."""
    base = alt.Chart(marks).encode(x=alt.X("date:T", title=x_title))
    rules = base.mark_rule(color=POLICY_INK, strokeDash=[2, 2], strokeWidth=1, opacity=0.8).encode(
        tooltip=[alt.Tooltip("date:T", title=x_title, format="%Y-%m-%d"), alt.Tooltip("title:N", title=" ")]
    )
    labels = (
        alt.Chart(marks[marks["label"].ne("")])
        .mark_text(align="left", dx=2, fontSize=10, color=POLICY_INK, baseline="top")
        .encode(
            x=alt.X("date:T", title=x_title),
            y=alt.Y("label_row:Q", axis=None, scale=alt.Scale(domain=[0, LABEL_ROWS - 1], range=[2, 26])),
            text=alt.Text("label:N"),
        )
    )
    return [rules, labels]


def share_over_months(
    frame: pd.DataFrame, title: str, y_title: str, x_title: str, policy: pd.DataFrame | None = None
) -> alt.LayerChart:
    """`frame`: month (YYYY-MM-DD), share_pct. One line, a point a month; `policy`: the trade-policy measures to
    mark (`policy_marks`)."""
    y_scale = _label_room(frame["share_pct"], policy, zero=False)
    base = alt.Chart(frame).encode(
        x=alt.X(
            "month:T",
            title=x_title,
            axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount={"interval": "month", "step": 3}),
        ),
        y=alt.Y("share_pct:Q", title=y_title, **y_scale),
        tooltip=[
            alt.Tooltip("month:T", title=x_title, format="%Y-%m"),
            alt.Tooltip("share_pct:Q", title=y_title, format=".1f"),
        ],
    )
    # the points on the line's axis: beside the measures' labels (scales resolved apart) they drew a second one
    points = base.mark_point(color=theme.QUEBEC_BLUE).encode(y=alt.Y("share_pct:Q", axis=None, **y_scale))
    layers = [base.mark_line(color=theme.QUEBEC_BLUE), points]
    chart = alt.layer(*layers) if policy is None else with_policy(layers, policy, x_title)
    return chart.properties(title=title, width=theme.WIDTH, height=240)


def shares_over_months(
    frame: pd.DataFrame, title: str, y_title: str, x_title: str, policy: pd.DataFrame | None = None
) -> alt.LayerChart:
    """`frame`: month (YYYY-MM-DD), series (translated: each month, its 12-month average), share_pct. One line a
    series, told apart by dash as well as colour; `policy`: the trade-policy measures to mark (`policy_marks`)."""
    order = list(dict.fromkeys(frame["series"]))
    legend = alt.Legend(title=None, orient="top", labelLimit=0)
    scale = alt.Scale(domain=order)
    lines = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("month:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("share_pct:Q", title=y_title, **_label_room(frame["share_pct"], policy, zero=False)),
            color=alt.Color("series:N", scale=scale, legend=legend),
            strokeDash=alt.StrokeDash("series:N", scale=scale, legend=legend),
            tooltip=[
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("month:T", title=x_title, format="%Y-%m"),
                alt.Tooltip("share_pct:Q", title=y_title, format=".1f"),
            ],
        )
    )
    chart = alt.layer(lines) if policy is None else with_policy([lines], policy, x_title)
    return chart.properties(title=title, width=theme.WIDTH, height=240)


def compared(
    frame: pd.DataFrame, title: str, y_title: str, x_title: str, value_format: str, rule: float | None = None
) -> alt.VConcatChart:
    """`frame`: ref_year, panel (translated: exports, imports), side (a partner's or region's name), value. One panel
    a flow, one line a side, each told apart by its dash and its points' shape as well as its colour (a page printed
    in black and white keeps its legend); `rule`: a reference line (an index's base, 100)."""
    sides = list(dict.fromkeys(frame["side"]))

    def panel(name: str) -> alt.LayerChart:
        shown, axes = frame[frame["panel"].eq(name)], (x_title, y_title)
        layers = year_lines(
            shown, "side", "value", axes, value_format, order=sides, years=frame["ref_year"], zero=rule is None
        )
        if rule is not None:
            layers.insert(0, level_rule("rule", rule))
        title = alt.TitleParams(name, fontSize=12, fontWeight="normal")
        return alt.layer(*layers, title=title, width=theme.WIDTH, height=200)

    return alt.vconcat(*(panel(name) for name in dict.fromkeys(frame["panel"]))).properties(title=title)
