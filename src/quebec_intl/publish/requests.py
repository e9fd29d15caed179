"""Which pages to render: one request per page, its notebook (named like its kind, reports/kinds.yaml) and parameters,
and every page the current data supports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analysis.formatting import LANGS
from ..reports import registry


@dataclass(frozen=True)
class ReportRequest:
    """One page to render: which kind of report, with which parameters, published where."""

    kind: str
    parameters: dict
    lang: str
    slug: str

    @property
    def notebook(self) -> str:
        return self.kind

    @property
    def page(self) -> str:
        """The page's path under the reports folder: <lang>/<kind>/<slug>.html."""
        return f"{self.lang}/{self.kind}/{self.slug}.html"

    def output_path(self, reports_dir: Path) -> Path:
        return reports_dir / self.page

    def executed_path(self, reports_dir: Path) -> Path:
        return executed_path(reports_dir, self.page)

    def describe(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"report {self.notebook} ({params})"


BUILD = "build"  # beside the reports folder: build/<reports folder's name>/<lang>/<kind>/<slug>.ipynb


def executed_dir(reports_dir: Path) -> Path:
    """Where the executed notebooks of a reports folder's pages are: beside the folder, not in it, so that publishing
    the folder never publishes them (they hold tracebacks and file paths), and in no hidden folder, which JupyterLab
    would refuse to open."""
    return reports_dir.parent / BUILD / reports_dir.name


def executed_path(reports_dir: Path, page: str) -> Path:
    """The executed notebook of `page` (its path under the reports folder)."""
    return executed_dir(reports_dir) / f"{page.removesuffix('.html')}.ipynb"


def request(kind: str, given: dict, lang: str) -> ReportRequest:
    """The page of `kind` with the parameters `given` (text or resolved things; unknown ones fail in one line)."""
    report = registry.kind(kind)
    resolved = report.resolve(given)
    return ReportRequest(kind, {**report.values(resolved), "lang": lang}, lang, report.slug(resolved))


@dataclass(frozen=True)
class SuitePlan:
    """The pages `render --all` makes, and the listed ones the data at hand cannot make, each a line saying why."""

    requests: list[ReportRequest]
    left_out: list[str]


def suite_plan(langs: tuple[str, ...] = LANGS) -> SuitePlan:
    """Every page of the default suite: for each kind, in the registry's order, every page its suite names (the
    overview; every partner and region the data covers; the relations report; the listed notes and comparisons the
    data can make), in every language."""
    requests, left_out = [], []
    for name, kind in registry.kinds().items():
        suite = kind.suite_pages()
        requests += [request(name, parameters, lang) for parameters in suite.pages for lang in langs]
        left_out += suite.left_out
    return SuitePlan(requests, left_out)
