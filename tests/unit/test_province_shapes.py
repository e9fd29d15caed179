"""The map of the provinces: Natural Earth's shapes read from the mirror and keyed by the project's codes, simplified
into a page-sized geometry that keeps every province and territory, their shared borders and valid rings; a missing
or malformed file is one line saying what to do."""

import json
from pathlib import Path

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.data import fetch, province_shapes, reference
from quebec_intl.errors import SourceFileError
from quebec_intl.visual import charts, maps, shapes

NATURAL_EARTH = "natural-earth/canada_provinces_ne_50m.geojson"
EMBEDDED_BYTES_AT_MOST = 45_000  # the source holds 675 kB; a page embeds this geometry once


def signed_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def crosses(p, q, r, s) -> bool:
    """Whether segments pq and rs cross at a point inside both (touching ends do not count)."""

    def side(a, b, c):
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (value > 0) - (value < 0)

    return side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0


def crossing_pairs(ring) -> list[tuple[int, int]]:
    n = len(ring) - 1
    return [
        (i, j)
        for i in range(n)
        for j in range(i + 2, n)
        if not (i == 0 and j == n - 1) and crosses(ring[i], ring[i + 1], ring[j], ring[j + 1])
    ]


@pytest.fixture
def provinces(mirror_dir, monkeypatch):
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror_dir))
    return {feature["id"]: feature for feature in maps.canada_provinces()}


def test_every_province_and_territory_is_drawn_under_its_code(provinces):
    assert list(provinces) == reference.subnational_codes()
    assert len(provinces) == 13
    for code, feature in provinces.items():
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "MultiPolygon"
        assert feature["geometry"]["coordinates"], code
    lon, lat = zip(*(p for polygon in provinces["QC"]["geometry"]["coordinates"] for ring in polygon for p in ring))
    assert -80 < min(lon) < -79 and -58 < max(lon) < -57 and 44.9 < min(lat) < 45.1 and 62 < max(lat) < 63


def test_the_simplified_rings_are_closed_simple_and_wound_as_the_source(provinces):
    for code, feature in provinces.items():
        for polygon in feature["geometry"]["coordinates"]:
            for number, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1], code
                assert len({tuple(p) for p in ring}) == len(ring) - 1, code  # no point twice
                # Outer rings clockwise, holes counterclockwise, as Natural Earth (and d3) wind them.
                assert (signed_area(ring) < 0) == (number == 0), code
                assert crossing_pairs(ring) == [], code


def test_neighbours_keep_the_same_points_along_their_border(provinces, mirror_dir):
    source = province_shapes.province_polygons(mirror_dir / NATURAL_EARTH)
    owners = {}
    for code, polygons in source.items():
        for point in {tuple(p) for polygon in polygons for ring in polygon for p in ring}:
            owners.setdefault(point, set()).add(code)
    drawn = {
        code: {tuple(p) for polygon in f["geometry"]["coordinates"] for ring in polygon for p in ring}
        for code, f in provinces.items()
    }
    digits = maps.PROVINCES_DIGITS
    shared = {(round(x, digits), round(y, digits)): codes for (x, y), codes in owners.items() if len(codes) > 1}
    kept = [(point, codes) for point, codes in shared.items() if any(point in drawn[code] for code in codes)]
    assert len(kept) > 50  # the borders are drawn with points of their own, not reduced to their ends
    assert [(point, codes) for point, codes in kept if not all(point in drawn[code] for code in codes)] == []


def test_the_page_embeds_a_small_part_of_the_source(provinces, mirror_dir):
    embedded = len(json.dumps(list(provinces.values()), separators=(",", ":")))
    assert embedded <= EMBEDDED_BYTES_AT_MOST < (mirror_dir / NATURAL_EARTH).stat().st_size / 10


def test_without_the_file_the_error_says_what_to_set(tmp_path, monkeypatch, mirror_dir):
    other = tmp_path / "mirror" / "bank-of-canada"
    other.mkdir(parents=True)
    (other / "FX_RATES_ANNUAL.json").write_bytes((mirror_dir / "bank-of-canada" / "FX_RATES_ANNUAL.json").read_bytes())
    monkeypatch.setenv(settings.MIRROR_ENV, str(tmp_path / "mirror"))
    with pytest.raises(fetch.SourceUnavailable) as raised:
        maps.canada_provinces()
    message = str(raised.value)
    assert "\n" not in message and settings.MIRROR_ENV in message and NATURAL_EARTH in message


@pytest.mark.usefixtures("no_mirror")
def test_without_a_mirror_the_error_says_what_to_set():
    with pytest.raises(fetch.SourceUnavailable, match=settings.MIRROR_ENV):
        maps.canada_provinces()


def square(x: float, y: float, size: float = 1.0) -> list:
    """A clockwise square."""
    return [(x, y), (x, y + size), (x + size, y + size), (x + size, y), (x, y)]


