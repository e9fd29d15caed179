"""A write killed before its rename leaves a hidden temporary file: the next run removes it, unless the process
writing it is still running (another render of the same site)."""

import os
import subprocess
import sys

from quebec_intl.data import atomic


def test_a_killed_write_leaves_a_file_the_next_run_removes_and_a_running_one_is_left(tmp_path):
    page = tmp_path / "fr" / "partner" / "usa.html"
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from quebec_intl.data import atomic\n"
        "os.replace = lambda *a: os.kill(os.getpid(), 9)\n"  # killed between writing and renaming
        f"atomic.write_text(Path({str(page)!r}), 'half')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    left = [p.name for p in page.parent.iterdir()]
    assert len(left) == 1 and left[0].startswith(".usa.html.") and left[0].endswith(".tmp")
    running = page.parent / f".index.html.{os.getpid()}.abcd1234.tmp"  # this very process, still writing
    running.write_text("being written")
    removed = atomic.remove_leftovers(tmp_path)
    assert [p.name for p in removed] == left and sorted(p.name for p in page.parent.iterdir()) == [running.name]
