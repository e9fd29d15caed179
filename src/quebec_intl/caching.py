"""The package's memoised results, in one place so that one call forgets them all.

Reference tables, the field dictionary, the source registry, the text catalogues and the tables read are each
computed once per process: a batch renders many pages in one kernel. A notebook whose reference files were
edited since, or a test that changed a setting, calls `reset_caches()` and reads everything afresh."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)

_RESETS: list[Callable[[], None]] = []


def cached(function: F) -> F:
    """`functools.cache`, registered so that `reset_caches()` clears it."""
    memo = functools.cache(function)
    _RESETS.append(memo.cache_clear)
    return memo  # type: ignore[return-value]


def by_content(function: F) -> F:
    """A memo keyed on the very content it is made from (a table's fingerprint, a file's path, size and time): it
    can never be stale, so `reset_caches()` keeps it, and a batch that resets its caches before each page still
    reads each table and hashes each file once."""
    return functools.cache(function)  # type: ignore[return-value]


def on_reset(clear: Callable[[], None]) -> Callable[[], None]:
    """Register another store of memoised results (a dict of tables read, a thread's exporter) by its clearing call."""
    _RESETS.append(clear)
    return clear


def reset_caches() -> None:
    """Forget every memoised result: the next call reads the files and the settings as they are now."""
    for clear in _RESETS:
        clear()
