"""reports/index.html: every published page, read from the manifest, grouped by language and kind, with a filter by
name in either language and a language switch; one self-contained page."""

from __future__ import annotations

from pathlib import Path

from .. import settings
from ..analysis.collation import index_key
from ..analysis.formatting import LANGS
from ..analysis.text import t
from ..data import atomic
from ..reports.registry import kinds as report_kinds
from . import manifest
from .page_templates import stylesheet, template


def subject_name(record: manifest.PageRecord) -> str:
    """The page's subject as its language names it."""
    return record.subject[f"name_{record.lang}"]


def _subject_label(record: manifest.PageRecord) -> str:
    return " · ".join(part for part in record.subject.values() if part)


def _entry_title(record: manifest.PageRecord, same_title: int) -> str:
    """The page's title, with its year where another page of the group has the same title."""
    year = record.parameters.get("year")
    return f"{record.title} ({year})" if same_title > 1 and year else record.title


def _group(records: list[manifest.PageRecord], kind: str, lang: str) -> dict:
    """A kind's pages, filed by subject as the language sorts names (accents and leading articles ignored)."""
    mine = sorted(
        (r for r in records if r.kind == kind),
        key=lambda r: (index_key(subject_name(r)), r.parameters.get("year") or 0),
    )
    titles = [r.title for r in mine]
    return {
        "heading": t(lang, f"kind_{kind}"),
        "entries": [
            {
                "href": r.page,
                "title": _entry_title(r, titles.count(r.title)),
                "code": r.subject["code"],
                "names": f"{r.title} {_subject_label(r)}",
            }
            for r in mine
        ],
    }


def render(reports_dir: Path) -> str:
    records = [r for r in manifest.read(reports_dir).values() if (reports_dir / r.page).is_file()]
    langs = []
    for lang in LANGS:
        mine = [r for r in records if r.lang == lang]
        kinds = [kind for kind in report_kinds() if any(r.kind == kind for r in mine)]
        langs.append(
            {
                "code": lang,
                "name": t(lang, "lang_name"),
                "intro": t(lang, "site_intro"),
                "filter_label": t(lang, "filter_label"),
                "filter_hint": t(lang, "filter_hint"),
                "no_match": t(lang, "no_match"),
                "groups": [_group(mine, kind, lang) for kind in kinds],
            }
        )
    title = f"{t('fr', 'site_title')} · {t('en', 'site_title')}"
    return template("index.html.j2").render(title=title, langs=langs, css=stylesheet())


def path(reports_dir: Path) -> Path:
    return reports_dir / "index.html"


def write(reports_dir: Path | None = None) -> Path:
    reports_dir = reports_dir or settings.reports_dir()
    index = path(reports_dir)
    atomic.write_text(index, render(reports_dir))
    return index
