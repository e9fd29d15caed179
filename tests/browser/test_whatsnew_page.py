"""The "what's new" page an update writes is a publication like the others: axe-core's WCAG 2.1 A and AA rules find
nothing on it in either language, and on a phone it never scrolls sideways (its table scrolls in its own named box).
It is written here from a hand-made update (made-up values), without the mirror or a kernel."""

from pathlib import Path

import pandas as pd
import pytest
from chromium import open_offline

from quebec_intl.publish import whatsnew

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    rows = [
        (year, 8, "QC", "WLD", flow, "total", value, "", "", "statcan_12100175_fr")
        for year, flow, value in [
            (2025, "export", 8.1e9),
            (2026, "export", 10.1e9),
            (2025, "import", 9e9),
            (2026, "import", 10e9),
        ]
    ]
    columns = ["ref_year", "ref_month", "reporter_code", "partner_code", "flow", "product_section_code", "value_cad"]
    monthly = pd.DataFrame(rows, columns=[*columns, "status_code", "symbol_code", "source_id"])
    revisions = pd.DataFrame(
        [(2026, 5, "QC", "FRA", "export", "energy", 222.8e6, 235.2e6, 12.4e6)],
        columns=[*columns[:-1], "old_value_cad", "new_value_cad", "difference_cad"],
    )
    update = whatsnew.Update(
        "2026-12-06",
        monthly=monthly,
        new_months=[(2026, 8)],
        revisions=revisions,
        bts_months=["2025-01"],
        sources=[{"source_id": "statcan_12100175_fr", "release": "2026-10-08T08:30", "retrieved": "2026-12-06"}],
    )
    return whatsnew.write(update, tmp_path_factory.mktemp("whatsnew"))


def test_the_page_passes_wcag_a_and_aa_and_fits_a_phone(browser, pages):
    for path in pages:
        context, page, errors, requests = open_offline(browser, path)
        try:
            page.set_viewport_size({"width": 390, "height": 900})
            widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                    .violations.map(v => `${v.id}: ${v.help}`)""",
                WCAG_AA,
            )
        finally:
            context.close()
        assert not found and not errors and not requests, (path, found, errors, requests)
        assert widths[0] <= widths[1], f"{path} scrolls sideways on a phone: {widths}"
