"""`pip install .` (not editable) into a fresh virtual environment renders a report that draws offline: the package
finds its data, notebooks and templates inside itself, and writes its outputs under the current directory."""

import os
import subprocess
import venv

import pytest
from chromium import assert_charts_draw_offline
from conftest import PROJECT_ROOT

pytestmark = pytest.mark.usefixtures("kernels")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh environment with the project installed from this checkout, as a user outside it would."""
    root = tmp_path_factory.mktemp("installed")
    venv.EnvBuilder(with_pip=True).create(root / "env")
    python = root / "env" / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-v",
            "--disable-pip-version-check",
            "-c",
            str(PROJECT_ROOT / "requirements.lock"),
            str(PROJECT_ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    (root / "install.log").write_text(install.stdout + install.stderr, encoding="utf-8")
    return root


def test_an_installed_package_renders_a_page_that_draws_offline(installed, browser):
    work = installed / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUEBEC_INTL_") and k != "PYTHONPATH"}
    run = subprocess.run(
        [str(installed / "env" / "bin" / "quebec-intl"), "render", "partner", "--partner", "France", "--lang", "en"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    page = work / "reports" / "en" / "partner" / "fra.html"
    assert page.is_file() and (work / "reports" / "index.html").is_file()
    # The official snapshot inside the package: France's figures from Statistics Canada's table, not transcriptions.
    assert "Statistics Canada, Table 12-10-0175-01" in page.read_text(encoding="utf-8")
    location = subprocess.run(
        [
            str(installed / "env" / "bin" / "python"),
            "-c",
            "import quebec_intl.settings as s; print(s.checkout_root(), s.notebooks_dir())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert location[0] == "None" and "site-packages" in location[1]  # not read from this checkout
    assert_charts_draw_offline(browser, page)


def test_the_package_installs_without_a_warning_from_setuptools_and_without_jupyterlab(installed):
    log = (installed / "install.log").read_text(encoding="utf-8")
    warned = [
        line.strip()
        for line in log.splitlines()
        if "BuildBackendWarning" in line or "SetuptoolsDeprecationWarning" in line or "as data is deprecated" in line
    ]
    assert warned == []
    probe = "from importlib import metadata; metadata.version('jupyterlab')"
    check = subprocess.run([str(installed / "env" / "bin" / "python"), "-c", probe], cwd=installed, capture_output=True)
    assert check.returncode != 0  # JupyterLab is the `lab` extra: the renderer does not need it


def test_the_installed_package_names_what_is_missing_for_maps(installed):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUEBEC_INTL_")}
    run = subprocess.run(
        [
            str(installed / "env" / "bin" / "python"),
            "-c",
            "from quebec_intl.visual import maps; maps.topology('world')",
        ],
        cwd=installed,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "QUEBEC_INTL_GEOMETRIES" in run.stderr