def feature_file(tmp_path: Path, features: list[dict]) -> Path:
    file = tmp_path / "shapes.geojson"
    file.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return file


def feature(iso_code: str, ring: list) -> dict:
    return {
        "type": "Feature",
        "properties": {"iso_3166_2": iso_code},
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
    }


@pytest.mark.parametrize(
    "content, named",
    [
        ("{not json", "not a GeoJSON file"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "no `features`"),
        (json.dumps({"type": "FeatureCollection", "features": [feature("US-GA", square(0, 0, 1))]}), "US-GA"),
        (json.dumps({"type": "FeatureCollection", "features": [feature("CA-QC", square(0, 0, 1))]}), "no shape for NL"),
        (json.dumps({"type": "FeatureCollection", "features": [feature("CA-QC", [(0, 0), (1, 1)])]}), "CA-QC"),
    ],
)
def test_a_malformed_file_is_refused_naming_what_is_wrong(tmp_path, content, named):
    file = tmp_path / "shapes.geojson"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(SourceFileError, match=named) as raised:
        province_shapes.province_polygons(file)
    assert "\n" not in str(raised.value)


def test_two_neighbours_are_simplified_alike_and_an_islet_left_out():
    # Two clockwise squares sharing a bent side through (-78.9, 50.5), 7 km off the straight line; each has a point
    # on a straight outer side, which goes.
    west = [(-80.0, 50.0), (-80.0, 50.5), (-80.0, 51.0), (-79.0, 51.0), (-78.9, 50.5), (-79.0, 50.0), (-80.0, 50.0)]
    east = [(-79.0, 50.0), (-78.9, 50.5), (-79.0, 51.0), (-78.0, 51.0), (-78.0, 50.5), (-78.0, 50.0), (-79.0, 50.0)]
    islet = square(-70.0, 50.0, 0.01)  # about 0.8 km²
    simple = shapes.simplified({"A": [[west], [islet]], "B": [[east]]}, tolerance_km=1.0, smallest_km2=10.0, digits=2)
    assert len(simple["A"]) == len(simple["B"]) == 1  # the islet is gone, the squares stay
    a, b = ({p for p in polygons[0][0]} for polygons in (simple["A"], simple["B"]))
    assert a & b == {(-79.0, 50.0), (-78.9, 50.5), (-79.0, 51.0)}
    assert (-80.0, 50.5) not in a and (-78.0, 50.5) not in b
    assert all(signed_area(polygons[0][0]) < 0 for polygons in simple.values())


def test_the_province_map_outlines_quebec_and_greys_provinces_without_exports():
    frame = pd.DataFrame(
        {
            "province_code": ["QC", "ON", "NU"],
            "province": ["Québec", "Ontario", "Nunavut"],
            "value_usd_m": [2.0, 3.0, 0.0],
            "share_pct": [40.0, 60.0, 0.0],
            "rank_label": ["2e", "1er", "—"],
        }
    )
    titles = {"title": "T", "share": "S", "value": "V", "rank": "R"}
    spec = charts.province_map(maps.named_data("ca_provinces"), frame, "QC", titles).to_dict()
    filled, outline = spec["layer"]
    assert spec["projection"] == charts.CANADA_PROJECTION and spec["data"]["name"] == maps.data_name("ca_provinces")
    assert filled["encoding"]["color"]["value"] == charts.NO_EXPORTS_GREY
    assert filled["encoding"]["color"]["condition"]["field"] == "share_pct"
    assert outline["transform"][-1] == {"filter": "(datum.id === 'QC')"}
    assert [t["field"] for t in filled["encoding"]["tooltip"]] == ["province", "value_usd_m", "share_pct", "rank_label"]


@pytest.mark.usefixtures("mirror")
def test_without_the_base_map_a_state_page_keeps_its_ranked_table_and_says_why(monkeypatch):
    from quebec_intl.reports import partner
    from quebec_intl.reports.context import ReportContext
    from quebec_intl.visual.blocks import Figure, Note, Table

    data = partner.load("US-GA")
    drawn = partner.canada_share(data, ReportContext.of("en"))
    assert [type(b) for b in drawn.blocks][:1] == [Figure] and isinstance(drawn.blocks[-1], Table)

    def unavailable():
        raise fetch.SourceUnavailable("no Natural Earth file")

    monkeypatch.setattr(province_shapes, "shapes_file", unavailable)
    section = partner.canada_share(data, ReportContext.of("fr"))
    assert not any(isinstance(block, Figure) for block in section.blocks)
    notes = [block.text for block in section.blocks if isinstance(block, Note)]
    assert len(notes) == 1 and "carte des provinces n’est pas tracée" in notes[0].replace("'", "’")
    table = next(block for block in section.blocks if isinstance(block, Table))
    assert len(table.rows) == len(data.trade.provinces.exports) >= 10 and table.rows[0][0] == "1er"
