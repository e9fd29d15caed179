"""Build the tidy tables (data/processed/) from their inputs: locate, process, validate, save atomically.

A table's inputs are registered sources (files in the repository, the mirror or the cache) and other tidy tables.
Each stored table has a meta file naming its inputs with their fingerprints; a table whose inputs or builder code
changed since is rebuilt before it is read, so nothing downstream reads a table the current code would not make.

The read order, for every table: its sources' files from the download cache (newest retrieval), else the mirror
(`fetch.locate`); else the snapshot's copy of the table, when it holds one (data/snapshot/, the official figures
the package ships); else a download, where one is asked for (`quebec-intl data`)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from .. import settings
from ..caching import CACHE, by_file, cached
from . import atomic, fetch, snapshot, sources, text_storage
from .extract import bank_of_canada, bts_transborder, curated, statcan_table, statcan_us_extract
from .transform import (
    exchange_rates,
    published_annual,
    reconciliation,
    relations,
    revisions,
    trade_annual,
    trade_measures,
    trade_monthly,
    trade_statcan,
    trade_us_states,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """What a builder reads: each source's located file, and the tidy tables it asked for."""

    files: dict[str, Path]
    tables: dict[str, pd.DataFrame]

    @property
    def source_id(self) -> str:
        return next(iter(self.files))

    @property
    def file(self) -> Path:
        return self.files[self.source_id]


@dataclass(frozen=True)
class TableBuild:
    """One tidy table: the sources and tables it reads and how they become the table. With `at_hand`, it reads
    those of `tables` whose sources are at hand (at least one), so that a table chooses among sources itself."""

    table: str
    process: Callable[[Inputs], pd.DataFrame]
    sources: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    at_hand: bool = False
    one_source_of: bool = False  # `sources` are versions of one table, best first: the first at hand is read


def located(spec: TableBuild, http: fetch.Http | None = None) -> dict[str, Path]:
    """The files a build reads: every source it names, or, for versions of one table, the first at hand (else the
    first that can be downloaded). Without `http`, nothing is downloaded."""
    if not spec.one_source_of:
        return {
            sid: fetch.locate(sources.get(sid), http or fetch.http_get, allow_download=http is not None)
            for sid in spec.sources
        }
    downloads = {sid: copy for sid in spec.sources if (copy := fetch.cached(sources.get(sid), settings.raw_dir()))}
    if downloads:  # a vintage `update` fetched comes before any mirror copy: the newest of any version
        sid = max(downloads, key=lambda s: downloads[s].parent.name)
        return {sid: downloads[sid]}
    for sid in spec.sources:
        try:
            return {sid: fetch.locate(sources.get(sid), allow_download=False)}
        except fetch.SourceUnavailable:
            continue
    if http is None:
        raise fetch.SourceUnavailable(f"{spec.table}: none of {', '.join(spec.sources)} is at hand")
    failures = []
    for sid in spec.sources:
        try:
            return {sid: fetch.locate(sources.get(sid), http)}
        except fetch.SourceUnavailable as exc:
            failures.append(exc)
    raise next((f for f in failures if isinstance(f, fetch.FetchError)), failures[0])  # a failed download says most


def _from_file(table: str, source_id: str, process: Callable[[Path, str, str], pd.DataFrame]) -> TableBuild:
    """A table made from one source file: `process(file, source_id, origin)`."""
    return TableBuild(table, lambda i: process(i.file, i.source_id, str(i.file)), sources=(source_id,))


def _statcan(
    layout: statcan_table.TableLayout,
    table: str,
    source_id: str | None = None,
    check: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None,
) -> TableBuild:
    def process(file: Path, sid: str, origin: str) -> pd.DataFrame:
        tidy = trade_statcan.tidy(statcan_table.extract(file, layout), layout, table, sid, origin)
        return check(tidy, origin) if check else tidy

    return _from_file(table, source_id or f"statcan_{layout.pid}", process)


