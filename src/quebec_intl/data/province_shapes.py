"""The shapes of Canada's provinces and territories (Natural Earth 1:50m admin-1, a registered source read from the
mirror), keyed by the project's province codes (data/reference/provinces.csv)."""

from __future__ import annotations

import math
from pathlib import Path

from .. import settings
from ..errors import SourceFileError
from . import fetch, sources
from .extract import natural_earth
from .reference import subnational_codes

SOURCE_ID = "natural_earth_provinces"
COUNTRY_PREFIX = "CA-"  # ISO 3166-2 codes of Canada's subdivisions: CA- and the project's own code


def shapes_file() -> Path:
    """The registered file, checked against its checksum; missing, a one-line error saying what to set."""
    source = sources.get(SOURCE_ID)
    try:
        file = fetch.locate(source, allow_download=False)
    except fetch.SourceUnavailable:
        raise fetch.SourceUnavailable(
            f"the map of Canada's provinces needs {source.mirror_path}: set {settings.MIRROR_ENV} to a folder "
            f"holding it (as shared/data/mirror does)"
        ) from None
    fetch.check_registered(source, file)
    return file


def province_polygons(file: Path) -> dict[str, list]:
    """Every province and territory's polygons by its code (QC); a code the project does not know, or a province
    the file lacks, is an error naming it."""
    known = subnational_codes()
    found = {}
    for iso_code, polygons in natural_earth.admin1_polygons(file).items():
        code = iso_code.removeprefix(COUNTRY_PREFIX)
        if not iso_code.startswith(COUNTRY_PREFIX) or code not in known:
            raise SourceFileError(f"{file}: {iso_code} is not one of Canada's provinces or territories")
        _check_rings(file, iso_code, polygons)
        found[code] = polygons
    if missing := [code for code in known if code not in found]:
        raise SourceFileError(f"{file}: no shape for {', '.join(missing)}; restore it from Natural Earth")
    return {code: found[code] for code in known}


def _check_rings(file: Path, iso_code: str, polygons: object) -> None:
    """Each polygon a list of closed rings of at least four (longitude, latitude) points."""
    rings = [ring for polygon in polygons for ring in polygon] if _all_lists(polygons) else None
    if not rings or not all(_is_closed_ring(ring) for ring in rings):
        raise SourceFileError(f"{file}: the rings of {iso_code} are not closed rings of points; restore the file")


def _all_lists(polygons: object) -> bool:
    return isinstance(polygons, list) and all(isinstance(polygon, list) and polygon for polygon in polygons)


def _is_closed_ring(ring: object) -> bool:
    if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
        return False
    return all(
        isinstance(point, list)
        and len(point) >= 2
        and all(isinstance(v, (int, float)) and math.isfinite(v) for v in point[:2])
        and -180 <= point[0] <= 180
        and -90 <= point[1] <= 90
        for point in ring
    )
