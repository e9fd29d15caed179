"""A page links its other language only where that page is: on the site, or rendered by the same run
(`render … --lang fr` alone once linked an English page that did not exist)."""

from quebec_intl.publish.requests import ReportRequest
from quebec_intl.publish.site_links import links

FRENCH = ReportRequest("relations", {"partner": None, "lang": "fr"}, "fr", "quebec")
ENGLISH = "en/relations/quebec.html"


def _other_language(reports, batch=frozenset()) -> list[str]:
    return [link.href for link in links(FRENCH, reports, batch) if link.lang == "en"]


def test_the_other_language_is_linked_only_where_its_page_is(tmp_path):
    assert _other_language(tmp_path) == []  # asked for alone, on a site without the English page
    assert _other_language(tmp_path, frozenset({FRENCH.page, ENGLISH})) == ["../../en/relations/quebec.html"]
    (tmp_path / ENGLISH).parent.mkdir(parents=True)
    (tmp_path / ENGLISH).write_text("<html></html>", encoding="utf-8")
    assert _other_language(tmp_path) == ["../../en/relations/quebec.html"]  # made by an earlier run


def test_a_page_made_alone_is_not_kept_once_its_other_language_is_made(tmp_path):
    """`render … --lang fr`, then `render --all`: the French page, unchanged otherwise, is made again with its link."""
    from quebec_intl.publish.site_links import lacks_a_language_link

    page = FRENCH.output_path(tmp_path)
    page.parent.mkdir(parents=True)
    page.write_text('<html><nav><a href="../../index.html">…</a></nav></html>', encoding="utf-8")
    assert not lacks_a_language_link(FRENCH, tmp_path, frozenset({FRENCH.page}))
    assert lacks_a_language_link(FRENCH, tmp_path, frozenset({FRENCH.page, ENGLISH}))
    page.write_text('<html><a href="../../en/relations/quebec.html" lang="en">English</a></html>', encoding="utf-8")
    assert not lacks_a_language_link(FRENCH, tmp_path, frozenset({FRENCH.page, ENGLISH}))
    # Only the site's links count (the page's first <nav>, read alone): the same address further down is no link.
    body = '<p><a href="../../en/relations/quebec.html">English</a></p>' + "x" * 40_000
    page.write_text(f'<html><nav><a href="../../index.html">…</a></nav>{body}</html>', encoding="utf-8")
    assert lacks_a_language_link(FRENCH, tmp_path, frozenset({FRENCH.page, ENGLISH}))
