"""Executed notebook -> one self-contained HTML page: no code, charts drawn offline by Vega inlined once per page,
each chart with its text alternative and its data as a CSV link. Registered with nbconvert as `quebec-report`,
so `jupyter nbconvert --to quebec-report` publishes the same page as the project's own renderer."""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import re
import threading
import urllib.parse
from collections.abc import Sequence

import nbformat
import vl_convert
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.exporters import Exporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

from .. import settings
from ..analysis.formatting import date
from ..analysis.formatting import locale as babel_locale
from ..analysis.text import joined, t
from ..caching import cached
from ..data import atomic, fetch, sources
from ..errors import QuebecIntlError
from ..visual.blocks import METADATA_KEY, VEGA_MIME, Note
from . import terms
from .page_templates import stylesheet, template

VEGA_LITE_VERSION = "6.4"
# Cells a reader of the page never sees: parameters, and the exploring cells written for the notebook's user.
EXPLORE_TAG = "explore"
HIDDEN_CELL_TAGS = {"parameters", "injected-parameters", EXPLORE_TAG}
INDEX_HREF = "../../index.html"  # pages live at reports/<lang>/<kind>/<slug>.html


# Characters that could end or change a <script> element's content, written as JSON escapes: with none of them,
# no text from the data (`</script>`, `<!--`) can close the element or open a comment inside it.
SCRIPT_SAFE_JSON = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value: object) -> str:
    """JSON to inline in a <script> element, whatever text the data holds (one `replace` a character: a translation
    table looks up every character of a chart's data)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in SCRIPT_SAFE_JSON:
        text = text.replace(character, escaped)
    return text


def chart_html(element_id: str, spec: dict, description: str, lang: str, csv_text: str = "") -> str:
    """A figure holding the chart's spec as inline JSON, its text alternative and a link to the table it draws."""
    spec_json = script_json(spec)
    return template("figure.html.j2").render(
        element_id=element_id,
        description=description,
        spec_json=Markup(spec_json),
        download_label=t(lang, "site.download_csv"),
        data_uri="data:text/csv;charset=utf-8," + urllib.parse.quote(csv_text),
    )


def report_notebook(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, dict]:
    """What a reader should see, as a new notebook: the outputs of the report's cells (not the notebook's markdown,
    written for whoever explores it, nor hidden cells, nor stream output), Vega-Lite outputs turned into figures;
    and the page's own metadata. The executed notebook is left as it is; the new one holds HTML text only, so that
    nbconvert's copies of it cost little."""
    cells = [c for c in nb.cells if c.cell_type == "code" and not is_hidden(c)]
    page = _page_info(nb)
    lang = page.get("lang", "en")
    seen: dict[str, int] = {}
    omitted: list[dict] = []
    shown = []
    for cell in cells:
        outputs = []
        for output in cell.outputs:
            meta = output.get("metadata", {}).get(METADATA_KEY, {})
            if "omitted" in meta:
                omitted.append(meta["omitted"])
            if output.output_type == "stream" or "page" in meta or "omitted" in meta:
                continue
            data = output.get("data", {})
            if VEGA_MIME in data:
                name = meta.get("name", "chart")
                seen[name] = seen.get(name, 0) + 1
                element_id = f"chart-{name}" + (f"-{seen[name]}" if seen[name] > 1 else "")
                figure = chart_html(element_id, data[VEGA_MIME], meta.get("description", ""), lang, meta.get("csv", ""))
                output = nbformat.NotebookNode(output_type="display_data", data={"text/html": figure}, metadata={})
            outputs.append(output)
        # Made as nbformat's constructor would, without validating each cell again (a tenth of a page).
        shown.append(
            nbformat.NotebookNode(
                cell_type="code",
                id=cell.get("id"),
                metadata=cell.metadata,
                source=cell.source,
                outputs=outputs,
                execution_count=cell.get("execution_count"),
            )
        )
    if omitted and shown:
        note = not_covered_note(omitted, lang)
        shown[0].outputs.append(nbformat.v4.new_output("display_data", data={"text/html": note}))
    # As nbformat's constructor makes it, without validating it: the exporter validates it once.
    made = nbformat.NotebookNode(
        nbformat=4, nbformat_minor=nbformat.v4.nbformat_minor, metadata=nb.metadata, cells=shown
    )
    return made, page


