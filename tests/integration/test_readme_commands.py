"""The README's commands are tests: every `quebec-intl`, `papermill` and `jupyter nbconvert` line of its code blocks,
run as a user types it, in a scratch folder, on the embedded default and on the mirror.

A line runs to exit status 0 with no traceback; a line the README marks *needs the mirror* is, without the mirror,
refused in one line with exit status 2 (and no traceback). With the mirror, the scratch site starts as a copy of the
suite rendered from it, so a line re-renders only what it changes, as on a user's site."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from quebec_intl import settings

pytestmark = pytest.mark.usefixtures("kernels")

COMMANDS = ("quebec-intl ", "papermill ", "jupyter nbconvert ")
NEEDS_THE_MIRROR = "needs the mirror"  # else one line and exit status 2 (« or the network »: or it succeeds)
OR_THE_NETWORK = "or the network"
BIN = Path(sys.executable).parent


def readme_lines() -> list[tuple[str, str]]:
    """Each command line of the README's code blocks, in order, and what the README says it needs: "mirror",
    "mirror or network" or ""."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"^```(?:bash|sh)?\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            command, _, comment = line.partition("  #")
            if command.strip().startswith(COMMANDS):
                needs = "mirror" if NEEDS_THE_MIRROR in comment else ""
                found.append((command.strip(), needs + (" or network" if needs and OR_THE_NETWORK in comment else "")))
    return found


LINES = readme_lines()


def test_the_readme_shows_the_commands_a_user_needs():
    """The test below would pass on an empty README: its lines are the ones the README promises (read by hand)."""
    commands = [command for command, _ in LINES]
    for expected in ("quebec-intl render --all", "quebec-intl sources", "quebec-intl data", "quebec-intl reconcile"):
        assert expected in commands
    assert any(c.startswith("papermill ") for c in commands) and any(
        c.startswith("jupyter nbconvert") for c in commands
    )
    assert len(commands) >= 15
    assert dict(LINES)["quebec-intl reconcile"] == "mirror" and dict(LINES)["quebec-intl data"] == "mirror or network"


def _scratch(tmp_path_factory, name: str) -> Path:
    """A folder to run the README's lines in, its `notebooks/` the project's (the papermill line names it)."""
    folder = tmp_path_factory.mktemp(name)
    (folder / "notebooks").symlink_to(PROJECT_ROOT / "notebooks")
    return folder


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict:
    folder = _scratch(tmp_path_factory, "readme-embedded")
    return {
        "cwd": folder,
        "env": {
            settings.PROCESSED_ENV: str(folder / "data" / "processed"),
            settings.REPORTS_ENV: str(folder / "reports"),
        },
        "mirror": False,
    }


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory, mirror_dir, mirror_tables, mirror_site) -> dict:
    folder = _scratch(tmp_path_factory, "readme-mirror")
    shutil.copytree(mirror_tables, folder / "data" / "processed")
    shutil.copytree(mirror_site, folder / "reports")
    return {
        "cwd": folder,
        "env": {
            settings.PROCESSED_ENV: str(folder / "data" / "processed"),
            settings.REPORTS_ENV: str(folder / "reports"),
            settings.MIRROR_ENV: str(mirror_dir),
        },
        "mirror": True,
    }


def run_line(command: str, where: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != settings.MIRROR_ENV}
    env |= where["env"] | {"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}
    return subprocess.run(
        shlex.split(command), cwd=where["cwd"], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _check(command: str, needs: str, where: dict) -> None:
    done = run_line(command, where)
    said = done.stdout + done.stderr
    assert "Traceback" not in said, f"`{command}` printed a traceback:\n{said[-3000:]}"
    if needs and not where["mirror"] and not (needs.endswith("network") and done.returncode == 0):
        errors = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 2, f"`{command}` without the mirror exited {done.returncode}:\n{said[-2000:]}"
        assert len(errors) == 1 and errors[0].startswith("quebec-intl: error: "), said[-2000:]
    else:
        assert done.returncode == 0, f"`{command}` exited {done.returncode}:\n{said[-3000:]}"


@pytest.mark.parametrize(("command", "needs"), LINES, ids=[c for c, _ in LINES])
def test_readme_line_on_the_embedded_default(command, needs, embedded):
    _check(command, needs, embedded)


@pytest.mark.parametrize(("command", "needs"), LINES, ids=[c for c, _ in LINES])
def test_readme_line_with_the_mirror(command, needs, mirrored, mirror_site):
    _check(command, needs, mirrored)
    if "--all" in command and "--force" in command:  # every page made again over two kernels: the very same bytes
        again = mirrored["cwd"] / "reports"
        for page in sorted(mirror_site.glob("*/*/*.html")):
            name = page.relative_to(mirror_site).as_posix()
            assert (again / name).read_bytes() == page.read_bytes(), f"{name} differs once rendered again"


def test_the_papermill_line_makes_a_page_from_the_executed_notebook(embedded):
    """After the README's papermill and nbconvert lines (run above, in this folder), the page is there and names its
    partner as the French page does."""
    page = embedded["cwd"] / "executed.html"
    if not page.is_file():  # the lines run above, in this module's order; alone, this test runs them itself
        for command, _ in LINES:
            if command.startswith(("papermill ", "jupyter nbconvert ")):
                run_line(command, embedded)
    text = page.read_text(encoding="utf-8")
    assert "Australie" in text and 'lang="fr"' in text
