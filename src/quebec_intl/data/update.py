"""`quebec-intl update`, its data side: ask each publisher's service what it has released, fetch only what is newer
than what the product holds, check it the way the pipeline will read it, and keep it as a new vintage of the download
cache (`data/raw/<source>/<retrieval date>/`: its files, and in provenance.json their checksums, addresses and the
release time). The previous vintage stays. Everything is staged first and kept only when every download passed: a
failed or wrong answer (an HTTP error, an HTML page instead of a zip, a cut archive, a CSV that is not the table's)
leaves the cache as it was."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .. import lazy, settings
from ..errors import SourceFileError
from . import atomic, fetch, pipeline, sources, text_storage
from .extract import bank_of_canada, bts_transborder, statcan_table
from .extract.csvfile import check_columns, read_header
from .fields import table_fields
from .reference import QUEBEC
from .schema import validate
from .transform import exchange_rates

requests = lazy.module("requests")  # imported when a service is first asked (quebec_intl.lazy)

MONTHLY_SOURCE = "statcan_12100175_fr"  # the French download, which the pipeline reads before any mirror copy
MONTHLY_TABLE = "trade_monthly_partners"
RATES_SOURCE = "boc_fx_annual"
BTS_SOURCE = "bts_transborder_dot2"
PID = statcan_table.MONTHLY.pid
KEPT_GEOS = ("Québec", "Canada")  # Québec's rows, and Canada's for Québec's shares among provinces
ATTEMPTS = 2
TIMEOUT = 60.0
BTS_MONTHS = (  # as BTS names its monthly archives, in English whatever the locale (not calendar.month_name)
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class UpdateFailed(fetch.FetchError):
    """An answer the update cannot keep: the message names the address and what was wrong, in one line."""


@dataclass(frozen=True)
class Offer:
    """What a service offers against what the product holds (a release time, or the last period held)."""

    source_id: str
    held: str
    offered: str
    newer: bool
    asked: str  # the address asked
    release: str = ""  # the publisher's release time, where its service gives one
    period: str = ""  # the last period the service says it holds (WDS's cubeEndDate, YYYY-MM), where it says one


# -- asking ---------------------------------------------------------------------------------------------------------


def _wds(method: str) -> str:
    return f"{settings.service_url(settings.WDS_ENV)}/{method}"


def newest_vintage(source_id: str) -> dict | None:
    """The provenance of the source's newest valid vintage in the cache, or None."""
    file = fetch.cached(sources.get(source_id), settings.raw_dir())
    if file is None:
        return None
    try:
        return json.loads((file.parent / fetch.PROVENANCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def statcan_offer() -> Offer:
    """Table 12-10-0175-01's release time and last month (getCubeMetadata), against the vintage held: its recorded
    release time, else (a mirror copy) the last month the registry says it holds."""
    url = _wds("getCubeMetadata")
    answer = fetch.http_json(url, TIMEOUT, payload=[{"productId": int(PID)}])
    try:
        (entry,) = answer
        cube = entry["object"]
        release, last = str(cube["releaseTime"]), str(cube["cubeEndDate"])[:7]
        if entry["status"] != "SUCCESS":
            raise ValueError
    except (ValueError, TypeError, KeyError):
        raise UpdateFailed(f"{url}: not a getCubeMetadata answer for table {PID} ({str(answer)[:120]})") from None
    held = newest_vintage(MONTHLY_SOURCE)
    if held and (since := held.get("release_time") or held.get("retrieved")):
        # a download `data` made records no release time: whatever was released after its retrieval is newer
        return Offer(MONTHLY_SOURCE, since, release, release > since, url, release, last)
    held_month = _held_month()
    offered = f"{last} ({release})"
    return Offer(MONTHLY_SOURCE, held_month or "nothing", offered, last > held_month, url, release, last)


def _held_month() -> str:
    """The last month of table 12-10-0175-01 the sources at hand hold, as the registry records it ('' if none)."""
    try:
        (source_id,) = pipeline.located(pipeline.BUILDS[MONTHLY_TABLE])
    except fetch.SourceUnavailable:
        return ""
    return sources.get(source_id).data_to or ""


def rates_offer() -> Offer:
    """The Bank of Canada's latest annual rate (Valet, the most recent observation only) against the last year held."""
    address = fetch.service_address(str(sources.get(RATES_SOURCE).download_url))
    url = f"{address}?recent=1"
    answer = fetch.http_json(url, TIMEOUT)
    try:
        offered = max(str(o["d"]) for o in answer["observations"] if exchange_rates.ANNUAL_SERIES in o)[:4]
    except (ValueError, TypeError, KeyError):
        series = exchange_rates.ANNUAL_SERIES
        raise UpdateFailed(f"{url}: not a Valet answer with {series} ({str(answer)[:120]})") from None
    held = _held_rate_year()
    return Offer(RATES_SOURCE, held or "nothing", offered, offered > held, url)


def _held_rate_year() -> str:
    try:
        file = fetch.locate(sources.get(RATES_SOURCE), allow_download=False)
    except fetch.SourceUnavailable:
        return ""
    dates = bank_of_canada.valet_series(file, exchange_rates.ANNUAL_SERIES)["d"]
    return max(dates)[:4] if len(dates) else ""


def bts_month_urls(year: int, month: int) -> list[str]:
    """The addresses a month's archive may have: BTS names it by the month in full (January2025.zip) or cut to three
    letters (Feb2025.zip, Jan2023.zip), as public scripts reading its folder `transborder-raw/<year>/` found."""
    name = BTS_MONTHS[month - 1]
    base = f"{settings.service_url(settings.BTS_ENV)}/{year}"
    return list(dict.fromkeys(f"{base}/{stem}{year}.zip" for stem in (name, name[:3])))


def _held_bts() -> tuple[Path | None, tuple[int, int] | None]:
    try:
        folder = fetch.locate(sources.get(BTS_SOURCE), allow_download=False)
    except fetch.SourceUnavailable:
        return None, None
    last = bts_transborder.dot2_files(folder)[-1]
    month, year = bts_transborder.FILE_NAME.fullmatch(last.name).group(1, 2)
    return folder, (2000 + int(year), int(month))


def _after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def bts_offer() -> Offer:
    """Whether BTS has published the month after the last one held: a 404 is "not yet", not a failure."""
    _, last = _held_bts()
    if last is None:
        return Offer(BTS_SOURCE, "nothing", "not asked (no month held to follow)", False, "")
    held = f"{last[0]}-{last[1]:02d}"
    urls = bts_month_urls(*_after(*last))
    for url in urls:
        if _published(url):
            return Offer(BTS_SOURCE, held, "{}-{:02d}".format(*_after(*last)), True, url)
    return Offer(BTS_SOURCE, held, held, False, " or ".join(urls))


def _published(url: str) -> bool:
    """True when the address answers 200, False on a 404 (not published, or not under that name); any other answer
    is a failure, said in one line."""
    try:
        asking = {"timeout": (fetch.CONNECT_TIMEOUT, TIMEOUT), "headers": {"User-Agent": fetch.USER_AGENT}}
        response = requests.head(url, allow_redirects=True, **asking)
        if response.status_code == 405:  # a server that does not answer HEAD: a GET, closed before its body
            with requests.get(url, stream=True, **asking) as response:
                pass
    except requests.RequestException as exc:
        raise UpdateFailed(f"{url}: no answer ({fetch.transport_reason(exc)})") from None
    if response.status_code not in (200, 404):
        raise UpdateFailed(f"{url} answered HTTP {response.status_code} {response.reason}")
    return response.status_code == 200


def check() -> list[Offer]:
    """Every service asked, nothing downloaded beyond its small answers."""
    return [statcan_offer(), rates_offer(), bts_offer()]


# -- fetching and checking ------------------------------------------------------------------------------------------


@dataclass
class Staged:
    """Vintages downloaded and checked, not yet kept: each a hidden folder beside where it will go."""

    folders: dict[str, Path] = field(default_factory=dict)
    provenance: dict[str, dict] = field(default_factory=dict)

    def discard(self) -> None:
        for folder in self.folders.values():
            shutil.rmtree(folder, ignore_errors=True)

    def commit(self, today: dt.date | None = None) -> dict[str, Path]:
        """Each staged vintage renamed into place, as a folder named by its retrieval date."""
        kept = {}
        stamp = dt.datetime.now()
        for source_id, folder in self.folders.items():
            name = (today or stamp.date()).isoformat()
            if (folder.parent / name).exists():  # a second vintage the same day
                name += stamp.strftime("T%H%M%S")
            provenance = {**self.provenance[source_id], "retrieved": name}
            atomic.write_text(folder / fetch.PROVENANCE, json.dumps(provenance, indent=2, ensure_ascii=False) + "\n")
            folder.rename(folder.parent / name)
            kept[source_id] = folder.parent / name
        self.folders.clear()
        return kept


def _staging(source_id: str) -> Path:
    home = settings.raw_dir() / source_id
    home.mkdir(parents=True, exist_ok=True)
    for leftover in home.glob(".update-*"):  # what an interrupted update left
        shutil.rmtree(leftover, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=".update-", dir=home))


def _zip_or_fail(file: Path, url: str) -> zipfile.ZipFile:
    """The archive, whole: an HTML page or a cut download is refused, naming the address."""
    head = file.read_bytes()[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<")):
        raise UpdateFailed(f"{url} answered an HTML page, not a zip archive")
    try:
        archive = zipfile.ZipFile(file)
        bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UpdateFailed(f"{url}: the zip archive is damaged or cut short ({exc})") from None
    if bad is not None:
        raise UpdateFailed(f"{url}: the zip archive is damaged ({bad} fails its checksum)")
    return archive


def _fixed(name: str) -> zipfile.ZipInfo:
    """A member dated 1980-01-01, so that the same rows make the same bytes whatever the day."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _keep_rows(archive: zipfile.ZipFile, url: str, target: Path) -> int:
    """Québec's and Canada's rows of the table's CSV, with its metadata file, in an archive of the official layout.
    A CSV whose header is not table 12-10-0175-01's (French download) is refused."""
    member = statcan_table.MONTHLY_FR.member
    if member not in archive.namelist():
        raise UpdateFailed(f"{url}: the archive has no {member} (it has {', '.join(archive.namelist())})")
    kept = 0
    with archive.open(member) as raw, zipfile.ZipFile(target, "w") as out:
        rows = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), delimiter=";")
        header = next(rows, [])
        if not statcan_table.MONTHLY_FR.matches(header):
            raise UpdateFailed(
                f"{url}: {member}'s header is not table 12-10-0175-01's French layout (it starts "
                f"{';'.join(header[:3])[:80]!r})"
            )
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            if len(row) > 1 and row[1] in KEPT_GEOS:
                writer.writerow(row)
                kept += 1
        out.writestr(_fixed(member), text.getvalue().encode("utf-8"))
        meta = f"{PID}_MetaData.csv"
        if meta in archive.namelist():
            out.writestr(_fixed(meta), archive.read(meta))
    return kept


