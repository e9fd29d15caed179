"""Downloads into the raw cache (data/raw/<source>/<retrieval date>/): retries, a timeout, a checksum, atomic files;
and where a source's file is read from (`locate`: the cache's newest vintage, then the mirror, then the snapshot,
then a download).

The transport is a function `http(url, timeout, sink)` that writes the body to `sink` or raises (requests, with a
connect and a read timeout); unit tests replay recorded responses through it, and `update`'s tests point the service
addresses (settings.SERVICES) at a local replica."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
import urllib.error
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .. import lazy, settings
from ..errors import SettingError, SourceFileError
from . import atomic, snapshot, sources

requests = lazy.module("requests")  # imported when a file is first fetched (quebec_intl.lazy)

Http = Callable[[str, float, BinaryIO], None]
USER_AGENT = "quebec-intl data pipeline"


class SourceUnavailable(SourceFileError):
    """A source file that is nowhere to be had in this set-up (not in the mirror, the cache, or reachable)."""


class FetchError(SourceUnavailable):
    """A download that failed after every attempt; `status` is the HTTP status of a refusal (404, 409...), if any."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class Refused(OSError):
    """A service's answer with an HTTP error status: a client error (4xx) is not retried, a server error is."""

    def __init__(self, url: str, status: int, reason: str):
        super().__init__(f"{url} answered HTTP {status} {reason}".rstrip())
        self.status = status


CONNECT_TIMEOUT = 10.0


def http_get(url: str, timeout: float, sink: BinaryIO) -> None:
    """GET `url` into `sink` (requests, streamed; `timeout` bounds each wait for data, the connection 10 s)."""
    with requests.get(
        url, headers={"User-Agent": USER_AGENT}, stream=True, timeout=(min(CONNECT_TIMEOUT, timeout), timeout)
    ) as response:
        if response.status_code >= 400:
            raise Refused(url, response.status_code, response.reason or "")
        for chunk in response.iter_content(chunk_size=1 << 20):
            sink.write(chunk)


def http_json(url: str, timeout: float = 30.0, payload: object = None) -> object:
    """A service's JSON answer (POSTed `payload` when given): a refusal or an answer that is not JSON is a
    FetchError naming the address."""
    try:
        send = requests.post if payload is not None else requests.get
        response = send(
            url,
            json=payload,
            headers={"User-Agent": USER_AGENT},
            timeout=(min(CONNECT_TIMEOUT, timeout), timeout),
        )
    except requests.RequestException as exc:
        raise FetchError(f"{url}: no answer ({transport_reason(exc)})") from None
    if response.status_code >= 400:
        raise FetchError(f"{url} answered HTTP {response.status_code} {response.reason}", response.status_code)
    try:
        return response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "?").split(";")[0]
        raise FetchError(f"{url}: the answer is not JSON (it is {kind})") from None


def transport_reason(exc: BaseException) -> str:
    """A transport error in a few words (requests nests the socket's reason deep inside its message)."""
    if isinstance(exc, requests.ConnectionError):
        return "connection refused or host unreachable"
    if isinstance(exc, requests.Timeout):
        return "timed out"
    return str(exc)


def service_address(url: str) -> str:
    """An official address as this set-up reaches it: under the service address its setting gives, if any."""
    for name, official in settings.SERVICES.items():
        if url.startswith(official):
            return settings.service_url(name) + url[len(official) :]
    return url


BACKOFF = 2.0  # each pause between attempts twice the one before


