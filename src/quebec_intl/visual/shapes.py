"""Lighter shapes for a page: fewer points, fewer decimals, no islet too small to see.

GEOS's coverage simplification (through shapely) simplifies each border once for the shapes that share it, so
neighbours keep the same points along it, no gap or overlap opens between them and no ring crosses itself. Distances
and areas are in kilometres on a sinusoidal (equal-area) projection centred on the shapes' middle meridian: a degree
of longitude in the Arctic counts as the short distance it is."""

from __future__ import annotations

import math

import numpy as np

from .. import lazy

shapely = lazy.module("shapely")  # imported when a map is first simplified (quebec_intl.lazy)

EARTH_RADIUS_KM = 6371.0

Point = tuple[float, float]  # longitude, latitude
Ring = list[Point]  # closed: its last point is its first
Polygon = list[Ring]  # an outer ring, then its holes


def simplified(
    shapes: dict[str, list[Polygon]], tolerance_km: float, smallest_km2: float, digits: int
) -> dict[str, list[Polygon]]:
    """Each shape with the points that matter at `tolerance_km`, rounded to `digits` decimals, outer rings wound
    clockwise (as d3 draws them). A polygon of less than `smallest_km2` that touches no other shape is left out (an
    island two shapes share stays whole), so a shape may lose islets, never its largest polygon."""
    codes = list(shapes)
    meridian = _middle_longitude(shapes)
    drawn = np.array([shapely.MultiPolygon([(p[0], p[1:]) for p in shapes[code]]) for code in codes])
    projected = shapely.transform(drawn, lambda xy: _to_km(xy, meridian))
    simple = shapely.coverage_simplify(projected, tolerance_km)
    neighbours = shapely.STRtree(simple)
    kept = np.array([_without_islets(i, shape, neighbours, smallest_km2) for i, shape in enumerate(simple)])
    back = shapely.transform(kept, lambda xy: _to_degrees(xy, meridian))
    # Rounding each point alike keeps the borders shared (GEOS's precision reducer may move one side's point only).
    rounded = shapely.remove_repeated_points(shapely.transform(back, lambda xy: np.round(xy, digits)))
    rounded = shapely.orient_polygons(rounded, exterior_cw=True)
    return {code: _polygons(shape, digits) for code, shape in zip(codes, rounded, strict=True)}


def _without_islets(
    index: int, shape: shapely.Geometry, neighbours: shapely.STRtree, smallest_km2: float
) -> shapely.MultiPolygon:
    parts = list(shapely.get_parts(shape))
    largest = max(parts, key=lambda part: part.area)

    def touches_another(part: shapely.Geometry) -> bool:
        return any(int(other) != index for other in neighbours.query(part, predicate="intersects"))

    return shapely.MultiPolygon(
        [part for part in parts if part is largest or part.area >= smallest_km2 or touches_another(part)]
    )


def _middle_longitude(shapes: dict[str, list[Polygon]]) -> float:
    longitudes = [p[0] for polygons in shapes.values() for polygon in polygons for ring in polygon for p in ring]
    return (min(longitudes) + max(longitudes)) / 2 if longitudes else 0.0


def _to_km(lon_lat: np.ndarray, meridian: float) -> np.ndarray:
    lon, lat = np.radians(lon_lat).T
    return EARTH_RADIUS_KM * np.column_stack([(lon - math.radians(meridian)) * np.cos(lat), lat])


def _to_degrees(xy: np.ndarray, meridian: float) -> np.ndarray:
    x, y = (xy / EARTH_RADIUS_KM).T
    return np.degrees(np.column_stack([x / np.cos(y) + math.radians(meridian), y]))


def _polygons(shape: shapely.Geometry, digits: int) -> list[Polygon]:
    """A (multi)polygon's rings as lists of points, each coordinate written with at most `digits` decimals."""

    def ring(line: shapely.Geometry) -> Ring:
        return [(round(x, digits), round(y, digits)) for x, y in line.coords]

    return [[ring(part.exterior), *map(ring, part.interiors)] for part in shapely.get_parts(shape)]
