"""BTS TransBorder from the mirror: the tidy table against independent sums of the raw file and its code lists."""

import pytest
from rawsums import sums

from quebec_intl.data import partners, pipeline, reference
from quebec_intl.data.lookup import normalize


def test_quebec_trade_by_state_matches_the_raw_file(mirror):
    expected = sums(
        sorted((mirror / "bts-transborder").glob("2023-*/dot2_*.csv.gz")),
        "VALUE",
        key=lambda row: (f"US-{row['USASTATE']}", "export" if row["TRDTYPE"] == "2" else "import"),
        where=lambda row: row["CANPROV"] == "XQ" and row["COUNTRY"] == "1220",
    )
    table = pipeline.load("trade_us_states_monthly")
    quebec = table[table["reporter_code"].eq("QC") & table["ref_year"].eq(2023)]
    quebec = quebec.groupby(["partner_code", "flow"])["value_usd"].sum()
    assert sorted(set(table["ref_year"])) == [2015, 2020, 2021, 2022, 2023, 2024]
    assert len(expected) > 80
    assert quebec.to_dict() == pytest.approx(dict(expected))


def test_every_month_of_the_mirror_has_the_checksum_its_origin_records(mirror):
    """The project's list of BTS checksums, read with the standard library, against the mirror's README (January
    2015) and its MANIFEST.csv (the extracts), and against the files themselves: every month is verified."""
    import csv
    import hashlib
    import re

    from quebec_intl import settings

    folder = mirror / "bts-transborder"
    with (settings.data_dir() / "reference" / "bts_transborder_sha256.csv").open(encoding="utf-8") as handle:
        listed = {row["file"]: row["sha256"] for row in csv.DictReader(handle)}
    with (folder / "MANIFEST.csv").open(encoding="utf-8") as handle:
        origin = {row["extract"]: row["extract_sha256"] for row in csv.DictReader(handle)}
    readme = (mirror / "README.md").read_text(encoding="utf-8")
    origin["2015-01/dot2_0115.csv"] = re.search(r"([0-9a-f]{64})  bts-transborder/2015-01/dot2_0115\.csv", readme)[1]
    files = {path.relative_to(folder).as_posix(): path for path in folder.glob("*/dot2_*")}
    assert listed == origin and set(files) == set(listed) and len(listed) == 58
    assert all(hashlib.sha256(files[name].read_bytes()).hexdigest() == listed[name] for name in listed)


def code(cell) -> str:
    """A code as the .xls holds it: text, or a number (mode 5 is stored as 5.0)."""
    return str(int(cell)) if isinstance(cell, float) else str(cell).strip()


def test_the_code_list_transcription_matches_codes_all_xls(mirror):
    xlrd = pytest.importorskip("xlrd")
    book = xlrd.open_workbook(str(mirror / "bts-transborder" / "2015-01" / "codes_all.xls"))
    committed = reference.read_reference("bts_codes.csv")
    for sheet, code_list in (
        ("Canadian Province", "CANPROV"),
        ("US State", "USASTATE"),
        ("Mode of Transportation", "DISAGMOT"),
    ):
        rows = book.sheet_by_name(sheet)
        in_source = {code(rows.cell_value(r, 0)): str(rows.cell_value(r, 1)).strip() for r in range(3, rows.nrows)}
        mine = committed[committed["code_list"].eq(code_list)]
        assert dict(zip(mine["bts_code"], mine["name_in_source"])) == in_source
    chapters = book.sheet_by_name("Commodity Classification")
    in_source = {
        f"{int(chapters.cell_value(r, 0)):02d}": str(chapters.cell_value(r, 1)).strip()
        for r in range(3, chapters.nrows)
        if chapters.cell_value(r, 0) != ""
    }
    assert dict(zip(reference.hs_chapters()["code"], reference.hs_chapters()["name_en"])) == in_source
    committed = committed[committed["code_list"].ne("DISAGMOT")]
    assert set(committed["code"]) <= set(partners.all_partners()) | set(reference.provinces()["code"])
    names = {
        **{c: p.name_en for c, p in partners.all_partners().items()},
        **dict(zip(reference.provinces()["code"], reference.provinces()["name_en"])),
    }
    for row in committed.itertuples():
        ours, theirs = normalize(names[row.code]), normalize(row.name_in_source)
        assert ours.startswith(theirs) or theirs.startswith(ours) or row.bts_code in ("OT", "DU"), row