def download(
    url: str,
    target: Path,
    http: Http = http_get,
    attempts: int = 3,
    timeout: float = 60.0,
    sleep: Callable[[float], None] | None = None,
) -> Path:
    """Fetch `url` into `target`: a failed attempt is retried after a growing pause (1 s, 2 s, 4 s...); a failed
    download leaves nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reasons = []
    for attempt in range(1, attempts + 1):
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as tmp:
            try:
                http(url, timeout, tmp)
                tmp.flush()
            except (OSError, urllib.error.URLError, TimeoutError) as exc:
                Path(tmp.name).unlink(missing_ok=True)
                if isinstance(exc, Refused) and 400 <= exc.status < 500:  # asking again gets the same answer
                    raise FetchError(f"could not download {url} ({exc})", exc.status) from None
                said = transport_reason(exc) if isinstance(exc, requests.RequestException) else exc
                reasons.append(f"attempt {attempt}: {said}")
                if attempt < attempts:
                    (sleep or time.sleep)(BACKOFF ** (attempt - 1))  # looked up now: a test may replace it
                continue
            except BaseException:  # Ctrl-C mid-download: no partial file is left behind
                Path(tmp.name).unlink(missing_ok=True)
                raise
        Path(tmp.name).replace(target)
        return target
    raise FetchError(f"could not download {url} ({'; '.join(reasons)})")


def statcan_wds_url(pid: str, lang: str = "en") -> str:
    return f"{settings.service_url(settings.WDS_ENV)}/getFullTableDownloadCSV/{pid}/{lang}"


def resolve_statcan_download(pid: str, http: Http = http_get, lang: str = "en", **retry) -> str:
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
    source: sources.Source, raw_dir: Path, http: Http = http_get, today: dt.date | None = None, **retry
) -> Path:
    """Download a registered source into a new dated folder, with its checksum and provenance beside it."""
    url = (
        resolve_statcan_download(source.wds_pid, http, source.wds_lang, **retry)
        if source.wds_pid
        else service_address(str(source.download_url))
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


PROVENANCE = "provenance.json"
VINTAGE_GLOB = "????-??-??*"  # a retrieval date, then a time when a day holds two vintages


def vintages(source: sources.Source, raw_dir: Path) -> list[Path]:
    """The source's vintage folders in the cache, newest first."""
    return sorted((raw_dir / source.id).glob(VINTAGE_GLOB), reverse=True)


def cached(source: sources.Source, raw_dir: Path) -> Path | None:
    """The newest retrieval in the cache whose file still matches the checksum recorded beside it (for a folder of
    monthly files, every file its record lists)."""
    for folder in vintages(source, raw_dir):
        meta_file = folder / PROVENANCE
        if not meta_file.is_file():
            continue
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            file = folder / file_name(source, meta["url"])
            expected = meta["files"] if source.is_folder else meta["sha256"]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
            continue  # a damaged record of a download: that copy is not used (it is downloaded again)
        if source.is_folder:
            if file.is_dir() and _folder_matches(file, expected):
                return file
        elif file.is_file() and sources.sha256_of(file) == expected:
            return file
    return None


def _folder_matches(folder: Path, expected: object) -> bool:
    return (
        isinstance(expected, dict)
        and bool(expected)
        and all((folder / name).is_file() and sources.sha256_of(folder / name) == sha for name, sha in expected.items())
    )


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


def locate(source: sources.Source, http: Http = http_get, allow_download: bool = True, **retry) -> Path:
    """The file to read, in the one read order of the pipeline: committed in the repository; else the newest valid
    copy in the download cache (`data/raw/<source>/<retrieval date>/`, which `update` writes); else the mirror when
    one is set; else the snapshot's copy when it keeps the source's file (the provinces' shapes: the snapshot's
    tables are read by `pipeline`, in the same order); else, without a mirror and when allowed, a new download."""
    if source.path:
        return _checked(source, settings.project_files() / source.path)
    folder = mirror()  # a mirror set wrong is an error even when the cache has the file
    if (copy := cached(source, settings.raw_dir())) is not None:
        return copy
    if folder is not None:
        file = folder / str(source.mirror_path)
        if file.exists():
            return _checked(source, file)
    if (kept := snapshot.source_file(source.id)) is not None:
        return kept
    if folder is not None:
        raise SourceUnavailable(f"source {source.id} is not in the mirror: no {folder / str(source.mirror_path)}")
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


