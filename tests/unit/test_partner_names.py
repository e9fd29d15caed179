"""A country is named on a page as a sentence names it, never as an alphabetical list inverts it (ISO 3166's
« Iran, République islamique d' », "Virgin Islands, British")."""

import re

import pytest

from quebec_intl.data import partners

# The words that follow the comma of an inverted entry in ISO 3166's English and French lists.
INVERTED = re.compile(
    r", (?:Îles?|Île de la|République|[Éé]tat|États|The|British|U\.S\.|Federated|State|Islamic|[Rr]ép)"
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_country_is_named_as_a_list_entry(lang):
    inverted = [p.name(lang) for p in partners.all_partners().values() if INVERTED.search(p.name(lang))]
    assert not inverted, inverted


@pytest.mark.parametrize(
    "label, fr, en",
    [
        ("IRN", "Iran", "Iran"),
        ("VGB", "Îles Vierges britanniques", "British Virgin Islands"),
        ("VIR", "Îles Vierges des États-Unis", "U.S. Virgin Islands"),
        ("Iran, République islamique d'", "Iran", "Iran"),  # ISO's own names still find the country
        (
            "Congo, The Democratic Republic of the",
            "République démocratique du Congo",
            "Democratic Republic of the Congo",
        ),
    ],
)
def test_display_names_and_iso_names_resolve_alike(label, fr, en):
    partner = partners.resolve(label)
    assert (partner.name_fr, partner.name_en) == (fr, en)
