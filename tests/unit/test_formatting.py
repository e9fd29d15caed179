"""Numbers as a French or English reader expects them (the issue's own examples)."""

import math

import pytest

from quebec_intl.analysis import formatting as fmt

NBSP = "\u00a0"


MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "lang", "currency", "expected"),
    [
        # One style per language, the one the tables' headers use (G$, M$ US / $ billions, US$ millions).
        (1.1e9, "fr", "CAD", f"1,1{NBSP}G$"),
        (87.2e9, "fr", "CAD", f"87,2{NBSP}G$"),
        (412.3e6, "fr", "CAD", f"412,3{NBSP}M$"),
        (314.6e6, "fr", "USD", f"314,6{NBSP}M$ US".replace(" ", NBSP)),
        (-5.2e9, "fr", "CAD", f"{MINUS}5,2{NBSP}G$"),
        (1.1e9, "en", "CAD", "$1.1 billion"),
        (412.3e6, "en", "USD", "US$412.3 million"),
        (-5.2e9, "en", "CAD", f"{MINUS}$5.2 billion"),
        # Below a million, the amount in full: never "18,6 mille $".
        (18_600, "fr", "USD", f"18{NBSP}600{NBSP}${NBSP}US"),
        (451, "en", "USD", "US$451"),
    ],
)
def test_money(value, lang, currency, expected):
    assert fmt.money(value, lang, currency=currency) == expected


def test_thousands_separators_are_spaces_in_french_and_commas_in_english():
    assert fmt.number(1234567, "fr") == f"1{NBSP}234{NBSP}567"
    assert fmt.number(1234567, "en") == "1,234,567"


def test_percent_and_points():
    assert fmt.percent(4.345, "fr") == f"4,3{NBSP}%"
    assert fmt.percent(4.345, "en") == "4.3%"
    assert fmt.percent(-12, "en", signed=True) == f"{MINUS}12.0%"
    assert fmt.percent(2.5, "fr", signed=True) == f"+2,5{NBSP}%"
    assert fmt.points(-0.54, "fr") == f"{MINUS}0,5{NBSP}pt"
    assert fmt.percent(-0.7, "fr") == f"{MINUS}0,7{NBSP}%"
    assert fmt.percent(-0.04, "fr") == f"0,0{NBSP}%"  # no sign on a value that rounds to zero


def test_compact_money_keeps_its_decimal_beside_its_neighbours():
    # The cases: a round amount in a column of amounts with one decimal.
    assert [fmt.money(v, "fr") for v in (2.0e9, 1.6e9)] == [f"2,0{NBSP}G$", f"1,6{NBSP}G$"]
    assert [fmt.money(v, "en", "USD") for v in (1.0e9, 137.5e6)] == ["US$1.0 billion", "US$137.5 million"]
    assert fmt.money(17.0e6, "fr", "USD") == f"17,0{NBSP}M${NBSP}US"
    assert fmt.spoken_money(3.0e9, "fr") == "3,0 milliards de dollars"
    assert fmt.money(2.0e9, "fr", digits=0) == f"2{NBSP}G$"  # no decimal asked, none added


def test_english_takes_a_true_minus_as_french_does():
    assert fmt.percent(-0.7, "en") == f"{MINUS}0.7%"
    assert fmt.number(-1234.5, "en", 1) == f"{MINUS}1,234.5"
    assert fmt.points(-0.54, "en") == f"{MINUS}0.5{NBSP}pts"


def test_a_change_from_zero_is_new_never_infinite():
    assert fmt.percent(math.inf, "fr", signed=True) == "nouveau"
    assert fmt.percent(math.inf, "en", signed=True) == "new"
    assert fmt.percent(-math.inf, "en", signed=True) == fmt.MISSING
    assert "∞" not in fmt.percent(float("inf"), "fr")


def test_ordinals():
    assert [fmt.ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert [fmt.ordinal(n, "fr") for n in (1, 2, 3, 10)] == ["1er", "2e", "3e", "10e"]


def test_missing_values_print_a_dash_not_nan():
    assert fmt.money(math.nan, "fr") == fmt.MISSING
    assert fmt.percent(math.nan, "en") == fmt.MISSING


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr, en"):
        fmt.money(1.0, "de")


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (1.95e9, "en", "$2.0 billion"),
        (999.96e6, "en", "$1.0 billion"),
        (1.04e9, "en", "$1.0 billion"),
        (1.5e9, "en", "$1.5 billion"),
        (2.25e9, "en", "$2.2 billion"),
        (999.96e6, "fr", f"1,0{NBSP}G$"),
    ],
)
def test_the_word_agrees_with_the_digits_shown(value, lang, expected):
    assert fmt.money(value, lang) == expected


def test_numpy_values_are_formatted_like_floats():
    import numpy as np

    assert fmt.money(np.float64(1.95e9), "en") == fmt.money(1.95e9, "en") == "$2.0 billion"


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("2007-11-15", "fr", "15 novembre 2007"),
        ("2007-11-01", "fr", "1er novembre 2007"),
        ("2019-06", "fr", "juin 2019"),
        ("2009", "fr", "2009"),
        ("2007-11-15", "en", "November 15, 2007"),
    ],
)
def test_dates_are_written_out_as_precise_as_their_source(text, lang, expected):
    assert fmt.date(text, lang) == expected


def test_canadian_spelling_leaves_a_french_proper_name_as_it_is():
    from quebec_intl.analysis.typography import english

    assert english("an organisation of the Quebec network") == "an organization of the Québec network"
    assert english("the Organisation internationale de la Francophonie (OIF)") == (
        "the Organisation internationale de la Francophonie (OIF)"
    )
