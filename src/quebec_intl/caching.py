"""The package's memoised results, in one place so that one call forgets them all.

Reference tables, the field dictionary, the source registry, the text catalogues and the tables read are each
computed once per process: a batch renders many pages in one kernel. A test calls `reset_caches()` and reads
everything afresh; a notebook's first cell calls `reset_caches(if_changed=True)`, which forgets them when one of the
project's files or settings changed since (an analyst edited a reference table and runs the notebook again)."""

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


_WATCHES: list[Callable[[], object]] = []  # what the memoised results are made from: files' sizes and times, settings
_SEEN: list[object] = [None]  # the watched state when the caches were last reset


def watch(state: Callable[[], object]) -> None:
    """Register a cheap view of what memoised results are made from (the stat of the project's files)."""
    _WATCHES.append(state)


def reset_caches(if_changed: bool = False) -> None:
    """Forget every memoised result: the next call reads the files and the settings as they are now. With
    `if_changed` (a notebook's first cell, which a batch runs before each of its pages), only when a watched file
    or setting changed since the last reset: a page then starts afresh at no cost when nothing did."""
    now = tuple(state() for state in _WATCHES)
    if if_changed and now == _SEEN[0]:
        return
    _SEEN[0] = now
    for clear in _RESETS:
        clear()
