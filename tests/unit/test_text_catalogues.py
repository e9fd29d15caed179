"""French and English say the same things: same keys, same placeholders."""

import re
import string
from pathlib import Path

from quebec_intl.analysis.text import catalogue


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    assert fr.keys() == en.keys()
    assert {k: placeholders(v) for k, v in fr.items()} == {k: placeholders(v) for k, v in en.items()}


PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quebec_intl"
# Keys built at run time: "flow_" + flow, f"caveat_{c}", f"{role}_article", and the plural forms t_count adds.
DYNAMIC = re.compile(r"""["'](\w+_)["']\s*\+|f["'](\w+_)\{""")
SUFFIXED = re.compile(r"""f["']\{\w+\}(_\w+)["']""")
COUNTED = re.compile(r"""(?:count|t_count)\([^)]*?["'](\w+)["']""")


def test_every_key_is_used_by_the_code():
    code = "\n".join(file.read_text(encoding="utf-8") for file in PACKAGE.rglob("*.py"))
    code += "\n".join(file.read_text(encoding="utf-8") for file in PACKAGE.rglob("*.j2"))
    literals = set(re.findall(r"""["'](\w+)["']""", code))
    prefixes = {a or b for a, b in DYNAMIC.findall(code)}
    suffixes = set(SUFFIXED.findall(code))
    counted = {f"{key}_{form}" for key in COUNTED.findall(code) for form in ("one", "other")}
    unused = [
        key
        for key in catalogue("en")
        if key not in literals | counted
        and not any(key.startswith(prefix) for prefix in prefixes)
        and not any(key.endswith(suffix) for suffix in suffixes)
    ]
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
