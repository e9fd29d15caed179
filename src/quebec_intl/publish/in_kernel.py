"""What the publisher asks of the kernel for each page it renders there, as functions of the package (the kernel
session calls them; nothing else is injected into a report). A page is one request to the kernel, `run_page`: its
cells run one after the other in the kernel, each followed by a marker output, so that the publisher files each
output under its cell, and times each cell, without a round trip per cell:

- `start_page(environment)`, before the page's cells: the settings the publisher reads now are the kernel's too (a
  kernel kept from an earlier batch started with others), the previous report's names and outputs are forgotten
  (imported modules stay, which is what makes a batch fast), the list of tables read starts afresh, and charts are
  not checked against the Vega-Lite schema as they are shown (the tests check every chart of every published page
  instead);
- after them, one more marker: the tables the page read, with the fingerprints served, for its record (as JSON, like
  the cells' markers: the publisher reads it without evaluating anything)."""

from __future__ import annotations

import os

from IPython import get_ipython
from IPython.display import display

from ..data import pipeline, text_storage
from ..data.sources import save_remembered
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


CELL_END = "application/vnd.quebec-intl.cell-end+json"  # the marker after each cell's outputs: its index, its success
TABLES_READ = "application/vnd.quebec-intl.tables-read+json"  # the marker after the page: the tables it read


def run_page(environment: dict[str, str], sources: list[str], follows: bool = False) -> None:
    """`start_page`, then each cell's source as Jupyter runs a cell (its outputs, its last value displayed, an
    error's traceback), a marker after each, every table judged current once for the page (`steady_tables`); the
    cells after a failed one are not run; then the tables read, and the files' sums computed saved for the next
    process. `follows`: the page comes right after its subject's page in another language, whose figures its kind's
    `load` may give again (`pipeline.following_page`).

    The frames the page makes hold their text as Python strings, not pandas' default Arrow strings (the tables it
    reads keep theirs: data/text_storage.py): a report makes hundreds of small frames, and each step on Arrow text
    pays a call into Arrow, a fifth of a page. The pages are the same bytes (tests/compare_sites.py)."""
    start_page(environment)
    shell = get_ipython()
    with (
        pipeline.steady_tables(),
        pipeline.following_page(follows),
        text_storage.as_pages(),
    ):
        for index, source in enumerate(sources):
            result = shell.run_cell(source, store_history=False)
            display({CELL_END: {"cell": index, "ok": result.success}}, raw=True)
            if not result.success:
                break
    display({TABLES_READ: pipeline.tables_read()}, raw=True)
    save_remembered()
