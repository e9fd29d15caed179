"""reports/index.html: every published page, read from the manifest, grouped by language and kind (partner pages
by world region, then the US states), each partner with its latest exports and their change and sortable by them,
with a filter by name in either language and a language switch; one self-contained page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import settings
from ..analysis import formatting as fmt
from ..analysis import narrative
from ..analysis.collation import index_key
from ..analysis.formatting import LANGS
from ..analysis.text import t
from ..data import atomic, regions, sources
from ..errors import QuebecIntlError
from ..reports.registry import kinds as report_kinds
from . import manifest, whatsnew
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


def _entry(r: manifest.PageRecord, same_title: int, lang: str, pdfs: frozenset[str] = frozenset()) -> dict:
    entry = {
        "href": r.page,
        "title": _entry_title(r, same_title),
        "code": r.subject["code"],
        "names": f"{r.title} {_subject_label(r)}",
    }
    pdf = Path(r.page).with_suffix(".pdf").as_posix()
    if pdf in pdfs:  # printed beside the page (`--pdf`)
        entry["pdf"] = pdf
    headline = r.headline
    if headline:
        growth = headline.get("growth_pct")
        entry["figures"] = t(
            lang,
            "index.exports",
            value=fmt.money(headline["exports_cad"], lang),
            year=headline["year"],
            change=fmt.percent(growth, lang, signed=True) if growth is not None else fmt.MISSING,
        )
        entry["exports"] = f"{headline['exports_cad']:.0f}"
        entry["change"] = f"{growth:.3f}" if growth is not None else ""
    return entry


def _sorted(records: list[manifest.PageRecord]) -> list[manifest.PageRecord]:
    """As the language sorts names (accents and leading articles ignored), then by year."""
    return sorted(records, key=lambda r: (index_key(subject_name(r)), r.parameters.get("year") or 0))


def _group(records: list[manifest.PageRecord], kind: str, lang: str, pdfs: frozenset[str] = frozenset()) -> dict:
    """A kind's pages, filed by subject; partner pages in parts: each world region's countries, the US states, the
    other countries."""
    mine = _sorted([r for r in records if r.kind == kind])
    if any(r.parameters.get("month") for r in mine):  # a series by month (the bulletins): the latest first
        mine.sort(key=lambda r: r.parameters.get("month") or "", reverse=True)
    titles = [r.title for r in mine]
    if kind != "partner":
        return {
            "heading": t(lang, f"{kind}.index_heading"),
            "parts": [{"entries": [_entry(r, titles.count(r.title), lang, pdfs) for r in mine]}],
        }
    parts = []
    for heading, chosen in _partner_parts(mine, lang):
        if chosen:
            parts.append(
                {
                    "heading": heading,
                    "entries": [_entry(r, titles.count(r.title), lang) for r in chosen],
                    "sortable": True,
                }
            )
    return {"heading": t(lang, f"{kind}.index_heading"), "parts": parts}


def _partner_parts(records: list[manifest.PageRecord], lang: str) -> list[tuple[str, list[manifest.PageRecord]]]:
    world = [region for region in regions.regions().values() if region.kind == "world_region"]
    placed, parts = set(), []
    for region in world:
        members = set(regions.members(region.id))
        chosen = [r for r in records if r.subject["code"] in members and r.page not in placed]
        placed |= {r.page for r in chosen}
        parts.append((region.name(lang), chosen))
    states = [r for r in records if r.subject["code"] == "USA"]  # the country first, then its states
    states += [r for r in records if r.subject["code"].startswith("US-")]
    placed |= {r.page for r in states}
    parts.append((t(lang, "index.us_states"), states))
    parts.append((t(lang, "index.other_partners"), [r for r in records if r.page not in placed]))
    return parts


PRECISION = {4: "year", 7: "month", 10: "day"}  # YYYY, YYYY-MM, YYYY-MM-DD


def currency(records: list[manifest.PageRecord], lang: str) -> list[tuple[str, str]]:
    """How current the site is: each official source its pages read, by its citation, with the last period of its
    data and when that was released and retrieved, as the pages recorded them (the latest copy any page read); each
    line with the address of the source's page in the language (what a page citing a source links)."""
    latest: dict[str, dict] = {}
    for record in records:
        for entry in record.sources:
            try:
                source = sources.get(entry["id"])
            except QuebecIntlError:
                continue  # a source the registry no longer lists
            if source.path or len(entry.get("data_to") or "") not in PRECISION or not entry.get("sha256"):
                continue  # the project's transcriptions carry their own dates; a source not at hand says nothing
            citation = source.text("citation", lang)
            if citation not in latest or entry["data_to"] > latest[citation]["data_to"]:
                latest[citation] = entry | {"link": source.link(lang)}
    return [
        (
            t(
                lang,
                f"index.currency_line_{PRECISION[len(entry['data_to'])]}",  # jusqu'en 2024, jusqu'au 28 avril
                source=citation,
                period=fmt.date(entry["data_to"], lang),
                dates=narrative.dates_sentence(entry.get("released", ""), entry.get("retrieved", ""), lang),
            ),
            entry["link"],
        )
        for citation, entry in sorted(latest.items(), key=lambda item: index_key(item[0]))
    ]


