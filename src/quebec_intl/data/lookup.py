"""Names to codes, for every kind of thing the project names: partners, regions, provinces, product sections,
trade flows. One index shape and one suggestion routine serve the command line, the notebooks and the transforms
that map a source's labels to codes.

Suggestions come from the standard library's difflib: an index holds a few thousand short names, where its
speed is ample, and it adds no dependency (rapidfuzz would be faster and buys nothing at this size)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from ..errors import SourceFileError, UnknownNameError


def normalize(label: object) -> str:
    """Case, spacing and accents do not distinguish names (`Québec` and `quebec` are one)."""
    decomposed = unicodedata.normalize("NFKD", str(label))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("’", "'").split())


def any_code(_code: str) -> bool:
    """Every code is allowed: what a look-up takes when it is not told which."""
    return True


MIN_PART = 3  # letters a part of a name needs before names holding it are suggested


def _words(text: object) -> list[str]:
    return re.findall(r"\w+", normalize(text))


def _holds(words: list[str], part: list[str]) -> bool:
    """Whether `part` is a run of `words`."""
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


@dataclass(frozen=True)
class NameIndex:
    """Every way to write a name (codes, names in both languages, aliases) -> the codes it can mean."""

    what: str  # what the codes are, for messages: "partner", "province", "product section"...
    names: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, what: str, pairs: Iterable[tuple[object, str]], unique: bool = False) -> NameIndex:
        """From (name, code) pairs; `unique`: a name may mean one code only (a reference table's own labels)."""
        names: dict[str, list[str]] = {}
        for name, code in pairs:
            if not isinstance(name, str) or not name.strip():
                continue
            codes = names.setdefault(normalize(name), [])
            if code not in codes:
                codes.append(code)
            if unique and len(codes) > 1:
                raise ValueError(f"{what} label {name!r} names two codes: {codes[0]} and {code}")
        return cls(what, {key: tuple(codes) for key, codes in names.items()})

    def codes(self, text: object, allowed: Callable[[str], bool] = any_code) -> tuple[str, ...]:
        return tuple(code for code in self.names.get(normalize(text), ()) if allowed(code))

    def containing(self, text: object, allowed: Callable[[str], bool] = any_code) -> list[str]:
        """The codes with a name holding `text`'s words among its own, in order (`Wallonie` in « Fédération
        Wallonie-Bruxelles », `Corée` in « Corée du Sud »): a part of a name is a better guess than a look-alike."""
        wanted = _words(text)
        if not wanted or len("".join(wanted)) < MIN_PART:
            return []
        found = [
            code
            for key, codes in self.names.items()
            if _holds(_words(key), wanted) and key != normalize(text)
            for code in codes
            if allowed(code)
        ]
        return list(dict.fromkeys(found))

    def closest(self, text: object, allowed: Callable[[str], bool] = any_code, limit: int = 5) -> list[str]:
        """The codes whose names hold `text`'s words, then those whose names are nearest to it, best first."""
        keys = [key for key, codes in self.names.items() if any(allowed(code) for code in codes)]
        near = difflib.get_close_matches(normalize(text), keys, n=limit * 3, cutoff=0.5)
        near_codes = (code for key in near for code in self.names[key] if allowed(code))
        return list(dict.fromkeys([*self.containing(text, allowed), *near_codes]))[:limit]

    def one(
        self,
        text: object,
        parameter: str,
        describe: Callable[[str], str],
        hint: str,
        allowed: Callable[[str], bool] = any_code,
    ) -> str:
        """The one code `text` names; else an error naming the codes it could mean, or the closest names."""
        found = self.codes(text, allowed)
        if len(found) == 1:
            return found[0]
        if found:
            shown = "; ".join(describe(code) for code in found)
            raise UnknownNameError(f"{parameter} {text!r} names {len(found)} {self.what}s: {shown}. Give the code.")
        close = self.closest(text, allowed)
        suggestion = "Closest matches: " + "; ".join(describe(code) for code in close) + "." if close else hint
        raise UnknownNameError(f"unknown {parameter} {text!r}. {suggestion}")

    def map_labels(
        self, labels: pd.Series, origin: str, fix: str, allowed: Callable[[str], bool] = any_code
    ) -> pd.Series:
        """A source column of labels as codes; every label naming no code, or several, is listed in one error."""
        codes, problems = {}, []
        for label in pd.unique(labels):
            found = self.codes(label, allowed)
            if len(found) == 1:
                codes[label] = found[0]
            else:
                problems.append(f"{str(label)!r} ({'ambiguous: ' + ', '.join(found) if found else 'unknown'})")
        if problems:
            raise SourceFileError(
                f"{origin}: {self.what} label(s) that do not name exactly one {self.what}: "
                f"{', '.join(sorted(problems))}. {fix}"
            )
        return labels.map(codes)
