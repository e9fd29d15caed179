"""`quebec-intl snapshot`: the official snapshot (data/snapshot/) built again from the download cache or the mirror.

Each table is the pipeline's own, built from the official files with the snapshot set aside, written as zstd
parquet; the provinces' shapes are kept in Natural Earth's GeoJSON form (the polygons only). Bytes are written only
when they differ, so a rebuild from the same files leaves the snapshot as it was, byte for byte."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import settings
from ..caching import reset_caches
from ..errors import SettingError
from . import atomic, fetch, pipeline, province_shapes, snapshot, sources

# The tables the pages read whose sources are not in the repository (trade_us_states_annual stands for the monthly
# BTS table, ten times its size, which no page reads).
TABLES = (
    "trade_monthly_partners",
    "trade_monthly",
    "trade_annual_us",
    "exchange_rates",
    "trade_us_states_annual",
)
SHAPES_FILE = "natural_earth_provinces.geojson"
LIMIT_BYTES = 5_000_000  # what the repository may hold of it


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    size: int = 0


@contextmanager
def _without_snapshot(processed: Path | None) -> Iterator[None]:
    """The pipeline reading only the cache and the mirror (into `processed`, when given)."""
    saved = {name: os.environ.get(name) for name in (settings.SNAPSHOT_ENV, settings.PROCESSED_ENV)}
    os.environ[settings.SNAPSHOT_ENV] = settings.NO_SNAPSHOT
    if processed is not None:
        os.environ[settings.PROCESSED_ENV] = str(processed)
    reset_caches()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        reset_caches()


def build(out: Path | None = None, processed: Path | None = None) -> Report:
    """Every part from the cache or the mirror, into `out` (else the snapshot's folder); a source at neither stops
    the build before anything is written."""
    out = out or settings.snapshot_dir()
    if out is None:
        raise SettingError(
            f"{settings.SNAPSHOT_ENV}={settings.NO_SNAPSHOT}: no folder to write the snapshot to; unset it to rebuild "
            f"the package's snapshot (data/snapshot/), or name another folder"
        )
    parts: dict[str, tuple[bytes, dict]] = {}
    with _without_snapshot(processed):
        for table in TABLES:
            if not pipeline.can_load(table):
                raise fetch.SourceUnavailable(
                    f"the snapshot's table {table} needs its sources in the download cache or the mirror: set "
                    f"{settings.MIRROR_ENV}, or run `quebec-intl update`"
                )
            frame = pipeline.load(table)
            parts[table] = (_parquet(frame), {"rows": len(frame), "sources": _origins(table)})
        shapes = sources.get(province_shapes.SOURCE_ID)
        file = province_shapes.shapes_file()
        parts[shapes.id] = (_shapes(file), {"rows": 13, "sources": {shapes.id: _provenance(shapes, file, None)}})
    return _write(out, parts)


def _parquet(frame) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink, compression="zstd", compression_level=19)
    return sink.getvalue()


def _shapes(file: Path) -> bytes:
    polygons = province_shapes.province_polygons(file)
    features = [
        {
            "type": "Feature",
            "properties": {"iso_3166_2": f"{province_shapes.COUNTRY_PREFIX}{code}"},
            "geometry": {"type": "MultiPolygon", "coordinates": shape},
        }
        for code, shape in polygons.items()
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _origins(table: str) -> dict[str, dict]:
    """The official files a table was built from, through the tables it read, each with its provenance."""
    recorded = pipeline.meta(table)
    found = {sid: _provenance(sources.get(sid), Path(e["file"]), e["sha256"]) for sid, e in recorded["sources"].items()}
    for name in recorded["tables"]:
        found.update(_origins(name))
    return dict(sorted(found.items()))


def _provenance(source: sources.Source, file: Path, sha256: str | None) -> dict:
    """A source's copy in the registry's terms; where it sat on this machine is left out (the snapshot is the same
    wherever it is built)."""
    return {
        **fetch.copy_record(source, file),
        "publisher": source.publisher,
        "publisher_fr": source.publisher_fr or source.publisher,
        "citation": source.citation,
        "citation_fr": source.citation_fr or source.citation,
        "sha256": sha256 or sources.sha256_of(file, remembered=False),
        "licence": source.licence,
        "licence_fr": source.licence_fr,
    }


def _write(out: Path, parts: dict[str, tuple[bytes, dict]]) -> Report:
    report = Report()
    manifest = {}
    for name, (data, recorded) in parts.items():
        file = out / (f"{name}.parquet" if name in TABLES else SHAPES_FILE)
        current = file.read_bytes() if file.is_file() else None
        if current != data:
            atomic.write_bytes(file, data)
        (report.unchanged if current == data else report.written).append(file.name)
        report.size += len(data)
        manifest[name] = {"file": file.name, "sha256": sources.sha256_of(file, remembered=False), **recorded}
    text = json.dumps({"parts": manifest}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    index = out / snapshot.MANIFEST
    if not index.is_file() or index.read_text(encoding="utf-8") != text:
        atomic.write_text(index, text)
        report.written.append(index.name)
    else:
        report.unchanged.append(index.name)
    report.size += len(text.encode())
    return report
