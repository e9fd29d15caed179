"""The package built as a wheel and installed (not editable) into a fresh virtual environment renders a report that
draws offline: the package finds its data, notebooks and templates inside itself, and writes its outputs under the
current directory.

The environment reads its dependencies from this checkout's environment, only those the wheel declares (followed
through their own requirements): a dependency the package imports but does not declare fails here as after `pip
install .`, without downloading and unpacking every dependency again."""

import email.parser
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from chromium import assert_charts_draw_offline
from conftest import PROJECT_ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.usefixtures("kernels")


def declared_closure(requirements: list[str]) -> set[str]:
    """The distributions `requirements` bring, with their own requirements (and the extras asked of them), as this
    environment resolves them; a requirement's marker is read with the extras asked of the distribution listing it."""
    found: dict[str, set[str]] = {}
    pending = [(Requirement(text), {""}) for text in requirements]
    while pending:
        requirement, asked = pending.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": extra}) for extra in asked):
            continue
        name, extras = canonicalize_name(requirement.name), {"", *requirement.extras}
        if extras <= found.get(name, set()):
            continue
        found[name] = found.get(name, set()) | extras
        pending += [(Requirement(text), found[name]) for text in metadata.distribution(name).requires or []]
    return set(found)


def link_dependencies(names: set[str], view: Path, prefix: Path) -> None:
    """Links to these distributions' files only: their code and metadata in `view`, their data files (nbconvert's
    templates) under the environment's `prefix`, where pip would put them; not their commands."""
    site = Path(sysconfig.get_paths()["purelib"])
    view.mkdir()
    for name in names:
        for file in metadata.distribution(name).files or []:
            if file.parts[0] != "..":
                if (site / file.parts[0]).exists() and not (view / file.parts[0]).exists():
                    (view / file.parts[0]).symlink_to(site / file.parts[0])
                continue
            data = Path(os.path.normpath(site / file)).relative_to(sys.prefix)
            if data.parts[0] != "bin" and (Path(sys.prefix) / data).is_file():
                (prefix / data).parent.mkdir(parents=True, exist_ok=True)
                (prefix / data).symlink_to(Path(sys.prefix) / data)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh environment with the project's wheel, built from this checkout, installed as a user outside it would;
    its dependencies those the wheel declares."""
    root = tmp_path_factory.mktemp("installed")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    build = subprocess.run(
        [*pip, "wheel", "-v", "--no-deps", "-w", str(root / "dist"), str(PROJECT_ROOT)], capture_output=True, text=True
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    wheel = next((root / "dist").glob("quebec_intl-*.whl"))
    venv.EnvBuilder(with_pip=False).create(root / "env")
    python = root / "env" / "bin" / "python"
    install = subprocess.run(
        [*pip, "--python", str(python), "install", "-v", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    (root / "install.log").write_text(build.stdout + build.stderr + install.stdout + install.stderr, encoding="utf-8")
    with zipfile.ZipFile(wheel) as archive:
        name = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        declared = email.parser.Parser().parsestr(archive.read(name).decode()).get_all("Requires-Dist") or []
    view = root / "dependencies"
    link_dependencies(declared_closure(declared), view, root / "env")  # the `lab` extra's left out
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(f"{view}\n", encoding="utf-8")
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
