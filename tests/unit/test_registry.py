"""One registry of report kinds (reports/kinds.yaml): a kind added there, with its module, its notebook and its
catalogue entries, is served by the command line, the page requests and the site index, and checked by the
architecture test, without touching any other file. Tried on a temporary copy of the project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from quebec_intl.caching import reset_caches
from quebec_intl.errors import QuebecIntlError
from quebec_intl.publish import requests
from quebec_intl.reports import registry

MEMO = '''\
"""A one-section memo (a kind added by a test): its title."""

from __future__ import annotations

from dataclasses import dataclass

from ..data import partners
from ..visual.blocks import PageInfo, Section
from .context import ReportContext, catalogue_subject


@dataclass(frozen=True)
class MemoData:
    partner: partners.Partner | None


def check(partner: str | None = None) -> partners.Partner | None:
    return partners.resolve(partner) if partner else None


def load(partner: str | None = None) -> MemoData:
    return MemoData(check(partner))


def header(d: MemoData, ctx: ReportContext) -> Section:
    page = PageInfo(kind="memo", lang=ctx.lang, title="Memo", subject=catalogue_subject("QC", "memo.index_heading"))
    return Section("Memo", [page], level=1)


SECTIONS = (header,)
'''

SCRIPT = """
import importlib.util
import json
import sys
from pathlib import Path
from quebec_intl import cli
from quebec_intl.publish import manifest, requests, site_index

args = cli.parser().parse_args(["render", "memo", "--partner", "France", "--lang", "fr"])
pages = [r.page for r in cli._kind_requests(args)]
suite = [r.page for r in requests.suite_plan().requests]
reports = Path("reports"); (reports / "fr" / "memo").mkdir(parents=True)
(reports / "fr" / "memo" / "quebec.html").write_text("<html></html>")
record = manifest.PageRecord(page="fr/memo/quebec.html", kind="memo", parameters={"partner": None, "lang": "fr"},
                             lang="fr", title="Memo", subject={"code": "QC", "name_en": "Memos", "name_fr": "Notes"},
                             sources=[], data_fingerprint="d", code_fingerprint="c")
manifest.write(reports, {record.page: record})
index = site_index.render(reports)
filed = "Notes de service" in index and "fr/memo/quebec.html" in index

