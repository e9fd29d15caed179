"""The field dictionary (data/reference/fields.yaml) and the table schemas built from it, defined once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa
import yaml

from . import partners, paths, reference
from .errors import ValidationError

DICTIONARY_PATH = paths.REFERENCE_DIR / "fields.yaml"


@dataclass(frozen=True)
class Field:
    name: str
    dtype: str
    description: str
    label_en: str
    label_fr: str
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] | None = None
    reference: str | None = None

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


@cache
def _dictionary() -> dict:
    return yaml.safe_load(DICTIONARY_PATH.read_text(encoding="utf-8"))


@cache
def fields() -> dict[str, Field]:
    return {
        name: Field(name=name, **{**spec, "values": tuple(spec["values"]) if "values" in spec else None})
        for name, spec in _dictionary()["fields"].items()
    }


def table_fields(table: str) -> list[str]:
    return list(_dictionary()["tables"][table]["fields"])


def primary_key(table: str) -> list[str]:
    return list(_dictionary()["tables"][table]["primary_key"])


def _known_codes(reference_name: str) -> list[str]:
    tables = {"provinces": reference.provinces, "product_sections": reference.product_sections,
              "trade_flows": reference.trade_flows}
    return tables[reference_name]()["code"].tolist()


def _checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.min is not None:
        checks.append(pa.Check.ge(field.min))
    if field.max is not None:
        checks.append(pa.Check.le(field.max))
    if field.values:
        checks.append(pa.Check.isin(list(field.values)))
    if field.reference:
        checks.append(pa.Check.isin(_known_codes(field.reference)))
    if field.name == "partner_code":
        checks.append(pa.Check.isin(list(partners.all_partners())))
    if field.dtype == "float64":
        checks.append(pa.Check(lambda s: pd.Series(~np.isinf(s.to_numpy(dtype=float)), index=s.index), name="finite"))
    return checks


def nullable_fields(table: str) -> set[str]:
    return set(_dictionary()["tables"][table].get("nullable", []))


@cache
def table_schema(table: str) -> pa.DataFrameSchema:
    nullable = nullable_fields(table)
    columns = {
        name: pa.Column(fields()[name].dtype, checks=_checks(fields()[name]), nullable=name in nullable, coerce=False)
        for name in table_fields(table)
    }
    return pa.DataFrameSchema(columns, unique=primary_key(table), strict=True, ordered=True, name=table)


def validate(frame: pd.DataFrame, table: str, origin: str) -> pd.DataFrame:
    """The frame, checked against its table's schema; else one message naming the columns and first failures."""
    try:
        return table_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
            examples = ", ".join(repr(v) for v in group["failure_case"].head(3).tolist())
            problems.append(f"column {column}: {len(group)} value(s) fail {check} (e.g. {examples})")
        raise ValidationError(
            f"{origin}: the {table} table breaks its schema: " + "; ".join(problems)
            + ". Check the source file; the previous tables were kept."
        ) from None
