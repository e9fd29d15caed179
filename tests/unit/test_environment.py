"""environment.yml, pyproject.toml and requirements.lock name the same pinned dependencies."""

import re
import tomllib

import yaml
from conftest import PROJECT_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = PIN.match(requirement.strip())
        assert match, f"not pinned with ==: {requirement!r}"
        found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    return pins(project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group])


def test_environment_yml_names_the_same_pins_as_pyproject():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pins([r for r in pip_section if not r.startswith("-e")]) == pyproject_pins()


def test_lock_file_agrees_with_pyproject():
    lines = [
        line
        for line in (PROJECT_ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    locked = pins(lines)
    for name, version in pyproject_pins().items():
        assert locked.get(name) == version, f"{name}: pyproject pins {version}, requirements.lock {locked.get(name)}"
