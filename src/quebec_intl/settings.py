"""Where the project's files are, in a source checkout or in an installed package.

Read-only project files (the source registry, reference and curated tables, the notebooks) come from the checkout
when the package runs from one (an editable install), else from the copy bundled inside the installed package.
Outputs go under the checkout, else under the current directory. Settings from the environment, read at each call:
QUEBEC_INTL_MIRROR (the source mirror), QUEBEC_INTL_GEOMETRIES (a folder holding the map packages world-atlas and
us-atlas), QUEBEC_INTL_SNAPSHOT (the official snapshot: another folder, or `none` for none), QUEBEC_INTL_RAW,
QUEBEC_INTL_PROCESSED and QUEBEC_INTL_REPORTS (download cache and outputs),
QUEBEC_INTL_WDS_URL, QUEBEC_INTL_VALET_URL and QUEBEC_INTL_BTS_URL (the publishers' services `update` asks, official
addresses by default: an organisation's proxy, or the tests' local replica, can stand in for them)."""

from __future__ import annotations

import os
from pathlib import Path

from .caching import cached, watch

MIRROR_ENV = "QUEBEC_INTL_MIRROR"
GEOMETRIES_ENV = "QUEBEC_INTL_GEOMETRIES"
PROCESSED_ENV = "QUEBEC_INTL_PROCESSED"
REPORTS_ENV = "QUEBEC_INTL_REPORTS"
RAW_ENV = "QUEBEC_INTL_RAW"
SNAPSHOT_ENV = "QUEBEC_INTL_SNAPSHOT"
NO_SNAPSHOT = "none"  # QUEBEC_INTL_SNAPSHOT=none: no snapshot, only the published figures without a mirror
WDS_ENV = "QUEBEC_INTL_WDS_URL"
VALET_ENV = "QUEBEC_INTL_VALET_URL"
BTS_ENV = "QUEBEC_INTL_BTS_URL"
# The official addresses: Statistics Canada's Web Data Service, the Bank of Canada's Valet API, and the folder of
# BTS TransBorder's monthly archives (`<year>/<Month><year>.zip` under it).
SERVICES = {
    WDS_ENV: "https://www150.statcan.gc.ca/t1/wds/rest",
    VALET_ENV: "https://www.bankofcanada.ca/valet",
    BTS_ENV: "https://www.bts.gov/sites/bts.dot.gov/files/transborder-raw",
}

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "bundled"  # data/ and notebooks/, copied in by the wheel build (pyproject.toml)


@cached
def checkout_root() -> Path | None:
    """The source checkout the package runs from, or None when it is installed."""
    root = PACKAGE_DIR.parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "data" / "sources.yaml").is_file() else None


def project_files() -> Path:
    """The folder holding `data/` and `notebooks/`: the checkout, else the installed package's bundled copy."""
    return checkout_root() or BUNDLED_DIR


def data_dir() -> Path:
    return project_files() / "data"


def reference_dir() -> Path:
    return data_dir() / "reference"


def notebooks_dir() -> Path:
    return project_files() / "notebooks"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def mirror_dir() -> Path | None:
    """The mirror directory named by QUEBEC_INTL_MIRROR, or None when it is not set."""
    return _from_env(MIRROR_ENV)


def snapshot_dir() -> Path | None:
    """The official snapshot the package ships (data/snapshot/), another folder QUEBEC_INTL_SNAPSHOT names, or None
    when it says `none`."""
    value = os.environ.get(SNAPSHOT_ENV, "").strip()
    if value.lower() == NO_SNAPSHOT:
        return None
    return _from_env(SNAPSHOT_ENV) or data_dir() / "snapshot"


def geometries_dir() -> Path | None:
    """Where the npm map packages are: QUEBEC_INTL_GEOMETRIES, else the checkout's node_modules (`make env`)."""
    configured = _from_env(GEOMETRIES_ENV)
    if configured is not None:
        return configured
    root = checkout_root()
    return root / "node_modules" if root else None


def workspace() -> Path:
    """Where outputs go by default: the checkout, else the current directory."""
    return checkout_root() or Path.cwd()


def processed_dir() -> Path:
    return _from_env(PROCESSED_ENV) or workspace() / "data" / "processed"


def reports_dir() -> Path:
    return _from_env(REPORTS_ENV) or workspace() / "reports"


def raw_dir() -> Path:
    return _from_env(RAW_ENV) or workspace() / "data" / "raw"


def service_url(name: str) -> str:
    """A publisher's service address: the setting `name` when given, else the official address (no trailing /)."""
    return (os.environ.get(name, "").strip() or SERVICES[name]).rstrip("/")


def kernel_dir() -> Path:
    """The scratch folder of the kernels a render starts (their connection files, IPython's own folder): beside the
    processed tables, never in /tmp or HOME, so that an unwritable HOME does not stop a render and a killed render's
    files are found again."""
    return processed_dir() / ".kernels"


def output_environment() -> dict[str, str]:
    """The output settings as resolved here, for a kernel that must write where this process writes."""
    return {RAW_ENV: str(raw_dir()), PROCESSED_ENV: str(processed_dir()), REPORTS_ENV: str(reports_dir())}


# The settings a kernel must follow page by page (a kernel kept from an earlier batch may have started with others).
PAGE_SETTINGS = (MIRROR_ENV, SNAPSHOT_ENV, GEOMETRIES_ENV, RAW_ENV, PROCESSED_ENV, REPORTS_ENV)


def page_environment() -> dict[str, str]:
    """The settings as this process reads them now, for the kernel that renders its next page ("" for unset)."""
    return {
        **{name: os.environ.get(name, "") for name in (MIRROR_ENV, SNAPSHOT_ENV, GEOMETRIES_ENV)},
        **output_environment(),
    }


def _watched_state() -> tuple:
    """The project's read-only files (registry, reference and curated tables, the package's catalogues and
    templates) by size and modification time, and the settings: what the package's memoised results are made of."""
    data = data_dir()
    files = [data / "sources.yaml", *sorted((data / "reference").glob("*")), *sorted((data / "curated").glob("*"))]
    files += sorted(PACKAGE_DIR.glob("*/catalogues/*.yaml")) + sorted(PACKAGE_DIR.glob("*/*.yaml"))
    stats = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file())
    return stats, tuple(os.environ.get(name, "") for name in PAGE_SETTINGS)


watch(_watched_state)
