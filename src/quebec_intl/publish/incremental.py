"""Which pages a batch can keep as they are: a page whose record says it was made from the very inputs at hand now
(its parameters and notebook, the package's code and reference data, the tidy tables it read, the source files it
cites, the trade sources of the site) would be written again byte for byte, so rendering it is wasted time.

Everything here is read from the manifest and the tables' meta files; nothing imports the notebook machinery, so a
batch with nothing to do finishes in the time it takes to check."""

from __future__ import annotations

from pathlib import Path

from ..data import pipeline, sources
from ..errors import QuebecIntlError
from . import manifest
from .requests import ReportRequest


class InputsNow:
    """The inputs as they are at the start of a batch, each looked up once whatever the number of pages; pages
    rendered by the batch are recorded with these very values."""

    def __init__(self, basis: list[str]):
        self.basis = list(basis)
        self._code: dict[str, str] = {}
        self._tables: dict[str, str | None] = {}
        self._sources: dict[str, dict] = {}
        self._notebooks: dict[str, str] = {}

    def table(self, name: str) -> str | None:
        """The table's fingerprint, if it is stored and current (else the page must be rendered to rebuild it)."""
        if name not in self._tables:
            current = name in pipeline.BUILDS and pipeline.is_current(name)
            self._tables[name] = pipeline.meta(name)["fingerprint"] if current else None
        return self._tables[name]

    def source(self, source_id: str) -> dict:
        if source_id not in self._sources:
            self._sources[source_id] = manifest.source_entry(source_id)
        return self._sources[source_id]

    def at_hand(self, source_id: str) -> bool:
        """True when the source is at hand now (committed, in the mirror or in the cache); a source the registry no
        longer lists is not."""
        try:
            return self.source(source_id)["sha256"] is not None
        except QuebecIntlError:
            return False

    def code(self, notebook: str) -> str:
        """The code that makes the pages of `notebook`'s kind (manifest.code_fingerprint)."""
        if notebook not in self._code:
            self._shared = getattr(self, "_shared", None) or manifest.shared_code()
            self._code[notebook] = manifest.code_fingerprint(notebook, self._shared)
        return self._code[notebook]

    def notebook(self, name: str) -> str:
        if name not in self._notebooks:
            self._notebooks[name] = manifest.notebook_fingerprint(name)
        return self._notebooks[name]

    def unchanged(self, record: manifest.PageRecord | None, request: ReportRequest, page_file: Path) -> bool:
        """True when the recorded page is on disk as written and every input it recorded is the same now."""
        if record is None or not record.tables or record.page_sha256 is None:
            return False  # rendered before pages recorded their inputs
        return (
            record.parameters == request.parameters
            and record.code_fingerprint == self.code(request.notebook)
            and record.notebook_fingerprint == self.notebook(request.notebook)
            and record.same_basis(self.basis)
            and all(
                fingerprint is not None and self.table(name) == fingerprint
                for name, fingerprint in record.tables.items()
            )
            and all(self.source(entry["id"]) == entry for entry in record.sources)
            and page_file.is_file()
            and sources.sha256_of(page_file) == record.page_sha256
        )
