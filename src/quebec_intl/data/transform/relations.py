"""Tidy tables of Québec's international relations from the curated fact files."""

from __future__ import annotations

import pandas as pd
import pycountry

from ...errors import SourceFileError
from ..extract.csvfile import CURATED_REMEDY
from ..fields import table_fields
from ..reference import cities as city_table
from ..schema import validate
from .parsing import file_row, to_number


def _year(values: pd.Series, column: str, origin: str) -> pd.Series:
    """Four-digit years; blank stays missing, and a word such as `unknown` too (the notes say why)."""
    text = values.str.strip().str[:4]
    parsed = pd.to_numeric(text.where(text.str.fullmatch(r"\d{4}")), errors="coerce").astype("Int64")
    bad = parsed.isna() & ~values.str.strip().isin(["", "unknown"])
    if bad.any():
        first = bad.idxmax()
        raise SourceFileError(
            f"{origin}: column {column}, row {file_row(first)}: {values[first]!r} is not a year; {CURATED_REMEDY}"
        )
    return parsed


def _validated(table: pd.DataFrame, name: str, origin: str) -> pd.DataFrame:
    """The table checked against its schema; a failure names the curated file's rows (the table keeps their index)."""
    return validate(table, name, origin, file_rows=True, remedy=CURATED_REMEDY)


def _blank_to_na(values: pd.Series) -> pd.Series:
    stripped = values.str.strip()
    return stripped.where(stripped.ne(""))


def _city(cities: pd.Series, column: str, origin: str) -> pd.Series:
    """A column of data/reference/cities.csv for each city: `city_fr` (Londres, Philadelphie) or `us_state_code`
    (US-GA). A city missing there is an error naming its row, so no English name reaches a French page."""
    known = city_table()
    unknown = ~cities.isin(known.index) & cities.str.strip().ne("")
    if unknown.any():
        first = unknown.idxmax()
        raise SourceFileError(
            f"{origin}: column city, row {file_row(first)}: {cities[first]!r} has no French name in "
            "data/reference/cities.csv; add it there (city_en, city_fr, us_state_code)"
        )
    values = cities.map(known[column]).fillna("")
    return values if column == "city_fr" else ("US-" + values).where(values.ne(""))


def _french_titles(raw: pd.Series, origin: str) -> tuple[pd.Series, pd.Series]:
    """`title_fr` and where it comes from: an official page's wording, else the project's translation (required)."""
    missing = raw["title_fr"].str.strip().eq("")
    if missing.any():
        first = missing.idxmax()
        raise SourceFileError(
            f"{origin}: column title_fr, row {file_row(first)}: every title needs its French "
            f"wording (the project's translation, with title_fr_origin 'translation'); {CURATED_REMEDY}"
        )
    return raw["title_fr"], raw["title_fr_origin"]


def offices(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    closed = raw["closed_year"].str.strip()
    table = pd.DataFrame(
        {
            "office_id": raw["office_id"],
            "name_fr": raw["name_fr"],
            "name_en": raw["name_en"],
            "office_type": raw["office_type"],
            "city": raw["city"],
            "city_fr": _city(raw["city"], "city_fr", origin),
            "country_code": _blank_to_na(raw["country_iso3"]),
            "us_state_code": "US-" + _blank_to_na(raw["us_state_code"]),
            "opened_year": _year(raw["opened_year"], "opened_year", origin),
            "closed_year": _year(raw["closed_year"], "closed_year", origin),
            "is_open": closed.eq(""),
            "source_url": raw["source_url"],
            "source_kind": raw["source_kind"],
        }
    )
    return _validated(table[table_fields("offices")], "offices", origin)


def office_territories(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    """One row per office and covered partner: two letters under a US office are a state, else ISO alpha-3."""
    rows, file_index = [], []
    for index, office in zip(raw.index, raw.itertuples(index=False)):
        for item in filter(None, (part.strip() for part in office.territory.split(";"))):
            code = f"US-{item}" if office.country_iso3 == "USA" and len(item) == 2 else item
            rows.append({"office_id": office.office_id, "partner_code": code})
            file_index.append(index)
    table = pd.DataFrame(rows, columns=table_fields("office_territories"), index=file_index)
    return _validated(table, "office_territories", origin)


def organisations(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    table = raw[["org_id", "name_fr", "name_en", "acronym", "quebec_status"]].copy()
    table["since_year"] = _year(raw["since_year"], "since_year", origin)
    table["source_url"], table["source_kind"] = raw["source_url"], raw["source_kind"]
    return _validated(table[table_fields("organisations")], "organisations", origin)


def events(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    year = _year(raw["date_start"], "date_start", origin)
    if year.isna().any():
        raise SourceFileError(
            f"{origin}: column date_start, row {file_row(year.isna().idxmax())}: every event needs a "
            f"year; {CURATED_REMEDY}"
        )
    title_fr, title_fr_origin = _french_titles(raw, origin)
    table = pd.DataFrame(
        {
            "event_id": raw["event_id"],
            "date_start": raw["date_start"],
            "ref_year": year.astype("int64"),
            "event_type": raw["event_type"],
            "title_en": raw["title_en"],
            "title_fr": title_fr,
            "title_fr_origin": title_fr_origin,
            "city": raw["city"],
            "city_fr": _city(raw["city"], "city_fr", origin),
            "country_code": _blank_to_na(raw["country_iso3"]),
            "us_state_code": _city(raw["city"], "us_state_code", origin),
            "org_id": _blank_to_na(raw["organisation"]),
            "source_url": raw["source_url"],
            "source_kind": raw["source_kind"],
        }
    )
    return _validated(table[table_fields("events")], "events", origin)


def _country_of(code: str, kind: str) -> str | None:
    """The country an agreement's counterpart belongs to: itself, or the country of its ISO 3166-2 subdivision."""
    if kind in ("country", "municipality"):
        return code
    if kind == "subnational":
        country = pycountry.countries.get(alpha_2=code.split("-")[0])
        return country.alpha_3 if country else None
    return None


def agreements(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    title_fr, title_fr_origin = _french_titles(raw, origin)
    table = pd.DataFrame(
        {
            "agreement_id": raw["agreement_id"],
            "title_en": raw["title_en"],
            "title_fr": title_fr,
            "title_fr_origin": title_fr_origin,
            "partner_kind": raw["partner_kind"],
            "counterpart_code": raw["partner_code"],
            "counterpart_name_en": raw["partner_name"],
            "counterpart_name_fr": raw["partner_name_fr"],
            "country_code": [_country_of(c, k) for c, k in zip(raw["partner_code"], raw["partner_kind"])],
            "signed_date": _blank_to_na(raw["signed_date"]),
            "signed_year": _year(raw["signed_date"], "signed_date", origin),
            "domain": raw["domain"],
            "in_force": raw["in_force"],
            "source_url": raw["source_url"],
            "source_kind": raw["source_kind"],
        }
    )
    return _validated(table[table_fields("agreements")], "agreements", origin)


def agreement_counts(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "ref_year": _year(raw["as_of_year"], "as_of_year", origin).astype("int64"),
            "metric": raw["metric"],
            "count": to_number(raw, "value", origin).astype("int64"),
            "source_url": raw["source_url"],
        }
    )
    return _validated(table, "agreement_counts", origin)
