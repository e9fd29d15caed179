"""Tidy trade of each province with each US state by 2-digit HS chapter and mode of transport, from BTS dot2 files,
in US dollars.

BTS records trade from the United States' side; the project states it from the province's: a US export
(TRDTYPE 1) to a province is that province's import, a US import (TRDTYPE 2) from it is its export. Rows for
Mexico are left out; the container and domestic/foreign splits are summed. Each month is reduced as it is read,
so the whole source never sits in memory as text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ...errors import SourceFileError
from ..fields import table_fields
from ..reference import bts_codes
from ..schema import validate
from .parsing import to_number

CANADA = "1220"
FLOW_FROM_PROVINCE_SIDE = {"1": "import", "2": "export"}
KEYS = ["ref_year", "ref_month", "reporter_code", "partner_code", "flow", "hs2_code", "mode_code"]


def _map(raw: pd.DataFrame, column: str, codes: dict[str, str], origin: str) -> pd.Series:
    values = raw[column].str.strip()
    unknown = sorted(set(values.unique()) - set(codes))
    if unknown:
        raise SourceFileError(
            f"{origin}: column {column}: unknown code(s) {', '.join(map(repr, unknown))}; "
            f"add them to data/reference/bts_codes.csv from the BTS code list"
        )
    return values.map(codes)


def month(raw: pd.DataFrame, origin: str) -> pd.DataFrame:
    """One file's Canadian rows, coded and summed by month, province, state, flow, chapter and mode."""
    canada = raw[raw["COUNTRY"].str.strip().eq(CANADA)]
    frame = pd.DataFrame(
        {
            "ref_year": to_number(canada, "YEAR", origin).astype("int64"),
            "ref_month": to_number(canada, "MONTH", origin).astype("int64"),
            "reporter_code": _map(canada, "CANPROV", bts_codes("CANPROV"), origin),
            "partner_code": _map(canada, "USASTATE", bts_codes("USASTATE"), origin),
            "flow": _map(canada, "TRDTYPE", FLOW_FROM_PROVINCE_SIDE, origin),
            "hs2_code": canada["COMMODITY2"].str.strip().str.zfill(2),
            "mode_code": _map(canada, "DISAGMOT", bts_codes("DISAGMOT"), origin),
            "value_usd": to_number(canada, "VALUE", origin),
        }
    )
    return frame.groupby(KEYS, as_index=False, sort=False)["value_usd"].sum()


def from_dot2(months: Iterable[tuple[Path, pd.DataFrame]], source_id: str, origin: str) -> pd.DataFrame:
    parts = [month(raw, str(file)) for file, raw in months]
    tidy = pd.concat(parts, ignore_index=True).sort_values(KEYS, ignore_index=True)
    if tidy.empty:
        raise SourceFileError(f"{origin}: no rows for Canada (COUNTRY {CANADA})")
    tidy["source_id"] = source_id
    return validate(tidy[table_fields("trade_us_states_monthly")], "trade_us_states_monthly", origin)


def annual(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly table summed by year, each row carrying how many months the source holds for its year, so a
    partial year is never mistaken for a whole one."""
    keys = [key for key in KEYS if key != "ref_month"]
    months = monthly.groupby("ref_year")["ref_month"]
    held = pd.DataFrame({"months_held": months.nunique(), "first_month": months.min(), "last_month": months.max()})
    table = monthly.groupby(keys + ["source_id"], as_index=False, sort=True)["value_usd"].sum()
    table = table.join(held, on="ref_year")
    return validate(
        table[table_fields("trade_us_states_annual")],
        "trade_us_states_annual",
        "the annual sums of trade_us_states_monthly",
    )
