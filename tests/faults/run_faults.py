"""A careful user's bad day, replayed: every fault of issue 9 against a fresh copy of the mirror, one line each.

    python tests/faults/run_faults.py [--only NAME,NAME]

A good site is made first (every table, and the USA page in French) from a copy of the mirror, in a temporary
folder. Each case then breaks one thing (in the copy of the mirror, or in a copy of the project's curated data),
runs `quebec-intl` as a user would, in its own process, and puts things back. Its line gives the exit status, the
first line of the message, whether a traceback showed, and whether the good site's files are byte-identical
afterwards. A case that must render (a year only some sources cover, a hostile title) writes to a folder of its
own and its line says what was checked on the page. The run exits 1 when any line is not as it must be.

Faults the file system cannot be asked for (a full disk) are injected by a `sitecustomize` module on the command's
PYTHONPATH, so the product's code is the one that meets them. The real mirror and the project are never written."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "tests"))
from csvedit import edit_row  # noqa: E402 (the tests' helpers, found beside this folder)

US_EXTRACT = "statcan-12100175-us-extract/province_sector_us_monthly.csv"
FIRST_MONTH = "bts-transborder/2015-01"

# Imported by the command (and by the kernels it starts) before anything else: the faults a test cannot make on a
# real disk, and the project's data read from a copy that a case may break.
SITECUSTOMIZE = """
import errno, os
from pathlib import Path
if os.environ.get("FAULT_PROJECT"):
    from quebec_intl import settings
    settings.project_files = lambda: Path(os.environ["FAULT_PROJECT"])
if os.environ.get("FAULT_FULL_DISK"):
    from quebec_intl.data import atomic
    _write = atomic.write_text
    def _full(path, text):
        if path.suffix == ".html" and path.name != "index.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        _write(path, text)
    atomic.write_text = _full
"""


@dataclass
class Site:
    """The temporary world the cases run in."""

    root: Path
    mirror: Path
    processed: Path
    reports: Path
    project: Path  # a copy of the project's data/ and notebooks/, for curated faults
    boot: Path  # the folder holding sitecustomize.py

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            **os.environ,
            "QUEBEC_INTL_MIRROR": str(self.mirror),
            "QUEBEC_INTL_PROCESSED": str(self.processed),
            "QUEBEC_INTL_REPORTS": str(self.reports),
            "PYTHONPATH": str(self.boot),
            "FAULT_PROJECT": str(self.project),
        }  # always the copy: tables record the files they were read from
        env.pop("FAULT_FULL_DISK", None)
        env.update(overrides)
        return env


@dataclass
class Outcome:
    status: int
    message: str
    traceback: bool
    intact: bool
    checked: str = ""
    passed: bool = True


@dataclass
class Case:
    name: str
    what: str
    argv: list[str]
    expected_status: int = 2
    expected: str = ""  # a fragment the first line of the message must hold
    break_it: Callable[[Site], Callable[[], None]] | None = None  # breaks something, returns how to undo it
    env: Callable[[Site], dict[str, str]] = field(default=lambda _site: {})
    check_page: Callable[[Site, Path], str] | None = None  # for a case that renders: what its page shows


def snapshot(*folders: Path) -> dict[Path, bytes]:
    return {file: file.read_bytes() for folder in folders for file in sorted(folder.rglob("*")) if file.is_file()}


def quebec_intl(argv: list[str], env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quebec_intl.cli", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT,
    )


# ---- faults -------------------------------------------------------------------------------------------------------


def rewrite(path: Path, damage: Callable[[bytes], bytes]) -> Callable[[], None]:
    good = path.read_bytes()
    path.write_bytes(damage(good))
    return lambda: path.write_bytes(good)


def extract_lines(damage: Callable[[list[bytes]], list[bytes]]):
    return lambda site: rewrite(site.mirror / US_EXTRACT, lambda good: b"".join(damage(good.splitlines(True))))


def copied_month(site: Site) -> Callable[[], None]:
    copy = site.mirror / (FIRST_MONTH + " (copy)")
    shutil.copytree(site.mirror / FIRST_MONTH, copy)
    return lambda: shutil.rmtree(copy)


def month_cut_at_a_line_end(site: Site) -> Callable[[], None]:
    return rewrite(site.mirror / FIRST_MONTH / "dot2_0115.csv", lambda good: b"".join(good.splitlines(True)[:30000]))


def month_edited_without_manifest(site: Site) -> Callable[[], None]:
    """March 2024 with one value ten times larger, and the mirror's MANIFEST.csv moved away."""
    import gzip

    folder = site.mirror / "bts-transborder"
    manifest, aside = folder / "MANIFEST.csv", site.root / "MANIFEST.csv.aside"
    manifest.rename(aside)

    def edited(good: bytes) -> bytes:
        lines = gzip.decompress(good).splitlines(True)
        fields = lines[1].split(b",")
        fields[7] += b"0"
        return gzip.compress(b"".join([lines[0], b",".join(fields), *lines[2:]]))

    undo = rewrite(folder / "2024-03" / "dot2_0324.csv.gz", edited)
    return lambda: (undo(), aside.rename(manifest))