def not_covered_note(omitted: list[dict], lang: str) -> str:
    """One note under the page's title naming every section the sources cannot fill, grouped by reason, instead of
    a heading over "no data" for each."""
    by_reason: dict[str, list[str]] = {}
    for item in omitted:
        by_reason.setdefault(item["why"], []).append(item["heading"])
    items = [
        t(lang, "missing.not_covered_item", sections=joined(lang, headings), why=why)
        for why, headings in by_reason.items()
    ]
    return Note(
        t(lang, "missing.not_covered", items=t(lang, "typography.list_separator").join(items)), "not-covered"
    )._repr_html_()


def is_hidden(cell) -> bool:
    return bool(HIDDEN_CELL_TAGS & set(cell.get("metadata", {}).get("tags", [])))


def _page_info(nb) -> dict:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            page = output.get("metadata", {}).get(METADATA_KEY, {}).get("page")
            if page:
                return dict(page)
    return {}


VEGA_BUNDLE_SNIPPET = "window.qiEmbed = vegaEmbed;"


@cached
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, exposing `qiEmbed`; safe to inline in a <script> element.
    vl-convert takes a second and a half of processor time to make it, which every command that renders would spend:
    it is kept beside the processed tables, named by what it is made from, with its checksum (a kept bundle that
    does not match it is made again)."""
    made_from = f"{vl_convert.__version__} {VEGA_LITE_VERSION} {VEGA_BUNDLE_SNIPPET}"
    kept = settings.processed_dir() / ".cache" / f"vega-{hashlib.sha256(made_from.encode()).hexdigest()[:16]}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        record = json.loads(kept.read_text(encoding="utf-8"))
        if hashlib.sha256(record["bundle"].encode()).hexdigest() == record["sha256"]:
            return record["bundle"]
    bundle = vl_convert.javascript_bundle(VEGA_BUNDLE_SNIPPET, vl_version=VEGA_LITE_VERSION)
    bundle = bundle.replace("</script", "<\\/script")
    record = {"made_from": made_from, "sha256": hashlib.sha256(bundle.encode()).hexdigest(), "bundle": bundle}
    with contextlib.suppress(OSError):  # an unwritable folder only costs the next command the same second and a half
        kept.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(kept, json.dumps(record))
    return bundle


class BodyExporter(HTMLExporter):
    """nbconvert's HTML exporter (its `basic` template: the cells' outputs, no input, no prompt) without the pass it
    ends with, which parses the whole page again with BeautifulSoup and writes it out anew to give an image lacking
    one a placeholder alternative text and JupyterLab's cells the keyboard's focus. A report page has no image (each
    chart is named by its own text alternative: tests/integration/test_render.py checks every page), and the `basic`
    template writes no JupyterLab cell; the pass took half of each page's export and changed no element, only how the
    markup is spelled (blank lines, the order of two attributes, `&#39;` written `'`)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        # The filters nbconvert's own method registers at each call: the template names them (no input is shown, so
        # no code is ever highlighted); the notebook's metadata is filled in by each export.
        self.register_filter("highlight_code", Highlight2HTML(parent=self))
        self.register_filter(
            "filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self)
        )

    def from_notebook_node(self, nb, resources=None, **kw):
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


_EXPORTERS = threading.local()


def _exporter() -> BodyExporter:
    """One exporter per thread, kept: making one compiles nbconvert's templates, which costs more than a page. It
    validates the notebook once, after its preprocessors, not after each of them (`report_notebook` made it)."""
    exporter = getattr(_EXPORTERS, "exporter", None)
    if exporter is None:
        exporter = _EXPORTERS.exporter = BodyExporter(
            template_name="basic",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            anchor_link_text="",
            optimistic_validation=True,
        )
    return exporter


def notebook_body(nb: nbformat.NotebookNode) -> tuple[str, dict]:
    """The readable part of the notebook as HTML, and the page's metadata the notebook declared."""
    shown, page = report_notebook(nb)
    body, _ = _exporter().from_notebook_node(shown)
    return terms.spelled_out(body, page.get("lang", "en")), page


