"""Figures right in the corners, against the raw files read with the standard library: a US state's rank among
Québec's destinations leaves out BTS's "unknown state" row; a region's figures say how many members they cover."""

import csv
import functools
from pathlib import Path

import pytest
from rawsums import rows, sums

from quebec_intl.analysis.states import leading_states
from quebec_intl.data import trade
from quebec_intl.reports import partner, region
from quebec_intl.reports.context import ReportContext

MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


@functools.cache
def quebec_exports_2024(mirror: Path) -> dict[str, float]:
    """Québec's 2024 exports to each USASTATE code of the dot2 files (US imports from Québec), "DU" included."""
    return sums(
        sorted((mirror / "bts-transborder").glob("2024-*/dot2_*.csv.gz")),
        "VALUE",
        key=lambda row: row["USASTATE"],
        where=lambda row: row["CANPROV"] == "XQ" and row["COUNTRY"] == "1220" and row["TRDTYPE"] == "2",
    )


def raw_ranks(mirror: Path) -> dict[str, int]:
    """1 + the number of real states (and DC) Québec exported more to; "DU" is BTS's unknown state."""
    values = {code: value for code, value in quebec_exports_2024(mirror).items() if code != "DU"}
    return {code: 1 + sum(other > value for other in values.values()) for code, value in values.items()}


@pytest.mark.parametrize(("state", "rank_en", "rank_fr"), [("NV", "41st", "41e"), ("WY", "50th", "50e")])
def test_a_state_rank_is_among_the_states_and_dc_not_the_unknown_state(mirror, state, rank_en, rank_fr):
    raw = raw_ranks(mirror)
    assert raw[state] == int(rank_fr[:-1])  # the audit's own recount, from the raw files
    data = partner.load(f"US-{state}", 2024)
    en = partner.summary(data, ReportContext.of("en")).blocks[0]
    fr = partner.summary(data, ReportContext.of("fr")).blocks[0]
    assert f"the {rank_en} destination of Québec's exports to the United States among the states and the Dis" in en
    assert f"la {rank_fr} destination des exportations du Québec vers les États-Unis parmi les États" in fr


def test_every_state_rank_and_the_overview_table_leave_the_unknown_state_out(mirror):
    raw = raw_ranks(mirror)
    year, leading = leading_states(trade.load_states_trade(), 2024)
    assert year == 2024 and "US-DU" not in leading.index
    assert {code.removeprefix("US-"): int(rank) for code, rank in leading["rank"].items()} == raw


def covered_members(mirror: Path, region_id: str) -> tuple[int, int]:
    """(members, members with rows in the 2024 dot2 files) of a region of US states, from the reference CSV."""
    with open(REFERENCE / "region_members.csv", encoding="utf-8", newline="") as handle:
        members = [
            row["member_code"].removeprefix("US-")
            for row in csv.DictReader(handle)
            if row["region_id"] == region_id and row["status"] == "member" and row["member_code"].startswith("US-")
        ]
    held = {row["USASTATE"] for file in (mirror / "bts-transborder").glob("2024-*/dot2_*.csv.gz") for row in rows(file)}
    return len(members), sum(code in held for code in members)


@pytest.mark.parametrize("region_id", ["atlanta_territory", "seus_cp", "neg_ecp", "gsgp"])
def test_a_region_of_states_counts_the_members_its_figures_cover(mirror, region_id):
    members, covered = covered_members(mirror, region_id)
    data = region.load(region_id, 2024)
    en = region.summary(data, ReportContext.of("en")).blocks[0]
    fr = region.summary(data, ReportContext.of("fr")).blocks[0]
    assert f"to the {covered} US states " in en and f"vers les {covered} États américains " in fr
    notes = [b.text for b in region.trade(data, ReportContext.of("en")).blocks if type(b).__name__ == "Note"]
    uncovered = [n for n in notes if n.startswith("The TransBorder data hold no rows for")]
    assert len(uncovered) == (members != covered)
    if region_id == "atlanta_territory":
        assert (members, covered) == (9, 7)
        assert uncovered == [
            "The TransBorder data hold no rows for Puerto Rico and the U.S. Virgin Islands: the region's figures are "
            "those of its 7 other members."
        ]