def edited_in_place(file: Path, field: int) -> Callable[[], None]:
    """The first digit of a field of line 2 changed (the same size), the file's time kept."""
    status = file.stat()

    def edited(good: bytes) -> bytes:
        lines = good.splitlines(True)
        fields = lines[1].split(b",")
        fields[field] = (b"2" if fields[field][:1] == b"1" else b"1") + fields[field][1:]
        return b"".join([lines[0], b",".join(fields), *lines[2:]])

    undo = rewrite(file, edited)
    os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns))
    return undo


def killed_write(site: Site) -> Callable[[], None]:
    """What a write killed before its rename leaves: a hidden temporary file, its writer (pid 4194305, above Linux's
    highest) long gone."""
    (site.reports / "fr" / "partner" / ".usa.html.4194305.k1ll3d00.tmp").write_text("<html>half", encoding="utf-8")
    return lambda: None


def leftovers_removed(_site: Site, reports: Path) -> str:
    left = [str(path) for path in reports.rglob("*.tmp")]
    if left:
        raise AssertionError(f"left: {', '.join(left)}")
    return "the killed write's temporary file removed"


def record_edited_by_hand(site: Site) -> Callable[[], None]:
    """The USA page's line in the index made to say +999.0 %: its record's change edited in manifest.json."""
    file = site.reports / "manifest.json"
    written = json.loads(file.read_text(encoding="utf-8"))
    written["pages"]["fr/partner/usa.html"]["headline"]["growth_pct"] = 999.0
    file.write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return lambda: None  # the command must put it right: the good site byte for byte afterwards


def index_damaged(site: Site) -> Callable[[], None]:
    index = site.reports / "index.html"
    index.write_bytes(index.read_bytes()[:1000])
    return lambda: None


def index_as_made(_site: Site, reports: Path) -> str:
    index = (reports / "index.html").read_text(encoding="utf-8")
    if "999" in index or "partner/usa.html" not in index:
        raise AssertionError("the index does not list the page as its page says")
    return "index written again from the checked records"


def moved_aside(file: Path) -> Callable[[], None]:
    aside = file.with_name(file.name + ".aside")
    file.rename(aside)
    return lambda: aside.rename(file)


def source_as_folder(site: Site) -> Callable[[], None]:
    file = site.mirror / US_EXTRACT
    aside = file.with_name("aside.csv")
    file.rename(aside)
    file.mkdir()
    return lambda: (file.rmdir(), aside.rename(file))


def curated_row(file: str, row_id: str, column: str, value: str):
    def break_it(site: Site) -> Callable[[], None]:
        path = site.project / "data" / "curated" / file
        good = path.read_bytes()
        edit_row(path, row_id, column, value)
        return lambda: path.write_bytes(good)

    return break_it


def curated_text(file: str, damage: Callable[[str], str]):
    def break_it(site: Site) -> Callable[[], None]:
        path = site.project / "data" / "curated" / file
        good = path.read_bytes()
        path.write_text(damage(good.decode("utf-8")), encoding="utf-8")
        return lambda: path.write_bytes(good)

    return break_it


def own_outputs(site: Site) -> dict[str, str]:
    """For a case that must render: outputs of its own, beside the good site (tables copied from it)."""
    processed = site.root / "own-processed"
    shutil.rmtree(processed, ignore_errors=True)
    shutil.copytree(site.processed, processed)
    return {"QUEBEC_INTL_REPORTS": str(site.root / "own-reports"), "QUEBEC_INTL_PROCESSED": str(processed)}


# ---- what a rendered page must show -------------------------------------------------------------------------------


