"""The fault-injection script (tests/faults/run_faults.py) is a tool people run by hand; this keeps it working: two
of its cases, one through a setting and one through a broken curated row on a copy of the project, must come out
as they must be."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PROJECT_ROOT, real_mirror

SCRIPT = PROJECT_ROOT / "tests" / "faults" / "run_faults.py"
pytestmark = pytest.mark.usefixtures("mirror_dir", "kernels")  # the script renders pages from the real mirror


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--mirror", str(real_mirror()), *args],
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_script_prints_a_line_per_case_and_passes_on_a_good_product(mirror_tables):
    done = run("--only", "mirror-missing,hostile-title", "--tables", str(mirror_tables))  # the session's tables
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    mistyped = next(line for line in lines if line.startswith("1. mirror path mistyped"))
    assert mistyped.split()[4:8] == ["2", "no", "yes", "yes"] and "no such folder" in mistyped
    hostile = next(line for line in lines if line.startswith("4. event title"))
    assert "title on the page, escaped" in hostile
    assert "2 of 2 case(s) as they must be" in done.stdout
