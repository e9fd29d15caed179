"""The package's shape, as a newcomer relies on it: layers import one way (publishing -> reports -> visual and
analysis -> data), no import cycle, no report kind importing another, small report functions, no helper twice."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from quebec_intl.reports import registry

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quebec_intl"
REPORT_KINDS = tuple(registry.kinds())  # every kind the registry (reports/kinds.yaml) lists
# A module may import its own layer and the layers below it; analysis and visual stand side by side.
BELOW = {
    "foundation": set(),
    "data": {"foundation"},
    "analysis": {"data", "foundation"},
    "visual": {"data", "foundation"},
    "reports": {"analysis", "visual", "data", "foundation"},
    "publish": {"reports", "analysis", "visual", "data", "foundation"},
    "cli": {"publish", "reports", "analysis", "visual", "data", "foundation"},
}


def module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(file): file for file in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ("data", "analysis", "visual", "reports", "publish", "cli"):
        return parts[1]
    return "foundation"  # quebec_intl itself, errors, settings


def imports(module: str) -> set[str]:
    """The package modules `module` imports (`from . import x` counts as importing x when x is a module)."""
    file = MODULES[module]
    package = module if file.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("quebec_intl"):
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in MODULES else base)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("quebec_intl")}
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports(module) for module in MODULES}


def test_layers_import_only_the_layers_below():
    wrong = [
        f"{module} ({layer(module)}) imports {target} ({layer(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if layer(target) != layer(module) and layer(target) not in BELOW[layer(module)]
    ]
    assert wrong == []


def test_the_import_graph_has_no_cycle():
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in GRAPH[module]:
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join(path[path.index(target) :] + [target]))
            if target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in GRAPH:
        if module not in state:
            visit(module, [module])


def test_no_report_kind_imports_another():
    kinds = {f"quebec_intl.reports.{kind}" for kind in REPORT_KINDS}
    assert kinds <= set(MODULES)
    assert {(m, t) for m in kinds for t in GRAPH[m] if t in kinds} == set()


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_each_notebook_calls_its_report_sections_in_order(kind):
    """The notebook named like the kind calls `report.<section>(data, ctx)` for each of the module's SECTIONS."""
    import importlib
    import json
    import re

    module = importlib.import_module(f"quebec_intl.reports.{kind}")
    notebook = json.loads((PACKAGE.parents[1] / "notebooks" / f"{kind}.ipynb").read_text(encoding="utf-8"))
    source = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert re.search(rf"^from quebec_intl\.reports import (\w+, )*{kind} as report$", source, re.M)
    assert "report.load(" in source
    called = re.findall(r"^report\.(\w+)\(data, ctx\)", source, re.MULTILINE)
    assert called == [section.__name__ for section in module.SECTIONS]


def definitions(file: Path):
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node


@pytest.mark.parametrize("file", sorted((PACKAGE / "reports").glob("*.py")), ids=lambda f: f.name)
def test_report_functions_and_classes_stay_small(file):
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in definitions(file)
        if node.end_lineno - node.lineno + 1 > 80
    ]
    assert long == []


def body_shape(node: ast.AST) -> str:
    """A function's statements, docstring left out, with its own name ignored."""
    body = node.body[1:] if ast.get_docstring(node) else node.body
    return "\n".join(ast.dump(statement) for statement in body)


def test_no_helper_is_defined_twice():
    seen = defaultdict(list)
    for module, file in MODULES.items():
        for node in definitions(file):
            if isinstance(node, ast.FunctionDef) and len(node.body) > 1:
                seen[body_shape(node)].append(f"{module}.{node.name}")
    assert [places for places in seen.values() if len(places) > 1] == []
