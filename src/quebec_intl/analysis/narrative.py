"""The summary paragraph, phrased in French or English from computed highlights; it never computes a number."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.partners import Partner
from ..data.reference import section_name
from . import formatting as fmt
from . import words
from .facts import Change, Standing, known
from .names import partner_phrase
from .text import t


@dataclass(frozen=True)
class Highlights:
    """What a country's summary states, every figure computed by the data object, each fact typed (facts.py): a
    value is None (or NaN) when the current sources lack it (a growth rate between years on different bases)."""

    partner: Partner
    year: int
    first_year: int | None = None
    exports: float | None = None
    exports_change: Change | None = None  # over the year before
    imports: float | None = None
    imports_change: Change | None = None
    balance: float | None = None  # exports less imports
    exports_record_high: bool = False
    provinces: Standing | None = None  # Québec among the provinces and territories exporting to the partner
    top_section_code: str | None = None
    top_section_share_pct: float | None = None
    destination: Standing | None = None  # the partner among Québec's destinations
    # From the monthly table of the principal partners: the latest partial year against the same months a year
    # earlier, and the partner's place among the principal partners Statistics Canada lists.
    ytd_year: int | None = None
    ytd_last_month: int | None = None
    ytd_exports: float | None = None
    ytd_exports_change: Change | None = None
    ytd_imports: float | None = None
    ytd_imports_change: Change | None = None
    principal_exports: Standing | None = None
    principal_imports: Standing | None = None


def _ytd_sentences(h: Highlights, lang: str) -> list[str]:
    """From January to the latest month of the partial year: exports, then imports, each against the same months."""
    if h.ytd_year is None or not known(h.ytd_exports):
        return []
    span = fmt.month_span(h.ytd_year, 1, h.ytd_last_month, lang)
    lines = []
    for key, value, change, role in (
        ("trade.ytd_export_sentence", h.ytd_exports, h.ytd_exports_change, "to"),
        ("trade.ytd_import_sentence", h.ytd_imports, h.ytd_imports_change, "from"),
    ):
        if known(value):
            placeholder = {"to": "to", "from": "from_"}[role]
            sentence = t(
                lang,
                key,
                span=span,
                value=fmt.money(value, lang),
                **{placeholder: partner_phrase(h.partner, lang, role)},
            )
            lines.append(words.with_change(sentence, change, lang))
    return lines


def _flow_sentence(key: str, value: float, change: Change | None, h: Highlights, lang: str, role: str) -> str:
    placeholder = {"to": "to", "from": "from_"}[role]
    sentence = t(
        lang, key, year=h.year, value=fmt.money(value, lang), **{placeholder: partner_phrase(h.partner, lang, role)}
    )
    return words.with_change(sentence, change, lang)


def summary(h: Highlights, lang: str) -> str:
    sentences = []
    if known(h.exports):
        sentences.append(_flow_sentence("trade.export_sentence", h.exports, h.exports_change, h, lang, "to"))
        if h.exports_record_high and h.first_year is not None:
            sentences.append(t(lang, "trade.record_sentence", first=h.first_year, last=h.year))
    else:
        sentences.append(
            t(
                lang,
                "missing.no_figure_for_year",
                year=h.year,
                what=t(lang, "trade.what_trade", with_=partner_phrase(h.partner, lang, "with")),
            )
        )
    if known(h.imports):
        sentences.append(_flow_sentence("trade.import_sentence", h.imports, h.imports_change, h, lang, "from"))
    if known(h.balance):
        balance = h.balance
        key = "trade.surplus_sentence" if balance >= 0 else "trade.deficit_sentence"
        sentences.append(
            t(lang, key, with_=partner_phrase(h.partner, lang, "with"), value=fmt.money(abs(balance), lang))
        )
    if h.provinces is not None:
        sentences.append(words.standing(h.provinces, lang, "summary", to=partner_phrase(h.partner, lang, "to")))
    sentences += _ytd_sentences(h, lang)
    if h.principal_exports is not None:
        sentences.append(words.both_ways(h.principal_exports, h.principal_imports, lang, h.partner))
    if h.destination is not None:
        sentences.append(words.standing(h.destination, lang, "summary", subject=h.partner))
    if h.top_section_code and known(h.top_section_share_pct):
        sentences.append(
            t(
                lang,
                "trade.top_section_sentence",
                section=section_name(h.top_section_code, lang),
                share=fmt.percent(h.top_section_share_pct, lang),
            )
        )
    return " ".join(sentence for sentence in sentences if sentence)


def source_sentence(source, lang: str, title: str | None = None) -> str:
    """A source as a report cites it: its official citation (publisher and table), title, the periods it covers,
    basis and licence, in the report's language. Who compiled the copy stays in the registry."""
    return t(
        lang,
        "sources.line",
        publisher=source.text("publisher", lang),
        title=title or source.text("title", lang),
        coverage=source.text("coverage", lang),
        basis=t(lang, f"sources.basis_{source.basis}"),
        licence=source.text("licence", lang),
    )


def dates_sentence(released: str, retrieved: str, lang: str) -> str:
    """When a source's data was released and retrieved (YYYY-MM-DD, "" when not known), in a sentence."""
    key = "both" if released and retrieved else "released" if released else "retrieved" if retrieved else "unknown"
    return t(
        lang,
        f"sources.dates_{key}",
        released=fmt.date(released, lang) if released else "",
        retrieved=fmt.date(retrieved, lang) if retrieved else "",
    )


def period_sentence(period: str, lang: str) -> str:
    """The last period a copy's data cover (YYYY, YYYY-MM or YYYY-MM-DD), in a sentence: « Données jusqu'en août
    2026. »"""
    return t(lang, "sources.period_day" if len(period) == 10 else "sources.period", period=fmt.date(period, lang))


def data_sentence(sources, lang: str, published: bool = False) -> str:
    """The line under a page's title: the sources its figures come from, each once by its official citation;
    with `published`, the cited published figures first."""
    citations = list(dict.fromkeys(source.text("citation", lang) for source in sources))
    if published:
        citations.insert(0, t(lang, "sources.published_figures"))
    return t(lang, "sources.data_official", sources=t(lang, "typography.list_separator").join(citations))
