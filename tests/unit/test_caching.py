"""One object holds every memoised result of the package, and one reset forgets them all (issue 27): no memo lives
anywhere else (a dict filled at run time, a functools cache, a cached property, a scratch field of a frozen object),
and each memo `quebec_intl.caching.CACHE` holds is empty after `reset_caches()`."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import quebec_intl
from quebec_intl.caching import CACHE, reset_caches

PACKAGE = Path(quebec_intl.__file__).parent

# What holds state outside the cache, and why it is not a memoised result a reset should forget.
NOT_MEMOS = {
    ("analysis/collation.py", "functools.cache"): "pyuca's collation table: made from no project file nor setting",
    ("publish/html_export.py", "_EXPORTERS"): "one nbconvert exporter per thread: compiled templates of a library",
    ("publish/pool.py", "_IDLE"): "kernels kept for the next batch: processes, not results",
    ("data/pipeline.py", "_SERVED"): "the record of the tables this page read, which its manifest entry lists",
}
EMPTY_CONTAINERS = {"dict", "list", "set", "defaultdict", "OrderedDict", "local"}
MEMO_DECORATORS = {"cache", "lru_cache", "cached_property"}


def _called(node: ast.expr) -> str | None:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else None


def _is_empty_container(value: ast.expr | None) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set)):
        return not (value.keys if isinstance(value, ast.Dict) else value.elts)
    return isinstance(value, ast.Call) and _called(value) in EMPTY_CONTAINERS and not value.args[1:]


def _is_frozen_dataclass(node: ast.ClassDef) -> bool:
    return any(
        isinstance(d, ast.Call)
        and _called(d) == "dataclass"
        and any(k.arg == "frozen" and getattr(k.value, "value", False) for k in d.keywords)
        for d in node.decorator_list
    )


def memos_outside_the_cache(tree: ast.Module) -> list[tuple[str, int]]:
    """What keeps results of its own, by name (or the memoising call) and line: module-level empty containers
    filled at run time, functools caches and cached properties, and containers a frozen dataclass makes for each of
    its objects."""
    found = []
    for node in tree.body:  # module level
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and _is_empty_container(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [(t.id, node.lineno) for t in targets if isinstance(t, ast.Name)]
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and _called(node) in MEMO_DECORATORS:
            found.append((ast.unparse(node), node.lineno))
        if isinstance(node, ast.ClassDef) and _is_frozen_dataclass(node):
            found += [(f"{node.name}.{ast.unparse(item.target)}", item.lineno) for item in _made_each(node)]
    return sorted(found, key=lambda item: item[1])


def _made_each(node: ast.ClassDef) -> list[ast.AnnAssign]:
    """A dataclass's fields each object gets a new empty container for, left out of its equality: scratch space."""
    fields = [item for item in node.body if isinstance(item, ast.AnnAssign) and isinstance(item.value, ast.Call)]
    return [
        item
        for item in fields
        for keyword in item.value.keywords
        if keyword.arg == "default_factory"
        and _called(keyword.value) in EMPTY_CONTAINERS
        and any(k.arg == "compare" and getattr(k.value, "value", True) is False for k in item.value.keywords)
    ]


def test_no_memo_lives_outside_the_cache():
    stray = [
        f"{file.relative_to(PACKAGE)}:{line} {name}"
        for file in sorted(PACKAGE.rglob("*.py"))
        if file.name != "caching.py"
        for name, line in memos_outside_the_cache(ast.parse(file.read_text(encoding="utf-8")))
        if (file.relative_to(PACKAGE).as_posix(), name) not in NOT_MEMOS
    ]
    assert stray == [], "memoise through quebec_intl.caching (cached, by_file, CACHE.get), so one reset clears it"


def test_the_guard_finds_each_kind_of_stray_memo():
    """The check above, on the memos the package used to keep outside its cache."""
    source = """
import functools
_READ: dict = {}
_SUMS = dict()
@functools.cache
def f(): ...
g = functools.lru_cache(maxsize=None)(f)
@dataclass(frozen=True)
class Monthly:
    memo: dict = field(default_factory=dict, compare=False)
    @cached_property
    def totals(self): ...
CONSTANT = {"fr": "fr-CA"}
"""
    assert [name for name, _ in memos_outside_the_cache(ast.parse(source))] == [
        "_READ",
        "_SUMS",
        "functools.cache",
        "functools.lru_cache",
        "Monthly.memo",
        "cached_property",
    ]


def test_one_reset_empties_every_memo_the_package_keeps():
    for module in pkgutil.walk_packages(quebec_intl.__path__, "quebec_intl."):
        importlib.import_module(module.name)  # every memo registers as its module is imported

    from quebec_intl.data import pipeline, sources, trade
    from quebec_intl.reports.context import ReportContext
    from quebec_intl.visual import maps

    ReportContext.of("fr").name("USA")  # the catalogues, the partners
    maps.topology("world")
    dataset = trade.load()  # the tables read, their meta files and checksums
    filled = {memo for memo, size in CACHE.sizes().items() if size}
    assert {
        "quebec_intl.data.sources.registry",  # @cached
        "quebec_intl.data.pipeline._meta_of",  # @by_file
        "quebec_intl.data.pipeline.load",  # CACHE.get: the tables read
        "quebec_intl.data.trade.load",
        "quebec_intl.data.sources.sha256_of",  # CACHE.store: the files' checksums
        "quebec_intl.visual.maps.topology",
    } <= filled, sorted(filled)

    reset_caches(keep_content=True)  # between tests: what is keyed on its content stays, nothing else
    kept = {memo for memo, size in CACHE.sizes().items() if size}
    assert "quebec_intl.data.sources.registry" not in kept and "quebec_intl.data.pipeline.load" in kept, kept

    reset_caches()

    assert {memo: size for memo, size in CACHE.sizes().items() if size} == {}
    assert trade.load() is not dataset  # made again, from the tables as they are now
    assert pipeline.meta("trade_annual") is not None and sources.registry()
