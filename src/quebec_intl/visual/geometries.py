"""Which map geometries the pages embed: each npm package, its TopoJSON file, the feature drawn and its licence; and
the shapes read from a registered source of the mirror, simplified for the page.
Apart from the maps so that a publishing batch can fingerprint the files without loading the charting library."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Geometry:
    package: str
    file: str
    feature: str
    licence: str


@dataclass(frozen=True)
class SourceGeometry:
    """Shapes from a registered source (data/sources.yaml), embedded as a list of GeoJSON features."""

    source_id: str
    licence: str


GEOMETRIES = {
    "world": Geometry(
        "world-atlas", "countries-110m.json", "countries", "Natural Earth, public domain (world-atlas, ISC)"
    ),
    "us_states": Geometry("us-atlas", "states-10m.json", "states", "U.S. Census Bureau, public domain (us-atlas, ISC)"),
}
SOURCE_GEOMETRIES = {
    "ca_provinces": SourceGeometry("natural_earth_provinces", "Natural Earth, public domain"),
}
