"""What the table beside a chart of years says where the chart breaks a line (visual.runs): the years without a
figure a line does not cross, and the pairs of years it does not join because their figures come from different
sources or bases; for which series, when not for all. A reader then does not take a break for a flaw."""

from __future__ import annotations

import pandas as pd

from ..visual import runs
from ..visual.blocks import Note
from . import years
from .context import ReportContext


def note(
    frame: pd.DataFrame, series: str, ctx: ReportContext, names: bool = False, within: str | None = None
) -> list[Note]:
    """At most one note naming every break of the lines of `frame` (ref_year, `series`, optionally runs.ORIGIN);
    `names`: the series are proper names (the sides of a comparison), else flows, written in lower case; `within`: a
    column whose values are charts of their own (a comparison's panels), each drawing every series."""
    found = runs.breaks(frame, [within, series] if within else series)
    order = list(dict.fromkeys(frame[series]))

    def grouped(places: dict[str, list[str]]) -> str:
        """Each set of places with the series it concerns, those of every series alone."""
        by_places: dict[tuple[str, ...], list[str]] = {}
        for name in order:
            if places.get(name):
                by_places.setdefault(tuple(places[name]), []).append(name if names else name.lower())
        return ctx.join(
            [
                ", ".join(where) if len(which) == len(order) else f"{', '.join(where)} ({', '.join(which)})"
                for where, which in by_places.items()
            ]
        )

    missing = {
        name: years.runs(y for b in found if b.gap and b.series == name for y in range(b.before + 1, b.after))
        for name in order
    }
    pairs = {
        name: list(
            dict.fromkeys(
                ctx.t("chart.line_break_pair", before=b.before, after=b.after)
                for b in found
                if not b.gap and b.series == name
            )
        )
        for name in order
    }
    sentences = [
        ctx.t(key, items=grouped(places))
        for key, places in (("chart.line_break_gaps", missing), ("chart.line_break_origins", pairs))
        if any(places.values())
    ]
    return [Note(" ".join(sentences), "method")] if sentences else []
