"""A module's edit re-renders only the pages whose kinds import it: each kind's code fingerprint covers the modules
its notebook and the publisher import (publish/dependencies.py), checked against the standard library's own reading
of the import graph (modulefinder) and against what a reader of the notebooks knows they import."""

import modulefinder

from quebec_intl import settings
from quebec_intl.data import sources
from quebec_intl.publish import dependencies, manifest
from quebec_intl.reports import registry

KINDS = list(registry.kinds())


def test_a_kind_depends_on_every_module_modulefinder_finds_its_notebook_importing(tmp_path):
    """The relations notebook imports reports.relations, reports.notebook and reports.context; modulefinder follows
    those imports through the package's compiled code, and every module it reaches is one the kind depends on."""
    script = tmp_path / "relations_imports.py"
    starts = [
        "quebec_intl.reports.relations",
        "quebec_intl.reports.notebook",
        "quebec_intl.reports.context",
        *dependencies.PUBLISHER,
    ]
    script.write_text("".join(f"import {module}\n" for module in starts), encoding="utf-8")
    finder = modulefinder.ModuleFinder(path=[str(settings.PACKAGE_DIR.parent)])
    finder.run_script(str(script))
    reached = {m.__file__ for name, m in finder.modules.items() if name.startswith("quebec_intl") and m.__file__}
    depends = {str(file) for file in dependencies.kind_modules("relations")}
    assert len(reached) > 50 and reached <= depends
    assert len(depends - reached) <= 2  # only imports modulefinder does not follow (under TYPE_CHECKING, say)
    assert str(settings.PACKAGE_DIR / "reports" / "bulletin.py") not in depends


EDITS = {  # a file edited, and the kinds whose pages must be made again (a reader of the notebooks' imports knows)
    "reports/bulletin.py": {"bulletin"},
    "reports/relations.py": {"relations"},
    "analysis/monthly.py": set(KINDS) - {"relations"},  # the monthly table: trade figures, which relations lacks
    "publish/html_export.py": set(KINDS),  # every page is exported by it
    "reports/kinds.yaml": set(KINDS),  # not a module: read by every kind
}


def test_editing_a_module_changes_the_code_of_the_kinds_importing_it_and_no_other(monkeypatch):
    before = {kind: manifest.code_fingerprint(kind) for kind in KINDS}
    real = sources.sha256_of
    for module, kinds in EDITS.items():
        edited = settings.PACKAGE_DIR / module
        monkeypatch.setattr(
            sources, "sha256_of", lambda path, *a, edited=edited: "x" if path == edited else real(path, *a)
        )
        changed = {kind for kind in KINDS if manifest.code_fingerprint(kind) != before[kind]}
        assert changed == kinds, module
