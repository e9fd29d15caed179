"""The US extract -> tidy monthly trade, on tiny files in the extract's exact layout."""

import pytest
from conftest import CELLS_A_MONTH, US_EXTRACT_HEADER, extract_row, write_us_extract

from quebec_intl.data import sources
from quebec_intl.data.extract import statcan_us_extract
from quebec_intl.data.transform import trade_monthly
from quebec_intl.errors import SourceFileError, ValidationError

SOURCE = "statcan_12100175_us_extract"


def tidy_from(file):
    return trade_monthly.from_us_extract(statcan_us_extract.extract(file), SOURCE, str(file))


def test_rows_become_one_row_per_flow_with_codes(tmp_path):
    file = write_us_extract(
        tmp_path,
        [
            extract_row("Québec", "2023-01", 100.0, 40.0, "Energy products"),
            extract_row("Quebec", "2023-02", 5.0, 0.0, "Energy products"),
            extract_row("Ontario", "2023-01", 7.0, 3.0),
        ],
    )
    tidy = tidy_from(file)
    assert len(tidy) == 2 * 2 * CELLS_A_MONTH  # two months, two flows
    quebec = tidy[tidy["reporter_code"].eq("QC")]
    assert quebec.groupby("flow")["value_cad"].sum().to_dict() == {"export": 105.0, "import": 40.0}
    assert set(tidy["partner_code"]) == {"USA"}
    assert set(tidy.loc[tidy["value_cad"].gt(0), "product_section_code"]) == {"energy", "consumer_goods"}
    assert tidy[["ref_year", "ref_month"]].drop_duplicates().values.tolist() == [[2023, 1], [2023, 2]]


def test_missing_column_names_the_file_and_the_column(tmp_path):
    header = [c for c in US_EXTRACT_HEADER if c != "IMPORT"]
    file = write_us_extract(tmp_path, [extract_row("Québec", "2023-01", 1.0, 1.0)], header)
    with pytest.raises(SourceFileError) as error:
        tidy_from(file)
    assert str(file) in str(error.value) and "missing column(s) IMPORT" in str(error.value)


def test_text_in_a_number_column_names_the_row(tmp_path):
    rows = [extract_row("Québec", "2023-01", 1.0, 1.0), {**extract_row("Québec", "2023-02", 1.0, 1.0), "EXPORT": "n/a"}]
    with pytest.raises(SourceFileError, match=r"column EXPORT, row 3: 'n/a' is not a number"):
        tidy_from(write_us_extract(tmp_path, rows))


def test_empty_file_and_header_only(tmp_path):
    file = tmp_path / "empty.csv"
    file.write_text("")
    with pytest.raises(SourceFileError, match="empty"):
        statcan_us_extract.extract(file)
    with pytest.raises(SourceFileError, match="no rows"):
        statcan_us_extract.extract(write_us_extract(tmp_path, []))


def test_wrong_encoding(tmp_path):
    file = write_us_extract(tmp_path, [extract_row("Québec", "2023-01", 1.0, 1.0)])
    file.write_bytes(file.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(SourceFileError, match="not utf-8"):
        statcan_us_extract.extract(file)


def test_unknown_province_label_is_named(tmp_path):
    file = write_us_extract(tmp_path, [extract_row("Atlantis", "2023-01", 1.0, 1.0)])
    with pytest.raises(
        SourceFileError, match=r"province label\(s\) that do not name exactly one province: 'Atlantis' \(unknown\)"
    ):
        tidy_from(file)


def test_duplicate_keys_are_named_by_row_and_negative_values_break_the_schema(tmp_path):
    row = extract_row("Québec", "2023-01", 1.0, 1.0)
    with pytest.raises(SourceFileError, match=r"given 2 times, in row 2 and row 3.*nothing is counted twice"):
        tidy_from(write_us_extract(tmp_path, [row, row]))
    with pytest.raises(ValidationError, match="column value_cad"):
        tidy_from(write_us_extract(tmp_path, [extract_row("Québec", "2023-01", -5.0, 1.0)]))


def test_registry_names_the_mirror_layout():
    source = sources.get(SOURCE)
    assert source.mirror_path == "statcan-12100175-us-extract/province_sector_us_monthly.csv"
    assert source.basis == "customs" and source.vintage
