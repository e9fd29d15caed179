"""reports/index.html: every published page, read from the manifest, grouped by language and kind, with a filter by
name in either language and a language switch; one self-contained page."""

from __future__ import annotations

from pathlib import Path

from .. import settings
from ..analysis.formatting import LANGS
from ..analysis.text import t
from ..data import atomic
from . import manifest
from .html_export import stylesheet, template
from .requests import KINDS


def _group(records: list[manifest.PageRecord], kind: str, lang: str) -> dict:
    return {"heading": t(lang, f"kind_{kind}"),
            "entries": [{"href": r.page, "title": r.title, "code": r.subject.split(" · ")[0],
                         "names": f"{r.title} {r.subject}"}
                        for r in sorted(records, key=lambda r: r.title) if r.kind == kind]}


def render(reports_dir: Path) -> str:
    records = [r for r in manifest.read(reports_dir).values() if (reports_dir / r.page).is_file()]
    langs = []
    for lang in LANGS:
        mine = [r for r in records if r.lang == lang]
        kinds = [kind for kind in KINDS if any(r.kind == kind for r in mine)]
        langs.append({"code": lang, "name": t(lang, "lang_name"), "intro": t(lang, "site_intro"),
                      "filter_label": t(lang, "filter_label"), "filter_hint": t(lang, "filter_hint"),
                      "no_match": t(lang, "no_match"), "groups": [_group(mine, kind, lang) for kind in kinds]})
    title = f'{t("fr", "site_title")} · {t("en", "site_title")}'
    return template("index.html.j2").render(title=title, langs=langs, css=stylesheet())


def write(reports_dir: Path | None = None) -> Path:
    reports_dir = reports_dir or settings.reports_dir()
    index = reports_dir / "index.html"
    atomic.write_text(index, render(reports_dir))
    return index
