"""The kernels a render starts keep their files in the build's scratch folder (settings.kernel_dir): no connection
file left in /tmp, an unwritable HOME does not stop them ("Kernel died before replying" was all a user saw), and no
command history is written (on a full disk, IPython's history traceback came first)."""

from __future__ import annotations

import nbformat
import pytest

from quebec_intl import settings
from quebec_intl.publish.kernel import KernelSession


@pytest.mark.usefixtures("kernels", "outputs")
def test_a_kernel_runs_with_an_unwritable_home_and_leaves_no_file_behind(monkeypatch):
    monkeypatch.setenv("HOME", "/proc")  # no one can write there, root included
    scratch = settings.kernel_dir()
    left = scratch / "kernel-999999999-000000000000.json"  # a killed render's (no such process)
    left.parent.mkdir(parents=True)
    left.write_text("{}", encoding="utf-8")
    with KernelSession() as session:
        connection = session.km.connection_file
        assert connection.startswith(str(scratch)) and not left.exists()
        cell = nbformat.v4.new_code_cell(
            "import os, IPython\nprint(os.environ['IPYTHONDIR'], IPython.get_ipython().history_manager.enabled)"
        )
        reply = session.run_cell(cell)
    assert reply["status"] == "ok", reply
    assert cell.outputs[0]["text"].split() == [str(scratch / "ipython"), "False"]
    assert not [path for path in scratch.glob("kernel-*.json")]  # its own removed on the way out
