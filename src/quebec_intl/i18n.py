"""The reports' text in French and English (quebec_intl/text/<lang>.yaml), looked up by key."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .formatting import LANGS


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    text = resources.files(__package__).joinpath("text", f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def t(lang: str, key: str, /, **values: object) -> str:
    return catalogue(lang)[key].format(**values) if values else catalogue(lang)[key]
