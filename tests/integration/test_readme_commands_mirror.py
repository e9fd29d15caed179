"""The README's command lines (tests/readme_lines.py) run as a user types them, with the mirror set: each exits 0
with no traceback. The scratch site starts as a copy of the suite rendered from the mirror, so that a line re-renders
only what it changes, as on a user's site. The line that renders the whole site from scratch (`render --all --force
--jobs 2`) is the one that made the session's site (tests/conftest.py, mirror_site): what it said then is judged here,
so that the whole site is rendered once per run, not twice. (A module of its own, so that a second worker runs it
beside the embedded default's.)"""

from __future__ import annotations

import shutil

import pytest
from conftest import PROJECT_ROOT
from readme_lines import LINES, check, scratch

from quebec_intl import settings

pytestmark = pytest.mark.usefixtures("kernels")


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory, mirror_dir, mirror_tables, mirror_site) -> dict:
    folder = scratch(tmp_path_factory, "readme-mirror", mirror_site, mirror_tables)
    shutil.copytree(PROJECT_ROOT / "data" / "snapshot", folder / "snapshot")  # `quebec-intl snapshot` writes there
    return {
        "cwd": folder,
        "env": {
            settings.PROCESSED_ENV: str(folder / "data" / "processed"),
            settings.REPORTS_ENV: str(folder / "reports"),
            settings.MIRROR_ENV: str(mirror_dir),
            settings.SNAPSHOT_ENV: str(folder / "snapshot"),
        },
        "mirror": True,
        "site": mirror_site,
    }


@pytest.mark.parametrize(("command", "needs"), LINES, ids=[c for c, _ in LINES])
def test_readme_line_with_the_mirror(command, needs, mirrored):
    check(command, needs, mirrored)
