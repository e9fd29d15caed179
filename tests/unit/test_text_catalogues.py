"""French and English say the same things: same keys, same placeholders."""

import string

from quebec_intl.analysis.text import catalogue


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    assert fr.keys() == en.keys()
    assert {k: placeholders(v) for k, v in fr.items()} == {k: placeholders(v) for k, v in en.items()}
