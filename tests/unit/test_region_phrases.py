"""Every region of data/reference/regions.csv as a sentence names it, in both languages: its article, French's
contractions (de + les = des, à + le = au) on each name of a pair, and what its members are to it (members of a
grouping, countries of a continent or a territory). The expected phrases are written out by hand, one region a row."""

import csv
from types import SimpleNamespace

import pytest

from quebec_intl import settings
from quebec_intl.analysis import names
from quebec_intl.data import regions
from quebec_intl.reports.context import ReportContext
from quebec_intl.reports.subjects import subject_phrase

# region id: French « de … », « à … », a group of 3 members as a sentence's destination; English "to …", the group.
PHRASES = {
    "seus_cp": (
        "de la SEUS-CP",
        "à la SEUS-CP",
        "vers les 3 États américains membres de la SEUS-CP",
        "to SEUS-CP",
        "to the 3 US states in SEUS-CP",
    ),
    "atlanta_territory": (
        "du territoire d'Atlanta",
        "au territoire d'Atlanta",
        "vers les 3 États américains du territoire d'Atlanta",
        "to the Atlanta territory",
        "to the 3 US states in the Atlanta territory",
    ),
    "neg_ecp": (
        "de la CGNA/PMEC",
        "à la CGNA/PMEC",
        "vers les 3 États américains membres de la CGNA/PMEC",
        "to NEG/ECP",
        "to the 3 US states in NEG/ECP",
    ),
    "gsgp": (
        "de la Conférence des Grands Lacs et du Saint-Laurent",
        "à la Conférence des Grands Lacs et du Saint-Laurent",
        "vers les 3 États américains membres de la Conférence des Grands Lacs et du Saint-Laurent",
        "to the Great Lakes–St. Lawrence Conference",
        "to the 3 US states in the Great Lakes–St. Lawrence Conference",
    ),
    "eu27": (
        "de l'UE-27",
        "à l'UE-27",
        "vers les 3 pays membres de l'UE-27",
        "to the EU-27",
        "to the 3 countries in the EU-27",
    ),
    "g7": ("du G7", "au G7", "vers les 3 pays membres du G7", "to the G7", "to the 3 countries in the G7"),
    "oif": ("de l'OIF", "à l'OIF", "vers les 3 pays membres de l'OIF", "to the OIF", "to the 3 countries in the OIF"),
    "africa": (
        "de l'Afrique",
        "à l'Afrique",
        "vers les 3 pays de l'Afrique",
        "to Africa",
        "to the 3 countries in Africa",
    ),
    "americas": (
        "des Amériques",
        "aux Amériques",
        "vers les 3 pays des Amériques",
        "to the Americas",
        "to the 3 countries in the Americas",
    ),
    "asia": ("de l'Asie", "à l'Asie", "vers les 3 pays de l'Asie", "to Asia", "to the 3 countries in Asia"),
    "europe": ("de l'Europe", "à l'Europe", "vers les 3 pays de l'Europe", "to Europe", "to the 3 countries in Europe"),
    "oceania": (
        "de l'Océanie",
        "à l'Océanie",
        "vers les 3 pays de l'Océanie",
        "to Oceania",
        "to the 3 countries in Oceania",
    ),
    "northern_america": (
        "de l'Amérique du Nord",
        "à l'Amérique du Nord",
        "vers les 3 pays de l'Amérique du Nord",
        "to Northern America",
        "to the 3 countries in Northern America",
    ),
    "latin_america_caribbean": (
        "de l'Amérique latine et des Caraïbes",
        "à l'Amérique latine et aux Caraïbes",
        "vers les 3 pays de l'Amérique latine et des Caraïbes",
        "to Latin America and the Caribbean",
        "to the 3 countries in Latin America and the Caribbean",
    ),
    "asia_pacific": (
        "de l'Asie-Pacifique",
        "à l'Asie-Pacifique",
        "vers les 3 pays de l'Asie-Pacifique",
        "to the Asia–Pacific region",
        "to the 3 countries in the Asia–Pacific region",
    ),
    "americas_outside_us": (
        "des Amériques hors États-Unis",
        "aux Amériques hors États-Unis",
        "vers les 3 pays des Amériques hors États-Unis",
        "to the Americas outside the United States",
        "to the 3 countries in the Americas outside the United States",
    ),
    "africa_middle_east": (
        "de l'Afrique et du Moyen-Orient",
        "à l'Afrique et au Moyen-Orient",
        "vers les 3 pays de l'Afrique et du Moyen-Orient",
        "to Africa and the Middle East",
        "to the 3 countries in Africa and the Middle East",
    ),
}


def test_every_region_of_the_reference_table_has_its_phrases_written_out():
    with (settings.reference_dir() / "regions.csv").open(encoding="utf-8", newline="") as handle:
        ids = {row["region_id"] for row in csv.DictReader(handle)}
    assert ids == set(PHRASES)


@pytest.mark.parametrize("region_id", sorted(PHRASES))
def test_a_region_named_in_a_sentence(region_id):
    of_fr, at_fr, group_fr, to_en, group_en = PHRASES[region_id]
    region = regions.regions()[region_id]
    group = SimpleNamespace(group="states" if "US states" in group_en else "countries", covered=("A", "B", "C"))
    assert names.partner_phrase(region, "fr", "of") == of_fr
    assert names.partner_phrase(region, "fr", "at") == at_fr
    assert names.partner_phrase(region, "en", "to") == to_en
    assert subject_phrase(region, group, "to", ReportContext.of("fr")) == group_fr
    assert subject_phrase(region, group, "to", ReportContext.of("en")) == group_en
    assert not any(bad in group_fr for bad in ("de les", "de le ", "à les", "à le ", "membres des", "membres du terr"))
