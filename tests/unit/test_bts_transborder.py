"""BTS TransBorder dot2 -> tidy province x US state trade, on tiny files in the real layout."""

import csv
import gzip
import hashlib
import io
import shutil

import pandas as pd
import pytest

from quebec_intl.data import currency
from quebec_intl.data.extract import bts_transborder
from quebec_intl.data.transform import trade_us_states
from quebec_intl.errors import SourceFileError


def dot2_row(trdtype, state, province, value, hs="84", country="1220", mode="5", month="01", year="2015"):  # noqa: PLR0913
    return {
        "TRDTYPE": trdtype,
        "USASTATE": state,
        "COMMODITY2": hs,
        "DISAGMOT": mode,
        "MEXSTATE": "",
        "CANPROV": province,
        "COUNTRY": country,
        "VALUE": str(value),
        "SHIPWT": "0",
        "FREIGHT_CHARGES": "0",
        "DF": "1" if trdtype == "1" else "",
        "CONTCODE": "0",
        "MONTH": month,
        "YEAR": year,
    }


def write_month(folder, rows, columns=bts_transborder.DOT2_COLUMNS, month="2015-01", gzipped=False, crlf=False):
    """A month's file as BTS or its compilers keep it: plain or gzipped, LF or CRLF line ends, registered (its
    checksum and lines in the folder's `registered.csv`, as the project's list records the mirror's)."""
    file = folder / month / f"dot2_{month[5:]}{month[2:4]}.csv"
    file.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n" if crlf else "\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    if gzipped:
        (file.parent / (file.name + ".gz")).write_bytes(gzip.compress(buffer.getvalue().encode()))
    else:
        file.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    written = file.parent / (file.name + ".gz") if gzipped else file
    register(folder, written, buffer.getvalue().count("\n"))
    return folder


def register(folder, file, lines):
    listing = folder / "registered.csv"
    if not listing.exists():
        listing.write_text("file,sha256,lines\n", encoding="utf-8")
    name = file.relative_to(folder).as_posix()
    with listing.open("a", encoding="utf-8") as handle:
        handle.write(f"{name},{hashlib.sha256(file.read_bytes()).hexdigest()},{lines}\n")


def tidy(folder):
    listing = folder / "registered.csv"
    if not listing.exists():
        listing.write_text("file,sha256,lines\n", encoding="utf-8")
    return trade_us_states.from_dot2(bts_transborder.extract(folder, listing), "bts", str(folder))


def test_flows_are_stated_from_the_province_side_and_modes_kept(tmp_path):
    folder = write_month(
        tmp_path,
        [
            dot2_row("2", "GA", "XQ", 100, mode="5"),
            dot2_row("2", "GA", "XQ", 50, mode="6"),  # US imports from Québec
            dot2_row("2", "GA", "XQ", 7, mode="6"),  # same cell, other split
            dot2_row("1", "GA", "XQ", 30),  # a US export to Québec
            dot2_row("1", "TX", "", 999, country="2010"),  # Mexico: left out
        ],
    )
    table = tidy(folder).set_index(["reporter_code", "partner_code", "flow", "mode_code"])["value_usd"]
    assert table.to_dict() == {
        ("QC", "US-GA", "export", "truck"): 100.0,
        ("QC", "US-GA", "export", "rail"): 57.0,
        ("QC", "US-GA", "import", "truck"): 30.0,
    }


def test_every_month_is_read_plain_or_gzipped_with_any_line_end(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 10)], month="2015-01")
    write_month(
        tmp_path, [dot2_row("2", "GA", "XQ", 20, month="01", year="2020")], month="2020-01", gzipped=True, crlf=True
    )
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 40, month="02", year="2020")], month="2020-02", crlf=True)
    table = tidy(tmp_path)
    assert table[["ref_year", "ref_month", "value_usd"]].values.tolist() == [
        [2015, 1, 10.0],
        [2020, 1, 20.0],
        [2020, 2, 40.0],
    ]


def test_a_month_held_twice_is_an_error_naming_both_files(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 10)], month="2015-01")
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 10)], month="2015-01", gzipped=True)
    with pytest.raises(
        SourceFileError,
        match=r"month 01/2015 is held twice, in .*dot2_0115\.csv and "
        r".*dot2_0115\.csv\.gz; keep one of them",
    ):
        tidy(tmp_path)
    copy = tmp_path / "copy"
    write_month(copy, [dot2_row("2", "GA", "XQ", 10)], month="2015-01")
    shutil.copytree(copy / "2015-01", copy / "2015-01 (copy)")
    with pytest.raises(SourceFileError, match=r"month 01/2015 is held twice"):
        tidy(copy)


def test_a_truncated_gzip_file_is_named(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", n) for n in range(2000)], month="2020-01", gzipped=True)
    file = tmp_path / "2020-01" / "dot2_0120.csv.gz"
    file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2])
    with pytest.raises(SourceFileError, match=r"dot2_0120\.csv\.gz: .*download it again"):
        tidy(tmp_path)


