"""Partners (countries, US states and territories, provinces, aggregates): the catalogue, and the resolution of a
code or a name in English or French to exactly one, or a clear message that it names none, or several."""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import pycountry

from ..caching import cached
from ..errors import UnknownNameError
from .lookup import NameIndex
from .reference import Bilingual, provinces, read_reference

# What a report may be about; provinces and member governments are only members of regions.
REPORT_KINDS = ("country", "us_state", "us_territory", "aggregate")
# The relations report may also be about a federated government Québec has ties with (Flanders, Bavaria, Kyoto).
RELATIONS_KINDS = (*REPORT_KINDS, "subnational_government")
TRADE_LABEL_KINDS = ("country", "aggregate", "residual")  # "other countries": a residual row, never a country
KIND_NAMES = {
    "residual": "residual (other countries)",
    "country": "country",
    "us_state": "US state",
    "us_territory": "US territory",
    "aggregate": "aggregate",
    "province": "province",
    "territory": "territory",
    "subnational_government": "government",
}
HINT = "Give an ISO country code (USA, FRA), a US state code (US-GA) or a name in English or French."


@dataclass(frozen=True)
class Partner(Bilingual):
    code: str
    name_en: str
    name_fr: str
    kind: str = "country"
    with_article_fr: str | None = None
    with_article_en: str | None = None
    gender_fr: str | None = None

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def is_us_state(self) -> bool:
        return self.kind in ("us_state", "us_territory")

    def describe(self) -> str:
        return f"{self.name_en} / {self.name_fr} ({self.code}, {KIND_NAMES.get(self.kind, self.kind)})"


def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def _countries() -> Iterable[Partner]:
    table = read_reference("country_names.csv")
    overrides = {row.code: row for row in table.itertuples()}
    french = _french()
    for country in pycountry.countries:
        code = country.alpha_3
        row = overrides.get(code)
        name_en = (row and row.name_en) or getattr(country, "common_name", None) or country.name
        name_fr, article_fr, article_en = (
            (row.name_fr, row.with_article_fr, row.with_article_en)
            if row
            else (french.gettext(country.name), None, None)
        )
        yield Partner(code, name_en, name_fr, "country", article_fr, article_en)


def _from_table(table: pd.DataFrame) -> Iterable[Partner]:
    for row in table.itertuples(index=False):
        yield Partner(
            row.code,
            row.name_en,
            row.name_fr,
            row.kind,
            row.with_article_fr or None,
            row.with_article_en or None,
            getattr(row, "gender_fr", "") or None,
        )


def _provinces() -> Iterable[Partner]:
    for row in provinces().itertuples(index=False):
        if row.kind in ("province", "territory"):
            yield Partner(f"CA-{row.code}", row.name_en, row.name_fr, row.kind)


@cached
def all_partners() -> dict[str, Partner]:
    every = [
        *_countries(),
        *_from_table(read_reference("us_states.csv")),
        *_provinces(),
        *_from_table(read_reference("partners_extra.csv")),
    ]
    return {partner.code: partner for partner in every}


def codes_of_kind(*kinds: str) -> list[str]:
    return [code for code, partner in all_partners().items() if partner.kind in kinds]


@cached
def index() -> NameIndex:
    """Codes, names and official names in both languages, and the source spellings of partner_labels.csv."""
    french = _french()
    pairs = []
    for country in pycountry.countries:
        for value in (
            country.alpha_2,
            country.alpha_3,
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        ):
            pairs += [(value, country.alpha_3), (french.gettext(value) if value else None, country.alpha_3)]
    for partner in all_partners().values():
        pairs += [(value, partner.code) for value in (partner.code, partner.name_en, partner.name_fr)]
    pairs += [(row.label, row.partner_code) for row in read_reference("partner_labels.csv").itertuples(index=False)]
    return NameIndex.build("partner", pairs)


def _of_kinds(kinds: Iterable[str]):
    kinds, partners = tuple(kinds), all_partners()
    return lambda code: partners[code].kind in kinds


def resolve(text: str, parameter: str = "partner", kinds: Iterable[str] = REPORT_KINDS) -> Partner:
    """The one partner `text` names, or an error: none (with the closest matches) or several (with their codes)."""
    allowed = _of_kinds(kinds)
    if not index().codes(text, allowed):
        _refuse_relations_partner(text, parameter, allowed)
    code = index().one(text, parameter, lambda c: all_partners()[c].describe(), HINT, allowed)
    return all_partners()[code]


def _refuse_relations_partner(text: str, parameter: str, allowed) -> None:
    """A name (or part of a name) of a government Québec has relations with but whose trade no source counts on its
    own (the Wallonia-Brussels Federation): one line saying so and naming the country whose trade holds it, rather
    than look-alike names (« Wallonie » once suggested California)."""
    known = all_partners()
    meant = [
        code
        for code in dict.fromkeys([*index().codes(text), *index().containing(text)])
        if not allowed(code) and known[code].kind == "subnational_government"
    ]
    if not meant:
        return
    partner = known[meant[0]]
    country = pycountry.countries.get(alpha_2=partner.code.split("-")[0])
    within = (
        f"; give {country.alpha_3} for {known[country.alpha_3].name_en}, the country it is part of"
        if country and country.alpha_3 in known and allowed(country.alpha_3)
        else ""
    )
    raise UnknownNameError(
        f"{parameter} {text!r} names {partner.describe()}, a partner of Québec's international relations, not of its "
        f"trade: the sources count trade by country and by US state{within}."
    )


def resolve_labels(labels: pd.Series, origin: str, kinds: Iterable[str] = TRADE_LABEL_KINDS) -> pd.Series:
    """Partner codes for a source's partner labels; every unmatched or ambiguous label is named in one error."""
    return index().map_labels(
        labels, origin, "Add each to data/reference/partner_labels.csv with its partner code.", _of_kinds(kinds)
    )
