"""Tidy monthly trade from the StatCan US extract: one row per month, province, flow and product section."""

from __future__ import annotations

import pandas as pd

from ...errors import SourceFileError
from .. import partners, reference
from ..extract.csvfile import SOURCE_REMEDY
from ..fields import table_fields
from ..schema import validate
from .parsing import check_complete_grid, check_unique, file_row, to_number, year_month

FLOW_COLUMNS = {"EXPORT": "export", "IMPORT": "import"}


def _check_complete(base: pd.DataFrame, origin: str) -> None:
    """Every month from the first to the last, for every province and territory and every product section."""
    months = base["ref_year"].astype(str) + "-" + base["ref_month"].astype(str).str.zfill(2)
    every_month = pd.period_range(months.min(), months.max(), freq="M").strftime("%Y-%m").tolist()
    provinces = reference.provinces()
    expected = {
        "month": every_month,
        "reporter_code": provinces.loc[provinces["kind"].isin(["province", "territory"]), "code"].tolist(),
        "product_section_code": [c for c in reference.product_sections()["code"] if c != "total"],
    }
    check_complete_grid(base.assign(month=months), expected, origin, SOURCE_REMEDY)


def from_us_extract(raw: pd.DataFrame, source_id: str, origin: str) -> pd.DataFrame:
    year, month = year_month(raw, "YEAR_MONTH", origin)
    if not year.astype(str).eq(raw["YEAR"].str.strip()).all():
        first = year.astype(str).ne(raw["YEAR"].str.strip()).idxmax()
        raise SourceFileError(f"{origin}: row {first + 2}: YEAR {raw.at[first, 'YEAR']!r} disagrees with YEAR_MONTH")
    base = pd.DataFrame(
        {
            "ref_year": year,
            "ref_month": month,
            "reporter_code": reference.province_index().map_labels(raw["PROVINCE"], origin, reference.LABELS_FIX),
            "partner_code": partners.resolve_labels(raw["TRADE_PARTNER"], origin),
            "product_section_code": reference.product_section_index().map_labels(
                raw["SECTOR"], origin, reference.LABELS_FIX
            ),
        }
    )
    check_unique(
        base, list(base.columns), origin, "row " + pd.Series(base.index.map(file_row), index=base.index).astype(str)
    )
    _check_complete(base, origin)
    flows = [base.assign(flow=flow, value_cad=to_number(raw, column, origin)) for column, flow in FLOW_COLUMNS.items()]
    tidy = pd.concat(flows, ignore_index=True)[table_fields("trade_monthly")[:-1]]
    tidy["source_id"] = source_id
    tidy = tidy.sort_values(
        ["ref_year", "ref_month", "reporter_code", "flow", "product_section_code"], ignore_index=True
    )
    return validate(tidy, "trade_monthly", origin)
