"""Compare two rendered sites page by page: did a change alter what readers get?

    python tests/compare_sites.py BEFORE_DIR AFTER_DIR
    python tests/compare_sites.py --render-before REV [--mirror DIR]   # render REV and the work tree, then compare

Each page is reported identical (byte for byte), identical once character references are written alike
(`&#39;` and `&#x27;` are one apostrophe), identical once parsed (the same elements, attributes and text as
BeautifulSoup reads them with Python's HTML parser: only the spelling of the markup differs, a blank line between two
elements, the order of an element's attributes, `&#39;` for `'`), or different, with the first differing text. Pages
present on one side only are listed. The exit status is 0 when no page differs beyond the spelling of its markup."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = re.compile(r"&(#x?[0-9a-fA-F]+|quot|amp|lt|gt|apos);")
SAME_CHARACTER = {"&#x27;": "'", "&#39;": "'", "&quot;": '"', "&#34;": '"'}


def canonical(text: str) -> str:
    """The page with the quote characters' references written alike (both are the same character to a reader)."""
    return REFERENCE.sub(lambda m: SAME_CHARACTER.get(m.group(0), m.group(0)), text)


def parsed(text: str) -> str:
    """The page as BeautifulSoup reads it with Python's HTML parser (its elements, their attributes and text), written
    out again in one spelling: two pages alike here differ only in how their markup is written."""
    from bs4 import BeautifulSoup

    return str(BeautifulSoup(text, "html.parser"))


def first_difference(a: str, b: str, context: int = 100) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    window = slice(max(0, at - context), at + context)
    return f"at {at}:\n    before: {a[window]!r}\n    after:  {b[window]!r}"


def compare(before: Path, after: Path) -> int:
    pages_before = {p.relative_to(before) for p in before.rglob("*.html")}
    pages_after = {p.relative_to(after) for p in after.rglob("*.html")}
    counts = {"identical": 0, "references": 0, "parsed": 0, "different": 0}
    for page in sorted(pages_before & pages_after):
        a, b = (before / page).read_bytes(), (after / page).read_bytes()
        if a == b:
            counts["identical"] += 1
            continue
        ta, tb = a.decode("utf-8"), b.decode("utf-8")
        if canonical(ta) == canonical(tb):
            counts["references"] += 1
            continue
        if parsed(ta) == parsed(tb):
            counts["parsed"] += 1
            continue
        counts["different"] += 1
        print(f"DIFFERENT {page} {first_difference(parsed(ta), parsed(tb))}")
    for page in sorted(pages_before - pages_after):
        print(f"ONLY BEFORE {page}")
    for page in sorted(pages_after - pages_before):
        print(f"ONLY AFTER {page}")
    print(
        f"{counts['identical']} identical, {counts['references']} identical once character references are written "
        f"alike, {counts['parsed']} identical once parsed, {counts['different']} different; "
        f"{len(pages_before - pages_after)} only before, "
        f"{len(pages_after - pages_before)} only after"
    )
    return 0 if counts["different"] == 0 and pages_before == pages_after else 1


def render(source_root: Path, out: Path, mirror: str | None) -> None:
    """`quebec-intl render --all` with the package of `source_root` (its src/ first on the path)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(source_root / "src"),
        "QUEBEC_INTL_PROCESSED": str(out / "processed"),
        "QUEBEC_INTL_REPORTS": str(out / "reports"),
    }
    env.pop("QUEBEC_INTL_MIRROR", None)
    if mirror:
        env["QUEBEC_INTL_MIRROR"] = mirror
    subprocess.run(
        [sys.executable, "-c", "import sys; from quebec_intl.cli import main; sys.exit(main())", "render", "--all"],
        env=env,
        check=True,
    )


def render_both(revision: str, mirror: str | None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        worktree = tmp / "before-tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), revision], check=True)
        try:
            if (ROOT / "node_modules").is_dir():
                (worktree / "node_modules").symlink_to(ROOT / "node_modules")
            render(worktree, tmp / "before", mirror)
            render(ROOT, tmp / "after", mirror)
            return compare(tmp / "before" / "reports", tmp / "after" / "reports")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, help="BEFORE_DIR AFTER_DIR: two rendered reports folders")
    parser.add_argument(
        "--render-before", metavar="REV", help="a git revision to render and compare with the work tree"
    )
    parser.add_argument("--mirror", default=os.environ.get("QUEBEC_INTL_MIRROR"), help="the source mirror for both")
    args = parser.parse_args()
    if args.render_before:
        return render_both(args.render_before, args.mirror)
    if len(args.dirs) != 2:
        parser.error("give BEFORE_DIR and AFTER_DIR, or --render-before REV")
    return compare(*args.dirs)


if __name__ == "__main__":
    sys.exit(main())
