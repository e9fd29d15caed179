"""A page cites a Statistics Canada table as the agency does, in the page's language, and links the agency's page of
the table in that language; which download the project read (French or English) is never the reader's concern."""

import pytest

from quebec_intl.data import sources

STATCAN = {  # table: its page id, as statcan.gc.ca addresses it
    "12-10-0175-01": "1210017501",
    "12-10-0173-01": "1210017301",
}


@pytest.mark.parametrize("source", [s for s in sources.registry().values() if s.publisher == "Statistics Canada"])
def test_a_statcan_source_cites_and_links_its_table_in_each_language(source):
    table = next(table for table in STATCAN if table in source.citation)
    assert source.citation.startswith(f"Statistics Canada, Table {table}")
    assert source.citation_fr.startswith(f"Statistique Canada, tableau {table}")
    for lang in ("en", "fr"):
        assert source.link(lang) == f"https://www150.statcan.gc.ca/t1/tbl1/{lang}/tv.action?pid={STATCAN[table]}"
        for field in ("citation", "title", "coverage"):
            assert "version" not in source.text(field, lang).lower(), (field, lang)


def test_bts_links_its_transborder_page_and_a_compiler_is_never_linked():
    assert sources.get("bts_transborder_dot2").link("fr") == "https://www.bts.gov/transborder"
    for source in sources.registry().values():
        assert "github.com" not in (source.link("en") or "") + (source.link("fr") or ""), source.id
