"""Which pages the sources at hand no longer make: a page that read a source no longer at hand, a page of trade
figures made before a trade source now at hand was, and a page of an earlier whole suite outside the current one;
never a page whose own sources are all still at hand, whatever else the mirror lacks. Only `--prune` removes them."""

from dataclasses import replace

import pytest

from quebec_intl.errors import QuebecIntlError
from quebec_intl.publish.batch import _stale, render_batch
from quebec_intl.publish.manifest import PageRecord

MIRROR = ["boc_legacy_noon", "bts_transborder_dot2", "statcan_12100175_quebec"]
EMBEDDED = ["curated_trade_figures"]
BOTH = MIRROR + EMBEDDED  # with the mirror, published figures still fill the years before the official tables


def page(name: str, read: list[str], basis: list[str] | None, in_suite: bool = False) -> PageRecord:
    return PageRecord(
        page=name,
        kind="partner",
        parameters={"year": None},
        lang="fr",
        title=name,
        subject=name,
        sources=[{"id": s} for s in read],
        data_fingerprint="d",
        code_fingerprint="c",
        data_basis=basis,
        in_suite=in_suite,
    )


def at_hand(*ids: str):
    return lambda source_id: source_id in ids


RECORDS = {
    "fr/partner/fra.html": page("fr/partner/fra.html", EMBEDDED + ["curated_offices"], EMBEDDED, in_suite=True),
    "fr/relations/quebec.html": page("fr/relations/quebec.html", ["curated_offices"], EMBEDDED, in_suite=True),
    "fr/partner/jpn.html": page("fr/partner/jpn.html", ["statcan_12100175_quebec"], BOTH, in_suite=True),
    "fr/partner/us-ga.html": page("fr/partner/us-ga.html", ["bts_transborder_dot2", "boc_legacy_noon"], BOTH),
    "fr/partner/old.html": page("fr/partner/old.html", EMBEDDED, None),
}
EVERYTHING = at_hand(*MIRROR, *EMBEDDED, "curated_offices")


def test_a_page_made_before_the_mirror_was_set_is_stale_once_it_is():
    assert _stale(RECORDS, BOTH, None, EVERYTHING) == ["fr/partner/fra.html"]


AFTER_UPDATE = ["boc_legacy_noon", "bts_transborder_dot2", "statcan_12100175_fr", *EMBEDDED]  # the table downloaded


def test_a_page_is_current_for_the_trade_sources_it_reads_not_for_the_sites_others():
    """After an update moves the monthly table from the mirror's copy to the download, a state's page (BTS and the
    Bank's rates) and the relations page are current; the page that read the mirror's table is not."""
    assert RECORDS["fr/partner/us-ga.html"].same_basis(AFTER_UPDATE)
    assert RECORDS["fr/relations/quebec.html"].same_basis(AFTER_UPDATE)
    assert not RECORDS["fr/partner/jpn.html"].same_basis(AFTER_UPDATE)
    assert not page("fr/partner/new.html", EMBEDDED, None).same_basis(EMBEDDED)  # no basis recorded: not known
    kept = {"fr/partner/us-ga.html": replace(RECORDS["fr/partner/us-ga.html"], data_basis=AFTER_UPDATE)}
    assert _stale(kept, AFTER_UPDATE, None, at_hand(*AFTER_UPDATE)) == []  # kept, as the batch records it


def test_a_forgotten_mirror_makes_every_page_of_the_mirror_stale_and_no_other():
    without_mirror = at_hand(*EMBEDDED, "curated_offices")
    assert _stale(RECORDS, EMBEDDED, None, without_mirror) == ["fr/partner/jpn.html", "fr/partner/us-ga.html"]


def test_a_missing_minor_file_makes_only_the_pages_that_read_it_stale():
    without_noon = at_hand("bts_transborder_dot2", "statcan_12100175_quebec", *EMBEDDED, "curated_offices")
    basis = ["bts_transborder_dot2", "curated_trade_figures", "statcan_12100175_quebec"]
    assert _stale(RECORDS, basis, None, without_noon) == ["fr/partner/fra.html", "fr/partner/us-ga.html"]


def test_the_whole_suite_makes_a_page_of_an_earlier_suite_outside_it_stale_and_never_one_of_its_own():
    suite = {"fr/partner/fra.html", "fr/relations/quebec.html"}
    assert _stale(RECORDS, BOTH, suite, EVERYTHING) == ["fr/partner/jpn.html"]


def test_the_whole_suite_keeps_the_bulletins_of_earlier_months():
    """`render --all` makes the latest month's bulletin; the earlier months' stay (the site holds the series) while
    their sources are at hand, and go like any page when they are not."""
    june = PageRecord(
        page="fr/bulletin/2026-06.html", kind="bulletin", parameters={"month": "2026-06"}, lang="fr", title="b",
        subject="b", sources=[{"id": "statcan_12100175_quebec"}], data_fingerprint="d", code_fingerprint="c",
        data_basis=BOTH, in_suite=True,
    )  # fmt: skip
    records = {**RECORDS, june.page: june}
    suite = {"fr/partner/fra.html", "fr/relations/quebec.html", "fr/bulletin/2026-07.html"}
    assert _stale(records, BOTH, suite, EVERYTHING) == ["fr/partner/jpn.html"]
    assert june.page in _stale(records, EMBEDDED, suite, at_hand(*EMBEDDED, "curated_offices"))


def test_prune_goes_with_the_whole_suite_only(tmp_path):
    with pytest.raises(QuebecIntlError, match="--prune goes with `render --all`"):
        render_batch([], reports_dir=tmp_path, prune=True)
