"""The source registry (data/sources.yaml): provenance of every number, and where each file is read from."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings, yamlfile
from ..caching import CACHE, cached
from ..errors import SourceFileError
from . import atomic


def registry_path() -> Path:
    return settings.data_dir() / "sources.yaml"


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
    table_url: str | None = None  # the publisher's page of the table or data a page links (never a compiler's copy)
    table_url_fr: str | None = None  # the same page in French, where the publisher has one
    publisher_fr: str | None = None
    wds_pid: str | None = None
    wds_lang: str = "en"  # the language of the Web Data Service download (`fr`: the French version of the table)
    download_url: str | None = None  # a file the project may download as it is (no Web Data Service step)
    caveats: tuple[str, ...] = field(default_factory=tuple)
    citation: str = ""  # how a page cites it: the official publisher and table (Statistique Canada, tableau …)
    citation_fr: str = ""
    coverage: str = ""  # the periods it covers, in words, as a page prints them
    coverage_fr: str = ""
    compiled_by: str | None = None  # who made the copy the project reads, when not the publisher (never on a page)
    data_to: str = ""  # the last period its statistics cover (YYYY, YYYY-MM or YYYY-MM-DD)
    read_to: str = ""  # for cited facts: when their pages were last read
    checksums: str | None = None  # for a folder: the list (under data/) of each file's sha256 and lines
    retrieved: str = ""  # when the registered copy was taken from its publisher (YYYY-MM-DD), where known
    released: str = ""  # when the publisher released the data of the registered copy (YYYY-MM-DD), where known

    @property
    def checksums_file(self) -> Path | None:
        return settings.data_dir() / self.checksums if self.checksums else None

    @property
    def is_folder(self) -> bool:
        """A source kept as a folder of files (a file a month), not as one file."""
        return bool(self.mirror_path) and not Path(self.mirror_path).suffix

    def link(self, lang: str) -> str | None:
        """The publisher's page a report links for this source, in the report's language where there is one."""
        return self.text("table_url", lang)

    def text(self, field: str, lang: str) -> str:
        """A descriptive field in the report's language: `publisher`, `title`, `licence`, `citation`, `coverage`."""
        french = getattr(self, f"{field}_fr", None)
        return french if lang == "fr" and french else getattr(self, field)


@cached
def registry() -> dict[str, Source]:
    entries = yamlfile.parse(registry_path().read_text(encoding="utf-8"))["sources"]
    return {e["id"]: Source(**{**e, "caveats": tuple(e.get("caveats", ()))}) for e in entries}


def get(source_id: str) -> Source:
    try:
        return registry()[source_id]
    except KeyError:
        raise SourceFileError(f"source {source_id!r} is not in {registry_path()}") from None


def sha256_of(path: Path, remembered: bool = True) -> str:
    """The file's checksum; for a folder of files, the checksum of their relative names and checksums. Without
    `remembered`, every file is read again, whatever an earlier run recorded for its size and time: what a table
    records as read, and what a registered checksum is checked against, is then the very content."""
    if path.is_dir():
        digest = hashlib.sha256()
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(f"{file.relative_to(path).as_posix()} {sha256_of(file, remembered)}\n".encode())
        return digest.hexdigest()
    key = _stat_key(path)
    if remembered and key in _SUMS:
        return _SUMS[key]
    known = _known_checksums().get(key[0]) if remembered else None
    if isinstance(known, list) and len(known) == 3 and known[:2] == list(key[1:]):
        _SUMS[key] = str(known[2])
    else:
        _SUMS[key] = _hash(*key)
    return _SUMS[key]


def _stat_key(path: Path) -> tuple[str, int, int]:
    """What a file's sum is remembered by: its real path, size and modification time."""
    status = path.stat()
    return real_path(str(path)), status.st_size, status.st_mtime_ns


@cached
def real_path(path: str) -> str:
    """The file's path with its links resolved, as checksums are remembered by (a copy of the mirror reached through a
    link is the same file) and a copy's place is judged (the cache's, the snapshot's); once per path a process: a
    no-op `render --all` asks for thousands of files' sums, and each page for its sources' copies."""
    return str(Path(path).resolve())


CHECKSUMS_FILE = ".checksums.json"  # in the download cache: checksums earlier runs computed, with the file's stat

# Each file's checksum by path, size and modification time, in this process: a batch hashes each file once. A file
# an earlier run hashed at the same size and time is not read again (as git trusts its index), so a no-op render
# reads no source file whole; an edit that keeps both would fool that, hence `remembered=False` for what must be the
# very content, and `forget_remembered` (`render --force`).
_SUMS: dict[tuple[str, int, int], str] = CACHE.store(f"{__name__}.sha256_of")


def remember_written(path: Path, digest: str) -> None:
    """The sum of a file this process has just written, from the bytes it wrote: the next `render --all` knows a page
    the previous one wrote without reading it again."""
    key = _stat_key(path)
    _SUMS[key] = digest
    _remember(*key, digest)


def _hash(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    _remember(path, size, mtime_ns, digest.hexdigest())
    return digest.hexdigest()


def forget_remembered() -> None:
    """Checksums are computed again in this process, and the record rewritten with them, instead of trusting what
    an earlier run recorded for a file's size and time."""
    _known_checksums().clear()
    _SUMS.clear()
    _UNSAVED.clear()
    with contextlib.suppress(OSError):  # a read-only cache: nothing is remembered there anyway
        atomic.write_text(_checksums_path(), "{}")  # the kernels a batch starts read the record too


def _checksums_path() -> Path:
    return settings.raw_dir() / CHECKSUMS_FILE


@cached
def _known_checksums() -> dict[str, list]:
    """What earlier runs recorded; an unreadable or damaged record is none (every file is hashed again)."""
    try:
        known = json.loads(_checksums_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


# The files hashed since the record was last written (by path): forgotten with the record read (`_known_checksums`)
# at a reset of the caches, so that what is saved is always the record read plus this process's sums.
_UNSAVED: dict[str, bool] = CACHE.store(f"{__name__}._unsaved", by_content=False)


def _remember(path: str, size: int, mtime_ns: int, digest: str) -> None:
    known = _known_checksums()
    if known.get(path) == [size, mtime_ns, digest]:
        return  # a file hashed again to be sure: nothing new to record
    known[path] = [size, mtime_ns, digest]
    _UNSAVED[path] = True


def save_remembered() -> None:
    """Write the sums this process computed to the record, once for all of them: a `render --all` after a cold one
    hashes every page the cold one wrote, and rewriting the whole record for each cost more than the rest of it. The
    command line saves at the end of each command, a kernel at the end of each page; a process that never saves
    only costs the next one the same hashes."""
    if not _UNSAVED:
        return
    with contextlib.suppress(OSError):  # a read-only cache: the record only saves time
        atomic.write_text(_checksums_path(), json.dumps(_known_checksums(), sort_keys=True))
    _UNSAVED.clear()
