"""Natural Earth's admin-1 GeoJSON (states and provinces), read as it is: each feature's ISO 3166-2 code and its
polygons (rings of longitude, latitude)."""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import SourceFileError

SHAPES = {"Polygon": lambda coordinates: [coordinates], "MultiPolygon": lambda coordinates: coordinates}


def admin1_polygons(file: Path) -> dict[str, list]:
    """Each feature's polygons by its `iso_3166_2` code (CA-QC); a file that is not a FeatureCollection of polygons
    with that property is refused, naming what is wrong."""
    try:
        collection = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(f"{file}: not a GeoJSON file ({exc}); restore it from Natural Earth") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise SourceFileError(f"{file}: no `features` in it; restore Natural Earth's FeatureCollection")
    polygons: dict[str, list] = {}
    for number, feature in enumerate(features, start=1):
        code = ((feature or {}).get("properties") or {}).get("iso_3166_2")
        geometry = (feature or {}).get("geometry") or {}
        if not isinstance(code, str) or geometry.get("type") not in SHAPES:
            raise SourceFileError(
                f"{file}: feature {number} has no `iso_3166_2` code or no polygon; restore it from Natural Earth"
            )
        if code in polygons:
            raise SourceFileError(f"{file}: {code} is drawn by two features; restore it from Natural Earth")
        polygons[code] = SHAPES[geometry["type"]](geometry.get("coordinates"))
    return polygons
