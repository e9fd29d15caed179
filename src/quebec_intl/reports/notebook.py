"""What an analyst exploring a report in Jupyter needs beyond its sections: the project's errors as one readable
line, the values a parameter accepts, and a map of the tidy tables behind the page."""

from __future__ import annotations

import dataclasses

import pandas as pd
from IPython import get_ipython

from .. import lazy
from ..caching import reset_caches
from ..data import partners as partner_catalogue
from ..data import regions as region_catalogue
from ..data import trade
from ..errors import QuebecIntlError
from ..visual.blocks import VEGA_MIME

alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)

# How deep `frames` looks into a report's data object: data.trade.dataset.annual is three steps down.
DEPTH = 3
ALTAIR_RENDERER = "quebec-intl"


def setup() -> None:
    """A report notebook's first step:

    - memoised results are forgotten when a project file or a setting changed since they were made
      (`reset_caches(if_changed=True)`), so a notebook run again after a reference or curated file was edited
      reads it as it is now, never half from before;
    - the project's own errors (an ambiguous or unknown partner, a year outside the data) show as their message
      alone, which names the problem and what to do; a traceback into the package would only bury it. Other errors
      keep theirs, and the cell still fails, so Run All stops there;
    - charts the analyst makes with Altair are drawn like the report's, offline, by the project's renderer (Altair's
      default HTML output would fetch Vega from a CDN)."""
    reset_caches(if_changed=True)
    shell = get_ipython()
    if shell is None:
        return
    shell.set_custom_exc((QuebecIntlError,), _one_line)
    alt.renderers.register(ALTAIR_RENDERER, lambda spec, **_metadata: {VEGA_MIME: spec, "text/plain": "<chart>"})
    alt.renderers.enable(ALTAIR_RENDERER)


def _one_line(shell, kind, error, _traceback, **_tb_offset) -> list[str]:
    """IPython leaves the showing to the handler: through `_showtraceback`, as the kernel sends any error (an error
    output, and the cell's reply marked as failed). The traceback, and where to start it, are not shown."""
    lines = [f"{kind.__name__}: {error}"]
    shell._showtraceback(kind, error, lines)
    return lines


def frames(data: object) -> pd.DataFrame:
    """Every table inside a report's data object, by the name to reach it (`data.trade.flows`), with its size and
    columns: the page's figures, before formatting, ready to filter."""
    rows = [
        {"name": f"data.{path}", "rows": len(frame), "columns": ", ".join(map(str, frame.columns))}
        for path, frame in _tables(data, "", DEPTH)
    ]
    return pd.DataFrame(rows, columns=["name", "rows", "columns"])


def _tables(value: object, path: str, depth: int):
    if isinstance(value, pd.DataFrame):
        yield path, value
    elif isinstance(value, pd.Series):
        yield path, value.to_frame()
    elif isinstance(value, dict) and value and all(isinstance(v, (pd.Series, pd.DataFrame)) for v in value.values()):
        yield from (
            (f"{path}[{key!r}]", item if isinstance(item, pd.DataFrame) else item.to_frame())
            for key, item in sorted(value.items())
            if len(item)
        )
    elif isinstance(value, tuple) and depth > 0 and all(dataclasses.is_dataclass(item) for item in value):
        for i, item in enumerate(value):  # a comparison's sides
            yield from _tables(item, f"{path}[{i}]", depth - 1)
    elif dataclasses.is_dataclass(value) and depth > 0:
        for field in dataclasses.fields(value):
            yield from _tables(getattr(value, field.name), f"{path}.{field.name}".lstrip("."), depth - 1)


def partners() -> pd.DataFrame:
    """Every partner a report can be about (its `partner` parameter takes the code or either name), and whether the
    sources at hand have trade figures for it."""
    with_figures = set(trade.partners_with_trade())
    rows = [
        {
            "code": p.code,
            "name_en": p.name_en,
            "name_fr": p.name_fr,
            "kind": partner_catalogue.KIND_NAMES.get(p.kind, p.kind),
            "trade_figures": p.code in with_figures,
        }
        for p in partner_catalogue.all_partners().values()
        if p.kind in partner_catalogue.REPORT_KINDS
    ]
    return pd.DataFrame(rows).sort_values(["trade_figures", "code"], ascending=[False, True], ignore_index=True)


def regions() -> pd.DataFrame:
    """Every region a region profile can be about: its `region` parameter takes the id, either name or an alias."""
    rows = [
        {
            "id": r.id,
            "name_en": r.name_en,
            "name_fr": r.name_fr,
            "kind": r.kind,
            "members": len(region_catalogue.members(r.id)),
        }
        for r in region_catalogue.regions().values()
    ]
    return pd.DataFrame(rows)
