"""What a report cell shows: sections of headings, paragraphs, tables, notes and charts, in Jupyter and in HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown, display

from . import maps

# JupyterLab renders Vega-Lite offline under this type; the HTML export turns it into an inline chart.
VEGA_MIME = "application/vnd.vegalite.v5+json"
METADATA_KEY = "quebec_intl"


@dataclass(frozen=True)
class Figure:
    """A chart with a stable name (its id on the page), a text alternative for readers who cannot see it, and the
    table it draws, offered on the page as a CSV file."""

    name: str
    chart: alt.TopLevelMixin
    description: str
    data: pd.DataFrame
    geometries: tuple[str, ...] = ()  # map geometries the chart names (see maps.named_data)

    def _repr_mimebundle_(self, include=None, exclude=None):
        spec = self.chart.to_dict()
        for geometry in self.geometries:
            spec.setdefault("datasets", {})[maps.data_name(geometry)] = maps.topology(geometry)
        bundle = {VEGA_MIME: spec, "text/plain": self.description}
        csv = self.data.to_csv(index=False, lineterminator="\n")
        return bundle, {METADATA_KEY: {"name": self.name, "description": self.description, "csv": csv}}


@dataclass(frozen=True)
class PageInfo:
    """What the published page needs to know about itself; shown as nothing, carried as display metadata."""

    kind: str
    lang: str
    subject: str
    title: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": ""}, {METADATA_KEY: {"page": self.__dict__}}


@dataclass(frozen=True)
class Link:
    """A table cell that points to the page supporting the row."""

    text: str
    url: str

    def to_html(self) -> str:
        return f'<a href="{html.escape(self.url, quote=True)}">{html.escape(self.text)}</a>'


def _cell(value) -> str:
    return value.to_html() if isinstance(value, Link) else html.escape(str(value))


@dataclass(frozen=True)
class Table:
    """Cells already formatted for the report's language (text, or a Link); numbers align right."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[bool] = ()
    caption: str | None = None

    def to_html(self) -> str:
        numeric = list(self.numeric) or [False] * len(self.columns)
        align = [' class="num"' if n else "" for n in numeric]
        head = "".join(f"<th{a}>{html.escape(c)}</th>" for c, a in zip(self.columns, align))
        body = "".join(
            "<tr>" + "".join(f"<td{a}>{_cell(v)}</td>" for v, a in zip(row, align)) + "</tr>"
            for row in self.rows
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f'<table class="qi-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_html_(self) -> str:
        return self.to_html()


@dataclass(frozen=True)
class Note:
    """One line saying what a section lacks, or a remark on the data."""

    text: str
    kind: str = "missing"

    def _repr_html_(self) -> str:
        return f'<p class="qi-note qi-{self.kind}">{html.escape(self.text)}</p>'


@dataclass(frozen=True)
class Links:
    """A list of cited pages: text and the address that supports it."""

    intro: str
    items: Sequence[tuple[str, str]]

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li>{html.escape(text)} <a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></li>'
            for text, url in self.items
        )
        return f'<div class="qi-links"><p>{html.escape(self.intro)}</p><ul>{items}</ul></div>'


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    level: int = 2

    def _ipython_display_(self) -> None:
        display(Markdown(f"{'#' * self.level} {self.heading}"))
        for block in self.blocks:
            display(paragraph(block) if isinstance(block, str) else block)


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(text)}</p>")
