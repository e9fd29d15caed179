"""A published page printed to PDF by headless Chromium, beside it (`render briefing … --pdf`): the page's own print
layout, its charts drawn, its footer with the title, the data's date and the page number. Chromium, not a Python
package: the page is drawn by the same engine that shows it, and the renderer needs nothing more installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..data import atomic
from ..errors import QuebecIntlError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ENV = "QUEBEC_INTL_CHROMIUM"  # the browser's path, where it is not on PATH under one of those names
DRAWING_BUDGET_MS = 20_000  # virtual time the page is given to draw its charts before it is printed
TIMEOUT_SECONDS = 120


def chromium() -> str:
    found = os.environ.get(CHROMIUM_ENV) or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        raise QuebecIntlError(
            f"--pdf needs Chromium to print the page: install it (apt-get install chromium) or set {CHROMIUM_ENV} "
            "to its path; the HTML page was written"
        )
    return found


def pdf_of(page: Path) -> Path:
    """Where a page's PDF is: beside it, the same name."""
    return page.with_suffix(".pdf")


def remove_pdf(page: Path) -> None:
    """A page's PDF removed: it printed the page as it was, so it goes when the page changes or leaves the site
    (`--pdf` prints it again)."""
    pdf_of(page).unlink(missing_ok=True)


def print_to_pdf(page: Path) -> Path:
    """Write `page`'s PDF beside it (same name, .pdf), atomically: a failed print leaves any earlier PDF as it was."""
    target = pdf_of(page)
    with tempfile.TemporaryDirectory(prefix="quebec-intl-pdf-") as work:
        printed = Path(work) / "page.pdf"
        command = [
            chromium(),
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--proxy-server=127.0.0.1:9",  # a page is self-contained: nothing it asks of the network is answered
            f"--user-data-dir={work}/profile",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={DRAWING_BUDGET_MS}",
            f"--print-to-pdf={printed}",
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise QuebecIntlError(
                f"Chromium did not print {page} within {TIMEOUT_SECONDS} s; the HTML page was written"
            ) from None
        data = printed.read_bytes() if printed.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise QuebecIntlError(f"Chromium could not print {page} to PDF ({last}); the HTML page was written")
        atomic.write_bytes(target, data)
    return target