def _curated(table: str, source_id: str, kind: str, transform: Callable[[pd.DataFrame, str], pd.DataFrame]):
    """A table from one curated file: `transform(raw, origin)`. Its rows carry no source id: the table has one
    source, which its record names (the published figures, which fill cells of tables with others, stamp theirs)."""
    return _from_file(table, source_id, lambda file, _sid, origin: transform(curated.extract(file, kind), origin))


def _published_annual(file: Path, source_id: str, origin: str) -> pd.DataFrame:
    return published_annual.from_curated(curated.extract(file, "trade_figures"), source_id, origin)


def _reconciliation(inputs: Inputs) -> pd.DataFrame:
    figures = inputs.files["curated_trade_figures"]
    monthly = [inputs.tables[name] for name in ("trade_monthly_partners", "trade_monthly") if name in inputs.tables]
    return reconciliation.reconcile(
        curated.extract(figures, "trade_figures"), reconciliation.best_aggregates(monthly), str(figures)
    )


def _exchange_rates(inputs: Inputs) -> pd.DataFrame:
    annual_file, noon_file = inputs.files["boc_fx_annual"], inputs.files["boc_legacy_noon"]
    annual = exchange_rates.annual_averages(
        bank_of_canada.valet_series(annual_file, exchange_rates.ANNUAL_SERIES),
        "boc_fx_annual",
        sources.get("boc_fx_annual").url,
        str(annual_file),
    )
    daily, errors = bank_of_canada.legacy_noon(noon_file, exchange_rates.NOON_SERIES)
    noon = exchange_rates.noon_means(
        daily, errors, "boc_legacy_noon", sources.get("boc_legacy_noon").url, str(noon_file)
    )
    return exchange_rates.from_bank(annual, noon, f"{annual_file} and {noon_file}")


def _source_reconciliation(inputs: Inputs) -> pd.DataFrame:
    """The yearly totals of Québec's trade with the US in each source, whole years only."""
    totals = [
        reconciliation.bts_yearly_totals(inputs.tables["trade_us_states_annual"], inputs.tables["exchange_rates"]),
        reconciliation.yearly_totals(
            trade_annual.from_monthly(inputs.tables["trade_monthly"]), "statcan_12100175_us_extract"
        ),
        reconciliation.yearly_totals(inputs.tables["trade_annual_us"], "statcan_12100173_us_extract"),
    ]
    return reconciliation.between_sources(totals, "the yearly totals of BTS and Statistics Canada")


def _states_annual(inputs: Inputs) -> pd.DataFrame:
    return trade_us_states.annual(inputs.tables["trade_us_states_monthly"])


