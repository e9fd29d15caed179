"""Named regions and groupings (data/reference/regions.csv): SEUS-CP, the Atlanta office's territory, EU-27, the OIF,
continents. A region is resolved by its id, name or acronym in either language; its members are listed with their
status, or follow UN M49 codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..caching import cached
from . import partners
from .lookup import NameIndex
from .reference import Bilingual, read_reference

PLACE_KINDS = frozenset({"continent", "continent_part", "world_region", "office_territory"})


@dataclass(frozen=True)
class Region(Bilingual):
    id: str
    kind: str
    name_en: str
    name_fr: str
    source_url: str
    notes_en: str  # remarks on the definition, in each language (the French is the project's translation)
    notes_fr: str
    with_article_en: str = ""
    with_article_fr: str = ""
    short_en: str = ""  # the name a legend or a table's header uses (SEUS-CP, UE-27), where the full one is long
    short_fr: str = ""
    short_with_article_en: str = ""  # the short name as a sentence says it after the first mention: « la SEUS-CP »
    short_with_article_fr: str = ""

    @property
    def slug(self) -> str:
        return self.id.replace("_", "-")

    def short_name(self, lang: str) -> str:
        return getattr(self, f"short_{lang}") or self.name(lang)

    def sentence_name(self, lang: str) -> str:
        """The name as running text says it: the title and the region's own sections give the long official name
        once, so sentences use the short form with its article (« la SEUS-CP », "the EU-27") where there is one."""
        return getattr(self, f"short_with_article_{lang}") or self.name_with_article(lang)

    @property
    def members_are_within(self) -> bool:
        """Whether the region is a place its members lie in (a continent, an office's territory) rather than a body
        they belong to: « les pays des Amériques », never « les membres des Amériques »."""
        return self.kind in PLACE_KINDS

    def describe(self) -> str:
        return f"{self.name_en} / {self.name_fr} ({self.id})"


@cached
def regions() -> dict[str, Region]:
    table = read_reference("regions.csv")
    return {
        r.region_id: Region(
            r.region_id,
            r.kind,
            r.name_en,
            r.name_fr,
            r.source_url,
            r.notes_en,
            r.notes_fr,
            r.with_article_en,
            r.with_article_fr,
            r.short_en,
            r.short_fr,
            r.short_with_article_en,
            r.short_with_article_fr,
        )
        for r in table.itertuples(index=False)
    }


@cached
def index() -> NameIndex:
    pairs = [
        (name, row.region_id)
        for row in read_reference("regions.csv").itertuples(index=False)
        for name in (row.region_id, row.name_en, row.name_fr, *row.aliases.split("|"))
    ]
    return NameIndex.build("region", pairs)


def resolve(text: str, parameter: str = "region") -> Region:
    """The one region `text` names, or an error: none (with the closest names) or several (with their ids)."""
    hint = "Known regions: " + ", ".join(regions()) + "."
    return regions()[index().one(text, parameter, lambda r: regions()[r].describe(), hint)]


@cached
def membership() -> pd.DataFrame:
    """Every region's members: region_id, member_code, status, since_year, source_url (M49 regions expanded)."""
    listed = read_reference("region_members.csv")
    m49 = read_reference("un_m49.csv")
    expanded = []
    for row in read_reference("regions.csv").itertuples(index=False):
        codes = row.m49_codes.split()
        if row.definition == "m49_region":
            chosen = m49[m49["m49_region_code"].isin(codes)]
        elif row.definition == "m49_sub_regions":
            chosen = m49[m49["m49_sub_region_code"].isin(codes)]
        else:
            continue
        chosen = chosen[~chosen["code"].isin(row.m49_except.split())]  # a region defined as sub-regions less some
        expanded.append(
            pd.DataFrame(
                {
                    "region_id": row.region_id,
                    "member_code": chosen["code"],
                    "status": "member",
                    "since_year": "",
                    "source_url": row.source_url,
                    "notes": "",
                }
            )
        )
    return pd.concat([listed, *expanded], ignore_index=True)


@cached
def _members_by_region() -> dict[str, list[tuple[str, str]]]:
    """Each region's (member, status) pairs in the table's order: a page's links ask for members thousands of times
    a batch, which filtering the whole table each time made the slowest part of a no-op `render --all`."""
    by_region: dict[str, list[tuple[str, str]]] = {}
    for region_id, code, status in membership()[["region_id", "member_code", "status"]].itertuples(index=False):
        by_region.setdefault(region_id, []).append((code, status))
    return by_region


def members(region_id: str, statuses: Iterable[str] = ("member",)) -> list[str]:
    wanted = set(statuses)
    return [code for code, status in _members_by_region().get(region_id, []) if status in wanted]


def member_partners(region_id: str, statuses: Iterable[str] = ("member",)) -> list[str]:
    """The region's members that are partners of Québec's trade: its countries and its US states."""
    known = set(partners.codes_of_kind("country")) | set(partners.codes_of_kind("us_state"))
    return [code for code in members(region_id, statuses) if code in known]


def member_countries(region_id: str, statuses: Iterable[str] = ("member",)) -> list[str]:
    """The region's members that are countries in the partner catalogue (the OIF also counts governments such as
    Québec and the Wallonia-Brussels Federation, which are not partners of Québec's trade)."""
    countries = set(partners.codes_of_kind("country"))
    return [code for code in members(region_id, statuses) if code in countries]


def subject_key(subject: partners.Partner | Region) -> str:
    """How a page names a partner or a region among its subjects: a partner's code, a region's id."""
    return subject.code if isinstance(subject, partners.Partner) else subject.id