def data_date(source_ids: list[str], lang: str, data_to: str = "") -> str:
    """How recent the page's data is, for its printed footer: the last period the page says its figures cover (an
    earlier month's bulletin), else the last its sources' copies at hand cover (a download's as its record says),
    else when the pages of its facts were last read."""
    if data_to:
        return t(lang, "site.print_data_to", date=date(data_to, lang))
    registered = [sources.get(source_id) for source_id in source_ids]
    dates = [period for source in registered if (period := _copy_data_to(source))]
    if dates:
        return t(lang, "site.print_data_to", date=date(max(dates), lang))
    dates = [source.read_to for source in registered if source.read_to]
    return t(lang, "site.print_read_to", date=date(max(dates), lang)) if dates else ""


def _copy_data_to(source: sources.Source) -> str:
    """The last period of the copy of the source at hand (the registry's for a source no copy of which is)."""
    try:
        return fetch.copy_record(source, fetch.copy_at_hand(source))["data_to"]
    except QuebecIntlError:
        return source.data_to


def css_string(text: str) -> str:
    """Text as a CSS string, safe inside a <style> element whatever it holds."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;!?'()-  " else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def chart_options(lang: str) -> str:
    """vega-embed's options: the offline exports only (PNG and SVG; no editor or source viewer, which need the
    network), labelled in the page's language."""
    return script_json(
        {
            "renderer": "svg",
            "scaleFactor": {"png": 2},
            "actions": {"export": {"png": True, "svg": True}, "source": False, "compiled": False, "editor": False},
            "i18n": {
                "CLICK_TO_VIEW_ACTIONS": t(lang, "site.chart_actions"),
                "PNG_ACTION": t(lang, "site.save_png"),
                "SVG_ACTION": t(lang, "site.save_svg"),
            },
        }
    )


_HEADING_OR_TABLE = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>|<table\b|</table>", re.S)
_TAG = re.compile(r"<[^>]+>")


def scroll_boxes(body: str, lang: str) -> str:
    """Each table in a box of its own that scrolls sideways when the table is wider than the page (a phone, a table of
    many columns), so the page itself never does; the box takes the keyboard's focus and is named after the heading
    above the table, so a keyboard user can scroll it and knows which table it holds."""
    out, heading, last = [], t(lang, "site.table_box"), 0
    for match in _HEADING_OR_TABLE.finditer(body):
        out.append(body[last : match.start()])
        last = match.end()
        text = match.group(0)
        if match.group(1) is not None:
            heading = html.unescape(_TAG.sub("", match.group(1))).strip() or heading
        elif text.startswith("<table"):
            text = f'<div class="qi-scroll" tabindex="0" role="group" aria-label="{html.escape(heading)}">{text}'
        else:
            text += "</div>"
        out.append(text)
    out.append(body[last:])
    return "".join(out)


def page(body: str, info: dict, nav: Sequence[object] = ()) -> str:
    """A whole page; the chart script is included only when the body has a chart. `nav`: the links beside the front
    page's at its top (site_links.NavLink: href, text, lang)."""
    lang = info.get("lang", "en")
    babel_locale(lang)
    has_charts = 'class="qi-chart"' in body
    title = info.get("title", "")
    footer = " · ".join(
        part for part in (title, data_date(info.get("sources", []), lang, info.get("data_to", ""))) if part
    )
    return template("page.html.j2").render(
        title=title,
        lang=lang,
        kind=info.get("kind", ""),
        subject=" · ".join(part for part in info.get("subject", {}).values() if part),
        index_href=INDEX_HREF,
        nav=nav,
        site_title=t(lang, "site.title"),
        css=stylesheet(),
        body=scroll_boxes(body, lang),
        has_charts=has_charts,
        vega_bundle=vega_bundle() if has_charts else "",
        chart_options=Markup(chart_options(lang)),
        print_footer=Markup(css_string(footer)),
    )


def notebook_page(nb: nbformat.NotebookNode, nav: Sequence[object] = ()) -> tuple[str, dict]:
    body, info = notebook_body(nb)
    return page(body, info, nav), info


class ReportExporter(Exporter):
    """nbconvert entry point `quebec-report`: the project's page, from an executed report notebook."""

    output_mimetype = "text/html"
    file_extension = ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)  # nbconvert's own resources (extension...)
        html_page, _ = notebook_page(nb)
        return html_page, resources