BUILDS = {
    build.table: build
    for build in (
        _from_file(
            "trade_monthly",
            "statcan_12100175_us_extract",
            lambda file, source_id, origin: trade_monthly.from_us_extract(
                statcan_us_extract.extract(file), source_id, origin
            ),
        ),
        _statcan(statcan_table.ANNUAL, "trade_annual_all_partners"),
        TableBuild(
            "trade_monthly_partners",
            lambda i: trade_statcan.check_monthly_partners(
                trade_statcan.tidy(
                    statcan_table.extract(i.file, statcan_table.MONTHLY_LAYOUTS),
                    statcan_table.MONTHLY,
                    "trade_monthly_partners",
                    i.source_id,
                    str(i.file),
                ),
                str(i.file),
            ),
            sources=("statcan_12100175_quebec", "statcan_12100175_fr", "statcan_12100175"),
            one_source_of=True,
        ),
        TableBuild(
            "revisions_us",
            lambda i: revisions.between_vintages(
                i.tables["trade_monthly"], i.tables["trade_monthly_partners"], "the two vintages of table 12-10-0175-01"
            ),
            tables=("trade_monthly", "trade_monthly_partners"),
        ),
        _statcan(
            statcan_table.ANNUAL,
            "trade_annual_us",
            "statcan_12100173_us_extract",
            trade_statcan.check_us_extract_complete,
        ),
        _from_file(
            "trade_us_states_monthly",
            "bts_transborder_dot2",
            lambda folder, source_id, origin: trade_us_states.from_dot2(
                bts_transborder.extract(folder, sources.get(source_id).checksums_file), source_id, origin
            ),
        ),
        _from_file("published_annual", "curated_trade_figures", _published_annual),
        _curated("offices", "curated_offices", "offices", relations.offices),
        _curated("office_territories", "curated_offices", "offices", relations.office_territories),
        _curated("organisations", "curated_organisations", "organisations", relations.organisations),
        _curated("events", "curated_events", "events", relations.events),
        _curated("agreements", "curated_agreements", "agreements", relations.agreements),
        _curated("agreement_counts", "curated_agreement_counts", "agreement_counts", relations.agreement_counts),
        _curated("trade_measures", "curated_trade_measures", "trade_measures", trade_measures.measures),
        TableBuild(
            "trade_annual",
            lambda i: trade_annual.best_annual(i.tables),
            tables=(*trade_annual.OFFICIAL, trade_annual.PUBLISHED),
            at_hand=True,
        ),
        TableBuild(
            "published_not_used",
            lambda i: trade_annual.published_not_used(i.tables),
            tables=(*trade_annual.OFFICIAL, trade_annual.PUBLISHED),
            at_hand=True,
        ),
        TableBuild(
            "reconciliation",
            _reconciliation,
            sources=("curated_trade_figures",),
            tables=("trade_monthly_partners", "trade_monthly"),
            at_hand=True,
        ),
        TableBuild("exchange_rates", _exchange_rates, sources=("boc_fx_annual", "boc_legacy_noon")),
        TableBuild(
            "source_reconciliation",
            _source_reconciliation,
            tables=("trade_us_states_annual", "exchange_rates", "trade_monthly", "trade_annual_us"),
        ),
        TableBuild("trade_us_states_annual", _states_annual, tables=("trade_us_states_monthly",)),
    )
}


@dataclass
class BuildReport:
    built: dict[str, int] = field(default_factory=dict)
    current: dict[str, int] = field(default_factory=dict)  # kept as they were: built from the very inputs at hand
    unavailable: dict[str, str] = field(default_factory=dict)
    download_failed: bool = False


def table_path(table: str) -> Path:
    return settings.processed_dir() / f"{table}.parquet"


def _meta_path(table: str) -> Path:
    return settings.processed_dir() / f"{table}.meta.json"


def meta(table: str) -> dict | None:
    """The stored table's meta file; None when there is none, or when it was found damaged, cut short or empty (a
    process killed while writing it, a hand edit): the table is then rebuilt, never read on a record it lacks."""
    try:
        return _meta_of(_meta_path(table))
    except OSError:
        return None


@by_file
def _meta_of(path: Path) -> dict | None:
    """A meta file read once per version of it (a page asks for many)."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    fields_needed = ("fingerprint", "sources", "tables", "builder_sha256", "file_sha256")
    return recorded if isinstance(recorded, dict) and all(name in recorded for name in fields_needed) else None


def can_load(table: str) -> bool:
    """True when the table's inputs are at hand (committed, in the cache or the mirror) or the snapshot holds it;
    never downloads."""
    return _inputs_at_hand(table) or snapshot.table(table) is not None


def _inputs_at_hand(table: str) -> bool:
    spec = BUILDS[table]
    try:
        located(spec)
    except fetch.SourceUnavailable:
        return False
    loadable = [can_load(name) for name in spec.tables]
    return any(loadable) if spec.at_hand else all(loadable)


def from_snapshot(table: str) -> bool:
    """True when the table is read from the snapshot: it holds the table, and the table's own inputs are not at
    hand (the cache and the mirror come first)."""
    return snapshot.table(table) is not None and not _inputs_at_hand(table)


def _snapshot_files(table: str) -> dict[str, Path]:
    """The snapshot's part stands for each source it was built from."""
    part = snapshot.table(table)
    return {sid: part.file for sid in part.sources}


