"""What a report cell shows: sections of headings, paragraphs, tables, notes and charts, in Jupyter and in HTML.
Each block's HTML comes from its template in visual/templates/, with every text escaped by Jinja."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup

from .. import lazy
from ..caching import cached
from ..data.schema import is_web_address
from . import maps, spreadsheet

alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)
jinja2 = lazy.module("jinja2")  # imported when a block is first written (quebec_intl.lazy)

# Vega-Lite 6, the version Altair 6 writes. JupyterLab draws it offline with the project's renderer
# (jupyterlab/vega6-renderer: the library the pages inline); the HTML export turns it into an inline chart. `+json`,
# not Altair's `.json`: nbformat's schema keeps a JSON object only under a `+json` type.
VEGA_MIME = "application/vnd.vegalite.v6+json"
METADATA_KEY = "quebec_intl"
# JupyterLab typesets text between two `$` as mathematics (MathJax) in HTML outputs: "91 G$ … 12 G$" would turn
# into italics. MathJax skips any element of this class, so every block carries it; a page has no MathJax to skip.
NO_MATH_CLASS = "mathjax_ignore"


@cached
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True, keep_trailing_newline=False
    )
    environment.globals["no_math"] = NO_MATH_CLASS
    return environment


def render_block(template: str, **values: object) -> str:
    return _environment().get_template(f"{template}.html.j2").render(**values).rstrip("\n")


_CHARTS = {"validate": True}


def skip_chart_validation() -> None:
    """Stop checking each chart against the Vega-Lite schema as it is shown, and each of its parts as it is made
    (Altair's debug mode). The batch renderer calls it: the checks cost a quarter of a page, and the tests check
    every chart of every published page against the schema instead."""
    _CHARTS["validate"] = False
    alt.utils.schemapi.disable_debug_mode()


EACH_FRAME_ONCE = "quebec-intl-each-frame-once"


class FramesConverted:
    """Altair's data transformer (`active`), each frame converted once while a figure becomes its spec: the layers of
    a chart drawn from one frame (a line and its points) would each convert it, which is most of Altair's work on
    such a chart. The frame is held with its values, so that its id stays its own."""

    def __init__(self, active: Callable) -> None:
        self.active = active
        self.made: dict[int, tuple[object, object]] = {}

    def __call__(self, data: object) -> object:
        if id(data) not in self.made:
            self.made[id(data)] = (data, self.active(data))
        return self.made[id(data)][1]


@dataclass(frozen=True)
class Figure:
    """A chart with a stable name (its id on the page), a text alternative for readers who cannot see it, and the
    table it draws, offered on the page as a CSV file."""

    name: str
    chart: alt.TopLevelMixin
    description: str
    data: pd.DataFrame
    geometries: tuple[str, ...] = ()  # map geometries the chart names (see maps.named_data)

    def __post_init__(self) -> None:
        own = self.chart.config
        if not (isinstance(own, dict) and "locale" in own):
            raise ValueError(
                f"figure {self.name!r}: its chart carries no language's formats; build the figure with "
                "`ctx.figure(...)` (or style the chart with `theme.styled(chart, lang)`)"
            )

    def _repr_mimebundle_(self, **_formats):  # IPython passes include= and exclude=: every format is given
        alt.data_transformers.register(EACH_FRAME_ONCE, FramesConverted(alt.data_transformers.get()))
        with alt.data_transformers.enable(EACH_FRAME_ONCE):
            if _CHARTS["validate"]:
                spec = self.chart.to_dict(validate=True)
            else:  # the style is plain JSON already (theme.config): Altair need not walk it, a fifth of its work
                spec = {**self.chart.to_dict(validate=False, ignore=["config"]), "config": self.chart.config}
        for geometry in self.geometries:
            spec.setdefault("datasets", {})[maps.data_name(geometry)] = maps.dataset(geometry)
        bundle = {VEGA_MIME: spec, "text/plain": self.description}
        csv = spreadsheet.csv_text(self.data)
        return bundle, {METADATA_KEY: {"name": self.name, "description": self.description, "csv": csv}}


@dataclass(frozen=True)
class Subject:
    """What a page is about, as the site index files it: a code a reader knows (USA, US-GA; none for a region or
    Québec as a whole) and its names in both languages."""

    code: str
    name_en: str
    name_fr: str

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}")

    @property
    def label(self) -> str:
        """`USA · United States · États-Unis`: the page's subject in one line (its meta element)."""
        return " · ".join(part for part in (self.code, self.name_en, self.name_fr) if part)


@dataclass(frozen=True)
class PageInfo:
    """What the published page needs to know about itself; shown as nothing, carried as display metadata."""

    kind: str
    lang: str
    subject: Subject
    title: str
    sources: tuple[str, ...] = ()  # ids of the registered sources the page's figures and facts come from
    # A partner's latest whole year of exports as the site index lists it: year, exports_cad, growth_pct (or None).
    headline: dict | None = None
    # The last period the page's figures cover (YYYY-MM), where the page ends before its sources do (an earlier
    # month's bulletin); "" for the last period of its sources.
    data_to: str = ""

    def _repr_mimebundle_(self, **_formats):  # IPython passes include= and exclude=: every format is given
        page = {**self.__dict__, "subject": dict(self.subject.__dict__), "sources": list(self.sources)}
        return {"text/plain": ""}, {METADATA_KEY: {"page": page}}


def checked_url(url: str) -> str:
    """An address a page may link to (http or https); anything else (`javascript:`, `data:`) never reaches a page."""
    if not is_web_address(url):
        raise ValueError(f"not an http or https address, so not linked from a page: {url!r}")
    return url


@dataclass(frozen=True)
class Link:
    """A table cell that points to the page supporting the row."""

    text: str
    url: str

    def __post_init__(self) -> None:
        checked_url(self.url)


MEDIA_CLASSES = {"": "", "screen": "qi-screen-only", "print": "qi-print-only"}


@dataclass(frozen=True)
class Table:
    """Cells already formatted for the report's language (text, or a Link); numbers align right."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str | Link]]
    numeric: Sequence[bool] = ()
    media: str = ""  # "screen" or "print": a table shown only there (a printed digest beside a longer table)

    def to_html(self) -> str:
        numeric = list(self.numeric) or [False] * len(self.columns)
        align = [Markup(' class="num"') if n else "" for n in numeric]
        media = MEDIA_CLASSES[self.media]
        return render_block("table", columns=self.columns, rows=self.rows, align=align, media=media)

    def _repr_html_(self) -> str:
        return self.to_html()


@dataclass(frozen=True)
class Note:
    """One line saying what a section lacks, or a remark on the data."""

    text: str
    kind: str = "missing"
    media: str = ""  # "screen": a remark on a table only the screen shows

    def _repr_html_(self) -> str:
        return render_block("note", text=self.text, kind=self.kind, media=MEDIA_CLASSES[self.media])


@dataclass(frozen=True)
class Printed:
    """A paragraph only printed: the printed digest of a longer table the screen shows."""

    text: str

    def _repr_html_(self) -> str:
        return render_block("paragraph", text=self.text, media=MEDIA_CLASSES["print"])


@dataclass(frozen=True)
class Links:
    """A list of cited pages: text and the address that supports it."""

    intro: str
    items: Sequence[tuple[str, str]]

    def __post_init__(self) -> None:
        for _, url in self.items:
            checked_url(url)

    def _repr_html_(self) -> str:
        return render_block("links", intro=self.intro, items=self.items)


@dataclass(frozen=True)
class Cited:
    """A source as a page cites it, followed by the address of the publisher's page for it (a reader checks a figure
    there); no address where the publisher has none (facts cite their own pages, row by row)."""

    text: str
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url:
            checked_url(self.url)

    def _repr_html_(self) -> str:
        return render_block("cited", text=self.text, url=self.url)


@dataclass(frozen=True)
class Quotes:
    """Sentences ready to be said aloud, each followed by the source and period it stands on."""

    items: Sequence[tuple[str, str]]

    def _repr_html_(self) -> str:
        return render_block("quotes", items=self.items)


@dataclass(frozen=True)
class Omitted:
    """A section the sources cannot fill: the page leaves it out and names it once, with the reason, in its
    "not covered" note (publish/html_export.py). A notebook shows the one line, for whoever explores."""

    heading: str
    why: str

    def _repr_mimebundle_(self, **_formats):  # IPython passes include= and exclude=: every format is given
        html = render_block("note", text=f"{self.heading} ({self.why})", kind="omitted")
        return {"text/html": html, "text/plain": self.heading}, {METADATA_KEY: {"omitted": self.__dict__.copy()}}


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    level: int = 2

    def _ipython_display_(self) -> None:
        display(HTML(render_block("heading", heading=self.heading, level=self.level)))
        for block in self.blocks:
            display(paragraph(block) if isinstance(block, str) else block)


def paragraph(text: str) -> HTML:
    return HTML(render_block("paragraph", text=text))
