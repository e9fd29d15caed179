"""Reference tables (data/reference/): provinces and product sections, and the resolution of source labels."""

from __future__ import annotations

import unicodedata
from functools import cache

import pandas as pd

from . import paths
from .errors import SourceFileError


def normalize_label(label: str) -> str:
    """Case and spacing do not distinguish labels; accents do not either (`Québec` and `Quebec` are one)."""
    decomposed = unicodedata.normalize("NFKD", str(label))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("’", "'").split())


@cache
def provinces() -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / "provinces.csv", dtype=str, keep_default_na=False)


@cache
def product_sections() -> pd.DataFrame:
    frame = pd.read_csv(paths.REFERENCE_DIR / "product_sections.csv", dtype={"sort_order": int}, keep_default_na=False)
    return frame.sort_values("sort_order", ignore_index=True)


@cache
def trade_flows() -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / "trade_flows.csv", dtype=str, keep_default_na=False)


@cache
def trade_flow_lookup() -> dict[str, str]:
    return _lookup(trade_flows(), ["code", "label_statcan"])


def _lookup(table: pd.DataFrame, label_columns: list[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for row in table.itertuples(index=False):
        labels = [getattr(row, c) for c in label_columns]
        labels += [a for a in getattr(row, "aliases", "").split("|") if a]
        for label in labels:
            key = normalize_label(label)
            if lookup.setdefault(key, row.code) != row.code:
                raise ValueError(f"label {label!r} names two codes: {lookup[key]} and {row.code}")
    return lookup


@cache
def province_lookup() -> dict[str, str]:
    return _lookup(provinces(), ["code", "name_en", "name_fr"])


def subnational_codes() -> list[str]:
    """Provinces and territories: what shares and ranks among provinces are computed over (not Canada itself)."""
    table = provinces()
    return table.loc[table["kind"].isin(["province", "territory"]), "code"].tolist()


@cache
def product_section_lookup() -> dict[str, str]:
    return _lookup(product_sections(), ["code", "name_en", "name_fr"])


def resolve_labels(labels: pd.Series, lookup: dict[str, str], what: str, origin: str) -> pd.Series:
    """Map every source label to its code; an unmatched label is an error that names it, never a silent drop."""
    unique = pd.Series(labels.unique())
    codes = {label: lookup.get(normalize_label(label)) for label in unique}
    unmatched = sorted(str(label) for label, code in codes.items() if code is None)
    if unmatched:
        raise SourceFileError(
            f"{origin}: unknown {what} label(s): {', '.join(map(repr, unmatched))}. "
            f"Add them to data/reference/ if they are new spellings, or check the file."
        )
    return labels.map(codes)


def section_name(code: str, lang: str) -> str:
    row = product_sections().set_index("code").loc[code]
    return row["name_fr"] if lang == "fr" else row["name_en"]


def province_name(code: str, lang: str) -> str:
    row = provinces().set_index("code").loc[code]
    return row["name_fr"] if lang == "fr" else row["name_en"]
