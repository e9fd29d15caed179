"""Each relations fact records the kind of page supporting it, official or secondary; the facts still resting on a
secondary page are listed here, and the list may only shrink: a new secondary fact, or one that comes back, fails
until someone has looked for an official page and recorded why there is none."""

import csv

import pytest

from quebec_intl import settings

# (file, id) of every fact whose only stored support is a secondary page (press, encyclopedia, a third party's
# copy) or a university's archive (secondary-scholarly), as of the source review of 2026-12. Replace a row's source
# with an official page and remove it from here.
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
        "santiago",
        "taipei",
    },
    "events": {
        "canada_quebec_summit_agreement",
        "couillard_cuba_mission",
        "gerin_lajoie_doctrine",
        "havana_bureau_inauguration",
        "libreville_conference",
        "niamey_i",
        "offices_closed_1936",
        "offices_closed_1996",
        "offices_cut_2014",
        "offices_network_plan_2024_closures",
        "paris_education_conference_1968",
        "rabat_office_inauguration",
        "seus_cp_conf_2008_savannah",
        "seus_cp_conf_2019_montreal",
        "seus_cp_conf_2022_savannah",
        "seus_cp_conf_2023_nl",
    },
    "agreements": {
        "civ_office_2017",
        "cub_joint_declaration_2016",
        "sen_office_2016",
    },
    "organisations": set(),
}
ID_COLUMN = {"offices": "office_id", "events": "event_id", "agreements": "agreement_id", "organisations": "org_id"}


def rows(table: str) -> list[dict]:
    with (settings.data_dir() / "curated" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("table", sorted(ID_COLUMN))
def test_every_fact_says_what_kind_of_page_supports_it(table):
    kinds = {row[ID_COLUMN[table]]: row["source_kind"] for row in rows(table)}
    assert set(kinds.values()) <= {"official", "secondary", "secondary-scholarly"}, table  # never "unacceptable"


@pytest.mark.parametrize("table", sorted(ID_COLUMN))
def test_the_list_of_facts_on_secondary_sources_only_shrinks(table):
    secondary = {row[ID_COLUMN[table]] for row in rows(table) if row["source_kind"] != "official"}
    new = secondary - STILL_SECONDARY[table]
    assert not new, f"{table}: now on a secondary source only (find an official page, or add here): {sorted(new)}"
    upgraded = STILL_SECONDARY[table] - secondary
    assert not upgraded, f"{table}: now official or gone, remove from STILL_SECONDARY: {sorted(upgraded)}"