def input_tables(table: str) -> tuple[str, ...]:
    """The tables a build reads now: all it names, or those at hand for a build that chooses among them."""
    spec = BUILDS[table]
    if not spec.at_hand:
        return spec.tables
    found = tuple(name for name in spec.tables if can_load(name))
    if not found:
        raise fetch.SourceUnavailable(
            f"{table}: none of {', '.join(spec.tables)} can be built from the sources at hand"
        )
    return found


def _fingerprint(recorded: dict) -> str:
    return hashlib.sha256(json.dumps(recorded, sort_keys=True).encode()).hexdigest()


def build(table: str, http: fetch.Http = fetch.http_get) -> pd.DataFrame:
    """Read the inputs and process them; the stored table is replaced only once the new one has passed validation.
    Two processes building tables in the same folder take turns."""
    with text_storage.as_tables():  # wherever it is built, the same stored bytes
        return _build(table, http)


def _build(table: str, http: fetch.Http) -> pd.DataFrame:
    spec = BUILDS[table]
    if from_snapshot(table):
        files, tables = _snapshot_files(table), {}
        frame = snapshot.read(table)
    else:
        files = located(spec, http)
        tables = {name: load(name, http) for name in input_tables(table)}
        frame = spec.process(Inputs(files, tables))  # a damaged file fails here first, with what is wrong in it
    for source_id, file in files.items():
        fetch.check_registered(sources.get(source_id), file)
    recorded = {
        "sources": {
            sid: {"file": str(file), "sha256": sources.sha256_of(file, remembered=False)} for sid, file in files.items()
        },  # what was read, hashed anew: a sum remembered by size and time could stand for another content
        "tables": {name: meta(name)["fingerprint"] for name in tables},
        "builder_sha256": builder_fingerprint(),
    }
    with atomic.locked(settings.processed_dir() / LOCK):
        atomic.write_parquet(table_path(table), frame)
        info = {
            "table": table,
            **recorded,
            "rows": len(frame),
            "fingerprint": _fingerprint(recorded),
            "file_sha256": sources.sha256_of(table_path(table)),
        }
        atomic.write_text(_meta_path(table), json.dumps(info, indent=2) + "\n")
    return frame


LOCK = ".tables.lock"


def build_all(http: fetch.Http = fetch.http_get, force: bool = False) -> BuildReport:
    """Every table whose inputs can be had, built again unless it is current (`force`: every one); the others are
    listed with the reason. A bad file still fails loudly."""
    report = BuildReport()
    atomic.remove_leftovers(settings.processed_dir())  # what a killed build left half-written
    kept = set() if force else {table for table in BUILDS if _current_on_fresh_sums(table)}
    for table in BUILDS:
        try:
            if table in kept:
                report.current[table] = int(meta(table)["rows"])
            elif not force and is_current(table):  # built a moment ago, as the input of a table built before it
                report.built[table] = int(meta(table)["rows"])
            else:
                report.built[table] = len(build(table, http))
        except fetch.SourceUnavailable as exc:
            report.unavailable[table] = str(exc)
            report.download_failed |= isinstance(exc, fetch.FetchError)
    return report


def _current_on_fresh_sums(table: str) -> bool:
    """`is_current`, every file it compares read anew first (the table and the sources at hand): a file edited under
    the same size and time is not taken for the one the table was built from."""
    try:
        files = _snapshot_files(table) if from_snapshot(table) else located(BUILDS[table])
    except fetch.SourceUnavailable:
        return False
    for file in [*files.values(), table_path(table)]:
        if file.exists():
            sources.sha256_of(file, remembered=False)  # what the comparisons below then read
    return is_current(table)


def prepare(tables: tuple[str, ...]) -> list[str]:
    """Make the tables (those whose sources are at hand) current, with what they read, so that a bad source file
    stops a batch with one message before its first page, not page by page inside the kernel."""
    ready = [table for table in tables if can_load(table)]
    for table in ready:
        load(table)
    return ready


