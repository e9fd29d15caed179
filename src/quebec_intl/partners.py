"""Partners (countries, US states and territories, provinces, aggregates): resolve a code or a name in English
or French to exactly one, or say clearly that it names none, or several."""

from __future__ import annotations

import difflib
import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pycountry

from . import paths
from .errors import SourceFileError, UnknownPartnerError
from .reference import normalize_label, provinces

# What a report may be about; provinces and member governments are only members of regions.
REPORT_KINDS = ("country", "us_state", "us_territory", "aggregate")
TRADE_LABEL_KINDS = ("country", "aggregate")
KIND_NAMES = {"country": "country", "us_state": "US state", "us_territory": "US territory", "aggregate": "aggregate",
              "province": "province", "territory": "territory", "subnational_government": "government"}


@dataclass(frozen=True)
class Partner:
    code: str
    name_en: str
    name_fr: str
    kind: str = "country"
    with_article_fr: str | None = None
    with_article_en: str | None = None

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def name_with_article(self, lang: str) -> str:
        """`les États-Unis`, `the United States`; the bare name where no article is recorded."""
        article = self.with_article_fr if lang == "fr" else self.with_article_en
        return article or self.name(lang)

    @property
    def slug(self) -> str:
        return self.code.lower()

    def describe(self) -> str:
        return f"{self.name_en} / {self.name_fr} ({self.code}, {KIND_NAMES.get(self.kind, self.kind)})"


def display_name(code: object, lang: str) -> str:
    """A partner code as the reader should see it: its name, the code itself if unknown, a dash if missing."""
    if not isinstance(code, str):
        return "–"
    partner = all_partners().get(code)
    return partner.name(lang) if partner else code


def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / name, dtype=str, keep_default_na=False)


def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def _countries() -> Iterable[Partner]:
    overrides = _reference("country_names.csv").set_index("code")
    french = _french()
    for country in pycountry.countries:
        code = country.alpha_3
        name_en = getattr(country, "common_name", None) or country.name
        name_fr, article_fr, article_en = french.gettext(country.name), None, None
        if code in overrides.index:
            name_fr, article_fr, article_en = overrides.loc[code, ["name_fr", "with_article_fr", "with_article_en"]]
        yield Partner(code, name_en, name_fr, "country", article_fr, article_en)


def _from_table(table: pd.DataFrame) -> Iterable[Partner]:
    for row in table.itertuples(index=False):
        yield Partner(row.code, row.name_en, row.name_fr, row.kind, row.with_article_fr or None,
                      row.with_article_en or None)


def _provinces() -> Iterable[Partner]:
    for row in provinces().itertuples(index=False):
        if row.kind in ("province", "territory"):
            yield Partner(f"CA-{row.code}", row.name_en, row.name_fr, row.kind)


@cache
def all_partners() -> dict[str, Partner]:
    every = [*_countries(), *_from_table(_reference("us_states.csv")), *_provinces(),
             *_from_table(_reference("partners_extra.csv"))]
    return {partner.code: partner for partner in every}


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Every way to name a partner (codes, names, official names, both languages) -> the partners it can mean."""
    french = _french()
    names: dict[str, list[str]] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            codes = names.setdefault(normalize_label(name), [])
            if code not in codes:
                codes.append(code)

    for country in pycountry.countries:
        for value in (country.alpha_2, country.alpha_3, country.name, getattr(country, "official_name", None),
                      getattr(country, "common_name", None)):
            add(value, country.alpha_3)
            add(french.gettext(value) if value else None, country.alpha_3)
    for partner in all_partners().values():
        for value in (partner.code, partner.name_en, partner.name_fr):
            add(value, partner.code)
    for row in _reference("partner_labels.csv").itertuples(index=False):
        add(row.label, row.partner_code)
    return {key: tuple(codes) for key, codes in names.items()}


def _matches(text: str, kinds: Iterable[str]) -> list[Partner]:
    partners = all_partners()
    return [partners[c] for c in _index().get(normalize_label(text), ()) if partners[c].kind in kinds]


def resolve(text: str, parameter: str = "partner", kinds: Iterable[str] = REPORT_KINDS) -> Partner:
    """The one partner `text` names, or an error: none (with the closest matches) or several (with their codes)."""
    kinds = tuple(kinds)
    found = _matches(text, kinds)
    if len(found) == 1:
        return found[0]
    if found:
        shown = "; ".join(p.describe() for p in found)
        raise UnknownPartnerError(f"{parameter} {text!r} names {len(found)} partners: {shown}. Give the code.")
    raise UnknownPartnerError(f"unknown {parameter} {text!r}. {suggestions(text, kinds)}")


def suggestions(text: str, kinds: Iterable[str] = REPORT_KINDS, limit: int = 5) -> str:
    kinds = tuple(kinds)
    partners = all_partners()
    keys = {key: codes for key, codes in _index().items() if any(partners[c].kind in kinds for c in codes)}
    close = difflib.get_close_matches(normalize_label(text), keys, n=limit * 3, cutoff=0.5)
    codes = list(dict.fromkeys(c for key in close for c in keys[key] if partners[c].kind in kinds))[:limit]
    if not codes:
        return "Give an ISO country code (USA, FRA), a US state code (US-GA) or a name in English or French."
    return "Closest matches: " + "; ".join(partners[c].describe() for c in codes) + "."


def resolve_labels(labels: pd.Series, origin: str, kinds: Iterable[str] = TRADE_LABEL_KINDS) -> pd.Series:
    """Partner codes for a source's partner labels; every unmatched or ambiguous label is named in one error."""
    kinds = tuple(kinds)
    codes, problems = {}, []
    for label in pd.unique(labels):
        found = _matches(str(label), kinds)
        if len(found) == 1:
            codes[label] = found[0].code
        else:
            problems.append(f"{label!r} ({'ambiguous' if found else 'unknown'})")
    if problems:
        raise SourceFileError(
            f"{origin}: trading partner label(s) that do not name exactly one partner: {', '.join(sorted(problems))}. "
            f"Add each to data/reference/partner_labels.csv with its partner code."
        )
    return labels.map(codes)