@pytest.mark.parametrize(("region_id", "member_fr"), [("africa", "Algérie"), ("oceania", "Australie")])
def test_a_region_with_one_principal_partner_is_not_a_region_total(mirror, region_id, member_fr):
    listed = {row["partenaire"] for row in rows(mirror / MONTHLY)}
    assert member_fr in listed
    for lang in ("fr", "en"):
        blocks = region.trade(region.load(region_id), ReportContext.of(lang)).blocks
        assert len(blocks) == 1 and "100" not in blocks[0]  # no weights, no chart, no "100 %" of the region
        assert ("Un seul membre" if lang == "fr" else "Only one member") in blocks[0]
        assert "1 membres" not in blocks[0] and "1 members" not in blocks[0]


def from_zero_in_2025(mirror: Path) -> dict[str, int]:
    """Each partner's (section, flow) pairs with nothing in 2024 and something in 2025, from the raw sections file."""
    totals = sums(
        mirror / MONTHLY,
        "valeur_milliers_cad",
        key=lambda row: (row["partenaire"], row["produit_scpan"], row["commerce"], row["mois"][:4]),
        where=lambda row: row["mois"][:4] in ("2024", "2025") and row["valeur_milliers_cad"] not in ("", "NA"),
    )
    found: dict[str, int] = {}
    for (partner_name, section, flow, year), value in totals.items():
        if (
            year == "2025"
            and value > 0
            and totals.get((partner_name, section, flow, "2024")) == 0
            and partner_name not in ("Tous les pays", "Autres pays")
            and section != "Total de toutes les marchandises"
        ):
            found[partner_name] = found.get(partner_name, 0) + 1
    return found


def test_a_change_from_zero_is_new_never_infinite(mirror):
    found = from_zero_in_2025(mirror)
    assert "Algérie" in found  # metal ores exports, motor vehicles and aircraft imports: none in 2024
    for name, count in found.items():
        data = partner.load(name, 2025)
        for lang, word in (("fr", "nouveau"), ("en", "new")):
            tables = [b for b in partner.product_mix(data, ReportContext.of(lang)).blocks if hasattr(b, "rows")]
            cells = [cell for table in tables for row in table.rows for cell in row]
            assert cells.count(word) == count, (name, lang)
            assert not any("∞" in str(cell) for cell in cells)


def test_a_note_says_which_dollars_each_table_is_in(mirror):
    """Georgia's note: the key figures in Canadian dollars, the HS chapters in US dollars as BTS publishes them; the
    leading chapter, about a billion US dollars (the raw files' sum), keeps the decimal of its neighbours."""
    from quebec_intl.reports import briefing

    chapter_84 = sums(
        sorted((mirror / "bts-transborder").glob("2024-*/dot2_*.csv.gz")),
        "VALUE",
        key=lambda row: row["COMMODITY2"],
        where=lambda row: row["CANPROV"] == "XQ" and row["USASTATE"] == "GA" and row["TRDTYPE"] == "2",
    )["84"]
    assert round(chapter_84 / 1e9, 1) == 1.0
    for lang, cad, usd, amount in (
        ("fr", "(dollars canadiens)", "(dollars américains)", "1,0\u00a0G$\u00a0US"),
        ("en", "(Canadian dollars)", "(US dollars)", "US$1.0 billion"),
    ):
        tables = [b for b in briefing.key_figures(briefing.load("US-GA", year=2024), ReportContext.of(lang)).blocks]
        tables = [b for b in tables if hasattr(b, "columns")]
        assert tables[0].columns[1].endswith(cad) and tables[-1].columns[1].endswith(usd)
        assert tables[-1].rows[0][1] == amount