_STEADY: set[str] | None = None  # within `steady_tables`: the tables found current there


@contextlib.contextmanager
def steady_tables() -> Iterator[None]:
    """Within it, a table found current stays current: a page of a batch renders from one state of the tables (the
    publisher made them all current before its first page, and nothing changes them under a page), so the dozen
    reads of a page check each table once, not a dozen times (a tenth of a page); so does `render`'s plan, which
    reads them for every kind's pages. Outside it, as in JupyterLab, where an analyst may edit a file between two
    cells, every read checks afresh."""
    global _STEADY
    outer, _STEADY = _STEADY, set() if _STEADY is None else _STEADY
    try:
        yield
    finally:
        _STEADY = outer


def forget_remembered_sums() -> None:
    """Every file hashed anew (`sources.forget_remembered`), and every table found current so far in
    `steady_tables`, with such remembered sums, judged again: `render --force` trusts neither."""
    sources.forget_remembered()
    if _STEADY is not None:
        _STEADY.clear()


def is_current(table: str) -> bool:
    """True when the stored table was built by this code from the very inputs its sources now point at."""
    if _STEADY is not None and table in _STEADY:
        return True
    current = _judged_current(table)
    if current and _STEADY is not None:
        _STEADY.add(table)
    return current


def _judged_current(table: str) -> bool:
    recorded = meta(table)
    if recorded is None or not table_path(table).is_file() or recorded.get("builder_sha256") != builder_fingerprint():
        return False
    if sources.sha256_of(table_path(table)) != recorded["file_sha256"]:
        return False  # the stored table was changed or damaged since its meta file was written
    spec = BUILDS[table]
    try:
        files, names = (_snapshot_files(table), ()) if from_snapshot(table) else (located(spec), input_tables(table))
    except fetch.SourceUnavailable:
        return False
    # The same content is the same input wherever it sits (a copy of the mirror reads as the mirror did).
    built_from = {sid: entry.get("sha256") for sid, entry in recorded.get("sources", {}).items()}
    if {sid: sources.sha256_of(f) for sid, f in files.items()} != built_from:
        return False
    if set(names) != set(recorded.get("tables", {})) or not all(is_current(name) for name in names):
        return False
    return all(meta(name)["fingerprint"] == recorded["tables"][name] for name in names)


