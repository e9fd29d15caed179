"""House style for every chart, registered once as an Altair theme."""

from __future__ import annotations

import altair as alt

THEME = "quebec_intl"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
QUEBEC_BLUE = "#095797"
ORANGE = "#c25700"
SLATE = "#4a5966"
LIGHT = "#a9c7e3"
PALETTE = [QUEBEC_BLUE, ORANGE, SLATE, "#2e8540", "#7a4fa3", "#b0306b"]
WIDTH = 620


@alt.theme.register(THEME, enable=True)
def quebec_intl_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "gridColor": "#e3e7eb",
                     "domainColor": "#8c99a6", "tickColor": "#8c99a6", "labelColor": "#223", "titleColor": "#223"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "title": None},
            "title": {"fontSize": 14, "fontWeight": "bold", "anchor": "start", "color": "#223"},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 45, "filled": True},
        }
    }


def enable() -> None:
    """Importing this module registers and enables the theme; this makes the dependency explicit at call sites."""
    alt.theme.enable(THEME)
