"""House style for every chart, registered as an Altair theme per language: the language's number and date formats
travel inside each chart's spec (`config.locale`), so the page and JupyterLab draw "1 234,5" alike."""

from __future__ import annotations

from functools import partial

import altair as alt
import vl_convert

THEME = "quebec_intl"
LOCALES = {"fr": "fr-CA", "en": "en-CA"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
QUEBEC_BLUE = "#095797"
ORANGE = "#c25700"
SLATE = "#4a5966"
LIGHT = "#a9c7e3"
PALETTE = [QUEBEC_BLUE, ORANGE, SLATE, "#2e8540", "#7a4fa3", "#b0306b"]
WIDTH = 620


def quebec_intl_theme(lang: str) -> alt.theme.ThemeConfig:
    locale = LOCALES[lang]
    return {
        "config": {
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
                "domainColor": "#8c99a6",
                "tickColor": "#8c99a6",
                "labelColor": "#223",
                "titleColor": "#223",
            },
            # a legend's labels are never cut short (« Autres pays comptés co… »): they are what the colours mean
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "title": None, "labelLimit": 0},
            "title": {"fontSize": 14, "fontWeight": "bold", "anchor": "start", "color": "#223"},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 45, "filled": True},
        }
    }


for _lang in LOCALES:
    alt.theme.register(f"{THEME}_{_lang}", enable=False)(partial(quebec_intl_theme, _lang))


def enable(lang: str = "en") -> None:
    """Charts made from now on take the house style and the language's formats (a report sets its language once)."""
    alt.theme.enable(f"{THEME}_{lang}")