def hostile_title_escaped(_site: Site, reports: Path) -> str:
    page = (reports / "fr/relations/quebec.html").read_text(encoding="utf-8")
    if "<!--<script>" in page or "<script>alert" in page:
        raise AssertionError("the title reached the page unescaped")
    if "alert(4)" not in page:
        raise AssertionError("the title is not on the page at all")
    return "title on the page, escaped"


def formula_shown_as_text(_site: Site, reports: Path) -> str:
    import csv
    import html
    import io
    import urllib.parse

    page = (reports / "fr/relations/quebec.html").read_text(encoding="utf-8")
    links = re.findall(r'class="qi-csv" download="[^"]+" href="data:text/csv;charset=utf-8,([^"]+)"', page)
    cells = [
        cell
        for link in links
        for row in csv.reader(io.StringIO(urllib.parse.unquote(html.unescape(link))))
        for cell in row
    ]
    headers = [next(csv.reader(io.StringIO(urllib.parse.unquote(html.unescape(link))))) for link in links]
    if any({"kind", "event", "office", "status"} & set(header) for header in headers):
        raise AssertionError(f"English column names on the French page: {headers}")
    if any(cell.startswith("=HYPERLINK") for cell in cells):
        raise AssertionError("a CSV download carries the formula as written")
    if not any(cell.startswith("'=HYPERLINK") for cell in cells):
        raise AssertionError("the title is in no CSV download")
    return f"formula written as text in the CSV downloads ({len(links)} checked)"


def other_sources_kept(_site: Site, reports: Path) -> str:
    if not (reports / "fr/partner/fra.html").exists():
        raise AssertionError("a single page's render removed another page")
    return "embedded-default page kept and named (render --all --prune removes it)"


def own_site(site: Site) -> dict[str, str]:
    """Outputs of its own, the good site's pages and tables copied: a case that renders beside them."""
    env = own_outputs(site)
    shutil.copytree(site.reports, env["QUEBEC_INTL_REPORTS"])
    return env


def good_pages_kept(site: Site, reports: Path) -> str:
    pages = [page.relative_to(site.reports) for page in site.reports.rglob("*.html") if page.name != "index.html"]
    gone = [str(page) for page in pages if not (reports / page).is_file()]
    if gone or not pages:
        raise AssertionError(f"page(s) of the site removed: {', '.join(gone)}")
    return f"the site's {len(pages)} page(s) kept"


# ---- the cases ----------------------------------------------------------------------------------------------------

RENDER_USA = ["render", "partner", "--partner", "USA", "--lang", "fr"]
RENDER_NEW_YORK = ["render", "partner", "--partner", "US-NY", "--lang", "en"]

