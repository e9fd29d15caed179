"""Sections choose, format and say; they compute nothing. This walks the syntax of every module under reports/ and
fails on what belongs to the analysis layer (the trade model, analysis/subject_trade.py; the display policy,
analysis/display.py): arithmetic on figures, a `groupby`, scaling to a unit, a choice of currency, a call to the
metrics."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quebec_intl"
# The modules that write sections (they build a page's blocks), not the context that formats for them.
REPORTS = sorted(f for f in (PACKAGE / "reports").glob("*.py") if "Section" in f.read_text(encoding="utf-8")) + [
    PACKAGE / "analysis" / "narrative.py",  # the summary's sentences: they say figures, never compute them
    PACKAGE / "analysis" / "words.py",  # every fact's words, likewise
]
# A name that holds a figure: a value, a share, a flow, an amount in a currency.
FIGURE = re.compile(r"(value|_cad|_usd|_pct|share|export|import|balance|amount|total)", re.IGNORECASE)
CURRENCIES = {"cad", "usd", "CAD", "USD"}
UNIT_NUMBERS = {1e3, 1e6, 1e9}  # thousands, millions, billions
PER_CENT = {100}  # a share or a rate of growth


def _names(node: ast.AST) -> list[str]:
    """The identifiers an operand reads: names, attributes and string subscripts."""
    found = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            found.append(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.append(inner.attr)
        elif isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            found.append(inner.value)
    return found


def _is_sequence(node: ast.AST) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.ListComp, ast.JoinedStr)) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _arithmetic(node: ast.BinOp) -> str | None:
    if isinstance(node.op, (ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)):
        if _is_sequence(node.left) or _is_sequence(node.right):
            return None  # [True] * 6, a string repeated
        sides = (node.left, node.right)
        constants = {side.value for side in sides if isinstance(side, ast.Constant)}
        if constants & UNIT_NUMBERS:
            return "unit"
        if constants & PER_CENT:
            return "figures"
        return "figures" if any(FIGURE.search(name) for side in sides for name in _names(side)) else None
    if isinstance(node.op, (ast.Add, ast.Sub)):  # two figures read from data (a text joined to a text is no sum)
        read = (ast.Name, ast.Attribute, ast.Subscript)
        both = [
            isinstance(side, read) and any(FIGURE.search(n) for n in _names(side)) for side in (node.left, node.right)
        ]
        return "figures" if all(both) else None
    return None


def _currency_choice(node: ast.AST) -> bool:
    """`"cad" if ... else "usd"`, or a comparison with a currency's code."""
    constants = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    if isinstance(node, ast.IfExp):
        picked = {b.value for b in (node.body, node.orelse) if isinstance(b, ast.Constant)}
        return bool(picked & CURRENCIES)
    return isinstance(node, ast.Compare) and bool(constants & CURRENCIES)


def computations(file: Path) -> dict[str, list[str]]:
    """Each place the module computes, by kind: figures, unit, groupby, currency, metrics."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        kind = None
        if isinstance(node, ast.BinOp):
            kind = _arithmetic(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "groupby":
            kind = "groupby"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "unit_factor":
            kind = "unit"
        elif isinstance(node, (ast.IfExp, ast.Compare)) and _currency_choice(node):
            kind = "currency"
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "metrics":
            kind = "metrics"
        if kind:
            found.setdefault(kind, []).append(f"{file.name}:{node.lineno}")
    return found


@pytest.mark.parametrize("file", REPORTS, ids=lambda f: f.name)
def test_sections_compute_no_figure(file):
    """Every module whole: none is excused."""
    assert computations(file) == {}


def test_the_walk_finds_what_it_is_meant_to(tmp_path):
    """SYNTHETIC: a section that computes each thing the rule forbids."""
    file = tmp_path / "made_up.py"
    file.write_text(
        "def section(d, ctx):\n"
        "    share = d.value_cad / d.total_cad * 100\n"
        "    balance = d.export_cad - d.import_cad\n"
        "    by = d.rows.groupby('flow').sum()\n"
        "    billions = d.value / unit_factor('CAD_billion')\n"
        "    currency = 'cad' if d.rate else 'usd'\n"
        "    return ctx.t('x', year=d.year - 1, rows=[True] * 6)\n",
        encoding="utf-8",
    )
    found = computations(file)
    assert set(found) == {"figures", "unit", "groupby", "currency"}
    lines = {kind: sorted(int(place.rsplit(":", 1)[1]) for place in places) for kind, places in found.items()}
    assert lines == {"figures": [2, 2, 3, 5], "unit": [5], "groupby": [4], "currency": [6]}
