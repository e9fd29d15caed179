"""Named regions: each member is a known partner, and the sets the issue names are the right ones."""

import pytest

from quebec_intl.data import partners, regions
from quebec_intl.errors import UnknownNameError


def test_every_member_is_a_known_partner_and_every_region_has_members():
    table = regions.membership()
    assert set(table["member_code"]) <= set(partners.all_partners())
    assert set(table["region_id"]) == set(regions.regions())
    assert not table.duplicated(["region_id", "member_code"]).any()
    assert table["source_url"].str.startswith("http").all()


def test_seus_cp_and_the_atlanta_territory_are_different_sets():
    seus = regions.members("seus_cp")
    states = sorted(c for c in seus if c.startswith("US-"))
    assert states == ["US-AL", "US-GA", "US-MS", "US-NC", "US-SC", "US-TN"]
    assert len([c for c in seus if c.startswith("CA-")]) == 7 and "CA-QC" in seus
    atlanta = regions.members("atlanta_territory")
    assert len(atlanta) == 9 and {"US-FL", "US-PR", "US-VI"} <= set(atlanta)
    assert set(atlanta) - set(seus) == {"US-FL", "US-PR", "US-VI"}


def test_groupings_have_their_published_sizes():
    assert len(regions.members("eu27")) == 27 and "GBR" not in regions.members("eu27")
    assert sorted(regions.members("g7")) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert len(regions.members("oif")) == 54 and "CA-QC" in regions.members("oif")
    assert len(regions.members("oif", ("member", "associate_member", "observer"))) == 88


def test_continents_follow_un_m49():
    latin = regions.members("latin_america_caribbean")
    assert {"MEX", "BRA", "HTI"} <= set(latin) and "USA" not in latin
    assert "USA" in regions.members("northern_america") and "FRA" in regions.members("europe")


@pytest.mark.parametrize(
    "text",
    ["SEUS-CP", "seus_cp", "Alliance des États du Sud-Est des États-Unis et des provinces canadiennes (SEUS-CP)"],
)
def test_regions_resolve_by_acronym_id_or_name(text):
    assert regions.resolve(text).id == "seus_cp"


def test_union_europeenne_and_unknown_region():
    assert regions.resolve("Union européenne").id == "eu27"
    with pytest.raises(UnknownNameError, match="unknown region 'Mercosur'"):
        regions.resolve("Mercosur")
