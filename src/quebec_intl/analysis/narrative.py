"""The summary paragraph, phrased in French or English from computed highlights; it never computes a number."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from ..data.partners import Partner
from ..data.reference import section_name
from ..data.regions import Region
from . import formatting as fmt
from . import words
from .facts import Change, Standing
from .text import t

# French contracts `de` and `à` with the article: du Tennessee, des États-Unis, au Tennessee, aux États-Unis.
FRENCH_DE = (("les ", "des "), ("le ", "du "), ("la ", "de la "), ("l'", "de l'"))
FRENCH_A = (("les ", "aux "), ("le ", "au "), ("la ", "à la "), ("l'", "à l'"))
# `in` is where a member lies or belongs, after a noun: French says « les pays de l'Europe », English "in Europe".
CONTRACTIONS = {"from": (FRENCH_DE, "de "), "of": (FRENCH_DE, "de "), "in": (FRENCH_DE, "de "), "at": (FRENCH_A, "à ")}


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


def _known(value: float | None) -> bool:
    """A finite figure: a change from zero (infinite) says nothing a sentence can state as a percentage."""
    return isinstance(value, numbers.Real) and math.isfinite(value)


def _contracted(with_article: str, role: str) -> str:
    """`de` or `à` fused with the article, as French writes it: de la Géorgie, au Tennessee, aux États-Unis; each
    name of a pair takes its own (de l'Afrique et du Moyen-Orient, de l'Amérique latine et des Caraïbes)."""
    table, bare = CONTRACTIONS[role]
    first, joint, second = with_article.partition(" et ")
    if joint and second.startswith(tuple(article for article, _ in table)):
        return f"{_contracted(first, role)} et {_contracted(second, role)}"
    for article, contracted in table:
        if with_article.startswith(article):
            return contracted + with_article[len(article) :]
    return bare + with_article


def names_a_pair(region: Region) -> bool:
    """Whether the name joins two places, each with its article (« l'Afrique et le Moyen-Orient »): « Le Québec et »
    before it would read as three, so a title lists them (« Le Québec, l'Afrique et le Moyen-Orient »)."""
    _, joint, second = region.with_article_fr.partition(" et ")
    return bool(joint) and second.startswith(tuple(article for article, _ in FRENCH_DE))


def partner_phrase(partner: Partner | Region, lang: str, role: str) -> str:
    """`role` is "to", "from", "with", "of" or "at": vers les États-Unis / from the United States / avec la France /
    de la Géorgie / au Tennessee; a region by the name a sentence gives it (« de la SEUS-CP »)."""
    article = partner.sentence_name(lang)
    if not article:
        return t(lang, f"{role}_plain", name=partner.name(lang))
    if lang == "fr" and role in CONTRACTIONS:
        article = _contracted(article, role)
    return t(lang, f"{role}_article", name=article)


def belonging(region: Region, lang: str) -> str:
    """How a region's members relate to it, after a noun: « membres de la SEUS-CP », « des Amériques », « du
    territoire d'Atlanta »; "in SEUS-CP", "in the Americas" (a continent or a territory has no members)."""
    kind = "within" if region.members_are_within else "member"
    return t(lang, f"belonging_{kind}", where=partner_phrase(region, lang, "in"))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ytd_sentences(h: Highlights, lang: str) -> list[str]:
    """From January to the latest month of the partial year: exports, then imports, each against the same months."""
    if h.ytd_year is None or not _known(h.ytd_exports):
        return []
    span = fmt.month_span(h.ytd_year, 1, h.ytd_last_month, lang)
    lines = []
    for key, value, change, role in (
        ("ytd_export_sentence", h.ytd_exports, h.ytd_exports_change, "to"),
        ("ytd_import_sentence", h.ytd_imports, h.ytd_imports_change, "from"),
    ):
        if _known(value):
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


def _principal_sentence(h: Highlights, lang: str) -> list[str]:
    """The partner's place among the principal partners, as a destination and as a supplier, in one sentence."""
    exports, imports = h.principal_exports, h.principal_imports
    if exports is None or exports.rank is None or not exports.count:
        return []
    key = "principal_rank_sentence_plural" if h.partner.is_plural(lang) else "principal_rank_sentence"
    return [
        t(
            lang,
            key,
            count=exports.count,
            subject=h.partner.name_with_article(lang),
            export_rank=fmt.ordinal(exports.rank, lang),
            export_share=fmt.percent(exports.share_pct, lang),
            import_rank=fmt.ordinal(imports.rank, lang) if imports is not None and imports.rank else "–",
            import_share=fmt.percent(imports.share_pct if imports is not None else None, lang),
        )
    ]


def _flow_sentence(key: str, value: float, change: Change | None, h: Highlights, lang: str, role: str) -> str:
    placeholder = {"to": "to", "from": "from_"}[role]
    sentence = t(
        lang, key, year=h.year, value=fmt.money(value, lang), **{placeholder: partner_phrase(h.partner, lang, role)}
    )
    return words.with_change(sentence, change, lang)


def summary(h: Highlights, lang: str) -> str:
    sentences = []
    if _known(h.exports):
        sentences.append(_flow_sentence("export_sentence", h.exports, h.exports_change, h, lang, "to"))
        if h.exports_record_high and h.first_year is not None:
            sentences.append(t(lang, "record_sentence", first=h.first_year, last=h.year))
    else:
        sentences.append(
            t(
                lang,
                "missing_year",
                year=h.year,
                what=t(lang, "what_trade", with_=partner_phrase(h.partner, lang, "with")),
            )
        )
    if _known(h.imports):
        sentences.append(_flow_sentence("import_sentence", h.imports, h.imports_change, h, lang, "from"))
    if _known(h.balance):
        balance = h.balance
        key = "surplus_sentence" if balance >= 0 else "deficit_sentence"
        sentences.append(
            t(lang, key, with_=partner_phrase(h.partner, lang, "with"), value=fmt.money(abs(balance), lang))
        )
    if h.provinces is not None:
        sentences.append(words.standing(h.provinces, lang, "summary", to=partner_phrase(h.partner, lang, "to")))
    sentences += _ytd_sentences(h, lang)
    sentences += _principal_sentence(h, lang)
    if h.destination is not None:
        sentences.append(words.standing(h.destination, lang, "summary", subject=h.partner))
    if h.top_section_code and _known(h.top_section_share_pct):
        sentences.append(
            t(
                lang,
                "top_section_sentence",
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
        "source_line",
        publisher=source.text("publisher", lang),
        title=title or source.text("title", lang),
        coverage=source.text("coverage", lang),
        basis=t(lang, f"basis_{source.basis}"),
        licence=source.text("licence", lang),
    )


def dates_sentence(released: str, retrieved: str, lang: str) -> str:
    """When a source's data was released and retrieved (YYYY-MM-DD, "" when not known), in a sentence."""
    key = "both" if released and retrieved else "released" if released else "retrieved" if retrieved else "unknown"
    return t(
        lang,
        f"source_dates_{key}",
        released=fmt.date(released, lang) if released else "",
        retrieved=fmt.date(retrieved, lang) if retrieved else "",
    )


def period_sentence(period: str, lang: str) -> str:
    """The last period a copy's data cover (YYYY, YYYY-MM or YYYY-MM-DD), in a sentence: « Données jusqu'en août
    2026. »"""
    return t(lang, "source_period_day" if len(period) == 10 else "source_period", period=fmt.date(period, lang))


def data_sentence(sources, lang: str, published: bool = False) -> str:
    """The line under a page's title: the sources its figures come from, each once by its official citation;
    with `published`, the cited published figures first."""
    citations = list(dict.fromkeys(source.text("citation", lang) for source in sources))
    if published:
        citations.insert(0, t(lang, "published_figures"))
    return t(lang, "data_official", sources=t(lang, "list_separator").join(citations))
