"""Notebooks (nbval) run as an analyst opens them on a fresh clone: with the shipped snapshot, their tables in a folder
of their own. tests/conftest.py sets the run's settings (no snapshot unless a test asks); its runtest hooks apply to
tests/ only, so the notebooks' own are here. A notebook's kernel, started at its first cell, keeps these settings; the
worker's are put back after each cell, for the tests that follow."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from quebec_intl import settings

TABLES = tempfile.mkdtemp(prefix="quebec-intl-notebooks-")
atexit.register(shutil.rmtree, TABLES, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    item.saved_settings = {name: os.environ.get(name) for name in (settings.SNAPSHOT_ENV, settings.PROCESSED_ENV)}
    os.environ.pop(settings.SNAPSHOT_ENV, None)
    os.environ[settings.PROCESSED_ENV] = TABLES


def pytest_runtest_teardown(item):
    for name, value in getattr(item, "saved_settings", {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