def stage_statcan(offer: Offer) -> tuple[Path, dict, pd.DataFrame]:
    """The French full-table download, reduced to Québec and Canada, read by the pipeline's own builder."""
    folder = _staging(MONTHLY_SOURCE)
    zip_url = fetch.resolve_statcan_download(PID, lang="fr", attempts=ATTEMPTS, timeout=TIMEOUT)
    full = fetch.download(zip_url, folder / ".download.zip", attempts=ATTEMPTS, timeout=TIMEOUT)
    kept_file = folder / f"{PID}-fra.zip"
    with _zip_or_fail(full, zip_url) as archive:
        rows = _keep_rows(archive, zip_url, kept_file)
    provenance = {
        "source_id": MONTHLY_SOURCE,
        "url": zip_url,
        "asked": fetch.statcan_wds_url(PID, "fr"),
        "release_time": offer.release,
        "cube_end_date": offer.period,  # the last month the service says the table holds (getCubeMetadata)
        "downloaded_sha256": sources.sha256_of(full, remembered=False),
        "downloaded_bytes": full.stat().st_size,
        "kept": f"the rows of {', '.join(KEPT_GEOS)} ({rows} rows)",
        "sha256": sources.sha256_of(kept_file, remembered=False),
        "bytes": kept_file.stat().st_size,
    }
    full.unlink()
    try:
        frame = pipeline.BUILDS[MONTHLY_TABLE].process(pipeline.Inputs({MONTHLY_SOURCE: kept_file}, {}))
    except SourceFileError as exc:
        raise UpdateFailed(f"{zip_url}: {exc}") from None
    provenance["data_to"] = last_month(frame)  # what the pages will say is the latest month: the rows kept, read
    return folder, provenance, frame


