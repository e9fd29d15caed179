"""Each relations fact records the kind of page supporting it, official or secondary; the facts still resting on a
secondary page are listed here, and the list may only shrink: a new secondary fact, or one that comes back, fails
until someone has looked for an official page and recorded why there is none."""

import csv

import pytest

from quebec_intl import settings

# (file, id) of every fact whose only stored support is a secondary page (press, encyclopedia, a third party's
# copy), as of 2026-11. Replace a row's source with an official page and remove it from here.
STILL_SECONDARY = {
    "offices": {
        "abidjan_1970",
        "buenos_aires",
        "dallas",
        "havana",
        "kuala_lumpur",
        "lafayette",
        "milan",
        "moscow",
        "philadelphia",
        "rabat",
        "rome",
        "santiago",
        "silicon_valley",
        "taipei",
    },
    "events": {
        "abidjan_agreement",
        "acct_quebec_participating_gov",
        "canada_france_cultural_accord",
        "canada_quebec_summit_agreement",
        "couillard_cuba_mission",
        "francophonie_summit_03",
        "francophonie_summit_04",
        "francophonie_summit_05",
        "francophonie_summit_06",
        "francophonie_summit_07",
        "francophonie_summit_09",
        "francophonie_summit_10",
        "francophonie_summit_11",
        "francophonie_summit_16",
        "francophonie_summit_19",
        "gerin_lajoie_doctrine",
        "glc_associate_status",
        "havana_bureau_inauguration",
        "libreville_conference",
        "mai_renamed_affaires_internationales",
        "neg_ecp_35_halifax",
        "niamey_i",
        "offices_closed_1936",
        "offices_closed_1996",
        "offices_cut_2014",
        "oif_repam_quebec",
        "paris_education_conference_1968",
        "rabat_agreement",
        "rabat_office_inauguration",
        "seus_cp_conf_2008_savannah",
        "seus_cp_conf_2009_nl",
        "seus_cp_conf_2011_fredericton",
        "seus_cp_conf_2019_montreal",
        "seus_cp_conf_2023_nl",
        "tokyo_office_opening",
    },
    "agreements": {
        "civ_office_2017",
        "cub_joint_declaration_2016",
        "mar_office_2018",
        "pan_education_2002",
        "pan_tuition_1986",
        "sen_office_2016",
    },
    "organisations": {"acct", "glc", "partner_regions"},
}
ID_COLUMN = {"offices": "office_id", "events": "event_id", "agreements": "agreement_id", "organisations": "org_id"}


def rows(table: str) -> list[dict]:
    with (settings.data_dir() / "curated" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("table", sorted(ID_COLUMN))
def test_every_fact_says_what_kind_of_page_supports_it(table):
    kinds = {row[ID_COLUMN[table]]: row["source_kind"] for row in rows(table)}
    assert set(kinds.values()) <= {"official", "secondary"}, table


@pytest.mark.parametrize("table", sorted(ID_COLUMN))
def test_the_list_of_facts_on_secondary_sources_only_shrinks(table):
    secondary = {row[ID_COLUMN[table]] for row in rows(table) if row["source_kind"] == "secondary"}
    new = secondary - STILL_SECONDARY[table]
    assert not new, f"{table}: now on a secondary source only (find an official page, or add here): {sorted(new)}"
    upgraded = STILL_SECONDARY[table] - secondary
    assert not upgraded, f"{table}: now official or gone, remove from STILL_SECONDARY: {sorted(upgraded)}"
