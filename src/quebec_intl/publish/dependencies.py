"""Which of the package's modules a kind of page is made with: those its notebook's code imports and those the
publisher's own page-making imports, followed through the package's import graph (read with `ast`, never imported;
an import inside a function counts too), so that editing a module re-renders only the pages whose kinds import it.
Files that are not modules (catalogues, templates, the style sheet) are read by every kind, and count for all."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .. import settings
from ..caching import cached

PACKAGE = "quebec_intl"
# What makes any page of any kind: the kernel's hooks, the run, the HTML export, the links and the record.
PUBLISHER = (f"{PACKAGE}.publish.render_page", f"{PACKAGE}.publish.in_kernel")


@cached
def package_modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own, for its `__init__.py`)."""
    modules = {}
    for file in settings.PACKAGE_DIR.rglob("*.py"):
        if settings.BUNDLED_DIR in file.parents:
            continue
        parts = [PACKAGE, *file.relative_to(settings.PACKAGE_DIR).with_suffix("").parts]
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return modules


def imported(source: str, module: str = "", is_package: bool = False) -> set[str]:
    """The package's modules `source` imports (written in `module`, for its relative imports): each one named, the
    packages holding it (Python runs their `__init__.py` first), and a name taken from a package when it is a
    module of its own (`from . import partner`)."""
    known = package_modules()
    named: set[str] = set()
    for node in _import_statements(source):
        if isinstance(node, ast.Import):
            named |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join([*here[: len(here) - node.level + 1], *([node.module] if node.module else [])])
            named |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
    parts = {".".join(name.split(".")[:end]) for name in named for end in range(1, name.count(".") + 2)}
    return parts & known.keys()


# An import statement at any depth (one inside a function counts too), with a parenthesised list of names.
IMPORT_STATEMENT = re.compile(
    r"^[ \t]*(?:from[ \t]+[.\w]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)", re.MULTILINE
)


def _import_statements(source: str) -> Iterator[ast.stmt]:
    """The source's import statements, each line found parsed on its own: several times faster than walking the
    module's whole tree (a no-op `render --all` reads every module's imports). A line of a docstring that reads like
    an import parses as nothing, or as a module the package lacks: a superset is safe."""
    for found in IMPORT_STATEMENT.finditer(source):
        try:
            yield from ast.parse(found.group(0).strip()).body
        except SyntaxError:
            continue


@cached
def _imports_of(module: str) -> frozenset[str]:
    file = package_modules()[module]
    return frozenset(imported(file.read_text(encoding="utf-8"), module, file.name == "__init__.py"))


def closure(modules: set[str]) -> set[str]:
    """The modules given and every module of the package they import, directly or not."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _imports_of(module)
    return seen


def notebook_imports(notebook: Path) -> set[str]:
    """The package's modules the notebook's code cells import (its exploring cells too: a superset is safe)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    try:
        ast.parse(source)
    except SyntaxError:  # a cell of IPython's own syntax (a magic): every module, to be safe
        return set(package_modules())
    return imported(source)


@cached
def kind_modules(notebook: str) -> frozenset[Path]:
    """The files of every module a page made from `notebook` (its kind's) depends on."""
    names = closure(notebook_imports(settings.notebooks_dir() / f"{notebook}.ipynb") | set(PUBLISHER))
    return frozenset(package_modules()[name] for name in names)
