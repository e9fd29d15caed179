"""Which pages leave the site after a batch: those whose trade figures came from other sources, and those of an
earlier whole suite the current data no longer makes; never a page rendered on request from the same data."""

from quebec_intl.publish.batch import _stale
from quebec_intl.publish.manifest import PageRecord

OFFICIAL = ["bts_transborder_dot2", "statcan_12100173_us_extract"]
EMBEDDED = ["curated_trade_figures"]


def page(name: str, read: list[str], basis: list[str] | None, in_suite: bool = False) -> PageRecord:
    return PageRecord(
        name, "partner", {"year": None}, "fr", name, name, [{"id": s} for s in read], "d", "c", basis, in_suite
    )


def test_only_pages_made_from_other_trade_sources_or_dropped_from_the_suite_are_stale():
    records = {
        "fr/partner/fra.html": page("fr/partner/fra.html", EMBEDDED + ["curated_offices"], EMBEDDED, in_suite=True),
        "fr/relations/quebec.html": page("fr/relations/quebec.html", ["curated_offices"], EMBEDDED, in_suite=True),
        "fr/partner/usa.html": page("fr/partner/usa.html", OFFICIAL, OFFICIAL, in_suite=True),
        "fr/partner/us-xx.html": page("fr/partner/us-xx.html", OFFICIAL, OFFICIAL, in_suite=True),
        "fr/partner/de-by.html": page("fr/partner/de-by.html", OFFICIAL, OFFICIAL),
        "fr/partner/old.html": page("fr/partner/old.html", EMBEDDED, None),
    }
    # a single page rendered from the official sources: only the page made from the embedded figures leaves
    assert _stale(records, OFFICIAL, None) == ["fr/partner/fra.html"]
    # the whole suite, which no longer has US-XX; the relations page and the page asked for on its own stay
    suite = {"fr/partner/usa.html", "fr/relations/quebec.html"}
    assert _stale(records, OFFICIAL, suite) == ["fr/partner/fra.html", "fr/partner/us-xx.html"]