def last_month(frame: pd.DataFrame) -> str:
    """The last month Québec's rows of table 12-10-0175-01 hold (YYYY-MM), '' when none."""
    quebec = frame[frame["reporter_code"].eq(QUEBEC)]
    if quebec.empty:
        return ""
    year, month = max(zip(quebec["ref_year"].astype(int), quebec["ref_month"].astype(int)))
    return f"{year}-{month:02d}"


def stage_rates(offer: Offer) -> tuple[Path, dict]:
    folder = _staging(RATES_SOURCE)
    source = sources.get(RATES_SOURCE)
    url = fetch.service_address(str(source.download_url))
    file = fetch.download(url, folder / fetch.file_name(source, url), attempts=ATTEMPTS, timeout=TIMEOUT)
    try:
        series = bank_of_canada.valet_series(file, exchange_rates.ANNUAL_SERIES)
    except SourceFileError as exc:
        raise UpdateFailed(f"{url}: {exc}") from None
    if not len(series) or max(series["d"])[:4] < offer.offered:
        raise UpdateFailed(f"{url}: the answer lacks the year {offer.offered} its latest observation gives")
    sha = sources.sha256_of(file, remembered=False)
    provenance = {"source_id": RATES_SOURCE, "url": url, "sha256": sha, "bytes": file.stat().st_size}
    return folder, {**provenance, "data_to": max(series["d"])[:4]}  # the last year whose annual rate it holds


