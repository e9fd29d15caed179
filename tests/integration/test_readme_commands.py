"""The README's commands are tests: every `quebec-intl`, `papermill` and `jupyter nbconvert` line of its code blocks,
run as a user types it, in a scratch folder, here as on a fresh clone without the mirror (the shipped snapshot);
test_readme_commands_mirror.py runs them on the mirror.

A line runs to exit status 0 with no traceback; a line the README marks *needs the mirror* is, without the mirror,
refused in one line with exit status 2 (and no traceback).

The line that renders every page anew (`render --all --force --jobs 2`) is the one that made the session's site of
the snapshot (tests/conftest.py, snapshot_site), which other tests read too: what it said then is judged here. The
other lines run in the README's order on a copy of that site, as on a user's fresh clone after `make report` (the
plain `render --all` on a fresh clone, `.ci/run`'s first step): each renders what it changes."""

from __future__ import annotations

import pytest
from readme_lines import LINES, check, run_line, scratch

from quebec_intl import settings

pytestmark = pytest.mark.usefixtures("kernels")


def test_the_readme_shows_the_commands_a_user_needs():
    """The test below would pass on an empty README: its lines are the ones the README promises (read by hand)."""
    commands = [command for command, _ in LINES]
    for expected in ("quebec-intl render --all", "quebec-intl sources", "quebec-intl data", "quebec-intl reconcile"):
        assert expected in commands
    assert any(c.startswith("papermill ") for c in commands) and any(
        c.startswith("jupyter nbconvert") for c in commands
    )
    assert len(commands) >= 15
    assert dict(LINES)["quebec-intl reconcile"] == "" and dict(LINES)["quebec-intl data"] == "mirror or network"
    assert dict(LINES)["quebec-intl update"] == dict(LINES)["quebec-intl update --check"] == "network"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, snapshot_site) -> dict:
    folder = scratch(tmp_path_factory, "readme-embedded", snapshot_site, snapshot_site.parent / "processed")
    return {
        "cwd": folder,
        "env": {
            settings.PROCESSED_ENV: str(folder / "data" / "processed"),
            settings.REPORTS_ENV: str(folder / "reports"),
        },
        "mirror": False,
        "site": snapshot_site,
    }


@pytest.mark.parametrize(("command", "needs"), LINES, ids=[c for c, _ in LINES])
def test_readme_line_on_the_embedded_default(command, needs, embedded):
    check(command, needs, embedded)


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
