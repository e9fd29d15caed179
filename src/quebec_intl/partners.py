"""Trading partners: resolve a code or a name, in English or French, to one partner; suggest close matches."""

from __future__ import annotations

import difflib
import gettext
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pycountry

from . import paths
from .errors import SourceFileError, UnknownPartnerError
from .reference import normalize_label


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


@cache
def _name_overrides() -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / "country_names.csv", dtype=str).set_index("code")


@cache
def all_partners() -> dict[str, Partner]:
    """Every ISO 3166 country, with its English common name and its French name."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    overrides = _name_overrides()
    partners = {}
    for country in pycountry.countries:
        code = country.alpha_3
        name_en = getattr(country, "common_name", None) or country.name
        name_fr, article_fr, article_en = french.gettext(country.name), None, None
        if code in overrides.index:
            name_fr, article_fr, article_en = overrides.loc[code, ["name_fr", "with_article_fr", "with_article_en"]]
        partners[code] = Partner(code, name_en, name_fr, with_article_fr=article_fr, with_article_en=article_en)
    extra = pd.read_csv(paths.REFERENCE_DIR / "partners_extra.csv", dtype=str, keep_default_na=False)
    for row in extra.itertuples(index=False):
        partners[row.code] = Partner(row.code, row.name_en, row.name_fr, row.kind, row.with_article_fr or None,
                                     row.with_article_en or None)
    return partners


@cache
def _index() -> dict[str, str]:
    """Every way to name a partner (codes, names, official names, both languages) -> its code."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    index: dict[str, str] = {}
    for country in pycountry.countries:
        partner = all_partners()[country.alpha_3]
        names = {country.alpha_2, country.alpha_3, country.name, partner.name_en, partner.name_fr}
        for attr in ("official_name", "common_name"):
            if value := getattr(country, attr, None):
                names |= {value, french.gettext(value)}
        for name in names:
            index.setdefault(normalize_label(name), country.alpha_3)
    for partner in all_partners().values():
        for name in (partner.code, partner.name_en, partner.name_fr):
            index.setdefault(normalize_label(name), partner.code)
    labels = pd.read_csv(paths.REFERENCE_DIR / "partner_labels.csv", dtype=str, keep_default_na=False)
    for row in labels.itertuples(index=False):
        index[normalize_label(row.label)] = row.partner_code
    return index


def resolve(text: str, parameter: str = "partner") -> Partner:
    """The partner that `text` names, or an error listing the closest matches in both languages."""
    code = _index().get(normalize_label(text))
    if code:
        return all_partners()[code]
    raise UnknownPartnerError(f"unknown {parameter} {text!r}. {suggestions(text)}")


def suggestions(text: str, limit: int = 5) -> str:
    key = normalize_label(text)
    index = _index()
    close = difflib.get_close_matches(key, index.keys(), n=limit * 3, cutoff=0.5)
    codes = list(dict.fromkeys(index[k] for k in close))[:limit]
    if not codes:
        return "Give an ISO country code (USA, FRA) or a country name in English or French."
    shown = "; ".join(f"{p.name_en} / {p.name_fr} ({p.code})" for p in map(all_partners().get, codes))
    return f"Closest matches: {shown}."


def resolve_labels(labels: pd.Series, origin: str) -> pd.Series:
    """Partner codes for a source's partner labels; every unmatched label is named in one error."""
    index = _index()
    codes = {label: index.get(normalize_label(label)) for label in pd.unique(labels)}
    unmatched = sorted(str(label) for label, code in codes.items() if code is None)
    if unmatched:
        raise SourceFileError(
            f"{origin}: unknown trading partner label(s): {', '.join(map(repr, unmatched))}. "
            f"Add each to data/reference/partner_labels.csv with its partner code."
        )
    return labels.map(codes)
