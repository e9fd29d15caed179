"""How the project's tables hold their text, wherever they are read or built: as pandas does by default (Arrow
strings). A page's kernel holds the text of the frames it makes as Python strings (publish/in_kernel.py, which is
faster for a report's many small frames); a table built there would be stored as other bytes, one read there would
take more memory, and a reference table kept there would carry Python text into the next build."""

from __future__ import annotations

import pandas as pd

TABLES = "auto"  # pandas' default: Arrow strings when pyarrow is installed (it is: the tables are Parquet)
PAGES = "python"


def as_tables() -> pd.option_context:
    """Within it, text read or made is held as the tables hold it."""
    return pd.option_context("mode.string_storage", TABLES)


def as_pages() -> pd.option_context:
    """Within it, the text of the frames made is held as Python strings: what a page's kernel runs its cells in."""
    return pd.option_context("mode.string_storage", PAGES)
