"""Names in the order a reader expects: the Unicode Collation Algorithm (pyuca), which sorts « Île-du-Prince-Édouard »
among the I's and « États-Unis » among the E's; in an index, a leading article is not part of the key."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pyuca

_ARTICLE = re.compile(r"^(?:les |le |la |l'|l’|the )", re.IGNORECASE)


@functools.cache  # pyuca's own table, not the project's files or settings: no reset concerns it (and it costs 1 s)
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def sort_key(name: str) -> tuple[int, ...]:
    return _collator().sort_key(name)


def index_key(name: str) -> tuple[int, ...]:
    """The key a name is filed under in an index: « la Géorgie » under G, "the United States" under U."""
    return sort_key(_ARTICLE.sub("", name.strip()))


def sorted_names(names: Iterable[str]) -> list[str]:
    return sorted(names, key=sort_key)
