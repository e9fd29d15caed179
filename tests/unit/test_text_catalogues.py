"""French and English say the same things: same namespaces, same keys, same placeholders; and the code asks only for
texts the catalogues hold."""

import ast
import functools
import re
import string
from pathlib import Path

import pytest
import yaml

from quebec_intl.analysis.text import by_dotted_key, catalogue, t
from quebec_intl.errors import CatalogueError

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quebec_intl"
FILES = {lang: PACKAGE / "analysis" / "catalogues" / f"{lang}.yaml" for lang in ("fr", "en")}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def namespaces(lang: str) -> dict:
    return yaml.safe_load(FILES[lang].read_text(encoding="utf-8"))


def test_catalogues_have_the_same_namespaces_keys_and_placeholders():
    assert namespaces("fr").keys() == namespaces("en").keys()
    fr, en = catalogue("fr"), catalogue("en")
    assert fr.keys() == en.keys()
    assert {k: placeholders(v) for k, v in fr.items()} == {k: placeholders(v) for k, v in en.items()}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_top_level_entry_is_a_namespace_of_texts(lang):
    """One mapping per namespace, of texts: no stray phrase at the top, no namespace within a namespace."""
    strays = {name: entries for name, entries in namespaces(lang).items() if not isinstance(entries, dict)}
    assert strays == {}
    not_texts = {
        f"{name}.{key}": text
        for name, entries in namespaces(lang).items()
        for key, text in entries.items()
        if not isinstance(text, str)
    }
    assert not_texts == {}


def test_a_stray_phrase_or_a_missing_key_is_named_in_one_line():
    with pytest.raises(CatalogueError, match=r"^quebec_intl/analysis/catalogues/en.yaml: 'site_title' is a text"):
        by_dotted_key({"site": {"title": "Reports"}, "site_title": "Reports"}, "en")
    with pytest.raises(CatalogueError, match=r"^no text 'site.nope' in quebec_intl/analysis/catalogues/fr.yaml;") as e:
        t("fr", "site.nope")
    assert "\n" not in str(e.value)


# --- the keys the code asks for -------------------------------------------------------------------------------

# Where a call names its key: ctx.t(key), ctx.count(key, n), ctx.agreeing(key, partner), ctx.gendered(key, partner);
# t(lang, key), t_count(lang, key, n), catalogue_subject(code, key), missing(heading, key, ctx).
KEY_ARGUMENT = {"t": 1, "t_count": 1, "catalogue_subject": 1, "missing": 1}
METHOD_KEY_ARGUMENT = {"t": 0, "count": 0, "agreeing": 0, "gendered": 0}
FORMS = {"count": ("_one", "_other"), "t_count": ("_one", "_other"), "agreeing": ("", "_plural")}
FILE_TYPES = {"yaml", "py", "html", "json", "csv", "pdf", "png", "svg", "ipynb", "parquet"}
KINDS = yaml.safe_load((PACKAGE / "reports" / "kinds.yaml").read_text(encoding="utf-8"))


@functools.cache
def modules() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(PACKAGE)): ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")
    }


HOLE = r"[\w.]+"


def pattern(node: ast.JoinedStr) -> str | None:
    """An f-string as a pattern of the keys it can build (each {…} any run of word characters or dots); none if
    its own characters cannot be a key's."""
    texts = [str(v.value) if isinstance(v, ast.Constant) else None for v in node.values]
    if not all(re.fullmatch(r"[\w.]*", text) for text in texts if text is not None):
        return None
    parts = [text for n, text in enumerate(texts) if text is not None or n == 0 or texts[n - 1] is not None]
    return "".join(HOLE if text is None else re.escape(text) for text in parts)


