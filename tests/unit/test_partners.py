"""Partners resolve from codes and names in either language; an unknown one gets close matches."""

import pytest

from quebec_intl import partners
from quebec_intl.errors import UnknownPartnerError


@pytest.mark.parametrize("text", ["USA", "us", "United States", "États-Unis", "etats-unis", "United States of America"])
def test_the_united_states_by_any_name(text):
    assert partners.resolve(text).code == "USA"


def test_french_and_english_names():
    germany = partners.resolve("Allemagne")
    assert (germany.code, germany.name_en, germany.name_fr) == ("DEU", "Germany", "Allemagne")
    assert partners.resolve("KOR").name_fr == "Corée du Sud"


def test_unknown_partner_names_the_parameter_and_suggests_close_matches():
    with pytest.raises(UnknownPartnerError) as error:
        partners.resolve("Frnace", "--partner")
    message = str(error.value)
    assert "--partner" in message and "'Frnace'" in message
    assert "France / France (FRA)" in message


def test_nothing_close_still_says_what_to_give():
    with pytest.raises(UnknownPartnerError, match="ISO country code"):
        partners.resolve("zzzzzzzzqqq")
