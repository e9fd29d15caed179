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


def test_a_table_is_cited_not_its_download():
    assert checks.version_labels(page("<p>Statistique Canada, tableau 12-10-0175-01 (version française)</p>"))
    assert not checks.version_labels(page("<p>Statistique Canada, tableau 12-10-0175-01</p>"))


@pytest.mark.parametrize(
    "text",
    [
        "vers les 3 membres de les Amériques",
        "de l'Afrique et le Moyen-Orient",
        "Le Québec est membre de le G7",
        "les 9 membres du territoire",
        "the 9 member states of the territory of the Québec Government Office in Atlanta",
        "Le Québec et l'Afrique et le Moyen-Orient : commerce",
    ],
)
def test_region_slips_are_caught(text):
    assert checks.region_slips(page(f"<p>{text}</p>"))


def test_region_names_set_as_they_should_be_pass():
    good = (
        "vers les 3 pays des Amériques ; de l'Afrique et du Moyen-Orient ; membre du G7 ; à l'Amérique latine et aux "
        "Caraïbes ; Le Québec, l'Afrique et le Moyen-Orient ; the 9 US states in the Atlanta territory"
    )
    assert not checks.region_slips(page(f"<p>{good}</p>"))


def test_a_long_name_is_said_once_besides_the_title():
    name = "Southeastern United States-Canadian Provinces Alliance"
    title = f"<h1>Québec and the {name} (SEUS-CP)</h1>"
    twice = f"<p>Exports to the 6 US states of the {name}.</p><p>Imports from the {name}.</p>"
    assert checks.long_names_repeated(page(title + twice))
    once = f"<p>Exports to the 6 US states in SEUS-CP.</p><table><tr><td>Conference of the {name}</td></tr></table>"
    assert not checks.long_names_repeated(page(title + once + f"<p>Composition: {name}.</p>"))


def test_jargon_is_spelled_out_at_its_first_mention():
    html = '<html lang="fr"><head><title>t</title></head><body>{}</body></html>'
    assert checks.terms_unexplained(checks.Page(html.format("<p>chapitre 84 du SH</p>")))
    assert checks.terms_unexplained(
        checks.Page(
            html.format("<p>du SCPAN</p><p>Système de classification des produits de l'Amérique du Nord (SCPAN)</p>")
        )
    )
    good = (
        "<p>chapitre 84 du Système harmonisé (SH)</p><p>du SH</p>"
        "<th>(Système de classification des produits de l'Amérique du Nord, SCPAN)</th>"
    )
    assert not checks.terms_unexplained(checks.Page(html.format(good)))


def test_statcan_tables_are_linked_in_the_page_language():
    en, fr = '<html lang="en"><body>{}</body></html>', '<html lang="fr"><body>{}</body></html>'
    en_page = "https://www150.statcan.gc.ca/t1/tbl1/en/tv.action?pid=1210017501"
    fr_page = "https://www150.statcan.gc.ca/t1/tbl1/fr/tv.action?pid=1210017501"
    cited = "<p>Statistics Canada, Table 12-10-0175-01 <a href='{}'>x</a></p>"
    assert not checks.source_links(checks.Page(en.format(cited.format(en_page))))
    assert checks.source_links(checks.Page(en.format(cited.format(fr_page))))
    assert checks.source_links(checks.Page(fr.format("<p>Statistique Canada, tableau 12-10-0173-01</p>")))
    assert checks.source_links(checks.Page(en.format("<p>U.S. Bureau of Transportation Statistics, TransBorder</p>")))


def test_a_not_covered_note_says_for_whom():
    assert checks.absolute_not_covered(
        page("<p>Non couvert : Place (les sources ne donnent pas le commerce des autres provinces).</p>")
    )
    assert not checks.absolute_not_covered(page("<p>Non couvert : Place (pour la France, il faudrait le tableau).</p>"))


def test_the_customs_basis_is_explained_where_it_is_named():
    fr = '<html lang="fr"><body>{}</body></html>'
    assert checks.customs_basis_unexplained(checks.Page(fr.format("<p>Base douanière : Statistique Canada</p>")))
    explained = "<p>Base : douanière.</p><p>Les marchandises sont comptées quand elles franchissent la frontière.</p>"
    assert not checks.customs_basis_unexplained(checks.Page(fr.format(explained)))
