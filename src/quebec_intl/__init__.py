"""Québec International Report: sourced, bilingual reports on Québec's international trade and relations."""

__version__ = "0.1.0"

# The Jupyter kernel the notebooks name: `make env` registers it in the project's environment, so that any Jupyter
# (JupyterLab, nbval, papermill) starts the project's Python, not whichever `python3` it finds.
KERNEL_NAME = "quebec-intl"
KERNEL_DISPLAY_NAME = "Python (quebec-intl)"
