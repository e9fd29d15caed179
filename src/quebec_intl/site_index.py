"""reports/index.html: a link to every rendered report, grouped by language and kind."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import atomic, paths
from .formatting import LANGS
from .html_export import stylesheet
from .i18n import t

META = re.compile(r'<meta name="qi-(kind|subject|lang)" content="([^"]*)">')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


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
        meta = dict(META.findall(head))
        title = TITLE.search(head)
        if title and {"kind", "subject", "lang"} <= meta.keys():
            found.append(Entry(page, html.unescape(title.group(1)), meta["kind"], meta["subject"], meta["lang"]))
    return found


def render(reports_dir: Path) -> str:
    sections = []
    for lang in LANGS:
        pages = [e for e in entries(reports_dir) if e.lang == lang]
        if not pages:
            continue
        items = "".join(
            f'<li><a href="{html.escape(e.path.relative_to(reports_dir).as_posix())}">{html.escape(e.title)}</a>'
            f'<span class="qi-code">{html.escape(e.subject)}</span></li>'
            for e in sorted(pages, key=lambda e: e.title)
        )
        sections.append(
            f'<section lang="{lang}"><h2>{html.escape(t(lang, "lang_name"))}</h2>'
            f'<h3>{html.escape(t(lang, "kind_partner"))}</h3><ul>{items}</ul></section>'
        )
    title = f'{t("fr", "site_title")} · {t("en", "site_title")}'
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{stylesheet()}</style>\n</head>\n<body>\n"
        f'<main class="qi-index"><h1>{html.escape(title)}</h1>'
        f'<p lang="fr">{html.escape(t("fr", "site_intro"))}</p><p lang="en">{html.escape(t("en", "site_intro"))}</p>'
        + "".join(sections) + "</main>\n</body>\n</html>\n"
    )


def write(reports_dir: Path | None = None) -> Path:
    reports_dir = reports_dir or paths.reports_dir()
    index = reports_dir / "index.html"
    atomic.write_text(index, render(reports_dir))
    return index