def render(reports_dir: Path) -> str:
    records = [r for r in manifest.read(reports_dir).values() if (reports_dir / r.page).is_file()]
    pdfs = frozenset(pdf.relative_to(reports_dir).as_posix() for pdf in reports_dir.glob("*/*/*.pdf"))
    langs = []
    for lang in LANGS:
        mine = [r for r in records if r.lang == lang]
        kinds = [kind for kind in report_kinds() if any(r.kind == kind for r in mine)]
        langs.append(
            {
                "code": lang,
                "name": t(lang, "site.lang_name"),
                "intro": t(lang, "site.intro"),
                "currency_heading": t(lang, "index.currency"),
                "currency": currency(mine, lang),
                "filter_label": t(lang, "index.filter_label"),
                "filter_hint": t(lang, "index.filter_hint"),
                "no_match": t(lang, "index.no_match"),
                "sort_label": t(lang, "index.sort_label"),
                "sort_name": t(lang, "index.sort_name"),
                "sort_exports": t(lang, "index.sort_exports"),
                "sort_change": t(lang, "index.sort_change"),
                "pdf_label": t(lang, "index.pdf"),
                "groups": [_group(mine, kind, lang, pdfs) for kind in kinds],
                "whatsnew": _whatsnew_link(reports_dir, lang),
            }
        )
    title = f"{t('fr', 'site.title')} · {t('en', 'site.title')}"
    return template("index.html.j2").render(title=title, langs=langs, css=stylesheet())


def _whatsnew_link(reports_dir: Path, lang: str) -> dict | None:
    """The newest update's "what's new" page, when an update wrote one."""
    page = whatsnew.newest(reports_dir, lang)
    if page is None:
        return None
    date = Path(page).stem[:10]
    return {"href": page, "label": t(lang, "whatsnew.link", date=fmt.date(date, lang))}


def path(reports_dir: Path) -> Path:
    return reports_dir / "index.html"


def write(reports_dir: Path | None = None) -> Path:
    """The index, and beside it what it was made from (`.index.json`: its checksum and the manifest's)."""
    reports_dir = reports_dir or settings.reports_dir()
    index = path(reports_dir)
    page = render(reports_dir)
    atomic.write_text(index, page)
    made = {"index": _sha256(page.encode("utf-8")), "manifest": _file_sha256(manifest.path(reports_dir))}
    atomic.write_text(reports_dir / MADE_FROM, json.dumps(made) + "\n")
    return index


MADE_FROM = ".index.json"


def current(reports_dir: Path) -> bool:
    """True when index.html is the very page last written, from the manifest as it is now: an index damaged or
    edited by hand, or a manifest changed since, and the index is written again."""
    try:
        made = json.loads((reports_dir / MADE_FROM).read_text(encoding="utf-8"))
        return made == {"index": _file_sha256(path(reports_dir)), "manifest": _file_sha256(manifest.path(reports_dir))}
    except (OSError, ValueError):
        return False


def _file_sha256(file: Path) -> str | None:
    """Read whole (small files): a checksum remembered by size and time could stand for other content."""
    try:
        return _sha256(file.read_bytes())
    except FileNotFoundError:
        return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
