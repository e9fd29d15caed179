"""Map geometries embedded in the pages: TopoJSON from the npm packages world-atlas (Natural Earth countries,
1:110m, keyed by ISO 3166-1 numeric code) and us-atlas (U.S. Census Bureau states, keyed by state name),
installed into node_modules/ by `make env`, or found in the folder QUEBEC_INTL_GEOMETRIES names (see settings).
Nothing is fetched when a report runs."""

from __future__ import annotations

import json

import altair as alt
import pycountry

from .. import settings
from ..caching import cached
from ..errors import QuebecIntlError
from .geometries import GEOMETRIES


@cached
def topology(name: str) -> dict:
    geometry = GEOMETRIES[name]
    folder = settings.geometries_dir()
    file = folder / geometry.package / geometry.file if folder else None
    if file is None or not file.is_file():
        raise QuebecIntlError(
            f"map geometries missing: {file or geometry.file}. In a checkout, run `make env` (npm ci installs "
            f"{geometry.package}); elsewhere, set {settings.GEOMETRIES_ENV} to a folder holding the npm packages "
            f"{' and '.join(g.package for g in GEOMETRIES.values())} "
            "(`npm install --prefix DIR` gives DIR/node_modules)."
        )
    return json.loads(file.read_text(encoding="utf-8"))


def iso_numeric(alpha_3: str) -> str | None:
    """The key world-atlas uses for a country: its ISO 3166-1 numeric code, as text ("840")."""
    if not isinstance(alpha_3, str):
        return None
    country = pycountry.countries.get(alpha_3=alpha_3)
    return country.numeric if country else None


def data_name(name: str) -> str:
    return f"geometry-{name}"


def named_data(name: str) -> alt.NamedData:
    """The geometry as a named dataset: charts refer to it, and the figure attaches the TopoJSON to the spec's
    `datasets` once, after Altair has built the chart (walking 100 kB of TopoJSON through Altair is slow)."""
    return alt.NamedData(name=data_name(name), format=alt.DataFormat(type="topojson", feature=GEOMETRIES[name].feature))
