"""Build the tidy tables (data/processed/) from their sources: load, process, validate, save atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import atomic, paths, sources
from .extract import curated_figures, statcan_us_extract
from .transform import published_annual, trade_monthly


@dataclass(frozen=True)
class TableBuild:
    """One tidy table: which source it comes from and how the source file becomes the table."""

    table: str
    source_id: str
    process: Callable[[Path, str], pd.DataFrame]

    @property
    def needs_mirror(self) -> bool:
        return sources.get(self.source_id).mirror_path is not None


BUILDS = {
    build.table: build
    for build in (
        TableBuild(
            "trade_monthly",
            "statcan_12100175_us_extract",
            lambda file, source_id: trade_monthly.from_us_extract(
                statcan_us_extract.extract(file), source_id, str(file)
            ),
        ),
        TableBuild(
            "published_annual",
            "curated_trade_figures",
            lambda file, source_id: published_annual.from_curated(
                curated_figures.extract(file), source_id, str(file)
            ),
        ),
    )
}


def table_path(table: str) -> Path:
    return paths.processed_dir() / f"{table}.parquet"


def _meta_path(table: str) -> Path:
    return paths.processed_dir() / f"{table}.meta.json"


def build(table: str) -> pd.DataFrame:
    """Process the table's source and replace the stored table only once the new one has passed validation."""
    spec = BUILDS[table]
    file = sources.get(spec.source_id).local_file()
    frame = spec.process(file, spec.source_id)
    atomic.write_parquet(table_path(table), frame)
    meta = {"table": table, "source_id": spec.source_id, "source_file": str(file),
            "source_sha256": sources.sha256_of(file), "rows": len(frame)}
    atomic.write_text(_meta_path(table), json.dumps(meta, indent=2) + "\n")
    return frame


def available_tables() -> list[str]:
    """The tables the current set-up can build: mirrored sources only when QUEBEC_INTL_MIRROR is set."""
    has_mirror = paths.mirror_dir() is not None
    return [name for name, spec in BUILDS.items() if has_mirror or not spec.needs_mirror]


def build_all() -> dict[str, int]:
    return {table: len(build(table)) for table in available_tables()}


def is_current(table: str) -> bool:
    """True when the stored table was built from the very file the source now points at."""
    meta_file = _meta_path(table)
    if not (table_path(table).is_file() and meta_file.is_file()):
        return False
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    file = sources.get(BUILDS[table].source_id).local_file()
    return meta.get("source_file") == str(file) and meta.get("source_sha256") == sources.sha256_of(file)


def load(table: str) -> pd.DataFrame:
    """The tidy table, rebuilt first if its source changed since it was stored."""
    if not is_current(table):
        return build(table)
    return pd.read_parquet(table_path(table))
