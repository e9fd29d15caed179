"""Numbers as a French or English reader expects them (the issue's own examples)."""

import math

import pytest

from quebec_intl.analysis import formatting as fmt

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "style", "expected"),
    [
        (1.1e9, "fr", "short", f"1,1{NBSP}G$"),
        (1.1e9, "en", "short", "$1.1B"),
        (1.1e9, "fr", "long", f"1,1 milliard{NBSP}$"),
        (87.2e9, "fr", "long", f"87,2 milliards{NBSP}$"),
        (1.1e9, "en", "long", "$1.1 billion"),
        (412.3e6, "fr", "short", f"412,3{NBSP}M$"),
        (-5.2e9, "en", "long", "-$5.2 billion"),
    ],
)
def test_money(value, lang, style, expected):
    assert fmt.money(value, lang, style=style) == expected


def test_thousands_separators_are_spaces_in_french_and_commas_in_english():
    assert fmt.number(1234567, "fr") == f"1{NBSP}234{NBSP}567"
    assert fmt.number(1234567, "en") == "1,234,567"


def test_percent_and_points():
    assert fmt.percent(4.345, "fr") == f"4,3{NBSP}%"
    assert fmt.percent(4.345, "en") == "4.3%"
    assert fmt.percent(-12, "en", signed=True) == "-12.0%"
    assert fmt.percent(2.5, "fr", signed=True) == f"+2,5{NBSP}%"
    assert fmt.points(-0.54, "fr") == f"-0,5{NBSP}pt"


def test_ordinals():
    assert [fmt.ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]
    assert [fmt.ordinal(n, "fr") for n in (1, 2, 3, 10)] == ["1er", "2e", "3e", "10e"]


def test_missing_values_print_a_dash_not_nan():
    assert fmt.money(math.nan, "fr") == fmt.MISSING
    assert fmt.percent(math.nan, "en") == fmt.MISSING


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr, en"):
        fmt.money(1.0, "de")


@pytest.mark.parametrize("value, lang, expected", [
    (1.95e9, "fr", "2 milliards\u00a0$"), (999.96e6, "fr", "1 milliard\u00a0$"), (1.04e9, "fr", "1 milliard\u00a0$"),
    (1.5e9, "fr", "1,5 milliard\u00a0$"), (2.25e9, "fr", "2,2 milliards\u00a0$"), (999.96e6, "en", "$1 billion"),
])
def test_the_word_agrees_with_the_digits_shown(value, lang, expected):
    assert fmt.money(value, lang) == expected


def test_numpy_values_are_formatted_like_floats():
    import numpy as np

    assert fmt.money(np.float64(1.95e9), "fr") == fmt.money(1.95e9, "fr") == "2 milliards\u00a0$"
