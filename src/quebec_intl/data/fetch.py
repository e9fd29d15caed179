"""Downloads into the raw cache (data/raw/<source>/<retrieval date>/): retries, a timeout, a checksum, atomic files.

The transport is a function `http(url, timeout, sink)` that writes the body to `sink` or raises; tests replay
recorded responses through it, so no test touches the network."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .. import settings
from ..errors import SettingError, SourceFileError
from . import atomic, sources

Http = Callable[[str, float, BinaryIO], None]
USER_AGENT = "quebec-intl data pipeline"


class SourceUnavailable(SourceFileError):
    """A source file that is nowhere to be had in this set-up (not in the mirror, the cache, or reachable)."""


class FetchError(SourceUnavailable):
    """A download that failed after every attempt."""


def urllib_http(url: str, timeout: float, sink: BinaryIO) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        shutil.copyfileobj(response, sink, length=1 << 20)


def download(
    url: str,
    target: Path,
    http: Http = urllib_http,
    attempts: int = 3,
    timeout: float = 60.0,
    backoff: float = 2.0,
    sleep: Callable[[float], None] | None = None,
) -> Path:
    """Fetch `url` into `target`: a failed attempt is retried after a growing pause; a failed download leaves
    nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reasons = []
    for attempt in range(1, attempts + 1):
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as tmp:
            try:
                http(url, timeout, tmp)
                tmp.flush()
            except (OSError, urllib.error.URLError, TimeoutError) as exc:
                reasons.append(f"attempt {attempt}: {exc}")
                Path(tmp.name).unlink(missing_ok=True)
                if attempt < attempts:
                    (sleep or time.sleep)(backoff ** (attempt - 1))  # looked up now: a test may replace it
                continue
            except BaseException:  # Ctrl-C mid-download: no partial file is left behind
                Path(tmp.name).unlink(missing_ok=True)
                raise
        Path(tmp.name).replace(target)
        return target
    raise FetchError(f"could not download {url} ({'; '.join(reasons)})")


def statcan_wds_url(pid: str, lang: str = "en") -> str:
    return f"https://www150.statcan.gc.ca/t1/wds/rest/getFullTableDownloadCSV/{pid}/{lang}"


