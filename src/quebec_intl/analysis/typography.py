"""The house style of every text a report composes, so no catalogue entry or curated title has to remember it.
French as Québec's publications set it: a non-breaking space before the colon and inside guillemets, a narrow one
before ; ? and !, a true minus sign. English: Québec with its accent, Canadian spelling. Idempotent."""

from __future__ import annotations

import re

NBSP = "\u00a0"  # before the colon and inside « » (OQLF: espace insécable)
NARROW_NBSP = "\u202f"  # before ; ? ! (a fine, non-breaking space)
MINUS = "\u2212"

_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]*:(?=\s|$)")
_BEFORE_HIGH = re.compile(r"(?<=\S)[ \u00a0\u202f]*([;?!])(?=\s|$|»|\))")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]*»")
_HYPHEN_MINUS = re.compile(r"(?<![\w\-\u2212])-(?=\d)")


def french(text: str) -> str:
    """`text` with French spacing around high punctuation and guillemets, and minus signs before numbers. A colon
    only counts when followed by a space or the end (so `https://` and `12:30` stay as they are)."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_HIGH.sub(NARROW_NBSP + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP + "»", text)
    return _HYPHEN_MINUS.sub(MINUS, text)


# Canadian English spelling of words the sources write the British way, and Québec's own name.
ENGLISH_WORDS = {
    "Quebec": "Québec",
    "organisation": "organization",
    "organisations": "organizations",
    "Organisation": "Organization",
    "Organisations": "Organizations",
    "programme": "program",
    "programmes": "programs",
    "Programme": "Program",
}
# A whole word, not part of an address (quebec.ca, /Quebec_Government_Offices) nor of a French proper name that
# English keeps as it is (the Organisation internationale de la Francophonie).
_ENGLISH = re.compile(r"(?<![\w./_-])(" + "|".join(ENGLISH_WORDS) + r")(?![\w/_-]|\.\w| internationale)")


def english(text: str) -> str:
    return _ENGLISH.sub(lambda match: ENGLISH_WORDS[match.group(1)], text)


def for_language(text: str, lang: str) -> str:
    return french(text) if lang == "fr" else english(text)
