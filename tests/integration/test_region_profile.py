"""Region profiles: totals over a region's members against independent sums of the raw BTS file."""

import csv
from collections import defaultdict

import pytest

from quebec_intl.cli import main
from quebec_intl.region_profile import RegionProfile


def raw_quebec_exports_by_state(mirror):
    sums = defaultdict(float)
    for file in (mirror / "bts-transborder").glob("*/dot2_*.csv"):
        with file.open(newline="") as handle:
            for row in csv.DictReader(handle):
                if row["CANPROV"] == "XQ" and row["COUNTRY"] == "1220" and row["TRDTYPE"] == "2":
                    sums[row["USASTATE"]] += float(row["VALUE"])
    return sums


@pytest.mark.mirror
def test_seus_cp_total_and_weights_match_the_raw_file(mirror, outputs):
    raw = raw_quebec_exports_by_state(mirror)
    states = ["AL", "GA", "MS", "NC", "SC", "TN"]
    section = RegionProfile.build("SEUS-CP", "en").trade()
    table = next(b for b in section.blocks if type(b).__name__ == "Table")
    shown = {row[0]: row[3] for row in table.rows}
    total = sum(raw[s] for s in states)
    assert shown["Tennessee"] == f"{raw['TN'] / total * 100:.1f}%"
    summary = next(b for b in section.blocks if isinstance(b, str))
    share_of_us = total / sum(raw.values()) * 100  # the region's share of Québec's exports to every US state
    assert f"{share_of_us:.1f}%" in summary


def test_a_grouping_of_countries_without_a_covering_source_says_so(outputs, no_mirror):
    section = RegionProfile.build("Union européenne", "fr").trade()
    assert [b.text for b in section.blocks] == [
        "Les sources actuelles ne donnent pas le commerce du Québec avec chacun des membres ; aucun total régional "
        "n'est calculé (il faut le tableau 12-10-0173-01 de Statistique Canada)."]


def test_unknown_region_on_the_command_line(outputs, capsys):
    assert main(["render", "region", "--region", "Mercosur"]) == 2
    err = capsys.readouterr().err
    assert "unknown --region 'Mercosur'" in err and not outputs[1].exists()
