"""StatCan full tables -> tidy trade, on tiny zips in the real WDS layout."""

import math
import zipfile

import pandas as pd
import pytest
import statcan_fixture as fx

from quebec_intl.data.extract import statcan_table
from quebec_intl.data.transform import trade_statcan
from quebec_intl.errors import SourceFileError

TABLE = "trade_annual_all_partners"


def tidy(path, block_bytes=statcan_table.BLOCK_BYTES):
    raw = statcan_table.extract(path, fx.ANNUAL, block_bytes)
    return trade_statcan.tidy(raw, fx.ANNUAL, TABLE, "statcan_12100173", str(path))


def test_keeps_quebec_and_canada_whole_and_other_provinces_all_products_only(tmp_path):
    table = tidy(fx.small_annual(tmp_path / "t.zip"))
    assert table.groupby("reporter_code").size().to_dict() == {"CA": 24, "ON": 8, "QC": 24}
    assert set(table.loc[table["reporter_code"].eq("ON"), "product_section_code"]) == {"total"}


def test_values_are_dollars_with_codes_for_labels(tmp_path):
    table = tidy(fx.small_annual(tmp_path / "t.zip")).set_index(
        ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code"]
    )
    # Québec, United States, 2023: (10 x 2) for one section, plus 1 for the year, in thousands
    assert table.at[(2023, "QC", "USA", "export", "energy"), "value_cad"] == 21_000.0
    assert table.at[(2023, "QC", "USA", "import", "total"), "value_cad"] == (60 + 5 + 1) * 1000.0
    assert table.at[(2022, "ON", "FRA", "export", "total"), "value_cad"] == 150_000.0


def test_small_blocks_give_the_same_table(tmp_path):
    path = fx.small_annual(tmp_path / "t.zip")
    pd.testing.assert_frame_equal(tidy(path, block_bytes=512), tidy(path))


def test_suppressed_values_stay_missing_with_their_flag(tmp_path):
    def status(_period, _geo, _partner, section, _trade):
        return "x" if section.startswith("Energy") else ""

    records = fx.rows(
        fx.ANNUAL,
        ["2023"],
        ["Quebec"],
        ["France"],
        ["Energy products [C12]", "All sections"],
        ["Domestic export"],
        status=status,
    )
    table = tidy(fx.write_zip(tmp_path / "t.zip", fx.ANNUAL, records)).set_index("product_section_code")
    assert math.isnan(table.at["energy", "value_cad"]) and table.at["energy", "status_code"] == "x"
    assert table.at["total", "value_cad"] == 1000.0


def test_an_empty_value_without_a_flag_is_an_error(tmp_path):
    records = [
        dict(r, VALUE="") for r in fx.rows(fx.ANNUAL, ["2023"], ["Quebec"], ["France"], ["All sections"], ["Import"])
    ]
    with pytest.raises(SourceFileError, match="empty VALUE.*without a STATUS flag"):
        tidy(fx.write_zip(tmp_path / "t.zip", fx.ANNUAL, records))


def test_changed_header_says_expected_and_got(tmp_path):
    header = [c.replace("Trading partner", "Partner") for c in fx.ANNUAL.columns]
    records = [
        {("Partner" if k == "Trading partner" else k): v for k, v in r.items()}
        for r in fx.rows(fx.ANNUAL, ["2023"], ["Quebec"], ["France"], ["All sections"], ["Import"])
    ]
    with pytest.raises(
        SourceFileError, match=r"header changed: expected REF_DATE, GEO, DGUID, Trading partner.*got .*Partner"
    ):
        tidy(fx.write_zip(tmp_path / "t.zip", fx.ANNUAL, records, header))


def test_truncated_archive(tmp_path):
    path = fx.small_annual(tmp_path / "t.zip")
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(SourceFileError, match="corrupt or truncated zip"):
        tidy(path)


def test_archive_without_the_table(tmp_path):
    path = tmp_path / "t.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("other.csv", "x")
    with pytest.raises(SourceFileError, match="has no 12100173.csv"):
        tidy(path)


def test_unknown_partner_label_is_named(tmp_path):
    records = fx.rows(fx.ANNUAL, ["2023"], ["Quebec"], ["Atlantis"], ["All sections"], ["Import"])
    with pytest.raises(
        SourceFileError, match=r"do not name exactly one partner.*'Atlantis' \(unknown\).*partner_labels.csv"
    ):
        tidy(fx.write_zip(tmp_path / "t.zip", fx.ANNUAL, records))


def test_statcan_spellings_and_aggregates_resolve(tmp_path):
    records = fx.rows(
        fx.ANNUAL, ["2023"], ["Quebec"], ["Korea, South", "All countries", "Viet Nam"], ["All sections"], ["Re-export"]
    )
    table = tidy(fx.write_zip(tmp_path / "t.zip", fx.ANNUAL, records))
    assert sorted(table["partner_code"]) == ["KOR", "VNM", "WLD"] and set(table["flow"]) == {"re_export"}
