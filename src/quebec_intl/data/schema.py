"""Table schemas built from the field dictionary: types, bounds, allowed values and reference codes, defined once."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..caching import cached
from ..errors import ValidationError
from . import partners, reference
from .fields import Field, fields, nullable_fields, primary_key, table_fields

if TYPE_CHECKING:
    import pandera.pandas as pa


def _pandera():
    """pandera, imported when a table is first validated: a command that only reads stored tables (a no-op render)
    never pays its import, a fifth of a second."""
    return importlib.import_module("pandera.pandas")


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


PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
LINK_SCHEMES = ("https", "http")


def is_partial_date(text: str) -> bool:
    """A real calendar date written as precisely as its source: YYYY, YYYY-MM or YYYY-MM-DD."""
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_web_address(text: str) -> bool:
    """An address a page may link to: http or https, with a host (never `javascript:` or `data:`)."""
    parts = urllib.parse.urlsplit(text)
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc) and text == text.strip()


# What `format:` in the field dictionary may name: the test a text value must pass, and its name in messages.
FORMATS: dict[str, tuple[Callable[[str], bool], str]] = {
    "date": (is_partial_date, "a real date written YYYY, YYYY-MM or YYYY-MM-DD"),
    "url": (is_web_address, "an http or https address"),
}


def _checks(field: Field) -> list[pa.Check]:
    pa, checks = _pandera(), []
    if field.min is not None:
        checks.append(pa.Check.ge(field.min))
    if field.max is not None:
        checks.append(pa.Check.le(field.max))
    if field.values:
        checks.append(pa.Check.isin(list(field.values)))
    if field.reference:
        known = set(REFERENCES[field.reference]())
        checks.append(pa.Check(lambda s: s.isin(known), element_wise=False, name=f"known {field.reference} code"))
    if field.format:
        test, name = FORMATS[field.format]
        checks.append(pa.Check(lambda s: s.map(test).astype(bool), element_wise=False, name=name, ignore_na=True))
    if field.dtype == "float64":
        checks.append(pa.Check(lambda s: pd.Series(~np.isinf(s.to_numpy(dtype=float)), index=s.index), name="finite"))
    return checks


@cached
def table_schema(table: str) -> pa.DataFrameSchema:
    pa, nullable = _pandera(), nullable_fields(table)
    columns = {
        name: pa.Column(fields()[name].dtype, checks=_checks(fields()[name]), nullable=name in nullable, coerce=False)
        for name in table_fields(table)
    }
    return pa.DataFrameSchema(columns, unique=primary_key(table), strict=True, ordered=True, name=table)


def _text_columns(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Text fields as the string type, whatever the builder left them as (objects, categories)."""
    text = [name for name in table_fields(table) if fields()[name].dtype == "str" and name in frame]
    return frame.astype({name: "str" for name in text}) if text else frame


def _where(group: pd.DataFrame, file_rows: bool) -> str:
    """The first failing values, with their row in the file when the frame's index follows the file's rows."""
    examples = []
    for index, value in zip(group["index"].head(3), group["failure_case"].head(3)):
        row = f"row {int(index) + 2} " if file_rows and isinstance(index, (int, np.integer)) else ""
        examples.append(f"{row}{value!r}")
    return ", ".join(examples)


def validate(
    frame: pd.DataFrame, table: str, origin: str, file_rows: bool = False, remedy: str = "check the source file"
) -> pd.DataFrame:
    """The frame, its text fields typed, checked against its table's schema; else one message naming the columns
    and first failures (with their rows, when `file_rows`: the frame's index is the file's row less 2)."""
    schema = table_schema(table)
    try:
        return schema.validate(_text_columns(frame, table), lazy=True)
    except _pandera().errors.SchemaErrors as exc:
        cases = exc.failure_cases
        problems = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
            problems.append(f"column {column}: {len(group)} value(s) fail {check} (e.g. {_where(group, file_rows)})")
        raise ValidationError(
            f"{origin}: the {table} table breaks its schema: "
            + "; ".join(problems)
            + f". {remedy[0].upper()}{remedy[1:]}; the previous tables were kept."
        ) from None
