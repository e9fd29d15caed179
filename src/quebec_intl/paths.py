"""Where the project's files live. Settings from the environment, read at each call: QUEBEC_INTL_MIRROR (the
source mirror); QUEBEC_INTL_RAW, QUEBEC_INTL_PROCESSED and QUEBEC_INTL_REPORTS (download cache and outputs)."""

from __future__ import annotations

import os
from pathlib import Path

MIRROR_ENV = "QUEBEC_INTL_MIRROR"
PROCESSED_ENV = "QUEBEC_INTL_PROCESSED"
REPORTS_ENV = "QUEBEC_INTL_REPORTS"
RAW_ENV = "QUEBEC_INTL_RAW"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
CURATED_DIR = DATA_DIR / "curated"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else None


def mirror_dir() -> Path | None:
    """The mirror directory named by QUEBEC_INTL_MIRROR, or None when it is not set."""
    return _from_env(MIRROR_ENV)


def processed_dir() -> Path:
    return _from_env(PROCESSED_ENV) or DATA_DIR / "processed"


def reports_dir() -> Path:
    return _from_env(REPORTS_ENV) or PROJECT_ROOT / "reports"


def raw_dir() -> Path:
    return _from_env(RAW_ENV) or DATA_DIR / "raw"