def stage_bts() -> tuple[Path, dict, list[str]] | None:
    """Each month BTS published after the last one held (until its first 404), in a folder holding the months held
    before too, with a MANIFEST.csv of every month's checksum and lines."""
    held, last = _held_bts()
    if held is None:
        return None
    folder = _staging(BTS_SOURCE)
    months_dir = folder / Path(str(sources.get(BTS_SOURCE).mirror_path)).name
    new, month = [], _after(*last)
    while month <= (dt.date.today().year, dt.date.today().month):
        got = _download_month(month, folder / ".month.zip")
        if got is None:
            break  # not published yet
        url, archive_file = got
        name = f"dot2_{month[1]:02d}{month[0] % 100:02d}.csv"
        with _zip_or_fail(archive_file, url) as archive:
            member = next((m for m in archive.namelist() if Path(m).name.lower() == name), None)
            if member is None:
                raise UpdateFailed(f"{url}: the archive has no {name} (it has {', '.join(archive.namelist())[:200]})")
            target = months_dir / f"{month[0]}-{month[1]:02d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(member))
        archive_file.unlink()
        _check_month(target, url)
        new.append(f"{month[0]}-{month[1]:02d}")
        month = _after(*month)
    if not new:
        shutil.rmtree(folder)
        return None
    for file in bts_transborder.dot2_files(held):  # the months held, beside the new ones
        copy = months_dir / file.relative_to(held)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, copy)
    listed = {f.relative_to(months_dir).as_posix(): f for f in bts_transborder.dot2_files(months_dir)}
    lines = ["extract,extract_sha256,extract_lines"]
    for name, file in listed.items():
        data = file.read_bytes()
        count = (gzip.decompress(data) if file.suffix == ".gz" else data).count(b"\n")
        lines.append(f"{name},{sources.sha256_of(file, remembered=False)},{count}")
    atomic.write_text(months_dir / bts_transborder.MANIFEST, "\n".join(lines) + "\n")
    provenance = {
        "source_id": BTS_SOURCE,
        "url": settings.service_url(settings.BTS_ENV),
        "new_months": new,
        "data_to": max(listed)[:7],  # the last month held, new or not (folders YYYY-MM)
        "months_from": str(held),
        "files": {name: sources.sha256_of(file, remembered=False) for name, file in listed.items()},
    }
    return folder, provenance, new


def _download_month(month: tuple[int, int], target: Path) -> tuple[str, Path] | None:
    """The month's archive from the first of its addresses that has it, or None when every one answers 404."""
    for url in bts_month_urls(*month):
        try:
            return url, fetch.download(url, target, attempts=ATTEMPTS, timeout=TIMEOUT)
        except fetch.FetchError as exc:
            if exc.status != 404:
                raise UpdateFailed(str(exc)) from None
    return None


