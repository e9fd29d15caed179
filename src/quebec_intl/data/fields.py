"""The field dictionary (data/reference/fields.yaml): every column of every tidy table declared once, with its
type, unit, checks and labels in both languages; the units with their labels and factors; each table's fields
and primary key. Schemas, report table headers and unit conversions all read it from here."""

from __future__ import annotations

from dataclasses import dataclass

from .. import settings, yamlfile
from ..caching import cached


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
    reference: str | None = None  # the reference list whose codes are allowed (see schema.REFERENCES)
    format: str | None = None  # how a text field is written (see schema.FORMATS): `date`, `url`

    def label(self, lang: str) -> str:
        return getattr(self, f"label_{lang}")


@dataclass(frozen=True)
class Unit:
    id: str
    label_en: str
    label_fr: str
    factor: float = 1.0  # how many of the base unit one of this unit holds (CAD_billion: 1e9 CAD)
    base: str | None = None

    def label(self, lang: str) -> str:
        return getattr(self, f"label_{lang}")


def dictionary_path():
    return settings.reference_dir() / "fields.yaml"


@cached
def _dictionary() -> dict:
    return yamlfile.parse(dictionary_path().read_text(encoding="utf-8"))


@cached
def fields() -> dict[str, Field]:
    return {
        name: Field(name=name, **{**spec, "values": tuple(spec["values"]) if "values" in spec else None})
        for name, spec in _dictionary()["fields"].items()
    }


@cached
def units() -> dict[str, Unit]:
    return {name: Unit(id=name, **spec) for name, spec in _dictionary()["units"].items()}


def tables() -> list[str]:
    return list(_dictionary()["tables"])


def table_fields(table: str) -> list[str]:
    return list(_dictionary()["tables"][table]["fields"])


def primary_key(table: str) -> list[str]:
    return list(_dictionary()["tables"][table]["primary_key"])


def nullable_fields(table: str) -> set[str]:
    return set(_dictionary()["tables"][table].get("nullable", []))


def label(field: str, lang: str) -> str:
    return fields()[field].label(lang)


def unit_factor(unit: str) -> float:
    return units()[unit].factor
