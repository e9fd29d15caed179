"""Table schemas built from the field dictionary: types, bounds, allowed values and reference codes, defined once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..errors import ValidationError
from . import partners, reference
from .fields import Field, fields, nullable_fields, primary_key, table_fields

# What `reference:` in the field dictionary may name: the codes each list allows.
REFERENCES: dict[str, Callable[[], list[str]]] = {
    "provinces": lambda: reference.provinces()["code"].tolist(),
    "product_sections": lambda: reference.product_sections()["code"].tolist(),
    "trade_flows": lambda: reference.trade_flows()["code"].tolist(),
    "partners": lambda: list(partners.all_partners()),
    "countries": lambda: partners.codes_of_kind("country"),
    "us_states": lambda: partners.codes_of_kind("us_state", "us_territory"),
    "transport_modes": lambda: reference.transport_modes()["code"].tolist(),
}


def _checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.min is not None:
        checks.append(pa.Check.ge(field.min))
    if field.max is not None:
        checks.append(pa.Check.le(field.max))
    if field.values:
        checks.append(pa.Check.isin(list(field.values)))
    if field.reference:
        known = set(REFERENCES[field.reference]())
        checks.append(pa.Check(lambda s: s.isin(known), element_wise=False, name=f"known {field.reference} code"))
    if field.dtype == "float64":
        checks.append(pa.Check(lambda s: pd.Series(~np.isinf(s.to_numpy(dtype=float)), index=s.index), name="finite"))
    return checks


@cache
def table_schema(table: str) -> pa.DataFrameSchema:
    nullable = nullable_fields(table)
    columns = {
        name: pa.Column(fields()[name].dtype, checks=_checks(fields()[name]), nullable=name in nullable, coerce=False)
        for name in table_fields(table)
    }
    return pa.DataFrameSchema(columns, unique=primary_key(table), strict=True, ordered=True, name=table)


def _text_columns(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Text fields as the string type, whatever the builder left them as (objects, categories)."""
    text = [name for name in table_fields(table) if fields()[name].dtype == "str" and name in frame]
    return frame.astype({name: "str" for name in text}) if text else frame


def validate(frame: pd.DataFrame, table: str, origin: str) -> pd.DataFrame:
    """The frame, its text fields typed, checked against its table's schema; else one message naming the columns
    and first failures."""
    try:
        return table_schema(table).validate(_text_columns(frame, table), lazy=True)
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