CASES = [
    Case(
        "mirror-missing",
        "1. mirror path mistyped",
        RENDER_USA,
        expected="no such folder",
        env=lambda site: {"QUEBEC_INTL_MIRROR": str(site.root / "no-such-dir")},
    ),
    Case(
        "mirror-file",
        "1. mirror path is a file",
        RENDER_USA,
        expected="a file, not a folder",
        env=lambda site: {"QUEBEC_INTL_MIRROR": str(site.root / "mirror" / "README.md")},
    ),
    Case(
        "mirror-empty",
        "1. mirror holds no source",
        RENDER_USA,
        expected="holds none of the registered sources",
        env=lambda site: {"QUEBEC_INTL_MIRROR": str(site.root / "empty")},
    ),
    Case(
        "other-sources",
        "1. page of other sources kept",
        RENDER_USA,
        expected_status=0,
        env=own_outputs,
        check_page=other_sources_kept,
    ),
    Case(
        "mirror-forgotten",
        "1. mirror unset, a page rendered",
        ["render", "partner", "--partner", "Japan", "--lang", "fr"],
        expected_status=0,
        env=lambda site: {**own_site(site), "QUEBEC_INTL_MIRROR": ""},
        check_page=good_pages_kept,
    ),
    Case(
        "mirror-without-noon",
        "1. mirror lacks the noon rates",
        ["render", "partner", "--partner", "Japan", "--lang", "fr"],
        expected_status=0,
        break_it=lambda site: moved_aside(site.mirror / "bank-of-canada" / "LEGACY_NOON_RATES.csv"),
        env=own_site,
        check_page=good_pages_kept,
    ),
    Case("copied-month", "2. month folder copied", RENDER_NEW_YORK, expected="is held twice", break_it=copied_month),
    Case(
        "repeated-row",
        "2. extract row repeated",
        ["data"],
        expected="is given 2 times",
        break_it=extract_lines(lambda lines: lines[:3] + [lines[2]] + lines[3:]),
    ),
    Case(
        "cut-number",
        "3. extract cut mid-number",
        ["data"],
        expected="has no line end",
        break_it=lambda site: rewrite(site.mirror / US_EXTRACT, lambda good: good.rstrip(b"\n")[:-6]),
    ),
    Case(
        "short-row",
        "3. extract row short",
        ["data"],
        expected="where the header has 8",
        break_it=extract_lines(
            lambda lines: lines[:100] + [b",".join(lines[100].split(b",")[:5]) + b"\n"] + lines[101:]
        ),
    ),
    Case(
        "missing-row",
        "3. extract row missing",
        ["data"],
        expected="expected rows are missing",
        break_it=extract_lines(lambda lines: lines[:100] + lines[101:]),
    ),
    Case(
        "cut-month",
        "3. TransBorder month cut",
        RENDER_NEW_YORK,
        expected="has no line end",
        break_it=lambda site: rewrite(
            site.mirror / FIRST_MONTH / "dot2_0115.csv", lambda good: good.rstrip(b"\r\n")[:-3]
        ),
    ),
    Case(
        "month-cut-at-line-end",
        "3. month cut at a line end",
        RENDER_NEW_YORK,
        expected="it has 30,000 lines where 70,974 are recorded",
        break_it=month_cut_at_a_line_end,
    ),
    Case(
        "month-edited-no-manifest",
        "3. month edited, no MANIFEST",
        RENDER_NEW_YORK,
        expected="sha256 differs from the one",
        break_it=month_edited_without_manifest,
    ),
    Case(
        "same-size-and-time",
        "3. edit keeping size and time",
        ["data"],
        expected="its sha256 is",
        break_it=lambda site: edited_in_place(site.mirror / US_EXTRACT, 5),
    ),
    Case(
        "force-same-size-and-time",
        "3. month edited, --force",
        ["render", "--force", *RENDER_NEW_YORK[1:]],
        expected="sha256 differs from the one",
        break_it=lambda site: edited_in_place(site.mirror / FIRST_MONTH / "dot2_0115.csv", 7),
    ),
    Case(
        "month-under-other-name",
        "2. month copied under other name",
        RENDER_NEW_YORK,
        expected="it is a copy of",
        break_it=lambda site: rewrite(
            site.mirror / "bts-transborder/2024-03/dot2_0324.csv.gz",
            lambda _good: (site.mirror / "bts-transborder/2024-02/dot2_0224.csv.gz").read_bytes(),
        ),
    ),
    Case(
        "all-and-partner",
        "8. render --all partner Japan",
        ["render", "--all", "partner", "--partner", "Japan"],
        expected="takes no kind of report",
    ),
    Case(
        "killed-write",
        "8. a write killed before rename",
        RENDER_USA,
        expected_status=0,
        break_it=killed_write,
        check_page=leftovers_removed,
    ),
    Case(
        "record-edited",
        "4. record edited, +999 %",
        RENDER_USA,
        expected_status=0,
        break_it=record_edited_by_hand,
        check_page=index_as_made,
    ),
    Case(
        "index-damaged",
        "4. index.html damaged",
        RENDER_USA,
        expected_status=0,
        break_it=index_damaged,
        check_page=index_as_made,
    ),
    Case(
        "hostile-title",
        "4. event title <!--<script>",
        ["render", "relations", "--lang", "fr"],
        expected_status=0,
        break_it=curated_row(
            "events.csv", "fabre_agent_general_paris", "title_fr", "<!--<script>alert(4)</script>\u2028"
        ),
        env=own_outputs,
        check_page=hostile_title_escaped,
    ),
    Case(
        "formula-title",
        "4. event title =HYPERLINK(…)",
        ["render", "relations", "--lang", "fr"],
        expected_status=0,
        break_it=curated_row(
            "events.csv", "fabre_agent_general_paris", "title_fr", '=HYPERLINK("http://x.example","clic")'
        ),
        env=own_outputs,
        check_page=formula_shown_as_text,
    ),
    Case(
        "script-link",
        "4. javascript: link",
        RENDER_USA,
        expected="column source_url",
        break_it=curated_row("events.csv", "fabre_agent_general_paris", "source_url", "javascript:alert(3)"),
    ),
    Case(
        "full-disk",
        "5. disk full",
        ["render", "--force", *RENDER_USA[1:]],
        expected="No space left on device",
        env=lambda _site: {"FAULT_FULL_DISK": "1"},
    ),
    Case(
        "source-folder",
        "5. source path is a folder",
        RENDER_USA,
        expected="is a folder, but one file is expected",
        break_it=source_as_folder,
    ),
    Case(
        "reports-file",
        "5. reports path is a file",
        RENDER_USA,
        expected="is a file",
        env=lambda site: {"QUEBEC_INTL_REPORTS": str(site.root / "mirror" / "README.md")},
    ),
    Case("ctrl-c", "5. Ctrl-C in render --all", ["render", "--all"], expected_status=130, expected="interrupted: "),
    Case("sigterm", "8. SIGTERM in render --all", ["render", "--all"], expected_status=130, expected="interrupted: "),
    Case(
        "jobs-500",
        "6. --jobs 500",
        ["render", "--jobs", "500", *RENDER_USA[1:]],
        expected_status=0,
        expected="--jobs 500 is more than the",
        env=own_outputs,
    ),
    Case(
        "impossible-date",
        "6. event dated 2023-13-45",
        RENDER_USA,
        expected="column date_start",
        break_it=curated_row("events.csv", "fabre_agent_general_paris", "date_start", "2023-13-45"),
    ),
    Case(
        "unquoted-comma",
        "7. unquoted comma, curated",
        RENDER_USA,
        expected="a value holding a comma",
        break_it=curated_text("offices.csv", lambda text: text.replace("Paris,FRA", "Paris, France,FRA", 1)),
    ),
    Case(
        "open-quote",
        "7. quote never closed, curated",
        RENDER_USA,
        expected="edited, not downloaded",
        break_it=curated_text("offices.csv", lambda text: text.replace("Paris,FRA", '"Paris,FRA', 1)),
    ),
    Case("year-2099", "8. --year 2099", RENDER_USA + ["--year", "2099"], expected="no source covers 2099"),
    Case(
        "year-2010",
        "8. overview --year 2010",
        ["render", "overview", "--year", "2010"],
        expected="no source covers 2010",
    ),
    Case(
        "year-partial",
        "8. a year the sources hold in part",
        ["render", "overview", "--year", "2026", "--lang", "fr"],
        expected="2026 is a partial year in the current sources (January to",
    ),
]


