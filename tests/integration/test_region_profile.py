"""Region profiles: totals over a region's members against independent sums of the raw BTS file."""

import csv

import pytest
from conftest import PROJECT_ROOT
from rawsums import sums

from quebec_intl.cli import main
from quebec_intl.reports import region
from quebec_intl.reports.context import ReportContext


def raw_quebec_exports_by_state(mirror):
    """Québec's 2024 exports to each state (US imports from Québec), from the gzipped monthly files."""
    return sums(
        sorted((mirror / "bts-transborder").glob("2024-*/dot2_*.csv.gz")),
        "VALUE",
        key=lambda row: row["USASTATE"],
        where=lambda row: row["CANPROV"] == "XQ" and row["COUNTRY"] == "1220" and row["TRDTYPE"] == "2",
    )


def trade_section(name, lang):
    return region.trade(region.load(name), ReportContext.of(lang))


def test_seus_cp_total_and_weights_match_the_raw_file(mirror):
    raw = raw_quebec_exports_by_state(mirror)
    states = ["AL", "GA", "MS", "NC", "SC", "TN"]
    data = region.load("SEUS-CP")
    table = next(b for b in region.trade(data, ReportContext.of("en")).blocks if type(b).__name__ == "Table")
    shown = {row[0]: row[3] for row in table.rows}
    total = sum(raw[s] for s in states)
    assert data.trade.year == 2024 and shown["Tennessee"] == f"{raw['TN'] / total * 100:.1f}%"
    summary = region.summary(data, ReportContext.of("en")).blocks[0]
    share_of_us = total / sum(raw.values()) * 100  # the region's share of Québec's exports to every US state
    assert f"{share_of_us:.1f}%" in summary


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_grouping_of_countries_without_a_covering_source_says_so():
    section = trade_section("Union européenne", "fr")
    assert [b.text for b in section.blocks] == [
        "Les sources actuelles ne donnent pas le commerce du Québec avec chacun des membres\u202f; "
        "aucun total régional n'est calculé (il faut le tableau 12-10-0173-01 de Statistique Canada)."
    ]


def test_unknown_region_on_the_command_line(outputs, capsys):
    assert main(["render", "region", "--region", "Mercosur"]) == 2
    err = capsys.readouterr().err
    assert "unknown --region 'Mercosur'" in err and not outputs[1].exists()


def _region_pages() -> dict[tuple[str, str], str]:
    """Every region's page, in both languages, as its notebook builds it (each section, each block's HTML, the text
    unescaped), outside a kernel: each region's data loaded once."""
    from html import unescape

    from quebec_intl.data import regions
    from quebec_intl.visual.blocks import render_block

    pages = {}
    for region_id in regions.regions():
        data = region.load(region_id)
        for lang in ("fr", "en"):
            ctx, parts = ReportContext.of(lang), []
            for section in filter(None, (build(data, ctx) for build in region.SECTIONS)):
                parts.append(render_block("heading", heading=section.heading, level=section.level))
                parts += [getattr(block, "_repr_html_", block.__repr__)() for block in section.blocks]
            pages[region_id, lang] = unescape("\n".join(parts))
    return pages


def _held_in_oceania() -> int:
    """Events of the curated list held in a country of UN M49 region 009 (Oceania), read with the standard library."""
    with (PROJECT_ROOT / "data/reference/un_m49.csv").open(encoding="utf-8") as handle:
        oceania = {row["code"] for row in csv.DictReader(handle) if row["m49_region_code"] == "009"}
    with (PROJECT_ROOT / "data/curated/events.csv").open(encoding="utf-8") as handle:
        return sum(row["country_iso3"] in oceania for row in csv.DictReader(handle))


def _every_region_page_builds() -> None:
    pages = _region_pages()
    with (PROJECT_ROOT / "data/reference/regions.csv").open(encoding="utf-8") as handle:
        listed = {row["region_id"] for row in csv.DictReader(handle)}
    assert {region_id for region_id, _ in pages} == listed and all(pages.values())
    assert _held_in_oceania() == 0  # a region none of whose countries held a dated event: said, not a crash
    assert "Les sources actuelles ne datent aucun événement tenu dans les pays de l'Océanie." in pages["oceania", "fr"]
    assert "The current sources date no event held in the countries of Oceania." in pages["oceania", "en"]
    # nor an office or a named agreement there (the curated lists, read by hand): said, never « 0 représentations »
    assert "Aucune représentation du Québec ne se trouve dans les pays de l'Océanie" in pages["oceania", "fr"]
    assert "No agreement with Oceania is recorded here, out of the more than 775" in pages["oceania", "en"]
    assert not [key for key, page in pages.items() if "compte 0 représentation" in page or "has 0 office" in page]


@pytest.mark.usefixtures("mirror_dir")  # the mirror's tier for both: building every region's pages takes a while
@pytest.mark.parametrize("data", ["mirror", "embedded default"])
def test_every_region_page_builds_in_both_languages(request, data):
    """Every region, the suite's and those only asked for by name (Oceania, Africa...), builds whole in both
    languages (Oceania's events section took the years of an empty list of events), from the mirror's tables and
    from the embedded default alone."""
    for fixture in ["mirror"] if data == "mirror" else ["no_mirror", "outputs"]:
        request.getfixturevalue(fixture)
    _every_region_page_builds()
