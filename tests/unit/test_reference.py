"""Names resolve to exactly one code through one index shape: source labels, partners, regions; an unknown or
ambiguous label is an error that names it, with what to do."""

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.data import reference
from quebec_intl.data.lookup import NameIndex, normalize
from quebec_intl.errors import SourceFileError


def test_case_spacing_and_accents_do_not_distinguish_names():
    assert normalize("  Québec ") == normalize("QUEBEC") == "quebec"
    assert normalize("Côte d’Ivoire") == "cote d'ivoire"


def test_quebec_with_and_without_accent():
    labels = pd.Series(["Québec", "Quebec", "QUEBEC ", "Ontario"])
    codes = reference.province_index().map_labels(labels, "f.csv", reference.LABELS_FIX)
    assert codes.tolist() == ["QC", "QC", "QC", "ON"]


def test_unknown_and_ambiguous_labels_are_named_together():
    index = NameIndex.build("partner", [("Georgia", "GEO"), ("Georgia", "US-GA"), ("France", "FRA")])
    with pytest.raises(
        SourceFileError,
        match=r"f\.csv: partner label\(s\) that do not name exactly one partner: "
        r"'Atlantis' \(unknown\), 'Georgia' \(ambiguous: GEO, US-GA\)\. Fix it",
    ):
        index.map_labels(pd.Series(["France", "Georgia", "Atlantis"]), "f.csv", "Fix it.")


def test_a_reference_table_label_may_not_name_two_codes():
    with pytest.raises(ValueError, match="province label 'Quebec' names two codes: QC and ON"):
        NameIndex.build("province", [("Québec", "QC"), ("Quebec", "ON")], unique=True)


def test_closest_names_are_suggested_best_first():
    index = NameIndex.build("region", [("SEUS-CP", "seus_cp"), ("NEG-ECP", "neg_ecp"), ("G7", "g7")])
    assert index.closest("SEUS CP")[0] == "seus_cp"
    assert index.closest("zzzz") == []


def test_every_statcan_section_label_resolves():
    labels = pd.Series(["Energy products", "Special transactions trade", "Consumer goods"])
    codes = reference.product_section_index().map_labels(labels, "f.csv", reference.LABELS_FIX)
    assert codes.tolist() == ["energy", "special_transactions", "consumer_goods"]


def test_no_region_nor_member_rests_on_a_blocked_host():
    """A region's definition and notes are printed on its page: no copy of Wikipedia (the G7's and the OIF's once
    were), no party or document-sharing site, by the same list the curated files' check reads."""
    from quebec_intl.data.blocked_hosts import hosts_in

    for name in ("regions.csv", "region_members.csv"):
        text = (settings.reference_dir() / name).read_text(encoding="utf-8")
        assert hosts_in(text) == [], name
    assert hosts_in("see http://fr.m.wiki.x.io/wiki/OIF and https://plq.org/fr/x") == ["plq.org", "wiki.x.io"]