# ---- running ------------------------------------------------------------------------------------------------------


def make_site(mirror: Path, tables: Path | None = None) -> Site:
    """The good site; `tables`: tidy tables already built from this mirror, copied in first, so that `data` finds
    them current (they record their sources' checksums) and only checks them."""
    root = Path(tempfile.mkdtemp(prefix="quebec-intl-faults-"))
    shutil.copytree(mirror, root / "mirror")
    if tables is not None:
        shutil.copytree(tables, root / "processed")
    for path in [root / "mirror", *(root / "mirror").rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    (root / "empty").mkdir()
    shutil.copytree(PROJECT / "data", root / "project" / "data", ignore=shutil.ignore_patterns("processed", "raw"))
    shutil.copytree(PROJECT / "notebooks", root / "project" / "notebooks")
    (root / "boot").mkdir()
    (root / "boot" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    site = Site(root, root / "mirror", root / "processed", root / "reports", root / "project", root / "boot")
    for argv in (["data"], RENDER_USA):
        done = quebec_intl(argv, site.env())
        if done.returncode != 0:
            sys.exit(f"the good site could not be made ({' '.join(argv)}):\n{done.stderr}")
    return site


def interrupt_after_two_pages(
    case: Case, env: dict[str, str], reports: Path, number: int = signal.SIGINT
) -> tuple[int, str, str]:
    """Start the batch as a terminal would (Ctrl-C's default action) and press Ctrl-C (or send `number`) once two
    pages are written."""
    since = time.time()
    process = subprocess.Popen(
        [sys.executable, "-m", "quebec_intl.cli", *case.argv],
        env=env,
        cwd=PROJECT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if sum(page.stat().st_mtime > since for page in reports.glob("*/*/*.html")) >= 2:
            break
        time.sleep(0.2)
    process.send_signal(number)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def kept_whole(before: dict[Path, bytes], after: dict[Path, bytes], root: Path) -> bool:
    """After Ctrl-C: every earlier file is still there, unchanged or (a page the batch finished) a whole page, and
    no temporary file is left."""

    def whole(path: Path) -> bool:
        if path.suffix == ".json":
            json.loads(after[path])
            return True
        return after[path].rstrip().endswith(b"</html>" if path.suffix == ".html" else b"")

    try:
        kept = all(path in after and (after[path] == data or whole(path)) for path, data in before.items())
    except ValueError:
        return False
    return kept and not [path for path in root.rglob("*") if path.name.endswith(".tmp")]


def run_case(case: Case, site: Site) -> Outcome:
    env = site.env(**case.env(site))
    reports = Path(env["QUEBEC_INTL_REPORTS"])
    if case.name == "other-sources":  # a page made before the mirror was set, from the embedded default
        shutil.copytree(site.reports, reports, dirs_exist_ok=True)
        without_mirror = {k: v for k, v in env.items() if k != "QUEBEC_INTL_MIRROR"}
        quebec_intl(["render", "partner", "--partner", "FRA", "--lang", "fr"], without_mirror)
    before = snapshot(site.processed, site.reports)
    undo = case.break_it(site) if case.break_it else (lambda: None)
    try:
        if case.name == "ctrl-c":
            status, out, err = interrupt_after_two_pages(case, env, reports)
        elif case.name == "sigterm":
            status, out, err = interrupt_after_two_pages(case, env, reports, signal.SIGTERM)
        else:
            done = quebec_intl(case.argv, env)
            status, out, err = done.returncode, done.stdout, done.stderr
    finally:
        undo()
    after = snapshot(site.processed, site.reports)
    intact = kept_whole(before, after, site.root) if case.name in ("ctrl-c", "sigterm") else after == before
    lines = [line for line in (err if status else out).splitlines() if line.strip()]
    said = [line for line in lines if line.startswith("quebec-intl: ")] or lines  # not the progress bar
    if status == 0 and case.expected:
        said = [line for line in lines if case.expected in line] or said
    message = re.sub(r"^quebec-intl: (error: )?", "", said[0]) if said else ""
    traceback = "Traceback" in err or "Traceback" in out
    outcome = Outcome(status, message, traceback, intact)
    outcome.passed = status == case.expected_status and not traceback and intact and case.expected in "\n".join(lines)
    if case.check_page and status == 0:
        try:
            outcome.checked = case.check_page(site, reports)
        except AssertionError as exc:
            outcome.checked, outcome.passed = f"NOT AS IT MUST BE: {exc}", False
    if not intact:
        changed = sorted(path.name for path in set(before) | set(after) if before.get(path) != after.get(path))
        outcome.checked += f" (changed: {', '.join(changed[:4])})"
    for own in ("own-reports", "own-processed"):
        shutil.rmtree(site.root / own, ignore_errors=True)
    return outcome


def shorten(text: str, width: int) -> str:
    text = text.replace(str(Path(tempfile.gettempdir())), "/tmp")
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument(
        "--mirror",
        type=Path,
        default=Path(os.environ.get("QUEBEC_INTL_MIRROR") or PROJECT.parent / "shared/data/mirror"),
    )
    options.add_argument(
        "--tables", type=Path, help="tables already built from this mirror, to start from (`data` then checks them)"
    )
    options.add_argument("--only", help="comma-separated case names: " + ", ".join(case.name for case in CASES))
    options.add_argument("--keep", action="store_true", help="keep the temporary site afterwards")
    args = options.parse_args(argv)
    chosen = [case for case in CASES if not args.only or case.name in args.only.split(",")]
    site = make_site(args.mirror, args.tables)
    print(f"{'case':<33}{'exit':>4}  {'traceback':<10}{'intact':<7}{'as it must be':<14}first line of the message")
    failures = 0
    try:
        for case in chosen:
            outcome = run_case(case, site)
            failures += not outcome.passed
            said = outcome.checked if outcome.status == 0 and outcome.checked else outcome.message
            print(
                f"{case.what:<33}{outcome.status:>4}  {'yes' if outcome.traceback else 'no':<10}"
                f"{'yes' if outcome.intact else 'NO':<7}{'yes' if outcome.passed else 'NO':<14}"
                f"{shorten(said, 140)}",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(site.root, ignore_errors=True)
    print(
        f"\n{len(chosen) - failures} of {len(chosen)} case(s) as they must be: a clear message or a right page, "
        f"no traceback, the good site intact."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
