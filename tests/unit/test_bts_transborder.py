"""BTS TransBorder dot2 -> tidy province x US state trade, on tiny files in the real layout."""

import csv

import pandas as pd
import pytest

from quebec_intl.data import currency
from quebec_intl.errors import SourceFileError
from quebec_intl.data.extract import bts_transborder
from quebec_intl.data.transform import trade_us_states


def dot2_row(trdtype, state, province, value, hs="84", country="1220", mode="5"):
    return {"TRDTYPE": trdtype, "USASTATE": state, "COMMODITY2": hs, "DISAGMOT": mode, "MEXSTATE": "",
            "CANPROV": province, "COUNTRY": country, "VALUE": str(value), "SHIPWT": "0", "FREIGHT_CHARGES": "0",
            "DF": "1" if trdtype == "1" else "", "CONTCODE": "0", "MONTH": "01", "YEAR": "2015"}


def write_month(folder, rows, columns=bts_transborder.DOT2_COLUMNS, month="2015-01"):
    file = folder / month / f"dot2_{month[5:]}{month[2:4]}.csv"
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def tidy(folder):
    return trade_us_states.from_dot2(bts_transborder.extract(folder), "bts", str(folder))


def test_flows_are_stated_from_the_province_side_and_modes_are_summed(tmp_path):
    folder = write_month(tmp_path, [
        dot2_row("2", "GA", "XQ", 100, mode="5"), dot2_row("2", "GA", "XQ", 50, mode="6"),  # US imports from Québec
        dot2_row("1", "GA", "XQ", 30),                                                         # a US export to Québec
        dot2_row("1", "TX", "", 999, country="2010"),                                          # Mexico: left out
    ])
    table = tidy(folder).set_index(["reporter_code", "partner_code", "flow"])["value_usd"]
    assert table.to_dict() == {("QC", "US-GA", "export"): 150.0, ("QC", "US-GA", "import"): 30.0}


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


def test_conversion_to_cad_needs_a_cited_rate_for_every_year():
    rates = pd.DataFrame({"ref_year": [2015], "currency_code": ["USD"], "cad_per_unit": [1.25],  # SYNTHETIC rate
                          "source_url": ["https://example.org/synthetic"]})
    values, years = pd.Series([100.0, 10.0]), pd.Series([2015, 2015])
    assert currency.to_cad(values, years, "USD", rates).tolist() == [125.0, 12.5]
    with pytest.raises(SourceFileError, match="no cited USD->CAD rate for 2016.*exchange_rates.csv"):
        currency.to_cad(values, pd.Series([2015, 2016]), "USD", rates)


def test_every_committed_rate_is_cited():
    rates = currency.cited_rates()
    assert rates["source_url"].str.startswith("http").all()
