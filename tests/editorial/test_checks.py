"""The editorial checks themselves: each catches what it is for and passes a page set as it should be."""

import editorial_checks as checks
import pytest

NBSP, NARROW = "\u00a0", "\u202f"


def page(body: str) -> checks.Page:
    return checks.Page(f"<html><body>{body}<script>var a = 'Quebec : x';</script></body></html>")


@pytest.mark.parametrize("text", ["Données : x", "Données: x", "Pourquoi ?", "« guillemets »", "baisse de -0,7"])
def test_french_typography_catches_ordinary_spacing(text):
    assert checks.french_typography(page(f"<p>{text}</p>"))


def test_french_typography_passes_a_page_set_as_it_should_be():
    good = f"<p>Données{NBSP}: x{NARROW}; « » https://a.b/c «{NBSP}titre{NBSP}» −0,7 2007-11-15 2014-2023</p>"
    assert not checks.french_typography(page(good.replace("« »", "")))


def test_words_are_whole_and_scripts_are_not_read():
    assert checks.unaccented_quebec(page("<p>Quebec Government Office</p>"))
    assert not checks.unaccented_quebec(page('<p>Québec <a href="https://quebec.ca/Quebec">page</a></p>'))
    assert checks.english_words(page("<p>Délégation à London</p>")) and not checks.english_words(page("<p>Londres</p>"))


def test_links_outside_http_are_named():
    assert checks.link_schemes(page('<a href="javascript:alert(1)">x</a>'))
    assert not checks.link_schemes(
        page(
            '<a href="https://a.b">x</a><a href="../../index.html">i</a><a href="data:text/csv;charset=utf-8,a">csv</a>'
        )
    )


def test_internal_wording_and_empty_sections_are_named():
    assert checks.internal_wording(page("<p>Paramètres : année 2024</p>"))
    assert checks.empty_shells(page("<p>Les sources actuelles ne permettent pas cette section (x).</p>"))


def test_a_hyphen_for_a_minus_is_caught_on_english_pages_not_in_a_range():
    assert checks.true_minus(page("<p>down -0.7% from 2023</p>"))
    assert not checks.true_minus(page("<p>down \u22120.7% from 2023, over 2014-2023, COVID-19</p>"))
