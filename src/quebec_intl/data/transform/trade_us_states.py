"""Tidy trade of each province with each US state by 2-digit HS chapter, from BTS dot2 files, in US dollars.

BTS records trade from the United States' side; the project states it from the province's: a US export
(TRDTYPE 1) to a province is that province's import, a US import (TRDTYPE 2) from it is its export. Rows for
Mexico are left out, and the transport mode, container and domestic/foreign splits are summed."""

from __future__ import annotations

import pandas as pd

from ...errors import SourceFileError
from ..fields import table_fields
from ..reference import bts_codes
from ..schema import validate
from .parsing import to_number

CANADA = "1220"
FLOW_FROM_PROVINCE_SIDE = {"1": "import", "2": "export"}


def _map(raw: pd.DataFrame, column: str, codes: dict[str, str], origin: str) -> pd.Series:
    values = raw[column].str.strip()
    unknown = sorted(set(values) - set(codes))
    if unknown:
        raise SourceFileError(f"{origin}: column {column}: unknown code(s) {', '.join(map(repr, unknown))}; "
                              f"add them to data/reference/bts_codes.csv from the BTS code list")
    return values.map(codes)


def from_dot2(raw: pd.DataFrame, source_id: str, origin: str) -> pd.DataFrame:
    canada = raw[raw["COUNTRY"].str.strip().eq(CANADA)]
    if canada.empty:
        raise SourceFileError(f"{origin}: no rows for Canada (COUNTRY {CANADA})")
    frame = pd.DataFrame({
        "ref_year": to_number(canada, "YEAR", origin).astype("int64"),
        "ref_month": to_number(canada, "MONTH", origin).astype("int64"),
        "reporter_code": _map(canada, "CANPROV", bts_codes("CANPROV"), origin),
        "partner_code": _map(canada, "USASTATE", bts_codes("USASTATE"), origin),
        "flow": _map(canada, "TRDTYPE", FLOW_FROM_PROVINCE_SIDE, origin),
        "hs2_code": canada["COMMODITY2"].str.strip().str.zfill(2),
        "value_usd": to_number(canada, "VALUE", origin),
    })
    keys = [field for field in table_fields("trade_us_states_monthly") if field not in ("value_usd", "source_id")]
    tidy = frame.groupby(keys, as_index=False, sort=True)["value_usd"].sum()
    tidy["source_id"] = source_id
    return validate(tidy[table_fields("trade_us_states_monthly")], "trade_us_states_monthly", origin)
