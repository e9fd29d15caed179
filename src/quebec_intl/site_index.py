"""reports/index.html: every rendered report, grouped by language and kind, with a filter by name in either
language and a language switch; one self-contained page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import atomic, paths
from .formatting import LANGS
from .html_export import template, stylesheet
from .i18n import t

META = re.compile(r'<meta name="qi-(kind|subject|lang)" content="([^"]*)">')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
KIND_ORDER = ("overview", "partner", "region", "relations")


@dataclass(frozen=True)
class Entry:
    path: Path
    title: str
    kind: str
    subject: str
    lang: str


def entries(reports_dir: Path) -> list[Entry]:
    """Every report page under reports/<lang>/<kind>/, read from its own head."""
    found = []
    for page in sorted(reports_dir.glob("*/*/*.html")):
        head = page.read_text(encoding="utf-8")[:4000]
        meta = {key: html.unescape(value) for key, value in META.findall(head)}
        title = TITLE.search(head)
        if title and {"kind", "subject", "lang"} <= meta.keys():
            found.append(Entry(page, html.unescape(title.group(1)), meta["kind"], meta["subject"], meta["lang"]))
    return found


def render(reports_dir: Path) -> str:
    pages = entries(reports_dir)
    langs = []
    for lang in LANGS:
        mine = [e for e in pages if e.lang == lang]
        kinds = sorted({e.kind for e in mine}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
        groups = [{"heading": t(lang, f"kind_{kind}"),
                   "entries": [{"href": e.path.relative_to(reports_dir).as_posix(), "title": e.title,
                                "code": e.subject.split(" · ")[0], "names": f"{e.title} {e.subject}"}
                               for e in sorted(mine, key=lambda e: e.title) if e.kind == kind]}
                  for kind in kinds]
        langs.append({"code": lang, "name": t(lang, "lang_name"), "intro": t(lang, "site_intro"),
                      "filter_label": t(lang, "filter_label"), "filter_hint": t(lang, "filter_hint"),
                      "no_match": t(lang, "no_match"), "groups": groups})
    title = f'{t("fr", "site_title")} · {t("en", "site_title")}'
    return template("index.html.j2").render(title=title, langs=langs, css=stylesheet())


def write(reports_dir: Path | None = None) -> Path:
    reports_dir = reports_dir or paths.reports_dir()
    index = reports_dir / "index.html"
    atomic.write_text(index, render(reports_dir))
    return index
