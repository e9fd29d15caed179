"""The official snapshot the package ships (data/snapshot/): the tidy tables the pages read, built by the pipeline
from the official files, and the provinces' shapes, each part with the provenance of the files it came from.

It is the last place a table's data is read from, after the download cache and the mirror (`fetch.locate`,
`pipeline`): a fresh clone with neither renders the official figures from it. `snapshot.json` lists the parts:

    {"parts": {"<table or source id>": {"file", "sha256", "rows", "sources": {"<source id>": {publisher, citation,
     vintage, retrieved, released, sha256 (of the file it came from), licence, licence_fr}}}}}

Written by `quebec-intl snapshot` (data/snapshot_build.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import settings
from ..caching import by_file
from ..errors import SourceFileError
from . import text_storage

MANIFEST = "snapshot.json"


@dataclass(frozen=True)
class Part:
    """One part of the snapshot: a tidy table (parquet) or a source's file in its own format (the shapes)."""

    name: str
    file: Path
    sha256: str
    sources: dict[str, dict]  # each source id with its provenance (registry terms)

    @property
    def is_table(self) -> bool:
        return self.file.suffix == ".parquet"


def folder() -> Path | None:
    return settings.snapshot_dir()


def parts() -> dict[str, Part]:
    """The parts of the snapshot in use; none without one (QUEBEC_INTL_SNAPSHOT=none, or a folder without it)."""
    base = folder()
    manifest = base / MANIFEST if base else None
    if manifest is None or not manifest.is_file():
        return {}
    return _parts(manifest)


@by_file
def _parts(path: Path) -> dict[str, Part]:
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))["parts"]
        return {
            name: Part(name, path.parent / entry["file"], entry["sha256"], entry["sources"])
            for name, entry in recorded.items()
        }
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise SourceFileError(
            f"{path}: the snapshot's list of parts cannot be read ({exc}); restore it with `git checkout` or "
            f"rebuild it with `quebec-intl snapshot`"
        ) from None


def table(name: str) -> Part | None:
    """The snapshot's copy of a tidy table, if it holds one."""
    part = parts().get(name)
    return part if part is not None and part.is_table else None


def source_file(source_id: str) -> Path | None:
    """The snapshot's copy of a source kept in its own format (the provinces' shapes), if it holds one."""
    part = parts().get(source_id)
    return part.file if part is not None and not part.is_table and part.file.is_file() else None


def part_of(source_id: str) -> Part | None:
    """The part that holds what the snapshot took from a source (a table built from it, or its file)."""
    return next((part for part in parts().values() if source_id in part.sources), None)


def provenance(source_id: str) -> dict:
    """What the snapshot records of a source's copy: vintage, retrieved, released, sha256..."""
    part = part_of(source_id)
    return dict(part.sources[source_id]) if part else {}


def read(name: str) -> pd.DataFrame:
    """A table of the snapshot, checked against its recorded checksum first: an edited or damaged part is refused."""
    from . import sources  # the registry's checksum routine (sources imports nothing of this module)

    part = table(name)
    if part is None:
        raise SourceFileError(f"the snapshot holds no table {name}")
    if not part.file.is_file() or sources.sha256_of(part.file) != part.sha256:
        raise SourceFileError(
            f"{part.file}: missing or not the file {MANIFEST} records (sha256 {part.sha256}); restore it with "
            f"`git checkout`, or rebuild the snapshot with `quebec-intl snapshot`"
        )
    with text_storage.as_tables():
        return pd.read_parquet(part.file)
