"""The words for each fact (analysis/facts.py): one function per kind of fact, in either language, for each
register a page uses — "summary" (a profile's summary paragraph), "quote" (a sentence a minister says aloud, which
names its year), "briefing" (a briefing note's terse line) and "cell" (a table's cell). Every page that states a
change, a standing or a split by mode phrases it here, so one fact reads the same wherever it appears."""

from __future__ import annotations

from ..data.reference import transport_modes
from . import formatting as fmt
from . import names
from .facts import Change, ModeSplit, Standing
from .text import t


def change(fact: Change, lang: str, register: str = "summary") -> str | None:
    """« en hausse de 4,2 % par rapport à 2023 », "down 3.1% from the same months of 2024"; in a cell, signed:
    « +4,2 % par rapport à 2023 »; None without a finite rate."""
    if not fact.known:
        return None
    if register == "cell":
        key = "fact.briefing_vs_same_months" if fact.same_months else "fact.briefing_vs_year"
        return t(lang, key, change=fmt.percent(fact.growth_pct, lang, signed=True), prev=fact.since)
    key = f"fact.same_months_{fact.direction}" if fact.same_months else f"fact.change_{fact.direction}"
    return t(lang, key, pct=fmt.percent(abs(fact.growth_pct), lang), prev=fact.since)


def with_change(sentence: str, fact: Change | None, lang: str) -> str:
    """A sentence, its change after a comma where there is one: « …, en hausse de 4,2 % par rapport à 2023. »"""
    phrased = change(fact, lang) if fact is not None else None
    return f"{sentence}, {phrased}." if phrased else f"{sentence}."


def _share_alone(fact: Standing, register: str) -> bool:
    """Whether a share without a rank makes a sentence: not Québec's among the provinces; in a summary, only a
    region's share of Québec's exports to the United States (a group of states, ranked among no peers: no count)."""
    if fact.of_quebec:
        return False
    return register != "summary" or (fact.scope == "us_states" and fact.count is None)


def _standing_key(fact: Standing, register: str, plural: bool) -> str:
    scope, ranked = fact.scope, fact.rank is not None
    if fact.of_quebec:
        return {
            "summary": "fact.canada_sentence"
            if scope == "provinces_and_territories"
            else "fact.state_provinces_sentence",
            "quote": "fact.quote_provinces",
            "briefing": "fact.briefing_provinces",
        }[register]
    if register == "summary":
        if scope == "us_states":
            return "fact.state_us_rank_sentence" if ranked else "fact.state_us_share_sentence"
        return "fact.partner_rank_sentence"
    if register == "quote":
        return f"fact.quote_rank_{scope}{'_plural' if plural else ''}" if ranked else f"fact.quote_share_{scope}"
    return f"fact.briefing_rank_{scope}" if ranked else f"fact.briefing_share_{scope}"


def standing(
    fact: Standing, lang: str, register: str, subject=None, to: str = "", year: int | None = None
) -> str | None:
    """The subject's rank and share (« La Géorgie est la 3e destination… (8,1 % du total) »), or Québec's among the
    provinces (« Le Québec assure 30,8 % des exportations… ») ; `subject` is the partner or region a sentence names,
    `to` the direction its figures cover (« vers la Géorgie »), `year` what a quote names. None without a share."""
    if not fact.known or (fact.rank is None and not _share_alone(fact, register)):
        return None
    name = subject.name_with_article(lang) if subject is not None else ""
    values = {
        "share": fmt.percent(fact.share_pct, lang),
        "rank": fmt.ordinal(fact.rank, lang) if fact.rank is not None else "",
        "count": fact.count,
        "year": year,
        "to": to,
        # a summary's sentence opens on the subject; a quote names it after « En 2025, »
        "subject": names.capitalized(name) if register == "summary" else name,
        "of": names.partner_phrase(subject, lang, "of") if subject is not None else "",
    }
    plural = subject is not None and subject.is_plural(lang)
    return t(lang, _standing_key(fact, register, plural), **values)


def both_ways(exports: Standing, imports: Standing | None, lang: str, subject) -> str | None:
    """The subject's place among Canada's principal partners as a destination of Québec's exports and as a supplier
    of its imports, in one sentence (a summary's); None without a rank among them as a destination."""
    if exports.rank is None or not exports.count:
        return None
    import_rank = imports.rank if imports is not None else None
    return t(
        lang,
        "fact.principal_rank_sentence_plural" if subject.is_plural(lang) else "fact.principal_rank_sentence",
        count=exports.count,
        subject=subject.name_with_article(lang),
        export_rank=fmt.ordinal(exports.rank, lang),
        export_share=fmt.percent(exports.share_pct, lang),
        import_rank=fmt.ordinal(import_rank, lang) if import_rank else fmt.MISSING,
        import_share=fmt.percent(imports.share_pct if imports is not None else None, lang),
    )


def modes(fact: ModeSplit | None, lang: str, register: str, to: str = "") -> str | None:
    """« Modes de transport des exportations du Québec vers la Géorgie : routier 70,1 %, ferroviaire 12,0 %… »; in a
    briefing, without the direction (the note is about the subject). None where the source has no modes."""
    if fact is None or not fact.shares:
        return None
    names = mode_names(lang)
    items = ", ".join(f"{names[code].lower()} {fmt.percent(share, lang)}" for code, share in fact.named)
    return t(lang, "fact.state_modes_sentence" if register == "summary" else "fact.briefing_modes", to=to, items=items)


def mode_names(lang: str) -> dict[str, str]:
    """Each mode of transport's name in the reference table (capitalised: a table's label; lower-cased mid-sentence)."""
    table = transport_modes()
    return dict(zip(table["code"], table[f"name_{lang}"]))
