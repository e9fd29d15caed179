"""The reports' text in French and English (quebec_intl/analysis/catalogues/<lang>.yaml), looked up by key."""

from __future__ import annotations

from importlib import resources

from babel import Locale

from .. import yamlfile
from ..caching import cached
from . import typography
from .formatting import LANGS, locale


@cached
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    text = resources.files(__package__).joinpath("catalogues", f"{lang}.yaml").read_text(encoding="utf-8")
    return yamlfile.parse(text)


def t(lang: str, key: str, /, **values: object) -> str:
    """The catalogue's text for `key` with `values` inserted, set as the language sets it (French spacing)."""
    text = catalogue(lang)[key].format(**values) if values else catalogue(lang)[key]
    return typography.for_language(text, lang)


def joined(lang: str, items: list[str]) -> str:
    """Items as a sentence lists them: « A, B et C », "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return t(lang, "and_join", first=", ".join(items[:-1]), last=items[-1])


def t_count(lang: str, key: str, count: int, /, **values: object) -> str:
    """The text for `count` things: `key_one` or `key_other`, as the language's CLDR plural rules choose."""
    form = "one" if Locale.parse(locale(lang)).plural_form(count) == "one" else "other"
    return t(lang, f"{key}_{form}", count=count, **values)
