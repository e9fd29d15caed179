"""The browser tests' fixtures: headless Chromium with the network cut, one per module."""

import pytest
from chromium import LOOPBACK_ONLY, NO_NAMES, chromium


@pytest.fixture(scope="module")
def browser():
    yield from chromium(NO_NAMES)


@pytest.fixture(scope="module")
def loopback_browser():
    """Chromium that reaches a server on the loopback address (JupyterLab), and nothing else."""
    yield from chromium(LOOPBACK_ONLY)