def _check_month(file: Path, url: str) -> None:
    """A month's dot2 file as the pipeline reads it: its columns, and every row whole."""
    try:
        check_columns(file, read_header(file), bts_transborder.DOT2_COLUMNS)
        kept = list(bts_transborder.KEPT)
        options = pacsv.ConvertOptions(include_columns=kept, column_types=dict.fromkeys(kept, pa.string()))
        if pacsv.read_csv(file, convert_options=options).num_rows == 0:
            raise UpdateFailed(f"{url}: the month's CSV has a header but no rows")
    except SourceFileError as exc:
        raise UpdateFailed(f"{url}: {exc}") from None
    except pa.ArrowInvalid as exc:
        raise UpdateFailed(f"{url}: the month's CSV is malformed or cut ({exc})") from None


@dataclass
class Fetched:
    staged: Staged
    monthly: pd.DataFrame | None = None  # the new vintage of table 12-10-0175-01 as the pipeline reads it
    new_bts_months: list[str] = field(default_factory=list)


def fetch_new(offers: list[Offer]) -> Fetched:
    """Download and check every newer release; on any failure, nothing staged is kept."""
    fetched = Fetched(Staged())
    try:
        for offer in (o for o in offers if o.newer):
            if offer.source_id == MONTHLY_SOURCE:
                folder, provenance, fetched.monthly = stage_statcan(offer)
            elif offer.source_id == RATES_SOURCE:
                folder, provenance = stage_rates(offer)
            else:
                staged = stage_bts()
                if staged is None:
                    continue
                folder, provenance, fetched.new_bts_months = staged
            fetched.staged.folders[offer.source_id] = folder
            fetched.staged.provenance[offer.source_id] = provenance
    except BaseException:
        fetched.staged.discard()
        for source_id in (MONTHLY_SOURCE, RATES_SOURCE, BTS_SOURCE):
            for leftover in (settings.raw_dir() / source_id).glob(".update-*"):
                shutil.rmtree(leftover, ignore_errors=True)
        raise
    return fetched


# -- revisions ------------------------------------------------------------------------------------------------------

REVISIONS_TABLE = "vintage_revisions"
CELL = ["ref_year", "ref_month", "reporter_code", "partner_code", "flow", "product_section_code"]


def revisions(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Every cell both vintages hold whose value differs (a value that became, or stopped being, available counts),
    with the old value, the new one and the difference."""
    both = old[CELL + ["value_cad"]].merge(new[CELL + ["value_cad"]], on=CELL, suffixes=("_old", "_new"))
    changed = both["value_cad_old"].ne(both["value_cad_new"]) & ~(
        both["value_cad_old"].isna() & both["value_cad_new"].isna()
    )
    cells = both[changed].rename(columns={"value_cad_old": "old_value_cad", "value_cad_new": "new_value_cad"})
    cells = cells.assign(difference_cad=cells["new_value_cad"] - cells["old_value_cad"])
    return cells.sort_values(CELL, ignore_index=True)


def new_months(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[int, int]]:
    """The months Québec's rows of the new vintage hold and the old one did not."""

    def months(frame):
        rows = frame[frame["reporter_code"].eq(QUEBEC)]
        return set(zip(rows["ref_year"].astype(int), rows["ref_month"].astype(int)))

    return sorted(months(new) - months(old))


def revisions_path() -> Path:
    return settings.processed_dir() / f"{REVISIONS_TABLE}.parquet"


def keep_revisions(cells: pd.DataFrame, provenance: dict) -> pd.DataFrame:
    """The revisions of this update added to those of earlier ones, each row naming both vintages and their sources
    (`provenance`: source_a, vintage_a, source_b, vintage_b, release_time), checked against the table's schema."""
    path = revisions_path()
    rows = cells.assign(**provenance)[table_fields(REVISIONS_TABLE)]
    if path.is_file():
        with text_storage.as_tables():
            earlier = pd.read_parquet(path)
        rows = pd.concat([earlier[earlier["vintage_b"].ne(provenance["vintage_b"])], rows], ignore_index=True)
    rows = validate(rows, REVISIONS_TABLE, "the revisions between vintages of table 12-10-0175-01")
    atomic.write_parquet(path, rows)
    return rows
