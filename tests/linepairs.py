"""What a chart of years connects, read from its Vega-Lite spec as Vega-Lite draws it (one line per combination of
the grouping channels' values, its points in the order of the x field), and where each published figure of the
embedded default comes from, read from the curated file with the csv module: the tests of "no line across sources,
bases or gaps" compare the two, never the code's own idea of a run."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

GROUPING = ("color", "detail", "strokeDash", "shape")  # the channels that split a line mark into lines
CURATED = Path(__file__).resolve().parents[1] / "data" / "curated" / "trade_figures.csv"
UNITS = {"CAD_billion": 1e9, "CAD_million": 1e6}


def _line_marks(node: object, data: object = None, encoding: dict | None = None):
    """Every line mark of a spec with the data and encoding it draws (a layer inherits its parent's)."""
    if isinstance(node, dict):
        data = node.get("data", data)
        encoding = {**(encoding or {}), **node.get("encoding", {})}
        mark = node.get("mark")
        if (mark.get("type") if isinstance(mark, dict) else mark) == "line":
            yield data, encoding
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _line_marks(child, data, encoding)


def joined_pairs(spec: dict, x: str = "ref_year") -> list[tuple[tuple, dict, dict]]:
    """Each pair of points a line of the chart joins: (the line's grouping values, the earlier row, the later row),
    for the lines drawn over the field `x` (years; a chart of months is another matter)."""
    pairs = []
    for data, encoding in _line_marks(spec):
        if encoding["x"]["field"] != x:
            continue
        rows = spec["datasets"][data["name"]]
        fields = [
            encoding[c]["field"] for c in GROUPING if isinstance(encoding.get(c), dict) and "field" in encoding[c]
        ]
        lines: dict[tuple, list[dict]] = defaultdict(list)
        for row in rows:
            lines[tuple(row.get(f) for f in fields)].append(row)
        for key, points in lines.items():
            points.sort(key=lambda row: row[x])
            pairs += [(key, a, b) for a, b in zip(points, points[1:], strict=False)]
    return pairs


def published_origins() -> dict[tuple[str, str, int], dict[tuple[str, str], float]]:
    """(partner, flow, year) -> {(publishing page, basis): value in dollars} for every whole-year export or import in
    Canadian dollars of the curated file; the balance of a page and basis that gives both flows of a year too."""
    found: dict = defaultdict(dict)
    with CURATED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["flow"] in ("export", "import") and row["period"].isdigit() and row["unit"] in UNITS:
                key = (row["partner_code"], row["flow"], int(row["period"]))
                found[key][(row["source_url"], row["basis"])] = float(row["value"]) * UNITS[row["unit"]]
    for (partner, flow, year), by_origin in list(found.items()):
        if flow == "export":
            imports = found.get((partner, "import", year), {})
            for origin in by_origin.keys() & imports.keys():
                found[(partner, "balance", year)][origin] = by_origin[origin] - imports[origin]
    return found
