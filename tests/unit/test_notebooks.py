"""The notebooks as an analyst opens them: the project's kernel, a page of help before the code, a sentence before
each section, exploring cells that never reach the page, one line for a wrong parameter, and charts drawn in
JupyterLab by the very library versions the pages inline."""

import json
import re

import nbformat
import pytest
import vl_convert
from conftest import PROJECT_ROOT
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from quebec_intl import KERNEL_DISPLAY_NAME, KERNEL_NAME
from quebec_intl.publish.html_export import EXPLORE_TAG, VEGA_LITE_VERSION, notebook_body
from quebec_intl.reports import notebook as exploring

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
RENDERER = PROJECT_ROOT / "jupyterlab" / "vega6-renderer"


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_names_the_project_kernel_that_make_env_registers(path):
    spec = nbformat.read(path, as_version=4).metadata.kernelspec
    assert (spec.name, spec.display_name) == (KERNEL_NAME, KERNEL_DISPLAY_NAME)
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert f'--name {KERNEL_NAME} --display-name "{KERNEL_DISPLAY_NAME}"' in makefile


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_explains_itself_before_its_code(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    intro, parameters = nb.cells[0], nb.cells[1]
    assert intro.cell_type == "markdown" and intro.source.startswith("# ")
    assert "parameters" in tags(parameters)
    names = re.findall(r"^(\w+):", parameters.source, flags=re.M)
    assert names and all(f"| `{name}` |" in intro.source for name in names)  # each parameter in the table
    for before, cell in zip(nb.cells, nb.cells[1:]):
        if cell.cell_type == "code" and "parameters" not in tags(cell):
            assert before.cell_type == "markdown", f"no sentence before {cell.source.splitlines()[-1]!r}"
    explore = [cell for cell in nb.cells if EXPLORE_TAG in tags(cell)]
    assert explore and all(cell.cell_type == "code" for cell in explore)
    assert any("notebook.frames(data)" in cell.source for cell in explore)


def test_markdown_and_exploring_cells_never_reach_the_page():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Partner profile: what it answers"),
            new_code_cell(
                "report.summary(data, ctx)",
                outputs=[new_output("display_data", data={"text/html": "<p>Québec exported</p>"})],
            ),
            new_code_cell(
                "notebook.frames(data)",
                metadata={"tags": [EXPLORE_TAG]},
                outputs=[
                    new_output(
                        "execute_result", data={"text/html": "<table>data.trade.flows</table>"}, execution_count=3
                    )
                ],
            ),
        ]
    )
    body, _ = notebook_body(nb)
    assert "Québec exported" in body
    assert "what it answers" not in body and "data.trade.flows" not in body


def test_a_project_error_is_one_line_in_ipython(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell("from quebec_intl.reports import notebook; notebook.setup()")
        result = shell.run_cell("from quebec_intl.data import partners; partners.resolve('Geargia')")
        captured = capsys.readouterr()
        shown = (captured.out + captured.err).strip()
        assert not result.success  # the cell still fails: Run All stops there
        assert "Traceback" not in shown and len(shown.splitlines()) == 1
        assert shown.startswith("UnknownNameError: unknown partner 'Geargia'. Closest matches: Georgia / Géorgie")
        result = shell.run_cell("1 / 0")  # any other error keeps its traceback
        captured = capsys.readouterr()
        assert not result.success and "Traceback" in captured.out + captured.err
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_frames_names_every_table_behind_a_page():
    from quebec_intl.reports import partner

    data = partner.load("FRA")
    listed = exploring.frames(data).set_index("name")
    assert {"data.trade.flows", "data.trade.growth", "data.network.agreements"} <= set(listed.index)
    assert listed.loc["data.trade.flows", "rows"] == len(data.trade.flows) > 0
    assert listed.loc["data.trade.flows", "columns"] == "export, import, balance"


def test_the_jupyterlab_renderer_bundles_the_versions_the_pages_inline():
    package = json.loads((RENDERER / "package.json").read_text(encoding="utf-8"))
    dependencies = package["dependencies"]
    assert dependencies["vega"] == vl_convert.get_vega_version()
    assert dependencies["vega-embed"] == vl_convert.get_vega_embed_version()
    assert dependencies["vega-lite"].rsplit(".", 1)[0] == VEGA_LITE_VERSION
    assert package["jupyterlab"]["mimeExtension"]
    source = (RENDERER / "src" / "index.js").read_text(encoding="utf-8")
    from quebec_intl.visual.blocks import VEGA_MIME

    assert f"'{VEGA_MIME}'" in source and "editor: false" in source


@pytest.mark.usefixtures("no_mirror", "outputs")
@pytest.mark.parametrize(
    "statement, start",
    [
        (
            "from quebec_intl.reports import partner; partner.load('USA', '2023')",
            "YearError: the year must be a whole number",
        ),
        (
            "from quebec_intl.reports.context import ReportContext; ReportContext.of('de')",
            "LanguageError: language must be one of fr, en, not 'de'",
        ),
    ],
)
def test_a_wrong_year_or_language_is_one_line_too(capsys, statement, start):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell("from quebec_intl.reports import notebook; notebook.setup()")
        assert not shell.run_cell(statement).success
        captured = capsys.readouterr()
        shown = (captured.out + captured.err).strip()
        assert shown.startswith(start) and len(shown.splitlines()) == 1
    finally:
        InteractiveShell.clear_instance()
