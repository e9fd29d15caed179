"""The source registry (data/sources.yaml): provenance of every number, and where each file is read from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from . import paths
from .errors import SourceFileError

REGISTRY_PATH = paths.DATA_DIR / "sources.yaml"


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    title_fr: str
    url: str
    licence: str
    licence_fr: str
    basis: str
    frequency: str
    currency: str
    vintage: str
    sha256: str | None = None
    mirror_path: str | None = None
    path: str | None = None
    table_url: str | None = None
    publisher_fr: str | None = None
    caveats: tuple[str, ...] = field(default_factory=tuple)

    def text(self, field: str, lang: str) -> str:
        """A descriptive field in the report's language: `publisher`, `title` or `licence`."""
        french = getattr(self, f"{field}_fr", None)
        return french if lang == "fr" and french else getattr(self, field)

    def local_file(self) -> Path:
        """The file to read: in the mirror for mirrored sources, in the repository for committed ones."""
        if self.path:
            return paths.PROJECT_ROOT / self.path
        mirror = paths.mirror_dir()
        if mirror is None:
            raise SourceFileError(
                f"source {self.id} is read from a mirror, but {paths.MIRROR_ENV} is not set: "
                f"point it at a directory laid out like shared/data/mirror"
            )
        file = mirror / str(self.mirror_path)
        if not file.is_file():
            raise SourceFileError(
                f"{file}: file not found for source {self.id}; check {paths.MIRROR_ENV}={mirror}"
            )
        return file


@cache
def registry() -> dict[str, Source]:
    entries = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))["sources"]
    return {e["id"]: Source(**{**e, "caveats": tuple(e.get("caveats", ()))}) for e in entries}


def get(source_id: str) -> Source:
    try:
        return registry()[source_id]
    except KeyError:
        raise SourceFileError(f"source {source_id!r} is not in {REGISTRY_PATH}") from None


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
