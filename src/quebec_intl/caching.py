"""The package's memoised results, all held by one object, `CACHE`, so that one reset forgets them all.

Reference tables, the field dictionary, the source registry, the text catalogues, the tables read and the files'
checksums are each computed once per process: a batch renders many pages in one kernel, reading each table and
hashing each file once. A test calls `reset_caches()` and reads everything afresh; a notebook's first cell calls
`reset_caches(if_changed=True)`, which forgets them when one of the project's files or settings changed since (an
analyst edited a reference table and runs the notebook again), and costs nothing when none did (a batch's pages).
The tests' fixtures call `reset_caches(keep_content=True)` between tests: results keyed on their very content (below)
can never be stale, and reading the mirror's tables again for each test would cost seconds each.

Three ways in, each keyed on what the result is made from, and nothing else:
- `@cached`: a function of its arguments (and of the project's files and settings the watches see);
- `@by_file`: a function of one file, remembered for the file's size and modification time;
- `CACHE.get(memo, key, make)`: `make()` once for `key`, the identity of what it reads (a table's fingerprint);
  `CACHE.store(memo)`, the same memo's dict, for a module that keys and fills it itself.
The last two are keyed on content: a changed file or table has another key."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable)
T = TypeVar("T")

_KEYWORDS = object()  # between a call's positional and keyword arguments in its key


class Cache:
    """Every memoised result of the process, by memo (a name: the function's module and name) and key."""

    def __init__(self) -> None:
        self._memos: dict[str, dict[Hashable, Any]] = {}
        self._by_content: set[str] = set()  # memos keyed on the identity of what they read
        self._watches: list[Callable[[], object]] = []  # what the results are made from: files' stats, settings
        self._seen: object = None  # the watched state at the last reset

    def store(self, memo: str, by_content: bool = True) -> dict[Hashable, Any]:
        """The memo's results by key (`by_content`: a key that names what the result is made from, as a file's
        size and time or a table's fingerprint do); the cache empties it in place at each reset."""
        if by_content:
            self._by_content.add(memo)
        return self._memos.setdefault(memo, {})

    def get(self, memo: str, key: Hashable, make: Callable[[], T]) -> T:
        results = self.store(memo)
        if key not in results:
            results[key] = make()
        return results[key]

    def memoised(self, function: F) -> F:
        """The function, its result remembered for its arguments (which must be hashable)."""
        results = self.store(_name(function), by_content=False)

        @functools.wraps(function)
        def remembered(*args: Hashable, **kwargs: Hashable) -> object:
            key = (*args, _KEYWORDS, *sorted(kwargs.items())) if kwargs else args
            try:
                return results[key]
            except KeyError:
                results[key] = value = function(*args, **kwargs)
                return value

        return remembered  # type: ignore[return-value]

    def of_file(self, function: Callable[[Path], T]) -> Callable[[Path], T]:
        """`function(path)` remembered for the file's path, size and modification time: a file read once per version
        of it (a page asks for its meta file many times). A missing file raises OSError, as reading it would."""
        results = self.store(_name(function))

        @functools.wraps(function)
        def remembered(path: Path) -> T:
            status = os.stat(path)
            key = (str(path), status.st_size, status.st_mtime_ns)
            if key not in results:
                results[key] = function(Path(path))
            return results[key]

        return remembered

    def watch(self, state: Callable[[], object]) -> None:
        """Register a cheap view of what memoised results are made from (the stat of the project's files)."""
        self._watches.append(state)

    def reset(self, if_changed: bool = False, keep_content: bool = False) -> None:
        """Forget every memoised result: the next call reads the files and the settings as they are now. With
        `if_changed`, only when a watched file or setting changed since the last reset; with `keep_content`, all
        but the results keyed on their content."""
        now = tuple(state() for state in self._watches)
        if if_changed and now == self._seen:
            return
        self._seen = now
        for memo, results in self._memos.items():
            if not (keep_content and memo in self._by_content):
                results.clear()

    def sizes(self) -> dict[str, int]:
        """How many results each memo holds now, by memo."""
        return {memo: len(results) for memo, results in self._memos.items()}


def _name(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


CACHE = Cache()
cached = CACHE.memoised
by_file = CACHE.of_file
watch = CACHE.watch


def reset_caches(if_changed: bool = False, keep_content: bool = False) -> None:
    """`CACHE.reset`: what a test, a notebook's first cell and the snapshot's builder call."""
    CACHE.reset(if_changed, keep_content)
