"""BTS TransBorder from the mirror: the tidy table against independent sums of the raw file and its code lists."""

import pytest

from quebec_intl.data import partners, pipeline, reference
from quebec_intl.data.lookup import normalize
from rawsums import sums

pytestmark = pytest.mark.mirror


def test_quebec_trade_by_state_matches_the_raw_file(mirror, outputs):
    expected = sums(sorted((mirror / "bts-transborder").glob("*/dot2_*.csv")), "VALUE",
                    key=lambda row: (f"US-{row['USASTATE']}", "export" if row["TRDTYPE"] == "2" else "import"),
                    where=lambda row: row["CANPROV"] == "XQ" and row["COUNTRY"] == "1220")
    table = pipeline.build("trade_us_states_monthly")
    quebec = table[table["reporter_code"].eq("QC")].groupby(["partner_code", "flow"])["value_usd"].sum()
    assert len(expected) > 80
    assert quebec.to_dict() == pytest.approx(dict(expected))


def test_the_code_list_transcription_matches_codes_all_xls(mirror):
    xlrd = pytest.importorskip("xlrd")
    book = xlrd.open_workbook(str(mirror / "bts-transborder" / "2015-01" / "codes_all.xls"))
    committed = reference.read_reference("bts_codes.csv")
    for sheet, code_list in (("Canadian Province", "CANPROV"), ("US State", "USASTATE")):
        rows = book.sheet_by_name(sheet)
        in_source = {str(rows.cell_value(r, 0)).strip(): str(rows.cell_value(r, 1)).strip() for r in range(3, rows.nrows)}
        mine = committed[committed["code_list"].eq(code_list)]
        assert dict(zip(mine["bts_code"], mine["name_in_source"])) == in_source
    assert set(committed["code"]) <= set(partners.all_partners()) | set(reference.provinces()["code"])
    names = {**{c: p.name_en for c, p in partners.all_partners().items()},
             **dict(zip(reference.provinces()["code"], reference.provinces()["name_en"]))}
    for row in committed.itertuples():
        ours, theirs = normalize(names[row.code]), normalize(row.name_in_source)
        assert ours.startswith(theirs) or theirs.startswith(ours) or row.bts_code in ("OT", "DU"), row
