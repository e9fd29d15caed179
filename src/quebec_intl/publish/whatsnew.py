"""The "what's new" page of an update, in each language (reports/<lang>/whatsnew/<date>.html): the new months and
their headline figures, the revisions that matter (largest first, from a threshold), and each source with its release
and retrieval dates. The site index links the newest one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis import formatting as fmt
from ..analysis.formatting import LANGS
from ..analysis.text import t, t_count
from ..data import atomic, partners, reference, sources
from ..data.reference import QUEBEC
from .page_templates import stylesheet, template

FOLDER = "whatsnew"
THRESHOLD_CAD = 1_000_000.0  # a revision smaller than a million dollars is counted, not listed
LISTED = 25  # the largest revisions listed at most


@dataclass
class Update:
    """What one update brought: its date, the new vintage of the monthly table, the cells it revised, the sources."""

    date: str  # the retrieval date, YYYY-MM-DD (then THHMMSS for a second update the same day)
    monthly: pd.DataFrame | None = None
    new_months: list[tuple[int, int]] = field(default_factory=list)
    revisions: pd.DataFrame | None = None
    bts_months: list[str] = field(default_factory=list)
    rates_year: str = ""
    sources: list[dict] = field(default_factory=list)  # source_id, release (ISO date-time or ""), retrieved
    bulletin_month: str = ""  # YYYY-MM: the month whose bulletin the update made (its pages are linked)


def page(lang: str, date: str) -> str:
    return f"{lang}/{FOLDER}/{date}.html"


def newest(reports_dir: Path, lang: str) -> str | None:
    """The newest what's-new page of the language, as a path under the reports folder."""
    found = sorted((reports_dir / lang / FOLDER).glob("????-??-??*.html"))
    return found[-1].relative_to(reports_dir).as_posix() if found else None


def _quebec_world(monthly: pd.DataFrame, year: int, month: int, flow: str) -> float | None:
    rows = monthly[
        monthly["reporter_code"].eq(QUEBEC)
        & monthly["partner_code"].eq("WLD")
        & monthly["product_section_code"].eq("total")
        & monthly["flow"].eq(flow)
        & monthly["ref_year"].eq(year)
        & monthly["ref_month"].eq(month)
    ]["value_cad"].dropna()
    return float(rows.iloc[0]) if len(rows) else None


def _month_line(update: Update, year: int, month: int, lang: str) -> str:
    values = {}
    for flow in ("export", "import"):
        now = _quebec_world(update.monthly, year, month, flow)
        before = _quebec_world(update.monthly, year - 1, month, flow)
        values[f"{flow}s"] = fmt.money(now, lang) if now is not None else "—"
        values[f"{flow}s_change"] = (
            t(
                lang,
                "whatsnew.change",
                change=fmt.percent((now / before - 1) * 100, lang, signed=True),
                month=fmt.date(f"{year - 1}-{month:02d}", lang),
            )
            if now is not None and before
            else ""
        )
    return t(lang, "whatsnew.month_line", month=fmt.date(f"{year}-{month:02d}", lang).capitalize(), **values)


def _partner_name(code: str, lang: str) -> str:
    partner = partners.all_partners().get(code)
    return partner.name(lang) if partner else code


def _signed_money(value: float, lang: str) -> str:
    """A revision's difference, its sign always written (+12,3 M$)."""
    if pd.isna(value):
        return "—"
    return ("+" if value > 0 else "") + fmt.money(value, lang)


def _revision_rows(revisions: pd.DataFrame, lang: str) -> list[list[str]]:
    sections = reference.product_sections().set_index("code")[f"name_{lang}"]
    return [
        [
            fmt.date(f"{r.ref_year}-{r.ref_month:02d}", lang),
            _partner_name(r.partner_code, lang),
            t(lang, f"column.flow_{r.flow}"),
            sections.get(r.product_section_code, r.product_section_code),
            fmt.money(r.old_value_cad, lang) if pd.notna(r.old_value_cad) else "—",
            fmt.money(r.new_value_cad, lang) if pd.notna(r.new_value_cad) else "—",
            _signed_money(r.difference_cad, lang),
        ]
        for r in revisions.itertuples()
    ]


