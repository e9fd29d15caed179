"""Jargon spelled out once a page: the first mention of a classification, wherever the page's sections put it, gives
its full name and acronym; script elements (the charts' specs) and attributes are left as they are."""

from quebec_intl.publish import terms


def test_the_first_mention_is_spelled_out_and_the_others_keep_the_acronym():
    html = (
        '<h2 id="chapitre-du-SH">Exportations par chapitre du Système harmonisé</h2>'
        '<script type="application/json">{"title": "Chapitre du SH"}</script>'
        "<p>Chapitre 84 du SH</p><p>Principales sections du SCPAN exportées</p><p>du SCPAN</p>"
    )
    assert terms.spelled_out(html, "fr") == (
        '<h2 id="chapitre-du-SH">Exportations par chapitre du Système harmonisé (SH)</h2>'
        '<script type="application/json">{"title": "Chapitre du SH"}</script>'
        "<p>Chapitre 84 du SH</p><p>Principales sections du Système de classification des produits de "
        "l&#39;Amérique du Nord (SCPAN) exportées</p><p>du SCPAN</p>"
    )


def test_an_acronym_already_in_brackets_is_not_bracketed_twice():
    assert terms.spelled_out("<th>Product section (NAPCS)</th><td>HS chapter 84</td>", "en") == (
        "<th>Product section (North American Product Classification System, NAPCS)</th>"
        "<td>Harmonized System (HS) chapter 84</td>"
    )


def test_a_page_without_the_terms_and_one_already_spelled_out_are_unchanged():
    for html in ("<p>Exports to Japan</p>", "<p>Harmonized System (HS) chapter 84; HS chapter 85</p>"):
        assert terms.spelled_out(html, "en") == html
