"""Region profiles: totals over a region's members against independent sums of the raw BTS file."""

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
    assert data.states.year == 2024 and shown["Tennessee"] == f"{raw['TN'] / total * 100:.1f}%"
    summary = region.summary(data, ReportContext.of("en")).blocks[0]
    share_of_us = total / sum(raw.values()) * 100  # the region's share of Québec's exports to every US state
    assert f"{share_of_us:.1f}%" in summary


def test_a_grouping_of_countries_without_a_covering_source_says_so(outputs, no_mirror):
    section = trade_section("Union européenne", "fr")
    assert [b.text for b in section.blocks] == [
        "Les sources actuelles ne donnent pas le commerce du Québec avec chacun des membres\u202f; "
        "aucun total régional n'est calculé (il faut le tableau 12-10-0173-01 de Statistique Canada)."
    ]


def test_unknown_region_on_the_command_line(outputs, capsys):
    assert main(["render", "region", "--region", "Mercosur"]) == 2
    err = capsys.readouterr().err
    assert "unknown --region 'Mercosur'" in err and not outputs[1].exists()
