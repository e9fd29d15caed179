"""The README's command lines, read from its code blocks, and how a test runs one as a user types it (in a scratch
folder of its own, with the settings given and nothing else). Used by tests/integration/test_readme_commands*.py."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT

from quebec_intl import settings

COMMANDS = ("quebec-intl ", "papermill ", "jupyter nbconvert ")
NEEDS_THE_MIRROR = "needs the mirror"  # else one line and exit status 2 (« or the network »: or it succeeds)
OR_THE_NETWORK = "or the network"
NEEDS_THE_NETWORK = "needs the network"  # run with the services' addresses on a closed port: one line, exit status 2
CLOSED = "http://127.0.0.1:9"  # nothing listens there: the line is refused at once, and no test reaches the network
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
                needs += " or network" if needs and OR_THE_NETWORK in comment else ""
                found.append((command.strip(), "network" if NEEDS_THE_NETWORK in comment else needs))
    return found


LINES = readme_lines()


def scratch(tmp_path_factory, name: str, site: Path | None = None, processed: Path | None = None) -> Path:
    """A folder to run the README's lines in, its `notebooks/` the project's (the papermill line names it); with a
    session's `site` (its reports folder) and the `processed` tables it was made from, a copy of both, as a user's
    clone holds them after `make report`: each line then renders only what it changes."""
    folder = tmp_path_factory.mktemp(name)
    (folder / "notebooks").symlink_to(PROJECT_ROOT / "notebooks")
    if site is not None:
        shutil.copytree(processed, folder / "data" / "processed")
        shutil.copytree(site, folder / "reports")
    return folder


def run_line(command: str, where: dict, offline: bool = False, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (settings.MIRROR_ENV, settings.SNAPSHOT_ENV)}
    env |= where["env"] | {"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}
    if offline:
        env |= {name: CLOSED for name in settings.SERVICES}
    return subprocess.run(
        shlex.split(command), cwd=where["cwd"], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )  # as a user types it: the shipped snapshot, and the mirror only where the test gives it


# The README's line that renders the whole site from scratch: the session's site of the mirror is made by it
# (tests/conftest.py, mirror_site), and what it said is kept beside the site for the README's test to judge.
SITE_LINE = next(command for command, _ in LINES if command.startswith("quebec-intl render --all --force"))
SITE_LINE_RECORD = "readme-line.json"


def record_site_line(folder: Path, env: dict) -> None:
    """Run SITE_LINE with `env` into an empty reports folder, as a user types it, and keep what it said; a site it
    could not make fails the tests that read it."""
    done = run_line(SITE_LINE, {"cwd": folder, "env": env}, timeout=1800)  # the whole site, on a loaded machine
    said = {"command": SITE_LINE, "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
    (folder / SITE_LINE_RECORD).write_text(json.dumps(said), encoding="utf-8")
    assert done.returncode == 0 and "Traceback" not in done.stderr, (done.stdout + done.stderr)[-3000:]


def recorded_site_line(site: Path) -> subprocess.CompletedProcess:
    """What SITE_LINE said when it made the session's site (`site`: its reports folder)."""
    said = json.loads((site.parent / SITE_LINE_RECORD).read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(said["command"], said["returncode"], said["stdout"], said["stderr"])


def check(command: str, needs: str, where: dict) -> None:
    """Run the line; SITE_LINE, which made the session's site the scratch folder copies (`where["site"]`), is judged
    by what it said then."""
    if command == SITE_LINE and where.get("site"):
        done = recorded_site_line(where["site"])
    else:
        done = run_line(command, where, offline=needs == "network")
    said = done.stdout + done.stderr
    assert "Traceback" not in said, f"`{command}` printed a traceback:\n{said[-3000:]}"
    refused = needs and not where["mirror"] and not (needs.endswith("or network") and done.returncode == 0)
    if needs == "network" or refused:
        errors = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 2, f"`{command}` exited {done.returncode}, not 2:\n{said[-2000:]}"
        assert len(errors) == 1 and errors[0].startswith("quebec-intl: error: "), said[-2000:]
    else:
        assert done.returncode == 0, f"`{command}` exited {done.returncode}:\n{said[-3000:]}"
