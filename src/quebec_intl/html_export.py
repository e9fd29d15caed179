"""Executed notebook -> one self-contained HTML page: no code, charts drawn offline by Vega inlined once per page."""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources

import jinja2
import nbformat
import vl_convert
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from .display import METADATA_KEY, VEGA_MIME
from .formatting import locale as babel_locale

VEGA_LITE_VERSION = "6.4"
HIDDEN_CELL_TAGS = {"parameters", "injected-parameters"}
FORMAT_LOCALES = {"fr": "fr-CA", "en": "en-CA"}


def chart_html(element_id: str, spec: dict, description: str) -> str:
    """A figure holding the chart's spec as inline JSON and its text alternative as the caption."""
    spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    alt = html.escape(description, quote=True)
    return (
        f'<figure class="qi-chart" id="{element_id}">'
        f'<div class="qi-chart-view" role="img" aria-label="{alt}"></div>'
        f'<script type="application/json" class="qi-chart-spec">{spec_json}</script>'
        f'<figcaption class="qi-alt">{alt}</figcaption></figure>'
    )


class ReportPreprocessor(Preprocessor):
    """Keep what a reader should see: drop parameter cells and stream output, turn Vega-Lite outputs into figures."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not HIDDEN_CELL_TAGS & set(c.get("metadata", {}).get("tags", []))]
        seen: dict[str, int] = {}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = []
            for output in cell.outputs:
                if output.output_type == "stream":
                    continue
                data = output.get("data", {})
                if VEGA_MIME in data:
                    meta = output.get("metadata", {}).get(METADATA_KEY, {})
                    name = meta.get("name", "chart")
                    seen[name] = seen.get(name, 0) + 1
                    element_id = f"chart-{name}" + (f"-{seen[name]}" if seen[name] > 1 else "")
                    figure = chart_html(element_id, data[VEGA_MIME], meta.get("description", ""))
                    output = nbformat.v4.new_output("display_data", data={"text/html": figure})
                outputs.append(output)
            cell.outputs = outputs
        return nb, resources


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, exposing `qiEmbed`; safe to inline in a <script> element."""
    bundle = vl_convert.javascript_bundle("window.qiEmbed = vegaEmbed;", vl_version=VEGA_LITE_VERSION)
    return bundle.replace("</script", "<\\/script")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=jinja2.select_autoescape(["html"]), keep_trailing_newline=True)
    source = resources.files(__package__).joinpath("templates", "page.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


@cache
def stylesheet() -> str:
    return resources.files(__package__).joinpath("templates", "report.css").read_text(encoding="utf-8")


def notebook_body(nb: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, anchor_link_text="")
    exporter.register_preprocessor(ReportPreprocessor, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def page(body: str, *, title: str, lang: str, kind: str, subject: str, index_href: str, site_title: str) -> str:
    """A whole page; the chart script is included only when the body has a chart."""
    babel_locale(lang)
    has_charts = 'class="qi-chart"' in body
    return _template().render(
        title=title, lang=lang, kind=kind, subject=subject, index_href=index_href, site_title=site_title,
        css=stylesheet(), body=body, has_charts=has_charts,
        vega_bundle=vega_bundle() if has_charts else "",
        format_locale=vl_convert.get_format_locale(FORMAT_LOCALES[lang]),
    )
