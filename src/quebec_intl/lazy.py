"""Modules imported at their first use rather than at the import of the module naming them.

Listing the suite's pages and finding them current (a no-op `render --all`) imports the report modules, which name
the charting library, the notebook display and the HTTP client; none of them is used there, and importing them
takes longer than the rest of the no-op. A module that names one with `lazy.module(...)` pays for it when a chart is
drawn, a page shown or a file fetched."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def module(name: str) -> ModuleType:
    """The module `name`, loaded when one of its attributes is first read (importlib's LazyLoader); the module
    itself when it is imported already."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    found = importlib.util.module_from_spec(spec)
    sys.modules[name] = found
    spec.loader.exec_module(found)
    return found
