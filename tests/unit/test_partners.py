"""Partners resolve from codes and names in either language; an unknown one gets close matches."""

import pytest

from quebec_intl.data import partners
from quebec_intl.errors import UnknownNameError


@pytest.mark.parametrize("text", ["USA", "us", "United States", "États-Unis", "etats-unis", "United States of America"])
def test_the_united_states_by_any_name(text):
    assert partners.resolve(text).code == "USA"


def test_french_and_english_names():
    germany = partners.resolve("Allemagne")
    assert (germany.code, germany.name_en, germany.name_fr) == ("DEU", "Germany", "Allemagne")
    assert partners.resolve("KOR").name_fr == "Corée du Sud"


def test_unknown_partner_names_the_parameter_and_suggests_close_matches():
    with pytest.raises(UnknownNameError) as error:
        partners.resolve("Frnace", "--partner")
    message = str(error.value)
    assert "--partner" in message and "'Frnace'" in message
    assert "France / France (FRA, country)" in message


def test_us_states_by_iso_code_or_name_in_either_language():
    assert partners.resolve("US-GA").name_fr == "Géorgie"
    assert partners.resolve("Floride").code == "US-FL"
    assert partners.resolve("west virginia").name_fr == "Virginie-Occidentale"
    assert partners.resolve("GA").code == "GAB"  # a two-letter code is ISO 3166: Gabon, not Georgia


def test_a_name_shared_by_a_country_and_a_state_is_refused_with_both_codes():
    for name in ("Georgia", "Géorgie"):
        with pytest.raises(UnknownNameError) as error:
            partners.resolve(name)
        message = str(error.value)
        assert "names 2 partners" in message and "(GEO, country)" in message and "(US-GA, US state)" in message


def test_source_labels_resolve_among_countries_only():
    import pandas as pd

    codes = partners.resolve_labels(pd.Series(["Georgia", "United States", "All countries"]), "f.csv")
    assert codes.tolist() == ["GEO", "USA", "WLD"]


def test_provinces_are_region_members_not_report_subjects():
    assert partners.all_partners()["CA-QC"].kind == "province"
    with pytest.raises(UnknownNameError):
        partners.resolve("CA-QC")


def test_nothing_close_still_says_what_to_give():
    with pytest.raises(UnknownNameError, match="ISO country code"):
        partners.resolve("zzzzzzzzqqq")


@pytest.mark.parametrize(
    ("text", "code"),
    [("Wallonie", "BE-WAL"), ("Wallonia", "BE-WAL"), ("Wallonie-Bruxelles", "BE-FWB"), ("BE-FWB", "BE-FWB")],
)
def test_a_relations_partner_is_said_not_to_be_a_trade_partner(text, code):
    """The Wallonia-Brussels Federation is one of Québec's partners in the Francophonie, not a partner whose trade
    any source counts: the message says so and gives Belgium, not look-alike names (California)."""
    with pytest.raises(UnknownNameError) as error:
        partners.resolve(text, "--partner")
    message = str(error.value)
    assert "\n" not in message and f"'{text}'" in message
    assert code in message and "not of its trade" in message and "give BEL for Belgium" in message
    assert "California" not in message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wallonie-Bruxelles", "BE-FWB"),
        ("Wallonia-Brussels", "BE-FWB"),
        ("Fédération Wallonie-Bruxelles", "BE-FWB"),
        ("Flandre", "BE-VLG"),
        ("Flanders", "BE-VLG"),
        ("Bavière", "DE-BY"),
        ("Bavaria", "DE-BY"),
        ("Kyoto", "JP-26"),
        ("Shandong", "CN-SD"),
        ("Shanghai", "CN-SH"),
        ("Jalisco", "MX-JAL"),
        ("Vermont", "US-VT"),
    ],
)
def test_a_federated_partner_resolves_by_name_in_either_language_for_the_relations_report(text, code):
    assert partners.resolve(text, "--partner", kinds=partners.RELATIONS_KINDS).code == code


def test_a_part_of_a_name_suggests_the_names_holding_it_first():
    with pytest.raises(UnknownNameError) as error:
        partners.resolve("Corée", "--partner")
    suggested = str(error.value).split("Closest matches: ")[1].split("; ")
    assert {s.split("(")[-1].split(",")[0] for s in suggested[:2]} == {"KOR", "PRK"}


@pytest.mark.parametrize(
    ("text", "code"), [("Wallonia-Brussels", "BE-FWB"), ("Flandre", "BE-VLG"), ("Bavière", "DE-BY")]
)
def test_the_relations_command_takes_a_federated_partner(text, code):
    """`relations --partner Flandre` resolves through the relations report's own parameter, not the trade pages'."""
    from quebec_intl.reports import registry

    assert registry.PARAMETER_TYPES["optional_partner"].resolve(text).code == code
    with pytest.raises(UnknownNameError):
        registry.PARAMETER_TYPES["partner"].resolve(text)