def copy_at_hand(source: sources.Source) -> Path:
    """The copy of the source the data at hand comes from, never downloaded: the cache's, the mirror's, else the
    snapshot's part built from it (a table of the snapshot counts as the source's copy)."""
    try:
        return locate(source, allow_download=False)
    except SourceUnavailable:
        part = snapshot.part_of(source.id)
        if part is None:
            raise
        return part.file


def in_snapshot(file: Path) -> bool:
    base = snapshot.folder()
    return base is not None and Path(sources.real_path(str(base))) in Path(sources.real_path(str(file))).parents


def verified(source: sources.Source, file: Path) -> bool:
    """Whether the copy read is checked for what it is: committed with the project, a mirror's copy of a registered
    checksum (or a folder whose files are listed with theirs), or a download checked against the checksum recorded
    beside it. A mirror's copy of a source registered without one (a whole Statistics Canada table, which changes with
    every release) is not: the pages that read it say so."""
    return bool(source.path or source.sha256 or source.checksums) or in_cache(file) or in_snapshot(file)


def unverified_at_hand(source: sources.Source) -> bool:
    """True when the copy of `source` at hand is one `verified` cannot vouch for (no copy at hand: False)."""
    try:
        return not verified(source, locate(source, allow_download=False))
    except (SourceUnavailable, SourceFileError, SettingError):
        return False


def in_cache(file: Path) -> bool:
    return settings.raw_dir() in Path(sources.real_path(str(file))).parents


def vintage_of(source: sources.Source, file: Path) -> str:
    """A copy's vintage: a download's is its retrieval date (the name of its cache folder); the snapshot's, the one
    of the copy it was built from; a mirror's or committed copy's, the one the registry records."""
    if in_cache(file):
        return file.parent.name
    if in_snapshot(file):
        return snapshot.provenance(source.id).get("vintage") or source.vintage
    return source.vintage


def copy_record(source: sources.Source, file: Path) -> dict:
    """What a page says of the copy it read: vintage, released, retrieved (YYYY-MM-DD, "" when not known) and the
    last period its statistics cover (`data_to`). A download's come from the record beside it (`provenance.json`:
    `retrieved`, and `released` and `data_to` where the publisher's service gave them), the snapshot's from its
    parts, a mirror's or committed copy's from the registry."""
    if in_cache(file):  # `update` records the publisher's `release_time` (WDS's releaseTime: 2026-11-05T08:30)
        try:
            record = json.loads((file.parent / "provenance.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        record = record if isinstance(record, dict) else {}
        found = {
            "released": str(record.get("released") or record.get("release_time") or "")[:10],
            "retrieved": str(record.get("retrieved") or file.parent.name)[:10],
            "data_to": str(record.get("data_to") or source.data_to),
        }
    elif in_snapshot(file):
        recorded = snapshot.provenance(source.id)
        found = {key: str(recorded.get(key) or "") for key in ("released", "retrieved", "data_to")}
    else:
        found = {"released": source.released, "retrieved": source.retrieved, "data_to": source.data_to}
    return {"vintage": vintage_of(source, file), **found}


def check_registered(source: sources.Source, file: Path) -> None:
    """The mirror's copy of a source with a registered checksum must be that very file: another vintage, an edited
    or damaged copy is refused, naming the file and both checksums. (A download is checked against the checksum
    recorded beside it when the cache is read.)"""
    if not source.sha256 or source.is_folder or in_cache(file) or in_snapshot(file):
        return
    found = sources.sha256_of(file, remembered=False)
    if found != source.sha256:
        raise SourceFileError(
            f"{file}: its sha256 is {found}, but {sources.registry_path()} registers {source.sha256} for source "
            f"{source.id}: the file was edited, damaged or replaced by another vintage. Restore it from where the "
            f"mirror's README says it comes from, or, for a new vintage, register its checksum and vintage there."
        )