def asked_keys(call: ast.Call) -> tuple[str, list[ast.expr]] | None:
    """The function's name and the expressions its key argument can be (both branches of `a if c else b`)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in METHOD_KEY_ARGUMENT:
        name, position = func.attr, METHOD_KEY_ARGUMENT[func.attr]
    elif isinstance(func, ast.Name) and func.id in KEY_ARGUMENT:
        name, position = func.id, KEY_ARGUMENT[func.id]
    else:
        return None
    if len(call.args) <= position:
        return None
    found, todo = [], [call.args[position]]
    while todo:
        node = todo.pop()
        todo += [node.body, node.orelse] if isinstance(node, ast.IfExp) else []
        found += [] if isinstance(node, ast.IfExp) else [node]
    return name, found


def absent_keys(name: str, tree: ast.Module, keys: set[str], spaces: set[str]) -> list[str]:
    """The keys a module names that the catalogue lacks: the key a lookup asks for, a dotted literal naming a
    namespace (keys kept in tables and tuples), the prefix of a family built at run time (f"fact.change_{x}",
    "relations.status_" + x)."""
    known = keys | {key.removesuffix(form) for key in keys for form in ("_one", "_other")}

    def named(value: str) -> bool:  # a text's key, not a file name nor a separator counted in a line
        dotted = re.fullmatch(r"([a-z_]+)\.([A-Za-z0-9_]+)", value)
        return bool(dotted) and dotted[1] in spaces and dotted[2] not in FILE_TYPES

    nodes = list(ast.walk(tree))
    pieces = {id(v) for node in nodes if isinstance(node, ast.JoinedStr) for v in node.values}
    prefixes = {
        id(node.left)
        for node in nodes
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
    }
    absent = []
    for node in nodes:
        asked = asked_keys(node) if isinstance(node, ast.Call) else None
        for expression in asked[1] if asked else []:
            value = expression.value if isinstance(expression, ast.Constant) else None
            literal = isinstance(value, str) and re.fullmatch(r"[\w.]*[a-z][\w.]*", value)
            if (
                literal
                and id(expression) not in prefixes
                and not all(value + form in keys for form in FORMS.get(asked[0], ("",)))
            ):
                absent.append(f"{name}:{expression.lineno}: {value}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces:
            prefix = id(node) in prefixes
            if prefix and named(node.value + "x") and not any(key.startswith(node.value) for key in keys):
                absent.append(f"{name}:{node.lineno}: {node.value} + …")
            elif not prefix and named(node.value) and node.value not in known:
                absent.append(f"{name}:{node.lineno}: {node.value}")
        if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
            built = pattern(node)
            if built and named(str(node.values[0].value) + "x") and not any(re.fullmatch(built, k) for k in keys):
                absent.append(f"{name}:{node.lineno}: f-string {built}")
    return absent


def test_every_key_the_code_asks_for_is_in_the_catalogues():
    """Every key the code names, or the forms of it a lookup adds (x_one and x_other for a count, x and x_plural for
    agreement), and each kind's index heading and subject (kinds.yaml), are in the catalogue."""
    keys, spaces = set(catalogue("en")), set(namespaces("en"))
    absent = [line for name, tree in modules().items() for line in absent_keys(name, tree, keys, spaces)]
    for kind, entry in KINDS.items():
        absent += [] if f"{kind}.index_heading" in keys else [f"kinds.yaml: {kind}.index_heading"]
        absent += [] if entry.get("subject", f"{kind}.index_heading") in keys else [f"kinds.yaml: {entry['subject']}"]
    assert absent == [], "\n".join(absent)


def test_every_key_is_used_by_the_code():
    """No text is left that no page can show: each key is named by the code, or belongs to a family the code builds
    (an f-string's pattern, a prefix with + , a plural form)."""
    literals, patterns = set(), set()
    for tree in modules().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len((pattern(node) or "").replace(HOLE, "")) >= 3:
                patterns.add(pattern(node))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
                patterns.add(re.escape(str(node.left.value)) + HOLE)
    built = re.compile("|".join(f"(?:{p})" for p in sorted(patterns)))
    counted = {f"{base}{form}" for base in literals for form in ("_one", "_other", "_plural", "_feminine", "_none")}
    unused = [key for key in catalogue("en") if key not in literals | counted and not built.fullmatch(key)]
    assert unused == []


def test_no_text_calls_canadas_principal_partners_quebecs_nor_a_12_month_total_the_months_before():
    """Table 12-10-0175-01's 27 partners are Canada's principal trading partners; a 12-month total ends with its
    month (« les 12 mois se terminant », "the 12 months ending")."""
    wrong = ("principaux partenaires du Québec", "Québec's principal", "12 mois précédant", "12 months to each")
    for lang in ("fr", "en"):
        found = {key: text for key, text in catalogue(lang).items() if any(w in text for w in wrong)}
        assert not found, found


def test_no_text_speaks_of_the_products_settings():
    """A reader of a page has no mirror to set: how the data reached the tool stays off the pages."""
    internal = ("mirror", "miroir", "QUEBEC_INTL_")
    for lang in ("fr", "en"):
        found = {key: text for key, text in catalogue(lang).items() if any(w in text for w in internal)}
        assert not found, found
