"""What the publisher asks of the kernel around each page it renders there, as two functions of the package (the
kernel session calls them; nothing else is injected into a report):

- `start_page(environment)`, before the page's cells: the settings the publisher reads now are the kernel's too (a
  kernel kept from an earlier batch started with others), the previous report's names and outputs are forgotten
  (imported modules stay, which is what makes a batch fast), the list of tables read starts afresh, and charts are
  not checked against the Vega-Lite schema as they are shown (the tests check every chart of every published page
  instead);
- `tables_read()`, after them: the tables the page read, with the fingerprints served, for its record."""

from __future__ import annotations

import os

from IPython import get_ipython

from ..data import pipeline
from ..visual import blocks


def start_page(environment: dict[str, str]) -> None:
    for name, value in environment.items():
        if value:
            os.environ[name] = value
        else:
            os.environ.pop(name, None)
    shell = get_ipython()
    shell.user_ns.get("Out", {}).clear()
    for name in [n for n in shell.user_ns if not n.startswith("_") and n not in shell.user_ns_hidden]:
        del shell.user_ns[name]  # `%reset -f` would also collect garbage, which costs more than a page
    pipeline.forget_tables_read()
    blocks.skip_chart_validation()


def tables_read() -> dict[str, str]:
    return pipeline.tables_read()