@cached
def builder_fingerprint() -> str:
    """What builds the tables: the data layer's code and the reference tables. A table stored by other code is
    rebuilt, so a user who updates the project never reads a table the new code would not make."""
    package, reference = Path(__file__).parent, settings.reference_dir()
    files = [
        (f.relative_to(package), f) for f in sorted(package.rglob("*.py")) if f.name != "trade.py"
    ]  # not the read side
    files += [(f.relative_to(reference), f) for f in sorted(reference.glob("*.csv")) + [reference / "fields.yaml"]]
    digest = hashlib.sha256()
    for name, file in files:
        digest.update(name.as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


_SERVED: dict[str, str] = {}  # tables served since the last forget_tables_read(), with the fingerprint served


def tables_read() -> dict[str, str]:
    """The tables loaded since `forget_tables_read()`, each with the fingerprint of the very table served: a
    published page records them, so that it is rendered again when one of them changes, and only then."""
    return dict(sorted(_SERVED.items()))


def forget_tables_read() -> None:
    _SERVED.clear()


_FOLLOWS = {"page": False}  # within `following_page(True)`


@contextlib.contextmanager
def following_page(follows: bool) -> Iterator[None]:
    """Within it with `follows` (a batch's page right after its subject's page in another language, in the same
    kernel: publish/pool.py), a kind's `load` may give its last result again (`reused_by_next_page`); anywhere else
    (JupyterLab, a subject's first page) it is made from the inputs at hand now: a source downloaded since, or a table
    that can now be built, is read."""
    outer, _FOLLOWS["page"] = _FOLLOWS["page"], follows
    try:
        yield
    finally:
        _FOLLOWS["page"] = outer


def reused_by_next_page(function: Callable[..., T]) -> Callable[..., T]:
    """`function`, its last result given again to the page that follows its subject's page in another language
    (`following_page`), for the same arguments, while every table that call read is still the table it read. A kind's
    figures do not depend on the language: a batch renders a subject's pages one after the other in one kernel, and
    the second reuses the first's. The tables are counted as read again, so that the page's record names them. One
    result is held, not one per subject: a kernel does not grow with the suite."""
    memo = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def last_or_made(*args, **kwargs) -> T:
        held = CACHE.store(memo, by_content=False)
        key = json.dumps([args, kwargs], sort_keys=True)  # a page's parameters: text, numbers, lists, None
        if _FOLLOWS["page"] and key in held and _still_served(held[key][1]):
            return held[key][0]
        outer = dict(_SERVED)
        _SERVED.clear()
        try:
            result = function(*args, **kwargs)
        finally:
            read = dict(_SERVED)
            _SERVED.update(outer)
            _SERVED.update(read)
        held.clear()
        held[key] = (result, read)
        return result

    return last_or_made


def _still_served(tables: dict[str, str]) -> bool:
    """True, and the tables counted as read, when each is current and still the one with the fingerprint given."""
    if not all(is_current(table) and meta(table)["fingerprint"] == served for table, served in tables.items()):
        return False
    _SERVED.update(tables)
    return True


def load(table: str, http: fetch.Http = fetch.http_get) -> pd.DataFrame:
    """The tidy table, rebuilt first if its inputs changed since it was stored. A table read once is kept for the
    process (a batch renders many pages in one kernel); callers must not modify it."""
    if not is_current(table):
        frame = build(table, http)
    else:
        key = (str(table_path(table)), meta(table)["fingerprint"])  # a batch reads each table once
        frame = CACHE.get(f"{__name__}.load", key, lambda: _read_stored(table, http))
    _SERVED[table] = meta(table)["fingerprint"]
    return frame


def _read_stored(table: str, http: fetch.Http) -> pd.DataFrame:
    """The stored table; one that cannot be read (a damaged file its checksum did not catch) is built again."""
    try:
        with text_storage.as_tables():
            return pd.read_parquet(table_path(table))
    except (OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return build(table, http)


def source_summary() -> list[str]:
    """One line per registered source: provenance, vintage, the tables built from it with their rows, checksum."""
    lines = []
    for source in sources.registry().values():
        # A table that may be built from several sources records only those it was built from this time.
        used = {table: m for table in BUILDS if (m := _built_from(table, source))}
        built = [f"{table} ({m['rows']} rows)" for table, m in used.items()]
        # A table read from the snapshot names the file the snapshot's part was built from.
        recorded = {
            snapshot.provenance(source.id).get("sha256", "") + " (read through the snapshot built from it)"
            if fetch.in_snapshot(Path(m["sources"][source.id]["file"]))
            else m["sources"][source.id]["sha256"]
            for m in used.values()
        }
        checksum = ", ".join(sorted(recorded)) or "not built yet"
        lines.append(
            f"{source.id}: {source.publisher}. {source.title.strip()}\n"
            + (f"    compiled by {source.compiled_by}\n" if source.compiled_by else "")
            + f"    basis {source.basis}; vintage {_vintage(source)}; {source.url}\n"
            + f"    tables: {', '.join(built) or 'not built yet'}; sha256 {checksum}"
        )
    return lines


def _built_from(table: str, source: sources.Source) -> dict | None:
    """The table's meta, when the stored table was built from that source."""
    m = meta(table)
    return m if m and source.id in m.get("sources", {}) else None


def _vintage(source: sources.Source) -> str:
    """The vintage of the copy at hand (a download's retrieval date), else the registered one."""
    try:
        return fetch.vintage_of(source, fetch.copy_at_hand(source))
    except fetch.SourceUnavailable:
        return source.vintage
