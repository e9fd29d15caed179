"""The official snapshot against the mirror it was built from: `quebec-intl snapshot` gives the committed bytes again,
its figures are the raw file's (summed with the standard library), and pages rendered from it, with no mirror and no
network, are the mirror's pages."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from compare_sites import canonical
from conftest import PROJECT_ROOT
from rawsums import sums

from quebec_intl import settings
from quebec_intl.caching import reset_caches
from quebec_intl.data import snapshot_build

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"
SECTIONS_FILE = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"


def test_the_snapshot_rebuilt_from_the_mirror_is_the_committed_one_byte_for_byte(
    mirror_dir, mirror_tables, tmp_path, monkeypatch
):
    processed = tmp_path / "processed"
    shutil.copytree(mirror_tables, processed)
    out = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, out)
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror_dir))
    reset_caches()
    report = snapshot_build.build(out, processed)
    assert report.written == [], f"the committed snapshot is not what the mirror gives: {report.written}"
    assert {f.name: f.read_bytes() for f in out.iterdir()} == {f.name: f.read_bytes() for f in SNAPSHOT.iterdir()}


@pytest.mark.usefixtures("snapshot")
def test_the_snapshot_holds_quebecs_2025_exports_as_the_raw_file_gives_them(mirror_dir):
    from quebec_intl.data import pipeline

    raw = sums(
        mirror_dir / SECTIONS_FILE,
        "valeur_milliers_cad",
        key=lambda row: row["partenaire"],
        where=lambda row: (
            row["mois"].startswith("2025-")
            and row["commerce"] == "Exportations nationales"
            and row["produit_scpan"] == "Total de toutes les marchandises"
        ),
    )
    table = pipeline.load("trade_monthly_partners")
    assert pipeline.from_snapshot("trade_monthly_partners")
    year = table[table["ref_year"].eq(2025) & table["flow"].eq("export") & table["product_section_code"].eq("total")]
    by_partner = year.groupby("partner_code")["value_cad"].sum()
    assert by_partner["WLD"] == pytest.approx(raw["Tous les pays"] * 1000)  # 117.6 G$, as the issue reads it
    assert round(by_partner["WLD"] / 1e9, 1) == 117.6
    assert by_partner["FRA"] == pytest.approx(raw["France"] * 1000)


def _text(page) -> str:
    """What the page says, without the site's navigation (a page's links are checked where the site's are)."""
    page_html = canonical(page.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|nav)\b.*?</\1>", "", page_html, flags=re.S))
    return re.sub(r"[ \t\n\r]+", " ", html.unescape(text))


def test_every_page_from_the_snapshot_is_the_mirrors_page(snapshot_site, mirror_site):
    """The whole suite, on a fresh clone and with the mirror: the same pages, saying the same things."""
    pages = sorted(page.relative_to(snapshot_site) for page in snapshot_site.glob("*/*/*.html"))
    assert pages == sorted(page.relative_to(mirror_site) for page in mirror_site.glob("*/*/*.html"))
    assert len(pages) > 150
    differing = [str(page) for page in pages if _text(snapshot_site / page) != _text(mirror_site / page)]
    assert differing == []


def test_the_snapshots_site_shows_the_official_figures_and_their_dates(snapshot_site):
    space = "[ \u00a0\u202f]"  # a space, or a no-break one where French typography asks for it
    overview = _text(snapshot_site / "fr/overview/quebec.html")
    assert re.search(f"En 2025, le Québec a exporté pour 117,6{space}G\\$", overview)
    assert "De janvier à juillet 2026" in overview
    assert re.search(f"Données extraites le 5{space}octobre 2026", overview)
    assert "En 2025, le Québec a exporté pour" in _text(snapshot_site / "fr/partner/fra.html")
    georgia = _text(snapshot_site / "en/partner/us-ga.html")
    assert "In 2024, Québec exported" in georgia
    assert "Data released on December 31, 2024." in georgia  # the Bank of Canada's 2024 rate
    index = _text(snapshot_site / "index.html")
    assert re.search(f"Statistique Canada, tableau 12-10-0175-01{space}: données jusqu'en juillet{space}2026", index)
