"""YAML read with libyaml's C parser when PyYAML has it (ten times faster than the pure-Python one: the field
dictionary and the catalogues are read at every fresh start), else with the pure-Python safe loader."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> object:
    return yaml.load(text, Loader=SafeLoader)
