"""reports/manifest.json: every published page with what it was made from — kind, parameters, language, title,
the sources it read with their vintage and checksum, and fingerprints of the data and of the code. The site
index is built from it; the fingerprints say what a page was made from, so that two renders can be compared."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

from .. import settings
from ..data import atomic, fetch, sources
from ..visual.geometries import GEOMETRIES, SOURCE_GEOMETRIES
from . import dependencies
from .requests import ReportRequest

MANIFEST = "manifest.json"


@dataclass(frozen=True, kw_only=True)
class PageRecord:
    page: str  # path under the reports folder
    kind: str
    parameters: dict
    lang: str
    title: str
    subject: dict  # code, name_en, name_fr (reports.context.page_subject)
    sources: list[dict]  # id, vintage, sha256 of each source the page read
    data_fingerprint: str
    code_fingerprint: str
    data_basis: list[str] | None = None  # the trade sources at hand when the page was made (None: not recorded)
    in_suite: bool = False  # rendered as part of the whole default suite (`render --all`)
    notebook_fingerprint: str | None = None  # the page's notebook file
    tables: dict[str, str] | None = None  # each tidy table the report read, with its fingerprint
    page_sha256: str | None = None  # the page as written, so that a kept page is known to be the one recorded
    headline: dict | None = None  # what the site index lists beside the page: the year, exports, their change

    def reads_trade(self) -> bool:
        """True when the page shows trade figures: it read one of the trade sources of its time."""
        return bool({source["id"] for source in self.sources} & set(self.data_basis or ()))

    def same_basis(self, basis: list[str]) -> bool:
        """True when the site's trade sources are, as far as this page reads them, what they were when it was made:
        a trade source the page does not read (the monthly table moving from the mirror's copy to a download, for a
        page of relations or of US states) leaves it as it is. Not recorded: not known to be the same."""
        if self.data_basis is None:
            return False
        read = {source["id"] for source in self.sources}
        return read & set(self.data_basis) == read & set(basis)


def source_entry(source_id: str) -> dict:
    """The source as a page used it: its id, the vintage of the copy at hand (a download's retrieval date; the
    snapshot's part built from it), the copy's checksum, when its data was released and retrieved, and its last
    period."""
    source = sources.get(source_id)
    try:
        file = fetch.copy_at_hand(source)
    except fetch.SourceUnavailable:
        return {"id": source_id, "vintage": source.vintage, "sha256": None}
    return {"id": source_id, **fetch.copy_record(source, file), "sha256": sources.sha256_of(file)}


# The libraries whose output is part of a page (Vega's bundle, chart specs, the HTML template, numbers, names,
# collation, the simplified map of the provinces): a page is as current as their versions.
PAGE_LIBRARIES = (
    "altair",
    "vl-convert-python",
    "nbconvert",
    "nbformat",
    "jinja2",
    "markupsafe",
    "babel",
    "pycountry",
    "pandas",
    "pyuca",
    "ipykernel",
    "shapely",
)


def code_fingerprint(notebook: str, shared: str | None = None) -> str:
    """What turns any data into a page of the kind `notebook` makes: the package's modules that page imports
    (`dependencies.kind_modules`: its report's and the publisher's), and what every kind shares (`shared_code`, given
    when already computed). Each page's own notebook and tables are recorded apart."""
    digest = hashlib.sha256((shared or shared_code()).encode())
    for file in sorted(dependencies.kind_modules(notebook)):
        digest.update(file.relative_to(settings.PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(sources.sha256_of(file).encode())
    return digest.hexdigest()


def shared_code() -> str:
    """What every kind of page is made with besides its modules: the package's other files (templates, text
    catalogues, the style sheet), the reference tables, the source registry (names, citations), the map geometries
    (the npm packages' and the mirror's), and the versions of Python and of the libraries that write part of a
    page."""
    package = settings.PACKAGE_DIR
    code = [
        f
        for pattern in ("*.j2", "*.yaml", "*.css")
        for f in package.rglob(pattern)
        if settings.BUNDLED_DIR not in f.parents
    ]  # the package's own files, not the bundled data
    files = [(f.relative_to(package).as_posix(), f) for f in sorted(code)]
    reference = sorted(settings.reference_dir().glob("*.*")) + [settings.data_dir() / "sources.yaml"]
    files += [(f"data/{f.relative_to(settings.data_dir()).as_posix()}", f) for f in reference]
    geometries = settings.geometries_dir()
    if geometries is not None:
        maps_used = [geometries / g.package / g.file for g in GEOMETRIES.values()]
        files += [(f"geometries/{f.parent.name}/{f.name}", f) for f in maps_used if f.is_file()]
    files += _source_geometries()
    digest = hashlib.sha256(f"python {sys.version}\n".encode())
    for library in PAGE_LIBRARIES:
        digest.update(f"{library} {metadata.version(library)}\n".encode())
    for name, file in files:
        digest.update(name.encode() + b"\0" + sources.sha256_of(file).encode())
    return digest.hexdigest()


def _source_geometries() -> list[tuple[str, Path]]:
    """The mirror's files the maps draw from (the provinces), where they are at hand."""
    found = []
    for geometry in SOURCE_GEOMETRIES.values():
        source = sources.get(geometry.source_id)
        try:
            found.append((f"geometries/{source.mirror_path}", fetch.locate(source, allow_download=False)))
        except fetch.SourceUnavailable:
            continue
    return found


def notebook_fingerprint(notebook: str) -> str:
    return sources.sha256_of(settings.notebooks_dir() / f"{notebook}.ipynb")


def page_fingerprint(html_page: str) -> str:
    return hashlib.sha256(html_page.encode("utf-8")).hexdigest()


class MadeFrom(Protocol):
    """The inputs a batch found at its start (incremental.InputsNow), which the pages it renders record."""

    basis: list[str]

    def code(self, notebook: str) -> str: ...

    def source(self, source_id: str) -> dict: ...

    def notebook(self, name: str) -> str: ...


def record(
    request: ReportRequest, info: dict, in_suite: bool, tables: dict[str, str], html_page: str, inputs: MadeFrom
) -> PageRecord:
    """What the published page says of itself (its title, subject and sources), with what it was made from: the
    sources, code, notebook and trade basis as the batch found them, the tables as the kernel served them, and the
    page's own checksum."""
    used = [inputs.source(source_id) for source_id in info.get("sources", [])]
    data = hashlib.sha256(json.dumps(used, sort_keys=True).encode()).hexdigest()
    return PageRecord(
        page=request.page,
        kind=request.kind,
        parameters=request.parameters,
        lang=request.lang,
        title=info.get("title", ""),
        subject=info.get("subject", {"code": "", "name_en": "", "name_fr": ""}),
        sources=used,
        data_fingerprint=data,
        code_fingerprint=inputs.code(request.notebook),
        data_basis=list(inputs.basis),
        in_suite=in_suite,
        notebook_fingerprint=inputs.notebook(request.notebook),
        tables=dict(sorted(tables.items())),
        page_sha256=page_fingerprint(html_page),
        headline=info.get("headline"),
    )


def path(reports_dir: Path) -> Path:
    return reports_dir / MANIFEST


LOCK = ".manifest.lock"  # held while a batch reads the manifest again and writes it with its own pages


def read(reports_dir: Path, notes: list[str] | None = None) -> dict[str, PageRecord]:
    """Every page's record. A manifest found damaged, cut short, empty or missing (a process killed while writing it,
    a hand edit), or a record of another shape (an older version of the product), is not a record of anything: it is
    left out, with a line in `notes`, and each page on disk it no longer lists is listed again from the page's own
    record (`own_record`) where that is intact and made with the very page; the others are rendered again when next
    asked for."""
    file = path(reports_dir)
    try:
        pages = json.loads(file.read_text(encoding="utf-8"))["pages"] if file.exists() else {}
        if not isinstance(pages, dict):
            raise TypeError("`pages` is not a table of pages")
        unreadable = None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        pages, unreadable = {}, f"{type(exc).__name__}: {exc}"
    records, unread, edited = {}, [], []
    for page, entry in pages.items():
        try:
            body = {name: value for name, value in entry.items() if name != SEAL}
            if entry.get(SEAL) != _seal(body):
                edited.append(page)
                continue
            records[page] = _record(page, body)
        except (TypeError, ValueError, KeyError, AttributeError):
            unread.append(page)
    recovered = _own_records(reports_dir, records)  # a manifest missing (a first render, or removed) too, silently
    records |= recovered
    again = f"; {len(recovered)} page(s) listed again from their own records" if recovered else ""
    if unreadable:
        _note(
            notes,
            f"{file} could not be read ({unreadable}){again}; the others are recorded as they are rendered again",
        )
    if edited:
        _note(
            notes,
            f"{file}: {len(edited)} record(s) not as this version wrote them (edited by hand, damaged or older; e.g. "
            f"{edited[0]}) left out{_instead(edited, recovered)}",
        )
    if unread:
        _note(
            notes,
            f"{file}: {len(unread)} record(s) of another shape left out (e.g. {unread[0]})"
            f"{_instead(unread, recovered)}",
        )
    return records


def _instead(pages: list[str], recovered: dict[str, PageRecord]) -> str:
    back = sum(page in recovered for page in pages)
    if back == len(pages):
        return "; their pages' own records are used instead"
    rest = "their pages are out of the index and rendered again when next asked for"
    return f"; {back} taken from their pages' own records, {rest}" if back else f", and {rest}"


OWN_RECORDS = ".records"  # reports/.records/<lang>/<kind>/<slug>.json: each page's own record, beside the manifest


def own_record_path(reports_dir: Path, page: str) -> Path:
    return reports_dir / OWN_RECORDS / f"{page.removesuffix('.html')}.json"


def write_own_record(reports_dir: Path, record: PageRecord) -> None:
    """The page's own record (sealed like the manifest's), written before the page: a page on disk always has one,
    from which the manifest is rebuilt when it is damaged, edited or lost."""
    text = json.dumps(_sealed(asdict(record)), ensure_ascii=False, sort_keys=True) + "\n"
    file = own_record_path(reports_dir, record.page)
    try:
        if file.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    atomic.write_text(file, text)


def _own_records(reports_dir: Path, known: dict[str, PageRecord]) -> dict[str, PageRecord]:
    """The pages on disk that `known` lacks, each with its own record where that is sealed, of this version's shape,
    and made with the page as it is (its checksum): a page's own record is trusted only for the very page."""
    found = {}
    for page_file in sorted(reports_dir.glob("*/*/*.html")):
        page = page_file.relative_to(reports_dir).as_posix()
        if page in known:
            continue
        try:
            entry = json.loads(own_record_path(reports_dir, page).read_text(encoding="utf-8"))
            body = {name: value for name, value in entry.items() if name != SEAL}
            if entry.get(SEAL) != _seal(body):
                continue
            record = _record(page, body)
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if record.page_sha256 == sources.sha256_of(page_file):
            found[page] = record
    return found


SEAL = "sealed"  # each record's own checksum: a record edited by hand or damaged is not trusted (the index lists it)


def _seal(entry: dict) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _sealed(entry: dict) -> dict:
    return {**entry, SEAL: _seal(entry)}


def _record(page: str, entry: object) -> PageRecord:
    record = PageRecord(**entry)  # a field missing or unknown is a TypeError
    if record.page != page or not isinstance(record.subject, dict) or not isinstance(record.parameters, dict):
        raise ValueError(f"record of {page} is not of this version's shape")
    return record


def _note(notes: list[str] | None, line: str) -> None:
    if notes is not None:
        notes.append(line)


def write(reports_dir: Path, records: dict[str, PageRecord]) -> Path:
    """Only pages that exist are kept: a page deleted by hand leaves the manifest with the next render, and its own
    record goes with it. Each page's own record is written again where it differs (a kept page joins a suite)."""
    kept = {page: entry for page, entry in sorted(records.items()) if (reports_dir / page).is_file()}
    for entry in kept.values():
        write_own_record(reports_dir, entry)
    for own in (reports_dir / OWN_RECORDS).glob("*/*/*.json"):
        if not (reports_dir / f"{own.relative_to(reports_dir / OWN_RECORDS).with_suffix('.html')}").is_file():
            own.unlink(missing_ok=True)
    pages = {page: _sealed(asdict(entry)) for page, entry in kept.items()}
    atomic.write_text(path(reports_dir), json.dumps({"pages": pages}, indent=2, ensure_ascii=False) + "\n")
    return path(reports_dir)
