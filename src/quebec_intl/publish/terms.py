"""Jargon spelled out once a page: the first time a page names a classification, by its acronym or by its full name,
it gives both (« chapitre 84 du Système harmonisé (SH) »); later mentions keep the acronym. Sections are written
apart, so only the page knows which mention comes first. The terms are the text catalogue's `sources.term_*`
entries, each written « full name (ACRONYM) »."""

from __future__ import annotations

import re

from markupsafe import escape

from ..analysis.text import entry

TERMS = ("sources.term_napcs", "sources.term_hs")
_TAG = re.compile(r"(<[^>]*>)")
_UNREAD = {"script", "style", "title"}  # elements whose text a reader does not see as the page's prose


def spelled_out(html: str, lang: str) -> str:
    """The page's HTML with the first mention of each term in its visible text given in full."""
    parts = _TAG.split(html)
    for key in TERMS:
        full, _, acronym = entry(lang, key).rpartition(" (")
        _spell_first(parts, str(escape(full)), str(escape(acronym.removesuffix(")"))))
    return "".join(parts)


def _spell_first(parts: list[str], full: str, acronym: str) -> None:
    mention = re.compile(rf"{re.escape(full)}(?: \({re.escape(acronym)}\))?|(?<![\w-]){re.escape(acronym)}(?![\w-])")
    unread = None
    for index, part in enumerate(parts):
        if part.startswith("<"):
            tag = re.match(r"<(/?)([A-Za-z0-9]+)", part)
            if tag and tag[2].lower() in _UNREAD:
                unread = None if tag[1] else tag[2].lower()
            continue
        found = None if unread else mention.search(part)
        if found:
            within_brackets = (
                part[found.start() - 1 : found.start()] == "(" and part[found.end() : found.end() + 1] == ")"
            )
            spelled = f"{full}, {acronym}" if within_brackets and found[0] == acronym else f"{full} ({acronym})"
            parts[index] = part[: found.start()] + spelled + part[found.end() :]
            return
