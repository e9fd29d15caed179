"""Québec International Report: sourced, bilingual reports on Québec's international trade and relations."""

import sys as _sys

__version__ = "0.1.0"

# The Jupyter kernel the notebooks name: `make env` registers it in the project's environment, so that any Jupyter
# (JupyterLab, nbval, papermill) starts the project's Python, not whichever `python3` it finds.
KERNEL_NAME = "quebec-intl"
KERNEL_DISPLAY_NAME = "Python (quebec-intl)"

# jsonschema, which Altair imports, compiles 39 Earley grammars at its own import when rfc3987-syntax is installed
# (JupyterLab's jupyter-events brings it): about 2 s of processor time in every kernel and command that draws a chart,
# for an "iri" format check no Vega-Lite schema asks for. The package is seen as absent here (jsonschema skips that
# check); a process that imported it before keeps it.
_sys.modules.setdefault("rfc3987_syntax", None)
