"""Shared fixtures: isolated output directories, the source mirror, and tiny files in the real sources' layouts."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from quebec_intl import settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = PROJECT_ROOT.parent / "shared" / "data" / "mirror"
US_EXTRACT = "statcan-12100175-us-extract/province_sector_us_monthly.csv"
CELLS_A_MONTH = 13 * 12  # a whole extract's rows each month: 13 provinces and territories x 12 product sections
US_EXTRACT_HEADER = ["SECTOR", "YEAR", "YEAR_MONTH", "TRADE_PARTNER", "PROVINCE", "EXPORT", "IMPORT", "NET_TRADE"]


def real_mirror() -> Path:
    """The real mirror (QUEBEC_INTL_MIRROR, else ../shared/data/mirror); in CI its absence fails the test."""
    mirror = settings.mirror_dir() or DEFAULT_MIRROR
    if not (mirror / US_EXTRACT).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the source mirror is missing at {mirror}; CI must set {settings.MIRROR_ENV}")
        pytest.skip(f"no source mirror at {mirror}")
    return mirror


@pytest.fixture
def outputs(tmp_path, monkeypatch):
    """Processed tables and reports go to a temporary directory, for this process and the kernels it starts."""
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    monkeypatch.setenv(settings.PROCESSED_ENV, str(processed))
    monkeypatch.setenv(settings.REPORTS_ENV, str(reports))
    return processed, reports


@pytest.fixture
def mirror(monkeypatch):
    mirror = real_mirror()
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    return mirror


@pytest.fixture
def no_mirror(monkeypatch):
    monkeypatch.delenv(settings.MIRROR_ENV, raising=False)


def complete_grid(rows: list[dict]) -> list[dict]:
    """The rows, plus a zero row for every month, province and section they leave out: the real extract has one
    row for each, and the reader refuses a file that lacks one."""
    from quebec_intl.data import reference

    provinces = reference.provinces()
    names = provinces.loc[provinces["kind"].isin(["province", "territory"]), "name_en"].replace({"Quebec": "Québec"})
    sections = [
        name
        for code, name in zip(reference.product_sections()["code"], reference.product_sections()["name_en"])
        if code != "total"
    ]
    months = sorted({row["YEAR_MONTH"][:7] for row in rows})
    given = {(row["YEAR_MONTH"][:7], row["PROVINCE"].replace("Quebec", "Québec"), row["SECTOR"]) for row in rows}
    filler = [
        extract_row(province, month, 0.0, 0.0, sector)
        for month in months
        for province in names
        for sector in sections
        if (month, province, sector) not in given
    ]
    return rows + filler


def write_us_extract(
    mirror_root: Path, rows: list[dict], header: list[str] = US_EXTRACT_HEADER, complete: bool = True
) -> Path:
    """A mirror holding a small file in the US extract's exact layout; with `complete`, every month, province and
    section the rows leave out is filled in with zeros, as in a whole file."""
    file = mirror_root / US_EXTRACT
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(complete_grid(rows) if complete and rows else rows)
    return file


def extract_row(province: str, month: str, export: float, import_: float, sector: str = "Consumer goods") -> dict:
    return {
        "SECTOR": sector,
        "YEAR": month[:4],
        "YEAR_MONTH": f"{month}-01",
        "TRADE_PARTNER": "United States",
        "PROVINCE": province,
        "EXPORT": f"{export:.1f}",
        "IMPORT": f"{import_:.1f}",
        "NET_TRADE": f"{export - import_:.1f}",
    }


@pytest.fixture(scope="session")
def rendered_site(tmp_path_factory):
    """The United States profile rendered once from the real mirror, in French and English, for the page tests."""
    from quebec_intl.data import partners, regions
    from quebec_intl.publish import requests as render
    from quebec_intl.publish.batch import render_batch

    mirror = real_mirror()
    root = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(settings.MIRROR_ENV, str(mirror))
        patch.setenv(settings.PROCESSED_ENV, str(root / "processed"))
        patch.setenv(settings.REPORTS_ENV, str(root / "reports"))
        usa, georgia, seus = partners.resolve("USA"), partners.resolve("US-GA"), regions.resolve("seus_cp")
        requests = [render.partner_request(usa, None, lang) for lang in ("fr", "en")] + [
            render.relations_request(None, "fr"),
            render.overview_request(None, "en"),
            render.region_request(seus, "fr"),
            render.partner_request(georgia, None, "fr"),
            render.partner_request(georgia, None, "en"),
            render.region_request(seus, "en"),
        ]
        result = render_batch(requests, progress=False)
    assert not result.failed, result.summary()
    fr, en, relations, overview, region, state_fr, state_en, region_en = result.rendered
    return {
        "pages": {"fr": fr, "en": en},
        "relations": relations,
        "overview": overview,
        "region": region,
        "state_fr": state_fr,
        "state_en": state_en,
        "region_en": region_en,
        "index": result.index,
        "mirror": mirror,
    }
