"""Tidy trade from Statistics Canada's full tables: codes for labels, values in dollars, flags kept."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...errors import SourceFileError
from .. import partners, reference
from ..extract.csvfile import SOURCE_REMEDY
from ..extract.statcan_table import NAPCS, TableLayout
from ..fields import table_fields
from ..schema import validate
from .parsing import check_complete_grid

BRACKET_CODE = r"\s*\[[A-Za-z]?\d+\]\s*$"
NO_VALUE_FLAGS = {"x", "..", "...", "F"}


NO_ENTRY = {"", "NA"}  # an empty cell, as the table writes it or as a compiler's copy writes it (`NA`)


def _flags(column: pd.Series) -> pd.Series:
    """A status or symbol column, an empty cell written alike whoever wrote the copy."""
    text = column.astype(str).str.strip()
    return text.where(~text.isin(NO_ENTRY), "")


def _values_in_dollars(raw: pd.DataFrame, origin: str) -> pd.Series:
    """VALUE times 10**SCALAR_ID; a blank value is allowed only where a flag says why it is missing (`x`
    suppressed, `..` not available, `F` too unreliable): it stays missing, never zero. The French download writes a
    decimal comma."""
    text = raw["VALUE"].astype(str).str.strip().str.replace(",", ".", regex=False)
    text = text.where(~text.isin(NO_ENTRY) & ~text.isin(NO_VALUE_FLAGS), "")
    values = pd.to_numeric(text.replace("", np.nan), errors="coerce")
    bad = values.isna() & text.ne("")
    if bad.any():
        first = bad.idxmax()
        raise SourceFileError(
            f"{origin}: column VALUE: {text[first]!r} is not a number ({int(bad.sum())} such value(s))"
        )
    unexplained = values.isna() & ~_flags(raw["STATUS"]).isin(NO_VALUE_FLAGS)
    if unexplained.any():
        raise SourceFileError(f"{origin}: {int(unexplained.sum())} empty VALUE(s) without a STATUS flag saying why")
    scale = pd.to_numeric(raw["SCALAR_ID"].astype(str), errors="coerce")
    if scale.isna().any():
        raise SourceFileError(f"{origin}: column SCALAR_ID: {raw['SCALAR_ID'][scale.isna()].iloc[0]!r} is not a number")
    return values * np.power(10.0, scale)


def tidy(raw: pd.DataFrame, layout: TableLayout, table: str, source_id: str, origin: str) -> pd.DataFrame:
    dates = raw["REF_DATE"].astype(str)
    frame = pd.DataFrame({"ref_year": pd.to_numeric(dates.str[:4], errors="coerce")})
    if "ref_month" in table_fields(table):
        frame["ref_month"] = pd.to_numeric(dates.str[5:7], errors="coerce")
    if frame.isna().any().any():
        raise SourceFileError(f"{origin}: column REF_DATE: {dates[frame.isna().any(axis=1)].iloc[0]!r} is not a date")
    frame = frame.astype("int64")
    sections = raw[NAPCS].astype(str).str.replace(BRACKET_CODE, "", regex=True)
    frame["reporter_code"] = reference.province_index().map_labels(raw["GEO"].astype(str), origin, reference.LABELS_FIX)
    frame["partner_code"] = partners.resolve_labels(raw[layout.partner_column].astype(str), origin)
    frame["flow"] = reference.trade_flow_index().map_labels(raw["Trade"].astype(str), origin, reference.LABELS_FIX)
    frame["product_section_code"] = reference.product_section_index().map_labels(sections, origin, reference.LABELS_FIX)
    frame["value_cad"] = _values_in_dollars(raw, origin)
    frame["status_code"] = _flags(raw["STATUS"])
    frame["symbol_code"] = _flags(raw["SYMBOL"])
    frame["source_id"] = source_id
    keys = [
        k
        for k in table_fields(table)
        if k in ("ref_year", "ref_month", "reporter_code", "partner_code", "flow", "product_section_code")
    ]
    _check_no_figure_twice(frame, keys, origin)
    return validate(frame[table_fields(table)].sort_values(keys, ignore_index=True), table, origin)


def _check_no_figure_twice(frame: pd.DataFrame, keys: list[str], origin: str) -> None:
    """A period copied twice or a row repeated, said in the source's terms before the schema's uniqueness rule."""
    repeated = frame.duplicated(keys, keep=False)
    if not repeated.any():
        return
    first = frame.loc[repeated.idxmax()]
    period = str(int(first["ref_year"]))
    if "ref_month" in keys:
        period = f"month {period}-{int(first['ref_month']):02d}"
    raise SourceFileError(
        f"{origin}: {period} holds the same figure more than once ({first['reporter_code']}, {first['partner_code']}, "
        f"{first['flow']}, {first['product_section_code']}; {int(repeated.sum())} repeated rows in all): a period was "
        f"copied twice or a row repeated; {SOURCE_REMEDY}"
    )


def check_us_extract_complete(tidy: pd.DataFrame, origin: str) -> pd.DataFrame:
    """The extract for the United States, as the reader keeps it, holds every year from its first to its last: each
    province and territory and Canada in total, and Canada and Québec by product section, both flows. A file cut
    at a line end would otherwise read as whole."""
    years = list(range(int(tidy["ref_year"].min()), int(tidy["ref_year"].max()) + 1))
    flows = ["export", "import"]
    provinces = reference.provinces()
    geos = provinces.loc[provinces["kind"].isin(["country", "province", "territory"]), "code"].tolist()
    totals = tidy[tidy["product_section_code"].eq("total")]
    check_complete_grid(totals, {"ref_year": years, "reporter_code": geos, "flow": flows}, origin, SOURCE_REMEDY)
    full = tidy[tidy["reporter_code"].isin([reference.CANADA, reference.QUEBEC])]
    check_complete_grid(
        full,
        {
            "ref_year": years,
            "reporter_code": [reference.CANADA, reference.QUEBEC],
            "product_section_code": reference.product_sections()["code"].tolist(),
            "flow": flows,
        },
        origin,
        SOURCE_REMEDY,
    )
    return tidy


def check_monthly_partners(tidy: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Table 12-10-0175-01 as read (no figure twice: `tidy`): every month present whole (each partner both ways for
    all products, and where a month has product sections, all of them). A month absent
    from the middle of the series is not an error here: the reports name it and never count it as zero."""
    months = tidy.assign(month=tidy["ref_year"].astype(str) + "-" + tidy["ref_month"].astype(str).str.zfill(2))
    for reporter, rows in months.groupby("reporter_code"):
        totals = rows[rows["product_section_code"].eq("total")]
        expected = {
            "month": sorted(set(rows["month"])),
            "partner_code": sorted(set(rows["partner_code"])),
            "flow": sorted(set(rows["flow"])),
        }
        check_complete_grid(totals, expected, f"{origin} ({reporter}, all products)", SOURCE_REMEDY)
        sections = rows[rows["product_section_code"].ne("total")]
        if len(sections):
            by_section = {
                **expected,
                "month": sorted(set(sections["month"])),
                "product_section_code": [c for c in reference.product_sections()["code"] if c != "total"],
            }
            check_complete_grid(sections, by_section, f"{origin} ({reporter}, by product section)", SOURCE_REMEDY)
    return tidy
