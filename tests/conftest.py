"""Shared fixtures and the suite's tiers.

A test's tier follows from the fixtures it asks for (`pytest_collection_modifyitems`): `mirror` (the real source
mirror), `kernels` (a test that starts a Jupyter kernel: renders pages or runs notebooks), `browser`. `make check`
runs the tests with none of these marks: no mirror, no kernel, no browser. Each test starts with the package's
caches empty, its outputs in temporary folders, and no mirror and no snapshot unless it asks for one (`mirror`,
`snapshot`): without either, the product reads the published figures alone, which the tests of that path need; a
test that would start a kernel without asking for `kernels` fails, so the fast tier stays fast.

The mirror's tables are built once per session (`mirror_tables`), and the whole default suite is rendered once from
them (`mirror_site`, by the README's own `render --all` line) for every test that reads a published page; the same
line renders it once from the shipped snapshot alone (`snapshot_site`), as on a fresh clone.

`make test` runs the suite over one worker per core (pytest-xdist, `--dist loadscope`: a module's tests, which share
its fixtures, and a notebook's cells stay on one worker). The mirror's tables and site are built once for all the
workers: the first to need one builds it under a lock, the others wait for it and read it (`_built_once`). So is
the snapshot's site."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from quebec_intl import settings
from quebec_intl.caching import reset_caches

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = PROJECT_ROOT.parent / "shared" / "data" / "mirror"
US_EXTRACT = "statcan-12100175-us-extract/province_sector_us_monthly.csv"
CELLS_A_MONTH = 13 * 12  # a whole extract's rows each month: 13 provinces and territories x 12 product sections
US_EXTRACT_HEADER = ["SECTOR", "YEAR", "YEAR_MONTH", "TRADE_PARTNER", "PROVINCE", "EXPORT", "IMPORT", "NET_TRADE"]

# The fixtures that put a test in a tier, by the mark they give it (the closure of a test's fixtures counts).
TIER_FIXTURES = {"mirror": {"mirror_dir"}, "kernels": {"kernels"}, "browser": {"browser", "loopback_browser"}}


def pytest_collection_modifyitems(items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for mark, fixtures in TIER_FIXTURES.items():
            if names & fixtures:
                item.add_marker(mark)
        if ".ipynb::" in item.nodeid:  # nbval runs the notebook, on the embedded default, in a kernel
            item.add_marker("kernels")


def real_mirror() -> Path:
    """The real mirror (QUEBEC_INTL_MIRROR as the run was started, else ../shared/data/mirror); in CI its absence
    fails the test."""
    mirror = Path(os.environ.get(GIVEN_MIRROR) or DEFAULT_MIRROR)
    if not (mirror / US_EXTRACT).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the source mirror is missing at {mirror}; CI must set {settings.MIRROR_ENV}")
        pytest.skip(f"no source mirror at {mirror}")
    return mirror


class NotebookSettings:
    """Notebooks (nbval) run as an analyst opens them on a fresh clone: with the shipped snapshot, their tables in a
    folder of their own. Registered as a plugin by pytest_configure, since a conftest's runtest hooks reach only the
    items of its own folder (notebooks/ is not under tests/). A notebook's kernel, started at its first cell, keeps
    these settings; the worker's are put back after each cell, for the tests that follow."""

    def __init__(self, tables: Path) -> None:
        self.tables = tables

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        if item.path.suffix == ".ipynb":
            names = (settings.SNAPSHOT_ENV, settings.PROCESSED_ENV)
            item.saved_settings = {name: os.environ.get(name) for name in names}
            os.environ.pop(settings.SNAPSHOT_ENV, None)
            os.environ[settings.PROCESSED_ENV] = str(self.tables)

    def pytest_runtest_teardown(self, item):
        for name, value in getattr(item, "saved_settings", {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


GIVEN_MIRROR = "QUEBEC_INTL_TEST_MIRROR"  # the mirror the run was given, kept aside from QUEBEC_INTL_MIRROR
SESSION_OUTPUTS: dict[str, str] = {}  # the settings every test starts from, unless a fixture of its own sets them


def pytest_configure(config):
    """No test sees QUEBEC_INTL_MIRROR, nor the shipped snapshot, unless a fixture sets it; outputs default to
    folders of the run's own."""
    os.environ[settings.SNAPSHOT_ENV] = settings.NO_SNAPSHOT
    given = os.environ.pop(settings.MIRROR_ENV, None)
    if given and GIVEN_MIRROR not in os.environ:
        os.environ[GIVEN_MIRROR] = str(Path(given).expanduser().resolve())
    base = Path(tempfile.mkdtemp(prefix="quebec-intl-tests-"))
    for name, folder in (
        (settings.PROCESSED_ENV, "embedded-processed"),
        (settings.REPORTS_ENV, "reports"),
        (settings.RAW_ENV, "raw"),
    ):
        SESSION_OUTPUTS[name] = os.environ[name] = str(base / folder)
    config.pluginmanager.register(NotebookSettings(base / "notebook-processed"), "quebec-intl-notebook-settings")


class KernelRefused(AssertionError):
    pass


@pytest.fixture(autouse=True)
def tier(request, monkeypatch, tmp_path_factory):
    """No cache from an earlier test but the results keyed on their content (tables read, files' checksums: never
    stale); reports and downloads in folders of the test's own (processed tables of the embedded default are
    shared: they are rebuilt whenever their inputs differ); no kernel unless asked for."""
    reset_caches(keep_content=True)
    scratch = None
    for name in (settings.REPORTS_ENV, settings.RAW_ENV):
        if os.environ.get(name) == SESSION_OUTPUTS[name]:  # not set by a fixture of a wider scope
            scratch = scratch or tmp_path_factory.mktemp("outputs")
            monkeypatch.setenv(name, str(scratch / Path(SESSION_OUTPUTS[name]).name))
    if "kernels" not in {mark.name for mark in request.node.iter_markers()}:
        from quebec_intl.publish import kernel

        def refuse(_self):
            raise KernelRefused(f"{request.node.nodeid} starts a kernel: ask for the `kernels` fixture")

        monkeypatch.setattr(kernel.KernelSession, "_start", refuse)
    yield
    reset_caches(keep_content=True)


@pytest.fixture(scope="session")
def kernels():
    """Asked for by a test that starts a Jupyter kernel (renders a page, runs a notebook): its tier. The session's
    batches share their kernels, each started once for an environment (publish/pool.keep_kernels)."""
    from quebec_intl.publish import pool

    pool.keep_kernels(True)
    yield
    pool.keep_kernels(False)


@pytest.fixture
def outputs(tmp_path, monkeypatch):
    """Processed tables and reports go to this test's own folders, for this process and the kernels it starts."""
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    monkeypatch.setenv(settings.PROCESSED_ENV, str(processed))
    monkeypatch.setenv(settings.REPORTS_ENV, str(reports))
    return processed, reports


@pytest.fixture(scope="session")
def mirror_dir() -> Path:
    """The real source mirror: its tier."""
    return real_mirror()


def _built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder `build(folder)` fills once for the whole run: under pytest-xdist, in the folder the workers' own
    temporary folders share, by the first worker to take its lock; a folder left half-built is built again."""
    from quebec_intl.data import atomic

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with atomic.locked(root / f"{name}.lock"):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def mirror_tables(mirror_dir, tmp_path_factory) -> Path:
    """Every table the real mirror allows, built once into a folder the run shares (a copy of the mirror reads
    them as current: a table records its sources' checksums, not where they sit)."""
    from quebec_intl.data import pipeline, trade

    def build(processed: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(settings.MIRROR_ENV, str(mirror_dir))
            patch.setenv(settings.PROCESSED_ENV, str(processed))
            reset_caches()
            report = pipeline.build_all()  # every table the mirror allows: the reports' and the reconciliations
        reset_caches()
        assert set(trade.REPORT_TABLES) <= set(report.built), report.unavailable

    return _built_once(tmp_path_factory, "mirror-processed", build)


@pytest.fixture
def mirror(request, mirror_dir, mirror_tables, monkeypatch) -> Path:
    """The real mirror, with the session's tables built from it (unless the test has its own `outputs`)."""
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror_dir))
    if "outputs" not in request.fixturenames:
        monkeypatch.setenv(settings.PROCESSED_ENV, str(mirror_tables))
    reset_caches(keep_content=True)
    return mirror_dir


@pytest.fixture
def snapshot(monkeypatch) -> Path:
    """The official snapshot the package ships, read as a fresh clone reads it (no mirror set)."""
    monkeypatch.delenv(settings.SNAPSHOT_ENV, raising=False)
    monkeypatch.delenv(settings.MIRROR_ENV, raising=False)
    reset_caches(keep_content=True)
    return settings.snapshot_dir()


@pytest.fixture
def no_mirror(monkeypatch):
    monkeypatch.delenv(settings.MIRROR_ENV, raising=False)


def complete_grid(rows: list[dict]) -> list[dict]:
    """The rows, plus a zero row for every month, province and section they leave out: the real extract has one
    row for each, and the reader refuses a file that lacks one."""
    from quebec_intl.data import reference

    provinces = reference.provinces()
    names = provinces.loc[provinces["kind"].isin(["province", "territory"]), "name_en"].replace({"Quebec": "Québec"})
    sections = [
        name
        for code, name in zip(reference.product_sections()["code"], reference.product_sections()["name_en"])
        if code != "total"
    ]
    months = sorted({row["YEAR_MONTH"][:7] for row in rows})
    given = {(row["YEAR_MONTH"][:7], row["PROVINCE"].replace("Quebec", "Québec"), row["SECTOR"]) for row in rows}
    filler = [
        extract_row(province, month, 0.0, 0.0, sector)
        for month in months
        for province in names
        for sector in sections
        if (month, province, sector) not in given
    ]
    return rows + filler


def write_us_extract(
    mirror_root: Path, rows: list[dict], header: list[str] = US_EXTRACT_HEADER, complete: bool = True
) -> Path:
    """A mirror holding a small file in the US extract's exact layout; with `complete`, every month, province and
    section the rows leave out is filled in with zeros, as in a whole file."""
    file = mirror_root / US_EXTRACT
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(complete_grid(rows) if complete and rows else rows)
    return file


def extract_row(province: str, month: str, export: float, import_: float, sector: str = "Consumer goods") -> dict:
    return {
        "SECTOR": sector,
        "YEAR": month[:4],
        "YEAR_MONTH": f"{month}-01",
        "TRADE_PARTNER": "United States",
        "PROVINCE": province,
        "EXPORT": f"{export:.1f}",
        "IMPORT": f"{import_:.1f}",
        "NET_TRADE": f"{export - import_:.1f}",
    }


@pytest.fixture(scope="session")
def mirror_site(mirror_dir, mirror_tables, kernels, tmp_path_factory) -> Path:  # noqa: ARG001
    """The whole default suite rendered once from the real mirror by the README's own line (`quebec-intl render
    --all --force --jobs 2`, run as a user types it): the reports folder, for every test that reads a published
    page. What the line said is kept beside it (readme_lines.SITE_LINE_RECORD) for the README's test, which so
    never renders the whole site a second time. Tests read the site; one that changes it works on a copy."""
    from readme_lines import record_site_line

    def build(site: Path) -> None:
        env = {
            settings.MIRROR_ENV: str(mirror_dir),
            settings.PROCESSED_ENV: str(mirror_tables),
            settings.REPORTS_ENV: str(site / "reports"),
        }
        record_site_line(site, env)

    return _built_once(tmp_path_factory, "mirror-site", build) / "reports"


@pytest.fixture(scope="session")
def snapshot_site(kernels, tmp_path_factory) -> Path:  # noqa: ARG001
    """The whole default suite rendered once as on a fresh clone, from the shipped snapshot alone (no mirror, no
    network), by the same README line as `mirror_site`: the reports folder, its tables in `processed` beside it,
    and what the line said kept beside it for the README's test. Tests read it; one that changes it works on a copy."""
    from readme_lines import CLOSED, record_site_line

    def build(site: Path) -> None:
        env = {
            settings.PROCESSED_ENV: str(site / "processed"),
            settings.REPORTS_ENV: str(site / "reports"),
            settings.RAW_ENV: str(site / "raw"),  # no download at hand
            **{service: CLOSED for service in settings.SERVICES},  # nor any service to reach
        }
        record_site_line(site, env)

    return _built_once(tmp_path_factory, "snapshot-site", build) / "reports"


@pytest.fixture(scope="session")
def rendered_site(mirror_site, mirror_dir, mirror_tables) -> dict:
    """The pages of the mirror's site the page tests open, by the names they use."""
    pages = {
        "fr": "fr/partner/usa.html",
        "en": "en/partner/usa.html",
        "relations": "fr/relations/quebec.html",
        "overview": "en/overview/quebec.html",
        "region": "fr/region/seus-cp.html",
        "state_fr": "fr/partner/us-ga.html",
        "state_en": "en/partner/us-ga.html",
        "region_en": "en/region/seus-cp.html",
        "overview_fr": "fr/overview/quebec.html",
        "france_fr": "fr/partner/fra.html",
        "france_en": "en/partner/fra.html",
        "europe_fr": "fr/region/europe.html",
        "europe_en": "en/region/europe.html",
        "briefing_state_fr": "fr/briefing/us-ga.html",
        "briefing_state_en": "en/briefing/us-ga.html",
        "briefing_country_fr": "fr/briefing/fra.html",
        "briefing_country_en": "en/briefing/fra.html",
        "briefing_region_fr": "fr/briefing/seus-cp.html",
        "briefing_region_en": "en/briefing/seus-cp.html",
        "compare_countries_fr": "fr/compare/fra-deu-gbr.html",
        "compare_countries_en": "en/compare/fra-deu-gbr.html",
        "compare_regions_fr": "fr/compare/seus-cp-gsgp.html",
        "compare_regions_en": "en/compare/seus-cp-gsgp.html",
        "bulletin_fr": "fr/bulletin/2026-07.html",
        "bulletin_en": "en/bulletin/2026-07.html",
    }
    found = {key: mirror_site / page for key, page in pages.items()}
    missing = [str(path) for path in found.values() if not path.is_file()]
    assert not missing, f"the mirror's site lacks {missing}"
    return {
        "pages": {"fr": found.pop("fr"), "en": found.pop("en")},
        **found,
        "index": mirror_site / "index.html",
        "site": mirror_site,
        "mirror": mirror_dir,
        "processed": mirror_tables,
    }


@pytest.fixture(scope="module")
def playwright_driver():
    """Playwright's driver, for the module's browsers. Not kept longer: while it runs, the process's main thread has
    an event loop marked as running, which tests of the product must not inherit."""
    from chromium import driver

    yield from driver()


@pytest.fixture(scope="module")
def browser(playwright_driver):
    """Headless Chromium with the network cut (tests/chromium.py): its tier."""
    from chromium import NO_NAMES, chromium

    yield from chromium(playwright_driver, NO_NAMES)


@pytest.fixture(scope="module")
def loopback_browser(playwright_driver):
    """Chromium that reaches a server on the loopback address (JupyterLab), and nothing else."""
    from chromium import LOOPBACK_ONLY, chromium

    yield from chromium(playwright_driver, LOOPBACK_ONLY)


@pytest.fixture
def unregistered(monkeypatch):
    """`unregistered(source_id, ...)`: those sources lose their registered checksum for this test, so that a
    SYNTHETIC file in their layout (not the registered copy) can stand in for them in a temporary mirror."""
    import dataclasses

    from quebec_intl.data import sources

    def forget(*source_ids: str) -> None:
        entries = dict(sources.registry())
        for source_id in source_ids:
            entries[source_id] = dataclasses.replace(entries[source_id], sha256=None)
        monkeypatch.setattr(sources, "registry", lambda: entries)

    return forget
