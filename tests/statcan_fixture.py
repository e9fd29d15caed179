"""Tiny Statistics Canada full tables in the real WDS layout (zip holding {pid}.csv and {pid}_MetaData.csv).

Synthetic values, for tests only."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import zipfile
from pathlib import Path

from quebec_intl.data.extract.statcan_table import (
    ANNUAL,
    MONTHLY,
    MONTHLY_COMPILED_FR,
    MONTHLY_FR,
    TableLayout,
)


def rows(layout: TableLayout, periods, geos, partners, sections, trades, value=lambda *_key: 1.0, status=None):  # noqa: PLR0913
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


# Table 12-10-0175-01 in its three layouts. The French download's dimension columns and last four are read by place;
# the names written here are plausible, not the official ones.
FRENCH_HEADER = tuple(
    name or guess
    for name, guess in zip(
        MONTHLY_FR.columns,
        (
            *MONTHLY_FR.columns[:3],
            "Commerce",
            "Système de classification des produits de l'Amérique du Nord (SCPAN)",
            "Principaux partenaires commerciaux",
            *MONTHLY_FR.columns[6:13],
            "STATUT",
            "SYMBOLE",
            "TERMINÉ",
            "DÉCIMALES",
        ),
    )
)
COMPILED_CONSTANTS = ("statcan_commerce_12100175", "2026-10-05T20:07:03Z", "courants", "non", "douaniere")


def monthly_rows(months, partners, products, trades, value=lambda *_key: 1.0, status=None, geo="Québec"):  # noqa: PLR0913
    """Rows of table 12-10-0175-01 in its official column order, one per combination of month (`YYYY-MM`),
    partner, product and trade; `value(month, partner, product, trade)` in thousands, or None for a row left out."""
    for month, partner, product, trade in itertools.product(months, partners, products, trades):
        amount = value(month, partner, product, trade)
        if amount is None:
            continue
        flag = status(month, partner, product, trade) if status else ""
        yield [
            month,
            geo,
            "2021A000224",
            trade,
            product,
            partner,
            "Dollars",
            "81",
            "milliers",
            "3",
            "v1",
            "6.1.1.1",
            "" if flag in ("x", "..", "F") else f"{amount:.1f}",
            flag,
            "",
            "",
            "0",
        ]


def write_monthly(path: Path, layout: TableLayout, records) -> Path:
    """The rows as the layout's publisher writes them: the compiler's gzipped copy (`NA` for an empty flag, its
    five constant columns), or the official zip in English or in French (semicolons, decimal comma)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    if layout is MONTHLY_COMPILED_FR:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(layout.columns)
        for record in records:
            record = [cell or ("NA" if 13 <= i <= 15 else cell) for i, cell in enumerate(record)]
            writer.writerow([*record, *COMPILED_CONSTANTS])
        path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
        return path
    french = layout is MONTHLY_FR
    writer = csv.writer(buffer, delimiter=layout.delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(FRENCH_HEADER if french else layout.columns)
    for record in records:
        writer.writerow([cell.replace(".", ",") if french and i == 12 else cell for i, cell in enumerate(record)])
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(layout.member, buffer.getvalue().encode("utf-8-sig"))
        archive.writestr(f"{layout.pid}_MetaData.csv", b'"Cube Title","Product Id"\n"synthetic","1"\n')
    return path


__all__ = [
    "ANNUAL",
    "MONTHLY",
    "MONTHLY_FR",
    "MONTHLY_COMPILED_FR",
    "rows",
    "csv_bytes",
    "write_zip",
    "small_annual",
    "monthly_rows",
    "write_monthly",
]
