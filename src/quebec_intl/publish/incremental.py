"""Which pages a batch can keep as they are: a page whose record says it was made from the very inputs at hand now
(its parameters and notebook, the package's code and reference data, the tidy tables it read, the source files it
cites, the trade sources of the site) would be written again byte for byte, so rendering it is wasted time.

Everything here is read from the manifest and the tables' meta files; nothing imports the notebook machinery, so a
batch with nothing to do finishes in the time it takes to check."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..data import pipeline, sources
from . import manifest
from .requests import ReportRequest


class InputsNow:
    """The inputs as they are at the start of a batch, each looked up once whatever the number of pages."""

    def __init__(self, basis: list[str]):
        self.basis = list(basis)
        self.code = manifest.code_fingerprint()

    @cache
    def table(self, name: str) -> str | None:
        """The table's fingerprint, if it is stored and current (else the page must be rendered to rebuild it)."""
        if name not in pipeline.BUILDS or not pipeline.is_current(name):
            return None
        return pipeline.meta(name)["fingerprint"]

    @cache
    def source(self, source_id: str) -> dict:
        return manifest.source_entry(source_id)

    def unchanged(self, record: manifest.PageRecord | None, request: ReportRequest, page_file: Path) -> bool:
        """True when the recorded page is on disk as written and every input it recorded is the same now."""
        if record is None or record.tables is None or record.page_sha256 is None:
            return False  # rendered before pages recorded their inputs
        return (record.parameters == request.parameters
                and record.code_fingerprint == self.code
                and record.notebook_fingerprint == manifest.notebook_fingerprint(request.notebook)
                and record.data_basis == self.basis
                and all(self.table(name) == fingerprint for name, fingerprint in record.tables.items())
                and all(self.source(entry["id"]) == entry for entry in record.sources)
                and page_file.is_file() and sources.sha256_of(page_file) == record.page_sha256)