def test_ranks_and_shares_say_what_they_are_among(mirror):
    """Table 12-10-0175-01 lists Canada's principal trading partners (the raw file's partners, all countries and
    the other countries apart); ranks are among them, shares of all countries; a 12-month total ends with its month."""
    from quebec_intl.reports import monthly_sections

    listed = {row["partenaire"] for row in rows(mirror / MONTHLY)}
    count = len(listed - {"Tous les pays", "Autres pays"})
    data = partner.load("France", 2025)
    for lang, among, months in (
        ("fr", f"parmi les {count} principaux partenaires commerciaux du Canada", "12 mois se terminant à chaque mois"),
        ("en", f"among Canada's {count} principal trading partners", "12 months ending each month"),
    ):
        ctx = ReportContext.of(lang)
        standing = monthly_sections.standing(data, ctx)
        notes = " ".join(b.text for b in standing.blocks if type(b).__name__ == "Note")
        assert among in notes and ("l'ensemble des pays" if lang == "fr" else "all countries") in notes
        assert "du Québec" not in standing.heading and "Québec's" not in standing.heading
        alt = next(b for b in monthly_sections.monthly(data, ctx).blocks if type(b).__name__ == "Figure").description
        assert months in alt and "précédant" not in alt


@pytest.mark.usefixtures("mirror")
def test_the_overview_says_which_exports_it_prints():
    from quebec_intl.reports import overview

    data = overview.load(2025)
    for lang, words in (
        ("fr", ("exportations intérieures", "réexportations comprises", "Institut de la statistique du Québec")),
        ("en", ("domestic exports", "re-exports included", "Institut de la statistique du Québec")),
    ):
        notes = [b.text for b in overview.summary(data, ReportContext.of(lang)).blocks if type(b).__name__ == "Note"]
        assert any(all(word in note for word in words) for note in notes)


@pytest.mark.usefixtures("mirror")
def test_a_note_on_a_region_with_one_principal_partner_speaks_of_that_partner():
    from quebec_intl.reports import briefing, quotes

    data = briefing.load(region="africa")
    ctx = ReportContext.of("en")
    line = briefing._members_line(data, ctx)
    assert line.startswith("These figures are those of Algeria alone") and "100.0%" not in line
    said = " ".join(q.text for q in quotes.quotes(data, ctx))
    assert "to Algeria, the only member of Africa among Canada's principal trading partners" in said
    assert "1 members" not in said


def test_a_year_the_sources_hold_in_part_is_named_partial_with_its_months(mirror, capsys):
    """`--year 2026` (the monthly table's last year, not yet whole) was refused as a year "no source covers"; it is
    a partial year, named with the months held, read here from the raw file."""
    import calendar
    import csv
    import gzip

    from quebec_intl.cli import main

    with gzip.open(mirror / MONTHLY, "rt", encoding="utf-8") as handle:
        months = {row["mois"] for row in csv.DictReader(handle)}
    year = max(int(month[:4]) for month in months)
    held = sorted(int(month[5:7]) for month in months if month.startswith(f"{year}-"))
    assert len(held) < 12  # the mirror's copy ends within a year
    for argv in (["overview"], ["partner", "--partner", "USA"]):
        assert main(["render", *argv, "--year", str(year), "--lang", "fr"]) == 2
        said = capsys.readouterr().err.strip()
        first, last = calendar.month_name[held[0]], calendar.month_name[held[-1]]
        assert said.startswith(f"quebec-intl: error: {year} is a partial year in the current sources ({first} to")
        assert f"{first} to {last} {year} only" in said and len(said.splitlines()) == 1


def test_the_product_mix_note_does_not_say_fewer_years_than_the_table_has(mirror):
    """The note under France's product mix once said the table gives sections « pour 2024 et 2025 » above a table
    of its sections for every year from 2023: the years the raw file holds sections for (read with csv) are those the
    page's years table shows, and the note names only the two years it compares."""
    from quebec_intl.reports import monthly_sections

    total = "Total de toutes les marchandises"
    years = sorted({row["mois"][:4] for row in rows(mirror / MONTHLY) if row["produit_scpan"] != total})
    assert years[0] == "2023"
    data = partner.load("France", 2025)
    for lang, compared in (("fr", "2025 comparé à 2024"), ("en", "2025 against 2024")):
        section = monthly_sections.product_mix(data, ReportContext.of(lang))
        notes = " ".join(b.text for b in section.blocks if type(b).__name__ == "Note")
        assert compared in notes and "pour 2024 et 2025" not in notes and "for 2024 and 2025" not in notes
        [table] = [b for b in section.blocks if type(b).__name__ == "Table" and len(b.columns) == len(years) + 1]
        assert [c.split(" ")[0] for c in table.columns[1:-1]] == years[:-1]
