"""House style for every chart, attached to the chart itself with its language's number and date formats
(`config.locale`): a chart draws "1 234,5" or "1,234.5" as its own page does, in JupyterLab as on the page, whatever
else the process made since. No Altair theme is registered or enabled: nothing global decides how a chart looks."""

from __future__ import annotations

from .. import lazy

vl_convert = lazy.module("vl_convert")  # imported when a chart is first styled (quebec_intl.lazy)
alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)

LOCALES = {"fr": "fr-CA", "en": "en-CA"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
QUEBEC_BLUE = "#095797"
ORANGE = "#c25700"
SLATE = "#4a5966"
LIGHT = "#a9c7e3"
# Categories' colours, each at least 3:1 against the white page (WCAG 1.4.11): as many as the most kinds a chart
# colours (the agreements' seven domains), so that no two kinds share one.
PALETTE = [QUEBEC_BLUE, ORANGE, SLATE, "#2e8540", "#7a4fa3", "#b0306b", "#00727f", "#8a6d00"]
AXIS_GREY = "#8c99a6"  # axes' lines and ticks, and a chart's reference lines (charts.level_rule)
WIDTH = 620


def config(lang: str) -> dict:
    """The house style in `lang`: a chart's top-level `config`."""
    locale = LOCALES[lang]
    return {
        "locale": {
            "number": vl_convert.get_format_locale(locale),
            "time": vl_convert.get_time_format_locale(locale),
        },
        "font": FONT,
        "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
        "range": {"category": PALETTE},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "titleFontWeight": "normal",
            "gridColor": "#e3e7eb",
            "domainColor": AXIS_GREY,
            "tickColor": AXIS_GREY,
            "labelColor": "#223",
            "titleColor": "#223",
        },
        # a legend's labels are never cut short (« Autres pays comptés co… »): they are what the colours mean
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "title": None, "labelLimit": 0},
        "title": {"fontSize": 14, "fontWeight": "bold", "anchor": "start", "color": "#223"},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 45, "filled": True},
    }


def styled(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """A copy of the chart carrying the house style and `lang`'s formats as its own `config` (a chart builder
    returns a chart without one: Altair allows a config only on the chart a page shows, not on its layers)."""
    shown = chart.copy(deep=False)
    shown.config = config(lang)
    return shown
