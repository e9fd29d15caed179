"""The summary in both languages: growth, decline, a first year with no prior year, missing values."""

import math

from quebec_intl.analysis import names, narrative
from quebec_intl.analysis.facts import Change, Standing
from quebec_intl.data import partners

NBSP = "\u00a0"
USA = partners.resolve("USA")


def test_growth_in_french():
    h = narrative.Highlights(
        partner=USA,
        year=2024,
        first_year=2014,
        exports=91.0e9,
        exports_change=Change((91.0 / 87.2 - 1) * 100, 2023),
        imports=34.2e9,
        imports_change=Change((34.2 / 34.3 - 1) * 100, 2023),
        balance=91.0e9 - 34.2e9,
        exports_record_high=True,
        provinces=Standing(3, None, 16.6, "provinces_and_territories"),
        top_section_code="energy",
        top_section_share_pct=20.0,
    )
    text = narrative.summary(h, "fr")
    assert text.startswith(
        f"En 2024, le Québec a exporté pour 91,0{NBSP}G$ de marchandises vers les États-Unis, "
        f"en hausse de 4,4{NBSP}% par rapport à 2023."
    )
    assert "C'est le plus haut niveau des années 2014 à 2024" in text
    assert f"Ses importations en provenance des États-Unis ont atteint 34,2{NBSP}G$, en baisse de 0,3{NBSP}%" in text
    assert f"est excédentaire de 56,8{NBSP}G$." in text
    assert f"16,6{NBSP}% des exportations canadiennes vers les États-Unis, au 3e rang" in text
    assert f"«{NBSP}Produits énergétiques{NBSP}» (20,0" in text


def test_decline_and_deficit_in_english():
    h = narrative.Highlights(
        partner=USA,
        year=2020,
        exports=60.0e9,
        exports_change=Change((60 / 65 - 1) * 100, 2019),
        imports=70.0e9,
        balance=-10e9,
    )
    text = narrative.summary(h, "en")
    assert text.startswith("In 2020, Québec exported $60.0 billion of goods to the United States, down 7.7% from 2019.")
    assert "Imports from the United States reached $70.0 billion." in text
    assert "shows a deficit of $10.0 billion." in text


def test_first_year_has_no_change_and_missing_values_are_left_out():
    h = narrative.Highlights(
        partner=partners.resolve("MEX"), year=2014, exports=1.5e9, exports_change=Change(math.nan, 2013)
    )
    assert (
        narrative.summary(h, "fr") == f"En 2014, le Québec a exporté pour 1,5{NBSP}G$ de marchandises vers le Mexique."
    )
    assert narrative.summary(h, "en") == "In 2014, Québec exported $1.5 billion of goods to Mexico."


def test_a_year_without_exports_says_so():
    h = narrative.Highlights(partner=USA, year=2018)
    assert (
        narrative.summary(h, "en")
        == "The current sources have no figure for 2018: Québec's trade with the United States."
    )


def test_french_contractions_and_the_articleless_fallback():
    assert names.partner_phrase(partners.resolve("DEU"), "fr", "from") == "en provenance de l'Allemagne"
    assert names.partner_phrase(partners.resolve("FRA"), "fr", "from") == "en provenance de la France"
    assert names.partner_phrase(partners.resolve("MEX"), "fr", "from") == "en provenance du Mexique"
    assert names.partner_phrase(partners.resolve("PER"), "fr", "to") == "vers le Pérou"
    assert names.partner_phrase(partners.resolve("CUB"), "fr", "from") == "en provenance de Cuba"
    assert names.partner_phrase(partners.resolve("BHS"), "fr", "to") == "vers les Bahamas"
    assert names.partner_phrase(partners.resolve("US-TN"), "fr", "at") == "au Tennessee"
    assert names.partner_phrase(partners.resolve("USA"), "fr", "at") == "aux États-Unis"
    assert names.partner_phrase(partners.resolve("US-GA"), "fr", "at") == "à la Géorgie"
    assert names.partner_phrase(partners.resolve("CUB"), "fr", "at") == "à Cuba"
