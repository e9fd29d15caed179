"""Each kind of fact in words, in both languages and every register a page uses: the expected sentences are written
by hand (French spacing: a non-breaking space before %, : and », after «)."""

import math

import pytest

from quebec_intl.analysis import words
from quebec_intl.analysis.facts import Change, ModeSplit, Standing
from quebec_intl.data import partners

NBSP = "\u00a0"
GEORGIA = partners.resolve("US-GA")
JAPAN = partners.resolve("JPN")
USA = partners.resolve("USA")


@pytest.mark.parametrize(
    ("fact", "fr", "en"),
    [
        (Change(4.26, 2023), f"en hausse de 4,3{NBSP}% par rapport à 2023", "up 4.3% from 2023"),
        (Change(-3.14, 2023), f"en baisse de 3,1{NBSP}% par rapport à 2023", "down 3.1% from 2023"),
        (Change(0.04, 2023), "au même niveau qu'en 2023", "unchanged from 2023"),
        (
            Change(57.4, 2025, same_months=True),
            f"en hausse de 57,4{NBSP}% par rapport aux mêmes mois de 2025",
            "up 57.4% from the same months of 2025",
        ),
    ],
)
def test_a_change_in_a_sentence(fact, fr, en):
    assert words.change(fact, "fr") == fr
    assert words.change(fact, "en") == en


def test_a_change_in_a_cell_is_signed():
    assert words.change(Change(12.0, 2024), "fr", "cell") == f"+12,0{NBSP}% par rapport à 2024"
    assert words.change(Change(-2.5, 2024, same_months=True), "en", "cell") == "−2.5% from the same months of 2024"


def test_a_change_without_a_finite_rate_is_left_unsaid():
    for rate in (None, math.nan, math.inf):
        assert words.change(Change(rate, 2024), "fr") is None
    assert words.with_change("In 2025, Québec exported $1.0 billion", Change(math.inf, 2024), "en") == (
        "In 2025, Québec exported $1.0 billion."
    )
    assert words.with_change("En 2025", Change(-10.0, 2024), "fr") == (
        f"En 2025, en baisse de 10,0{NBSP}% par rapport à 2024."
    )


def test_a_us_state_standing_in_each_register():
    fact = Standing(3, 51, 8.14, "us_states")
    assert words.standing(fact, "fr", "summary", subject=GEORGIA) == (
        "La Géorgie est la 3e destination des exportations du Québec vers les États-Unis parmi les États américains "
        f"et le district de Columbia (8,1{NBSP}% du total)."
    )
    assert words.standing(fact, "en", "quote", subject=GEORGIA, year=2025) == (
        "In 2025, Georgia ranked 3rd among the US states and the District of Columbia Québec exports to, with 8.1% "
        "of its exports to the United States."
    )
    assert words.standing(fact, "en", "briefing", year=2025) == (
        "Rank among the US states and the District of Columbia Québec exports to in 2025: 3rd (8.1% of its exports "
        "to the United States)."
    )


def test_a_region_share_without_a_rank():
    fact = Standing(None, None, 12.5, "us_states")
    assert words.standing(fact, "fr", "summary") == (
        f"La région reçoit 12,5{NBSP}% des exportations du Québec vers les États-Unis."
    )
    assert words.standing(fact, "en", "quote", to="to the 6 US states in SEUS-CP", year=2024) == (
        "In 2024, 12.5% of Québec's exports to the United States went to the 6 US states in SEUS-CP."
    )
    # a state without a rank (no exports in the year) gets no share sentence in its summary
    assert words.standing(Standing(None, 51, 0.0, "us_states"), "fr", "summary", subject=GEORGIA) is None


def test_a_country_among_quebec_destinations():
    fact = Standing(2, 180, 15.0, "countries")
    assert words.standing(fact, "fr", "summary", subject=JAPAN) == (
        f"Rang du Japon parmi les partenaires du Québec pour les exportations{NBSP}: 2e (15,0{NBSP}% du total)."
    )
    assert words.standing(fact, "en", "quote", subject=USA, year=2024) == (
        "In 2024, the United States ranked 2nd among the destinations of Québec's exports, with 15.0% of the total."
    )
    assert words.standing(fact, "fr", "briefing", year=2024) == (
        f"Rang parmi les destinations des exportations du Québec en 2024{NBSP}: 2e sur 180 pays (15,0{NBSP}% du total)."
    )
    assert words.standing(Standing(None, 180, 15.0, "countries"), "en", "summary", subject=JAPAN) is None


def test_quebec_among_the_provinces():
    statcan = Standing(3, None, 16.6, "provinces_and_territories")
    assert words.standing(statcan, "fr", "summary", to="vers les États-Unis") == (
        f"Le Québec assure 16,6{NBSP}% des exportations canadiennes vers les États-Unis, au 3e rang des provinces et "
        "territoires."
    )
    bts = Standing(2, None, 30.8, "provinces")
    assert words.standing(bts, "en", "summary", to="to Georgia") == (
        "Québec accounts for 30.8% of the Canadian provinces' exports to Georgia (ranking 2nd)."
    )
    assert words.standing(bts, "en", "quote", to="to Georgia", year=2025) == (
        "In 2025, Québec accounted for 30.8% of Canadian provinces' exports to Georgia, ranking 2nd among the "
        "provinces."
    )
    assert words.standing(bts, "fr", "briefing") == (
        f"Place du Québec parmi les provinces canadiennes qui y exportent{NBSP}: 2e rang (30,8{NBSP}% de leurs "
        "exportations)."
    )
    assert words.standing(Standing(None, None, 30.8, "provinces"), "fr", "quote", to="vers la Géorgie") is None


def test_modes_name_those_from_one_percent_and_rail_always():
    """Truck 70.1 %, vessel 20.0 %, air 9.4 %, rail 0.4 %, mail 0.1 %: mail left out, rail kept at its share."""
    fact = ModeSplit((("truck", 70.1), ("vessel", 20.0), ("air", 9.4), ("rail", 0.4), ("mail", 0.1)))
    assert words.modes(fact, "fr", "summary", to="vers la Géorgie") == (
        f"Modes de transport des exportations du Québec vers la Géorgie{NBSP}: camion 70,1{NBSP}%, "
        f"navire 20,0{NBSP}%, avion 9,4{NBSP}%, rail 0,4{NBSP}%."
    )
    assert words.modes(ModeSplit((("truck", 99.5), ("air", 0.5))), "en", "briefing") == (
        "Exports by mode of transport: truck 99.5%, rail 0.0%."
    )
    assert words.modes(None, "en", "briefing") is None


def test_a_standing_among_the_principal_partners_both_ways():
    exports, imports = Standing(2, 27, 4.46, "principal"), Standing(5, 27, 3.0, "principal")
    assert words.both_ways(exports, imports, "fr", partners.resolve("FRA")) == (
        "Parmi les 27 principaux partenaires commerciaux du Canada que distingue Statistique Canada, la France se "
        f"classe au 2e rang des destinations des exportations du Québec (4,5{NBSP}% de ses exportations vers "
        f"l'ensemble des pays) et au 5e rang de ses fournisseurs (3,0{NBSP}% de ses importations de l'ensemble des "
        "pays)."
    )
    assert words.both_ways(Standing(None, 27, None, "principal"), imports, "en", USA) is None
