"""Map geometries embedded in the pages: TopoJSON from the npm packages world-atlas (Natural Earth countries,
1:110m, keyed by ISO 3166-1 numeric code) and us-atlas (U.S. Census Bureau states, keyed by state name),
installed into node_modules/ by `make env`, or found in the folder QUEBEC_INTL_GEOMETRIES names (see settings);
and Canada's provinces and territories (Natural Earth 1:50m, from the mirror), simplified for the page and keyed by
province code. Nothing is fetched when a report runs."""

from __future__ import annotations

import json
from pathlib import Path

from .. import lazy, settings
from ..caching import by_file, cached
from ..data import fetch, province_shapes
from ..errors import QuebecIntlError
from . import shapes
from .geometries import GEOMETRIES, SOURCE_GEOMETRIES

pycountry = lazy.module("pycountry")  # imported when a map first names a country (quebec_intl.lazy)
alt = lazy.module("altair")  # imported when a chart is first made (quebec_intl.lazy)

# The provinces as a page draws them, some 43 kB instead of the source's 675 kB: nothing smaller than a pixel of a
# map of Canada 620 px wide (some 9 km: Canada is 5,500 km across) is lost, nor any island a reader could point at.
PROVINCES_TOLERANCE_KM = 10.0
PROVINCES_SMALLEST_KM2 = 1500.0
PROVINCES_DIGITS = 2  # a hundredth of a degree: about a kilometre


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


def canada_provinces() -> list[dict]:
    """Canada's 13 provinces and territories as GeoJSON features whose `id` is the province code (QC), simplified
    for the page (visual/shapes.py); worked out once per file."""
    return _simplified_provinces(province_shapes.shapes_file())


def has_canada_provinces() -> bool:
    """Whether the provinces' shapes are at hand (the mirror's Natural Earth file, as registered)."""
    try:
        province_shapes.shapes_file()
    except fetch.SourceUnavailable:
        return False
    return True


@by_file
def _simplified_provinces(path: Path) -> list[dict]:
    polygons = province_shapes.province_polygons(path)
    simple = shapes.simplified(polygons, PROVINCES_TOLERANCE_KM, PROVINCES_SMALLEST_KM2, PROVINCES_DIGITS)
    return [
        {
            "type": "Feature",
            "id": code,
            "properties": {},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[list(point) for point in ring] for ring in polygon] for polygon in simple[code]],
            },
        }
        for code in polygons
    ]


SOURCE_SHAPES = {"ca_provinces": canada_provinces}


def dataset(name: str) -> object:
    """What a figure attaches under the geometry's name: an npm package's TopoJSON, or a source's features."""
    return SOURCE_SHAPES[name]() if name in SOURCE_GEOMETRIES else topology(name)


def data_name(name: str) -> str:
    return f"geometry-{name}"


def named_data(name: str) -> alt.NamedData:
    """The geometry as a named dataset: charts refer to it, and the figure attaches the TopoJSON (or the features)
    to the spec's `datasets` once, after Altair has built the chart (walking 100 kB of TopoJSON through Altair is
    slow)."""
    if name in SOURCE_GEOMETRIES:
        return alt.NamedData(name=data_name(name))  # each datum a GeoJSON feature
    return alt.NamedData(name=data_name(name), format=alt.DataFormat(type="topojson", feature=GEOMETRIES[name].feature))
