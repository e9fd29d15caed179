"""The reports' text in French and English (quebec_intl/analysis/catalogues/<lang>.yaml), looked up by dotted key:
each catalogue groups its texts by what they phrase, one mapping per namespace (`site`, `chart`, `fact`, each kind of
report...), so `partner.title` is the `title` entry of the `partner` namespace."""

from __future__ import annotations

from importlib import resources

from babel import Locale

from .. import yamlfile
from ..caching import cached
from ..errors import CatalogueError
from . import typography
from .formatting import LANGS, locale


def _path(lang: str) -> str:
    return f"quebec_intl/analysis/catalogues/{lang}.yaml"


@cached
def catalogue(lang: str) -> dict[str, str]:
    """The language's texts by dotted key ("namespace.key"), read once."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    text = resources.files(__package__).joinpath("catalogues", f"{lang}.yaml").read_text(encoding="utf-8")
    return by_dotted_key(yamlfile.parse(text), lang)


def by_dotted_key(namespaces: dict, lang: str) -> dict[str, str]:
    """A catalogue's namespaces flattened to dotted keys; a text outside any namespace is an error."""
    texts = {}
    for namespace, entries in namespaces.items():
        if not isinstance(entries, dict):
            raise CatalogueError(
                f"{_path(lang)}: {namespace!r} is a text outside any namespace; move it under the namespace of what"
                " it phrases"
            )
        texts.update({f"{namespace}.{key}": text for key, text in entries.items()})
    return texts


def entry(lang: str, key: str, /) -> str:
    """The catalogue's text for a dotted `key`, as written there."""
    try:
        return catalogue(lang)[key]
    except KeyError:
        raise CatalogueError(
            f"no text {key!r} in {_path(lang)}; add it to both catalogues, under its namespace"
        ) from None


def t(lang: str, key: str, /, **values: object) -> str:
    """The catalogue's text for `key` with `values` inserted, set as the language sets it (French spacing)."""
    text = entry(lang, key).format(**values) if values else entry(lang, key)
    return typography.for_language(text, lang)


def joined(lang: str, items: list[str]) -> str:
    """Items as a sentence lists them: « A, B et C », "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return t(lang, "typography.and_join", first=", ".join(items[:-1]), last=items[-1])


def t_count(lang: str, key: str, count: int, /, **values: object) -> str:
    """The text for `count` things: `key_one` or `key_other`, as the language's CLDR plural rules choose."""
    form = "one" if Locale.parse(locale(lang)).plural_form(count) == "one" else "other"
    return t(lang, f"{key}_{form}", count=count, **values)