def test_a_month_cut_at_a_line_end_is_refused_with_its_lines_against_the_registered_ones(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", n) for n in range(10)], month="2015-01")
    file = tmp_path / "2015-01" / "dot2_0115.csv"
    file.write_bytes(b"".join(file.read_bytes().splitlines(keepends=True)[:4]))  # the header and 3 of 10 rows
    with pytest.raises(SourceFileError) as refused:
        tidy(tmp_path)
    message = str(refused.value)
    assert str(file) in message and "it has 4 lines where 11 are recorded" in message
    assert str(tmp_path / "registered.csv") in message and "\n" not in message


def test_a_month_edited_in_place_is_refused_even_without_the_mirror_manifest(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 100)], month="2024-03")
    file = tmp_path / "2024-03" / "dot2_0324.csv"
    file.write_bytes(file.read_bytes().replace(b",100,", b",900,"))  # same lines, another value
    with pytest.raises(SourceFileError, match=r"dot2_0324\.csv: its sha256 differs from the one .*registered\.csv"):
        tidy(tmp_path)


def test_the_registered_checksum_wins_over_the_mirror_manifest(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 100)], month="2024-03")
    file = tmp_path / "2024-03" / "dot2_0324.csv"
    file.write_bytes(file.read_bytes().replace(b",100,", b",900,"))
    edited = hashlib.sha256(file.read_bytes()).hexdigest()  # a manifest edited to vouch for the edited file
    (tmp_path / "MANIFEST.csv").write_text(
        f"extract,extract_sha256,extract_lines\n2024-03/dot2_0324.csv,{edited},2\n", encoding="utf-8"
    )
    with pytest.raises(SourceFileError, match=r"registered\.csv records"):
        tidy(tmp_path)


def test_a_month_copied_under_another_month_name_is_refused_naming_both_files(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 10, month="01", year="2020")], month="2020-01", gzipped=True)
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 20, month="02", year="2020")], month="2020-02", gzipped=True)
    january, february = tmp_path / "2020-01" / "dot2_0120.csv.gz", tmp_path / "2020-02" / "dot2_0220.csv.gz"
    february.write_bytes(january.read_bytes())
    with pytest.raises(SourceFileError) as refused:
        tidy(tmp_path)
    assert f"{february}: it is a copy of {january} (the same sha256)" in str(refused.value)


def test_a_month_no_list_records_is_refused_naming_the_list(tmp_path):
    write_month(tmp_path, [dot2_row("2", "GA", "XQ", 10)], month="2015-01")
    (tmp_path / "registered.csv").write_text("file,sha256,lines\n", encoding="utf-8")
    with pytest.raises(SourceFileError) as refused:
        tidy(tmp_path)
    message = str(refused.value)
    assert "dot2_0115.csv: no checksum is recorded for it" in message
    assert f"add its path and sha256 to {tmp_path / 'registered.csv'}" in message


def test_an_unknown_state_or_mode_code_is_named(tmp_path):
    with pytest.raises(SourceFileError, match="column USASTATE: unknown code.*'ZQ'.*bts_codes.csv"):
        tidy(write_month(tmp_path / "a", [dot2_row("2", "ZQ", "XQ", 5)]))
    with pytest.raises(SourceFileError, match="column DISAGMOT: unknown code.*'2'.*bts_codes.csv"):
        tidy(write_month(tmp_path / "b", [dot2_row("2", "GA", "XQ", 5, mode="2")]))


def test_unknown_codes_are_kept_under_their_own_code(tmp_path):
    table = tidy(write_month(tmp_path, [dot2_row("2", "DU", "OT", 5)]))
    assert table[["reporter_code", "partner_code"]].values.tolist() == [["ZZ", "US-DU"]]


def test_a_code_missing_from_the_code_list_is_named(tmp_path):
    with pytest.raises(SourceFileError, match="column CANPROV: unknown code.*'XZ'.*bts_codes.csv"):
        tidy(write_month(tmp_path, [dot2_row("2", "GA", "XZ", 5)]))


def test_missing_column_and_missing_files(tmp_path):
    columns = [c for c in bts_transborder.DOT2_COLUMNS if c != "VALUE"]
    with pytest.raises(SourceFileError, match="missing column\\(s\\) VALUE"):
        tidy(write_month(tmp_path / "a", [dot2_row("2", "GA", "XQ", 5)], columns))
    (tmp_path / "b").mkdir()
    with pytest.raises(SourceFileError, match="no monthly dot2_MMYY.csv"):
        tidy(tmp_path / "b")


def test_conversion_to_cad_takes_each_year_rate_and_never_another_year_rate():
    rates = pd.DataFrame({"ref_year": [2015], "currency_code": ["USD"], "cad_per_unit": [1.25]})  # SYNTHETIC rate
    values, years = pd.Series([100.0, 10.0]), pd.Series([2015, 2015])
    assert currency.to_cad(values, years, "USD", rates).tolist() == [125.0, 12.5]
    converted = currency.to_cad(values, pd.Series([2015, 2016]), "USD", rates)
    assert converted[0] == 125.0 and pd.isna(converted[1])  # 2016 has no rate: missing, not 2015's rate
    assert currency.years_without_rate([2015, 2016], "USD", rates) == [2016]
