"""Reference tables (data/reference/): provinces, product sections, trade flows and the BTS code lists, with the
indexes that map a source's labels to their codes."""

from __future__ import annotations

import pandas as pd

from .. import settings
from ..caching import cached
from . import text_storage
from .lookup import NameIndex

QUEBEC = "QC"  # the reporter code of Québec in every trade table
CANADA = "CA"  # the reporter code of Canada as a whole


class Bilingual:
    """A record named in both languages: fields `name_fr`, `name_en` and, where a sentence needs them, the name with
    its article (`with_article_fr`, `with_article_en`) and its French gender (`gender_fr`: m or f)."""

    def name(self, lang: str) -> str:
        return getattr(self, f"name_{lang}")

    def name_with_article(self, lang: str) -> str:
        """`les États-Unis`, `the United States`, `l'Union européenne`; the bare name where no article is recorded."""
        return getattr(self, f"with_article_{lang}") or self.name(lang)

    def sentence_name(self, lang: str) -> str:
        """The name as a sentence inserts it, with its article; empty where none is recorded."""
        return getattr(self, f"with_article_{lang}") or ""

    def is_feminine(self, lang: str) -> bool:
        """Whether the name is feminine (`gender_fr` in the reference data; English has no grammatical gender)."""
        return lang == "fr" and getattr(self, "gender_fr", None) == "f"

    def is_plural(self, lang: str) -> bool:
        """Whether a verb agrees in the plural: `Les États-Unis ne font pas…` (English treats them as one)."""
        return lang == "fr" and (self.with_article_fr or "").startswith("les ")


def read_reference(name: str) -> pd.DataFrame:
    """A reference table as text, empty cells as empty strings."""
    with text_storage.as_tables():
        return pd.read_csv(settings.reference_dir() / name, dtype=str, keep_default_na=False)


@cached
def provinces() -> pd.DataFrame:
    return read_reference("provinces.csv")


@cached
def product_sections() -> pd.DataFrame:
    frame = read_reference("product_sections.csv").astype({"sort_order": int})
    return frame.sort_values("sort_order", ignore_index=True)


@cached
def trade_flows() -> pd.DataFrame:
    return read_reference("trade_flows.csv")


@cached
def transport_modes() -> pd.DataFrame:
    return (
        read_reference("transport_modes.csv").astype({"sort_order": int}).sort_values("sort_order", ignore_index=True)
    )


@cached
def bts_codes(code_list: str) -> dict[str, str]:
    """One of BTS's code lists (CANPROV, USASTATE...) as BTS code -> the project's code."""
    table = read_reference("bts_codes.csv")
    rows = table[table["code_list"].eq(code_list)]
    return dict(zip(rows["bts_code"], rows["code"]))


def _index(what: str, table: pd.DataFrame, label_columns: list[str]) -> NameIndex:
    pairs = [(getattr(row, column), row.code) for row in table.itertuples(index=False) for column in label_columns]
    pairs += [
        (alias, row.code) for row in table.itertuples(index=False) for alias in getattr(row, "aliases", "").split("|")
    ]
    return NameIndex.build(what, pairs, unique=True)


@cached
def province_index() -> NameIndex:
    return _index("province", provinces(), ["code", "name_en", "name_fr"])


@cached
def product_section_index() -> NameIndex:
    return _index("product section", product_sections(), ["code", "name_en", "name_fr"])


@cached
def trade_flow_index() -> NameIndex:
    return _index("trade flow", trade_flows(), ["code", "label_statcan"])


LABELS_FIX = "Add each to data/reference/ if it is a new spelling, or check the file."


def subnational_codes() -> list[str]:
    """Provinces and territories: what shares and ranks among provinces are computed over (not Canada itself)."""
    table = provinces()
    return table.loc[table["kind"].isin(["province", "territory"]), "code"].tolist()


@cached
def hs_chapters() -> pd.DataFrame:
    return read_reference("hs_chapters.csv")


def hs_chapter_name(code: str, lang: str) -> str:
    """The chapter's name: in English as BTS's code list gives it; in French as the Canada Border Services Agency's
    Tarif des douanes gives it where a stored page was found, else the project's translation (name_fr_origin)."""
    return _names("hs_chapters")[lang][code]


@cached
def _names(table: str) -> dict[str, dict[str, str]]:
    """A reference table's names by language and code: looked up for every row a page shows."""
    frame = {"hs_chapters": hs_chapters, "product_sections": product_sections, "provinces": provinces}[table]()
    return {lang: dict(zip(frame["code"], frame[f"name_{lang}"])) for lang in ("en", "fr")}


@cached
def cities() -> pd.DataFrame:
    """By English name: the name French-language publications use (London -> Londres) and, for a US city, its
    state (so an event in Savannah is also an event in Georgia)."""
    return read_reference("cities.csv").set_index("city_en")


def section_name(code: str, lang: str) -> str:
    return _names("product_sections")[lang][code]


def province_name(code: str, lang: str) -> str:
    return _names("provinces")[lang][code]
