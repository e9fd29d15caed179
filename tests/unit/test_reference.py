"""Source labels resolve to exactly one code; an unknown label is an error that names it."""

import pandas as pd
import pytest

from quebec_intl import reference
from quebec_intl.errors import SourceFileError


def test_quebec_with_and_without_accent():
    labels = pd.Series(["Québec", "Quebec", "QUEBEC ", "Ontario"])
    codes = reference.resolve_labels(labels, reference.province_lookup(), "province", "f.csv")
    assert codes.tolist() == ["QC", "QC", "QC", "ON"]


def test_unknown_label_is_named():
    with pytest.raises(SourceFileError, match=r"f\.csv: unknown province label\(s\): 'Atlantis'"):
        reference.resolve_labels(pd.Series(["Québec", "Atlantis"]), reference.province_lookup(), "province", "f.csv")


def test_every_statcan_section_label_resolves():
    labels = pd.Series(["Energy products", "Special transactions trade", "Consumer goods"])
    codes = reference.resolve_labels(labels, reference.product_section_lookup(), "product section", "f.csv")
    assert codes.tolist() == ["energy", "special_transactions", "consumer_goods"]
