"""papermill runs the notebooks with the kernel they name (the project's, registered by `make env`): a good run
keeps that kernel and shows the report; a wrong parameter fails the run with one readable line."""

import nbformat
import papermill
import pytest
from conftest import PROJECT_ROOT

from quebec_intl import KERNEL_NAME

pytestmark = pytest.mark.usefixtures("kernels")


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_papermill_runs_a_notebook_on_the_project_kernel(tmp_path):
    executed = tmp_path / "relations.ipynb"
    papermill.execute_notebook(
        str(PROJECT_ROOT / "notebooks" / "relations.ipynb"),
        str(executed),
        parameters={"partner": "Mexique", "lang": "en"},
        progress_bar=False,
    )
    nb = nbformat.read(executed, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME
    html = [
        output.data["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]
    assert any("relations with Mexico</h1>" in text for text in html)


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_papermill_reports_an_unknown_partner_in_one_line(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as failure:
        papermill.execute_notebook(
            str(PROJECT_ROOT / "notebooks" / "partner.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"partner": "Geargia", "lang": "fr"},
            progress_bar=False,
        )
    error = failure.value
    assert error.ename == "UnknownNameError" and "Closest matches: Georgia / Géorgie (GEO, country)" in error.evalue
    assert error.traceback == [f"UnknownNameError: {error.evalue}"]