def resolve_statcan_download(pid: str, http: Http = urllib_http, lang: str = "en", **retry) -> str:
    """The Web Data Service answers with JSON whose `object` is the address of the table's zip file."""
    with tempfile.TemporaryDirectory() as tmp:
        answer = download(statcan_wds_url(pid, lang), Path(tmp) / "answer.json", http, **retry)
        try:
            payload = json.loads(answer.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(f"{statcan_wds_url(pid, lang)}: the answer is not JSON ({exc})") from None
    if payload.get("status") != "SUCCESS" or not str(payload.get("object", "")).startswith("http"):
        raise FetchError(f"{statcan_wds_url(pid, lang)}: unexpected answer {payload!r}")
    return payload["object"]


def retrieve(
    source: sources.Source, raw_dir: Path, http: Http = urllib_http, today: dt.date | None = None, **retry
) -> Path:
    """Download a registered source into a new dated folder, with its checksum and provenance beside it."""
    url = (
        resolve_statcan_download(source.wds_pid, http, source.wds_lang, **retry)
        if source.wds_pid
        else source.download_url
    )
    folder = raw_dir / source.id / (today or dt.date.today()).isoformat()
    target = download(url, folder / file_name(source, url), http, **retry)
    provenance = {
        "source_id": source.id,
        "url": url,
        "retrieved": folder.name,
        "sha256": sources.sha256_of(target),
        "bytes": target.stat().st_size,
    }
    atomic.write_text(folder / "provenance.json", json.dumps(provenance, indent=2) + "\n")
    return target


def file_name(source: sources.Source, url: str) -> str:
    """The name a download is kept under: the mirror's name for the source, else the address's last part."""
    return Path(source.mirror_path).name if source.mirror_path else Path(url.split("?")[0]).name


def cached(source: sources.Source, raw_dir: Path) -> Path | None:
    """The newest retrieval in the cache whose file still matches the checksum recorded beside it."""
    for folder in sorted((raw_dir / source.id).glob("????-??-??"), reverse=True):
        meta_file = folder / "provenance.json"
        if not meta_file.is_file():
            continue
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            file = folder / file_name(source, meta["url"])
            expected = meta["sha256"]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
            continue  # a damaged record of a download: that copy is not used (it is downloaded again)
        if file.is_file() and sources.sha256_of(file) == expected:
            return file
    return None


def mirror() -> Path | None:
    """The mirror folder when one is set, checked: a set mirror that is missing, not a folder, or holds none of the
    registered sources is an error, never a silent fall-back to the embedded default."""
    folder = settings.mirror_dir()
    if folder is None:
        return None
    expected = [source.mirror_path for source in sources.registry().values() if source.mirror_path]
    hint = (
        f"set {settings.MIRROR_ENV} to a folder laid out like shared/data/mirror (holding {', '.join(expected)}), "
        f"or unset it to use the embedded default"
    )
    if not folder.exists():
        raise SettingError(f"{settings.MIRROR_ENV}={folder}: no such folder; {hint}")
    if not folder.is_dir():
        raise SettingError(f"{settings.MIRROR_ENV}={folder}: a file, not a folder; {hint}")
    if not any((folder / path).exists() for path in expected):
        raise SettingError(f"{settings.MIRROR_ENV}={folder}: holds none of the registered sources; {hint}")
    return folder


def _checked(source: sources.Source, file: Path) -> Path:
    """The located path, if it is what the source is: a folder of monthly files, or one file."""
    if source.is_folder and not file.is_dir():
        raise SourceFileError(
            f"source {source.id}: {file} is a file, but a folder of monthly files is expected; "
            f"restore the folder as the source publishes it ({source.url})"
        )
    if not source.is_folder and file.is_dir():
        raise SourceFileError(
            f"source {source.id}: {file} is a folder, but one file is expected; move the folder "
            f"away and restore the file ({source.url})"
        )
    return file


def locate(source: sources.Source, http: Http = urllib_http, allow_download: bool = True, **retry) -> Path:
    """The file to read: committed in the repository; else in the mirror when one is set (and nowhere else);
    else the newest valid copy in the cache; else, when allowed, a new download into the cache."""
    if source.path:
        return _checked(source, settings.project_files() / source.path)
    folder = mirror()
    if folder is not None:
        file = folder / str(source.mirror_path)
        if file.exists():
            return _checked(source, file)
        raise SourceUnavailable(f"source {source.id} is not in the mirror: no {file}")
    if (copy := cached(source, settings.raw_dir())) is not None:
        return copy
    if not allow_download:
        raise SourceUnavailable(
            f"source {source.id} is neither in the cache nor in a mirror, and is not downloaded now"
        )
    if not (source.wds_pid or source.download_url):
        raise SourceUnavailable(
            f"source {source.id} is read from a mirror only: set {settings.MIRROR_ENV} to a directory holding "
            f"{source.mirror_path}"
        )
    try:
        return retrieve(source, settings.raw_dir(), http, **retry)
    except FetchError as exc:
        raise FetchError(
            f"source {source.id}: {exc}; no copy in the cache ({settings.raw_dir() / source.id}) either. "
            f"Retry with a network, or set {settings.MIRROR_ENV} to a directory holding {source.mirror_path}."
        ) from None


def verified(source: sources.Source, file: Path) -> bool:
    """Whether the copy read is checked for what it is: committed with the project, a mirror's copy of a registered
    checksum (or a folder whose files are listed with theirs), or a download checked against the checksum recorded
    beside it. A mirror's copy of a source registered without one (a whole Statistics Canada table, which changes with
    every release) is not: the pages that read it say so."""
    return bool(source.path or source.sha256 or source.checksums) or in_cache(file)


def unverified_at_hand(source: sources.Source) -> bool:
    """True when the copy of `source` at hand is one `verified` cannot vouch for (no copy at hand: False)."""
    try:
        return not verified(source, locate(source, allow_download=False))
    except (SourceUnavailable, SourceFileError, SettingError):
        return False


def in_cache(file: Path) -> bool:
    return settings.raw_dir() in file.resolve().parents


def vintage_of(source: sources.Source, file: Path) -> str:
    """A copy's vintage: a download's is its retrieval date (the name of its cache folder); a mirror's or committed
    copy's is the one the registry records."""
    return file.parent.name if in_cache(file) else source.vintage


def check_registered(source: sources.Source, file: Path) -> None:
    """The mirror's copy of a source with a registered checksum must be that very file: another vintage, an edited
    or damaged copy is refused, naming the file and both checksums. (A download is checked against the checksum
    recorded beside it when the cache is read.)"""
    if not source.sha256 or source.is_folder or in_cache(file):
        return
    found = sources.sha256_of(file, remembered=False)
    if found != source.sha256:
        raise SourceFileError(
            f"{file}: its sha256 is {found}, but {sources.registry_path()} registers {source.sha256} for source "
            f"{source.id}: the file was edited, damaged or replaced by another vintage. Restore it from where the "
            f"mirror's README says it comes from, or, for a new vintage, register its checksum and vintage there."
        )
