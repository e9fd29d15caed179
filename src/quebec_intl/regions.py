"""Named regions and groupings (data/reference/regions.csv): SEUS-CP, the Atlanta office's territory, EU-27, the OIF,
continents. A region is resolved by its id, name or acronym in either language; its members are listed with their
status, or follow UN M49 codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from . import paths
from .errors import UnknownPartnerError
from .reference import normalize_label


@dataclass(frozen=True)
class Region:
    id: str
    kind: str
    name_en: str
    name_fr: str
    source_url: str
    notes: str
    with_article_en: str = ""
    with_article_fr: str = ""

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def name_with_article(self, lang: str) -> str:
        """`l'Union européenne`, `the European Union`: what a sentence or a title needs."""
        return (self.with_article_fr if lang == "fr" else self.with_article_en) or self.name(lang)

    def describe(self) -> str:
        return f"{self.name_en} / {self.name_fr} ({self.id})"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / name, dtype=str, keep_default_na=False)


@cache
def regions() -> dict[str, Region]:
    table = _read("regions.csv")
    return {r.region_id: Region(r.region_id, r.kind, r.name_en, r.name_fr, r.source_url, r.notes,
                                r.with_article_en, r.with_article_fr) for r in table.itertuples(index=False)}


@cache
def _index() -> dict[str, str]:
    index = {}
    for row in _read("regions.csv").itertuples(index=False):
        for name in (row.region_id, row.name_en, row.name_fr, *filter(None, row.aliases.split("|"))):
            index[normalize_label(name)] = row.region_id
    return index


def resolve(text: str, parameter: str = "region") -> Region:
    region_id = _index().get(normalize_label(text))
    if region_id:
        return regions()[region_id]
    close = difflib.get_close_matches(normalize_label(text), _index(), n=8, cutoff=0.5)
    found = list(dict.fromkeys(_index()[key] for key in close))[:5]
    hint = ("Closest matches: " + "; ".join(regions()[r].describe() for r in found) + ".") if found else \
        "Known regions: " + ", ".join(regions()) + "."
    raise UnknownPartnerError(f"unknown {parameter} {text!r}. {hint}")


@cache
def membership() -> pd.DataFrame:
    """Every region's members: region_id, member_code, status, since_year, source_url (M49 regions expanded)."""
    listed = _read("region_members.csv")
    m49 = _read("un_m49.csv")
    expanded = []
    for row in _read("regions.csv").itertuples(index=False):
        codes = row.m49_codes.split()
        if row.definition == "m49_region":
            chosen = m49[m49["m49_region_code"].isin(codes)]
        elif row.definition == "m49_sub_regions":
            chosen = m49[m49["m49_sub_region_code"].isin(codes)]
        else:
            continue
        expanded.append(pd.DataFrame({"region_id": row.region_id, "member_code": chosen["code"], "status": "member",
                                      "since_year": "", "source_url": row.source_url, "notes": ""}))
    return pd.concat([listed, *expanded], ignore_index=True)


def members(region_id: str, statuses: Iterable[str] = ("member",)) -> list[str]:
    table = membership()
    rows = table[table["region_id"].eq(region_id) & table["status"].isin(list(statuses))]
    return rows["member_code"].tolist()