def that_matter(revisions: pd.DataFrame | None) -> pd.DataFrame:
    """Québec's revisions of at least the threshold, largest first."""
    if revisions is None or not len(revisions):
        return pd.DataFrame(columns=["difference_cad"])
    quebec = revisions[revisions["reporter_code"].eq(QUEBEC)]
    large = quebec[quebec["difference_cad"].abs().ge(THRESHOLD_CAD)]
    return large.reindex(large["difference_cad"].abs().sort_values(ascending=False).index)


def _source_lines(update: Update, lang: str) -> list[dict]:
    lines = []
    for entry in update.sources:
        source = sources.get(entry["source_id"])
        citation = source.citation_fr if lang == "fr" and source.citation_fr else source.citation
        retrieved = fmt.date(entry["retrieved"][:10], lang)
        line = (
            t(
                lang,
                "whatsnew.released",
                citation=citation,
                release=fmt.date(entry["release"][:10], lang),
                retrieved=retrieved,
            )
            if entry.get("release")
            else t(lang, "whatsnew.retrieved", citation=citation, retrieved=retrieved)
        )
        href = (source.table_url_fr if lang == "fr" and source.table_url_fr else source.table_url) or source.url
        lines.append({"line": line, "href": href})
    return lines


def _bulletin_link(update: Update, lang: str) -> dict | None:
    """The new month's bulletin, from the what's-new page's folder (reports/<lang>/whatsnew/)."""
    if not update.bulletin_month:
        return None
    month = fmt.date(update.bulletin_month, lang)
    return {"href": f"../bulletin/{update.bulletin_month}.html", "text": t(lang, "whatsnew.bulletin", month=month)}


def render(update: Update, lang: str) -> str:
    date = fmt.date(update.date[:10], lang)  # a second update the same day is named with its time too
    new_lines = [_month_line(update, y, m, lang) for y, m in update.new_months] or [t(lang, "whatsnew.no_new_month")]
    if update.bts_months:
        months = [fmt.date(m, lang) for m in update.bts_months]
        new_lines.append(t(lang, "whatsnew.new_states", months=", ".join(months)))
    if update.rates_year:
        new_lines.append(t(lang, "whatsnew.new_rates", year=update.rates_year))
    listed = that_matter(update.revisions)
    total = 0 if update.revisions is None else int(update.revisions["reporter_code"].eq(QUEBEC).sum())
    threshold = fmt.money(THRESHOLD_CAD, lang)
    intro = (
        t_count(lang, "whatsnew.revisions_intro", total, threshold=threshold, shown=min(len(listed), LISTED))
        if len(listed)
        else t_count(lang, "whatsnew.revisions_none", total, threshold=threshold)
    )
    other = "en" if lang == "fr" else "fr"
    keys = ("month", "partner", None, "section", "old", "new", "difference")
    return template("whatsnew.html.j2").render(
        lang=lang,
        title=t(lang, "whatsnew.title", date=date),
        back=t(lang, "whatsnew.back"),
        other_lang=other,
        other_name=t(other, "site.lang_name"),
        other_href=f"../../{page(other, update.date)}",
        intro=t(lang, "whatsnew.intro", date=date),
        new_heading=t(lang, "whatsnew.new_months"),
        new_lines=new_lines,
        revisions_heading=t(lang, "whatsnew.revisions"),
        revisions_intro=intro,
        revisions_caption=t(lang, "whatsnew.revisions_caption"),
        revision_headings=[t(lang, f"whatsnew.{k}") if k else t(lang, "column.flow") for k in keys],
        revisions=_revision_rows(listed.head(LISTED), lang) if len(listed) else [],
        sources_heading=t(lang, "whatsnew.sources"),
        sources=_source_lines(update, lang),
        bulletin=_bulletin_link(update, lang),
        css=stylesheet(),
    )


def write(update: Update, reports_dir: Path) -> list[Path]:
    written = []
    for lang in LANGS:
        target = reports_dir / page(lang, update.date)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(target, render(update, lang))
        written.append(target)
    return written
