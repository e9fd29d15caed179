"""Tiny Statistics Canada full tables in the real WDS layout (zip holding {pid}.csv and {pid}_MetaData.csv).

Synthetic values, for tests only."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from pathlib import Path

from quebec_intl.data.extract.statcan_table import ANNUAL, MONTHLY, TableLayout


def rows(layout: TableLayout, periods, geos, partners, sections, trades, value=lambda *key: 1.0, status=None):
    """One row per combination; `value(period, geo, partner, section, trade)` gives VALUE in thousands."""
    for period, geo, partner, section, trade in itertools.product(periods, geos, partners, sections, trades):
        key = (period, geo, partner, section, trade)
        flag = status(*key) if status else ""
        amount = "" if flag in ("x", "..") else f"{value(*key):.1f}"
        record = {
            "REF_DATE": period,
            "GEO": geo,
            "DGUID": "2016A000011124",
            layout.partner_column: partner,
            "North American Product Classification System (NAPCS)": section,
            "Trade": trade,
            "UOM": "Dollars",
            "UOM_ID": "81",
            "SCALAR_FACTOR": "thousands",
            "SCALAR_ID": "3",
            "VECTOR": "v1",
            "COORDINATE": "1.1.1.1",
            "VALUE": amount,
            "STATUS": flag,
            "SYMBOL": "",
            "TERMINATED": "",
            "DECIMALS": "1",
        }
        yield record


def csv_bytes(layout: TableLayout, records, header=None) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(header or layout.columns),
        quoting=csv.QUOTE_ALL,
        extrasaction="ignore",
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8-sig")


def write_zip(path: Path, layout: TableLayout, records, header=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(layout.member, csv_bytes(layout, records, header))
        archive.writestr(f"{layout.pid}_MetaData.csv", b'"Cube Title","Product Id"\n"synthetic","1"\n')
    return path


def small_annual(path: Path) -> Path:
    """Québec, Canada and Ontario; two partners; the total and two sections; imports and domestic exports."""
    sections = ["All sections", "Energy products [C12]", "Consumer goods [C21]"]

    def value(period, geo, partner, section, trade):
        base = {"Quebec": 10.0, "Canada": 100.0, "Ontario": 50.0}[geo] * (2 if partner == "United States" else 1)
        return base * (3 if section == "All sections" else 1) + (5 if trade == "Import" else 0) + (int(period) - 2022)

    records = list(
        rows(
            ANNUAL,
            ["2022", "2023"],
            ["Quebec", "Canada", "Ontario"],
            ["United States", "France"],
            sections,
            ["Domestic export", "Import"],
            value,
        )
    )
    return write_zip(path, ANNUAL, records)


__all__ = ["ANNUAL", "MONTHLY", "rows", "csv_bytes", "write_zip", "small_annual"]
