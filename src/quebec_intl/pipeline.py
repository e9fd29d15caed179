"""Build the tidy tables (data/processed/) from their sources: locate, process, validate, save atomically."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from . import atomic, fetch, paths, reconcile, sources
from .extract import bts_transborder, curated, statcan_table, statcan_us_extract
from .transform import published_annual, relations, trade_monthly, trade_statcan, trade_us_states


@dataclass(frozen=True)
class TableBuild:
    """One tidy table: which source it comes from and how the source file becomes the table."""

    table: str
    source_id: str
    process: Callable[[Path, str], pd.DataFrame]


def _statcan(layout: statcan_table.TableLayout, table: str) -> Callable[[Path, str], pd.DataFrame]:
    def process(file: Path, source_id: str) -> pd.DataFrame:
        return trade_statcan.tidy(statcan_table.extract(file, layout), layout, table, source_id, str(file))
    return process


def _curated(kind: str, transform: Callable[[pd.DataFrame, str, str], pd.DataFrame]) -> Callable[[Path, str], pd.DataFrame]:
    def process(file: Path, source_id: str) -> pd.DataFrame:
        return transform(curated.extract(file, kind), source_id, str(file))
    return process


BUILDS = {
    build.table: build
    for build in (
        TableBuild("trade_monthly", "statcan_12100175_us_extract",
                   lambda file, source_id: trade_monthly.from_us_extract(
                       statcan_us_extract.extract(file), source_id, str(file))),
        TableBuild("trade_annual_all_partners", "statcan_12100173",
                   _statcan(statcan_table.ANNUAL, "trade_annual_all_partners")),
        TableBuild("trade_monthly_principal_partners", "statcan_12100175",
                   _statcan(statcan_table.MONTHLY, "trade_monthly_principal_partners")),
        TableBuild("trade_us_states_monthly", "bts_transborder_dot2",
                   lambda folder, source_id: trade_us_states.from_dot2(
                       bts_transborder.extract(folder), source_id, str(folder))),
        TableBuild("published_annual", "curated_trade_figures",
                   _curated("trade_figures", published_annual.from_curated)),
        TableBuild("offices", "curated_offices", _curated("offices", relations.offices)),
        TableBuild("office_territories", "curated_offices", _curated("offices", relations.office_territories)),
        TableBuild("organisations", "curated_organisations", _curated("organisations", relations.organisations)),
        TableBuild("events", "curated_events", _curated("events", relations.events)),
        TableBuild("agreements", "curated_agreements", _curated("agreements", relations.agreements)),
        TableBuild("agreement_counts", "curated_agreement_counts",
                   _curated("agreement_counts", relations.agreement_counts)),
    )
}


@dataclass
class BuildReport:
    built: dict[str, int] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    download_failed: bool = False


def table_path(table: str) -> Path:
    return paths.processed_dir() / f"{table}.parquet"


def _meta_path(table: str) -> Path:
    return paths.processed_dir() / f"{table}.meta.json"


def build(table: str, http: fetch.Http = fetch.urllib_http) -> pd.DataFrame:
    """Process the table's source; the stored table is replaced only once the new one has passed validation."""
    spec = BUILDS[table]
    file = fetch.locate(sources.get(spec.source_id), http)
    frame = spec.process(file, spec.source_id)
    atomic.write_parquet(table_path(table), frame)
    meta = {"table": table, "source_id": spec.source_id, "source_file": str(file),
            "source_sha256": sources.sha256_of(file), "builder_sha256": builder_fingerprint(), "rows": len(frame)}
    atomic.write_text(_meta_path(table), json.dumps(meta, indent=2) + "\n")
    return frame


def build_all(http: fetch.Http = fetch.urllib_http) -> BuildReport:
    """Every table whose source can be had; the others are listed with the reason. A bad file still fails loudly."""
    report = BuildReport()
    for table in BUILDS:
        try:
            report.built[table] = len(build(table, http))
        except fetch.SourceUnavailable as exc:
            report.unavailable[table] = str(exc)
            report.download_failed |= isinstance(exc, fetch.FetchError)
    if "trade_monthly" in report.built:
        report.built["reconciliation"] = len(build_reconciliation())
    else:
        report.unavailable["reconciliation"] = "needs the official monthly trade (trade_monthly)"
    return report


def build_reconciliation() -> pd.DataFrame:
    """Published figures beside the pipeline's own aggregates of the official monthly trade."""
    figures_file = fetch.locate(sources.get("curated_trade_figures"))
    table = reconcile.reconcile(curated.extract(figures_file, "trade_figures"),
                                reconcile.monthly_aggregates(load("trade_monthly")), str(figures_file))
    atomic.write_parquet(table_path("reconciliation"), table)
    return table


def meta(table: str) -> dict | None:
    file = _meta_path(table)
    return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else None


def is_current(table: str) -> bool:
    """True when the stored table was built from the very file its source now points at."""
    recorded = meta(table)
    if recorded is None or not table_path(table).is_file():
        return False
    try:
        file = fetch.locate(sources.get(BUILDS[table].source_id), allow_download=False)
    except fetch.SourceUnavailable:
        return False
    return (recorded.get("source_file") == str(file) and recorded.get("source_sha256") == sources.sha256_of(file)
            and recorded.get("builder_sha256") == builder_fingerprint())


@cache
def builder_fingerprint() -> str:
    """What builds the tables: the readers, the builders, the schemas and the reference tables. A table stored by
    other code is rebuilt, so a user who updates the project never reads a table the new code would not make."""
    package = Path(__file__).parent
    files = [*sorted((package / "extract").glob("*.py")), *sorted((package / "transform").glob("*.py")),
             package / "schema.py", package / "pipeline.py", *sorted(paths.REFERENCE_DIR.glob("*"))]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def can_load(table: str) -> bool:
    """True when the table's source is at hand (committed, in the mirror or the cache); never downloads."""
    try:
        fetch.locate(sources.get(BUILDS[table].source_id), allow_download=False)
    except fetch.SourceUnavailable:
        return False
    return True


def load(table: str) -> pd.DataFrame:
    """The tidy table, rebuilt first if its source changed since it was stored."""
    if not is_current(table):
        return build(table)
    return pd.read_parquet(table_path(table))


def source_summary() -> list[str]:
    """One line per registered source: provenance, vintage, the tables built from it with their rows, checksum."""
    lines = []
    for source in sources.registry().values():
        tables = [table for table, spec in BUILDS.items() if spec.source_id == source.id]
        built = [f"{table} ({m['rows']} rows)" for table in tables if (m := meta(table))]
        recorded = {m["source_sha256"] for table in tables if (m := meta(table))}
        checksum = ", ".join(sorted(recorded)) or "not built yet"
        lines.append(
            f"{source.id}: {source.publisher}. {source.title.strip()}\n"
            f"    basis {source.basis}; vintage {source.vintage}; {source.url}\n"
            f"    tables: {', '.join(built) or 'not built yet'}; sha256 {checksum}"
        )
    return lines