# The copy's architecture test, on the kind it now finds in the registry (its parametrized tests, called here).
spec = importlib.util.spec_from_file_location("architecture", Path(sys.argv[1]) / "tests/unit/test_architecture.py")
architecture = importlib.util.module_from_spec(spec)
spec.loader.exec_module(architecture)
architecture.test_no_report_kind_imports_another()
architecture.test_each_notebook_calls_its_report_sections_in_order("memo")
print(json.dumps({"pages": pages, "suite": suite, "index": filed, "checked": list(architecture.REPORT_KINDS)}))
"""


@pytest.fixture
def project_with_a_memo(tmp_path) -> Path:
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "bundled", "processed", "raw", "*.egg-info")
    shutil.copytree(PROJECT_ROOT / "src", root / "src", ignore=ignore)
    shutil.copytree(PROJECT_ROOT / "data", root / "data", ignore=ignore)
    shutil.copytree(PROJECT_ROOT / "notebooks", root / "notebooks")
    shutil.copytree(PROJECT_ROOT / "tests" / "unit", root / "tests" / "unit", ignore=ignore)
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root)
    package = root / "src" / "quebec_intl"
    (package / "reports" / "memo.py").write_text(MEMO, encoding="utf-8")
    with (package / "reports" / "kinds.yaml").open("a", encoding="utf-8") as kinds:
        kinds.write(
            "memo:\n  help: a one-section memo\n  parameters: [optional_partner]\n  suite: once\n"
            "  subject: memo.index_heading\n"
        )
    for lang, heading in (("en", "Memos"), ("fr", "Notes de service")):
        with (package / "analysis" / "catalogues" / f"{lang}.yaml").open("a", encoding="utf-8") as catalogue:
            catalogue.write(f"\nmemo:\n  index_heading: {heading}\n")  # the kind's namespace
    notebook = json.loads((PROJECT_ROOT / "notebooks" / "relations.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    code[1]["source"] = textwrap.dedent("""\
        from quebec_intl.reports import notebook, memo as report
        from quebec_intl.reports.context import ReportContext

        notebook.setup()
        ctx = ReportContext.of(lang)
        data = report.load(partner)
        report.header(data, ctx)""")
    notebook["cells"] = [c for c in notebook["cells"] if c["cell_type"] == "markdown" or c in code[:2]]
    (root / "notebooks" / "memo.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return root


def test_a_kind_added_to_the_registry_is_served_everywhere(project_with_a_memo, tmp_path):
    env = {
        "PYTHONPATH": str(project_with_a_memo / "src"),
        "QUEBEC_INTL_PROCESSED": str(tmp_path / "processed"),
        "QUEBEC_INTL_REPORTS": str(tmp_path / "unused"),
        "PATH": "/usr/bin:/bin",
    }
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(project_with_a_memo)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr  # the architecture test's own assertions held for the memo
    served = json.loads(run.stdout.strip().splitlines()[-1])
    assert served["pages"] == ["fr/memo/fra.html"]  # the command line resolves its parameter and names its page
    assert {"fr/memo/quebec.html", "en/memo/quebec.html"} <= set(served["suite"])  # `render --all` makes it
    assert served["index"]  # the index files it under its own heading, from the catalogue
    assert "memo" in served["checked"]  # the architecture test's parameters, read from the registry


def test_every_consumer_reads_the_registry():
    names = list(registry.kinds())
    # the index's order, as kinds.yaml lists them
    assert names == ["overview", "partner", "region", "relations", "briefing", "compare", "bulletin"]
    assert {request.kind for request in requests.suite_plan().requests} <= set(names)
    for kind in registry.kinds().values():
        assert (PROJECT_ROOT / "notebooks" / f"{kind.notebook}.ipynb").is_file()
        assert callable(kind.module.check) and kind.module.SECTIONS


@pytest.mark.usefixtures("no_mirror")
def test_render_all_leaves_out_a_listed_page_the_data_cannot_make_and_says_why():
    """The README's first command on a fresh clone: the listed comparison of France, Germany and the United Kingdom
    needs a year all three have, which the published figures do not hold; `render --all` leaves it out in one line
    instead of failing, and makes every other page."""
    plan = requests.suite_plan()
    assert not [r for r in plan.requests if r.page.endswith("/compare/fra-deu-gbr.html")]
    [line] = [line for line in plan.left_out if line.startswith("compare fra-deu-gbr:")]
    assert "no whole year in common" in line and "\n" not in line
    assert "en/overview/quebec.html" in {r.page for r in plan.requests}
    with pytest.raises(QuebecIntlError, match="no whole year in common"):  # asked for alone, it is refused alike
        registry.kind("compare").check(registry.kind("compare").resolve({"partners": ["FRA", "DEU", "GBR"]}))


@pytest.mark.usefixtures("no_mirror")
def test_without_the_monthly_table_render_all_leaves_the_bulletin_out_in_one_line():
    """The embedded default has no monthly table: no bulletin is planned, one line says why, and the command asks
    for it alone is refused in one line naming what is lacking."""
    plan = requests.suite_plan()
    assert not [r for r in plan.requests if r.kind == "bulletin"]
    [line] = [line for line in plan.left_out if line.startswith("bulletin:")]
    assert "12-10-0175-01" in line and "\n" not in line
    with pytest.raises(QuebecIntlError, match="12-10-0175-01"):
        registry.kind("bulletin").check(registry.kind("bulletin").resolve({}))


def test_a_bulletin_month_is_written_yyyy_mm():
    with pytest.raises(QuebecIntlError, match="YYYY-MM"):
        registry.kind("bulletin").resolve({"month": "July 2026"})
    assert registry.kind("bulletin").resolve({"month": "2025-12"}) == {"month": "2025-12"}


@pytest.mark.usefixtures("no_mirror")
def test_a_listed_page_whose_subject_has_no_source_is_named_not_silently_dropped():
    plan = requests.suite_plan()
    [line] = [line for line in plan.left_out if line.startswith("briefing us-ga:")]
    assert "Georgia (US-GA)" in line


@pytest.mark.usefixtures("no_mirror")
def test_a_kinds_suite_is_made_once_until_the_caches_are_reset():
    """A kind is its suite's key, as any memo's arguments are: hashable, its listed pages immutable (the comparisons'
    lists of partners too)."""
    assert hash(registry.kind("compare")) == hash(registry.kind("compare"))
    made = registry.kind("overview").suite_pages()
    assert registry.kind("overview").suite_pages() is made
    reset_caches()
    again = registry.kind("overview").suite_pages()
    assert again is not made and again == made
