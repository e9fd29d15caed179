"""Reconciliation: the pipeline's aggregates beside the published figures for the same partner, flow and period.

Each published figure the pipeline can also compute gets a row: both values, the difference, the tolerance
allowed (half a unit of the published precision, since "87.3 billion" covers 87.25 to 87.35, plus 1 % for
revisions) and the likely reason for what remains: rounding, revisions, re-exports counted in a published
export total, or a basis the source does not state."""

from __future__ import annotations

import pandas as pd

from ..currency import to_cad
from ..fields import table_fields, unit_factor
from ..reference import QUEBEC
from ..schema import validate

UNITS = ("CAD_billion", "CAD_million")
REVISION_PCT = 1.0
RE_EXPORT_PCT = 8.0


def monthly_aggregates(monthly: pd.DataFrame, reporter: str = QUEBEC) -> pd.DataFrame:
    """Totals of one reporter's monthly trade by partner, flow and period (year, quarter and month labels), all
    products: the table's own total where it gives one, else the sum of its sections. A period with a suppressed
    month has no total."""
    rows = monthly[monthly["reporter_code"].eq(reporter)]
    if rows["product_section_code"].eq("total").any():
        rows = rows[rows["product_section_code"].eq("total")]
    by_month = _sum_unless_missing(rows, ["partner_code", "flow", "ref_year", "ref_month"])
    months_per_year = by_month.groupby(["partner_code", "flow", "ref_year"])["ref_month"].transform("nunique")
    quarter = (by_month["ref_month"] - 1) // 3 + 1
    months_per_quarter = (
        by_month.assign(q=quarter).groupby(["partner_code", "flow", "ref_year", "q"])["ref_month"].transform("nunique")
    )
    labelled = [
        by_month.assign(period=by_month["ref_year"].astype(str) + "-" + by_month["ref_month"].map("{:02d}".format)),
        by_month[months_per_quarter.eq(3)].assign(period=by_month["ref_year"].astype(str) + "-Q" + quarter.astype(str)),
        by_month[months_per_year.eq(12)].assign(period=by_month["ref_year"].astype(str)),
    ]
    stacked = pd.concat(labelled, ignore_index=True)
    totals = _sum_unless_missing(stacked, ["partner_code", "flow", "period"]).dropna(subset=["value_cad"])
    return totals.assign(source_id=rows["source_id"].iloc[0] if len(rows) else pd.NA).reset_index(drop=True)


def _sum_unless_missing(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sums of `value_cad` by `keys`; a group holding a value not available (suppressed) has none."""
    grouped = frame.groupby(keys)["value_cad"]
    return grouped.sum().where(grouped.count().eq(grouped.size())).reset_index()


def best_aggregates(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Each partner, flow and period's total from the first of the monthly tables that has it (the latest vintage
    first), so that a published figure is compared with the official figure the reports print."""
    stacked = pd.concat([monthly_aggregates(table) for table in tables], ignore_index=True)
    return stacked.drop_duplicates(["partner_code", "flow", "period"], keep="first").reset_index(drop=True)


def _reason(row: pd.Series) -> str:
    """Within the tolerance, rounding explains it or revisions may; beyond it, what the figure's notes suggest."""
    if abs(row["difference_cad"]) <= row["rounding_cad"]:
        return "rounding"
    if row["within_tolerance"]:
        return "revisions"
    if row["basis"] != "customs":
        return "basis"
    if row["flow"] == "export" and 0 < row["difference_pct"] <= RE_EXPORT_PCT:
        return "re_exports"
    return "unexplained"


def reconcile(published: pd.DataFrame, aggregates: pd.DataFrame, origin: str) -> pd.DataFrame:
    """`published`: curated figure rows (their own columns); `aggregates`: partner_code, flow, period, value_cad."""
    figures = published[
        published["unit"].isin(UNITS) & published["flow"].isin(["export", "import"]) & published["reporter"].eq(QUEBEC)
    ]
    figures = figures.assign(
        published_cad=figures["value"].astype(float) * figures["unit"].map(unit_factor),
        rounding_cad=figures["unit"].map(unit_factor) * 10.0 ** -figures["value"].map(_decimals) / 2.0,
    )
    joined = figures.merge(
        aggregates.rename(columns={"value_cad": "pipeline_cad"}),
        how="inner",
        on=["partner_code", "flow", "period"],
        validate="m:1",
    )
    joined["difference_cad"] = joined["published_cad"] - joined["pipeline_cad"]
    joined["difference_pct"] = joined["difference_cad"] / joined["pipeline_cad"] * 100.0
    joined["tolerance_pct"] = joined["rounding_cad"] / joined["pipeline_cad"] * 100.0 + REVISION_PCT
    joined["within_tolerance"] = joined["difference_pct"].abs() <= joined["tolerance_pct"]
    joined["likely_reason"] = joined.apply(_reason, axis=1) if len(joined) else pd.Series(dtype=str)
    table = joined[table_fields("reconciliation")]
    return validate(
        table.sort_values(["partner_code", "flow", "period", "figure_id"], ignore_index=True), "reconciliation", origin
    )


def _decimals(value: str) -> int:
    text = str(value).strip()
    return len(text.split(".")[1]) if "." in text else 0


# Comparing two sources of the same yearly totals: how far apart they may be, and why they differ.
SOURCE_PAIRS = (  # (source A, source B, tolerance %, reason within tolerance, reason beyond)
    ("statcan_12100173_us_extract", "statcan_12100175_us_extract", REVISION_PCT, "revisions", "unexplained"),
    ("bts_transborder_dot2", "statcan_12100175_us_extract", 10.0, "exchange_rate", "us_records"),
    ("bts_transborder_dot2", "statcan_12100173_us_extract", 10.0, "exchange_rate", "us_records"),
)


def bts_yearly_totals(states_annual: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Québec's trade with every US state in BTS over whole years that have a rate, in Canadian dollars."""
    quebec = states_annual[states_annual["reporter_code"].eq(QUEBEC) & states_annual["months_held"].eq(12)]
    totals = quebec.groupby(["ref_year", "flow"], as_index=False)["value_usd"].sum()
    totals = totals[totals["ref_year"].isin(rates["ref_year"])]
    value_cad = to_cad(totals["value_usd"], totals["ref_year"], "USD", rates)
    return totals.assign(value_cad=value_cad, source_id="bts_transborder_dot2")[
        ["ref_year", "flow", "value_cad", "source_id"]
    ]


def yearly_totals(annual: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Québec's whole-year trade with the United States (all products) in one source: ref_year, flow, value_cad."""
    rows = annual[
        annual["reporter_code"].eq(QUEBEC)
        & annual["partner_code"].eq("USA")
        & annual["product_section_code"].eq("total")
    ]
    return rows.assign(source_id=source_id)[["ref_year", "flow", "value_cad", "source_id"]]


def between_sources(totals: list[pd.DataFrame], origin: str) -> pd.DataFrame:
    """Each pair of sources that both hold a whole year and flow: both values, the difference, the tolerance and
    the likely reason (revisions between StatCan's tables; for the US records, the exchange rate within the
    tolerance, beyond it what the US counts as Québec's trade: goods only passing through, the state of destination)."""
    every = pd.concat(totals, ignore_index=True)
    rows = []
    for a, b, tolerance, within, beyond in SOURCE_PAIRS:
        pair = every[every["source_id"].eq(a)].merge(
            every[every["source_id"].eq(b)], on=["ref_year", "flow"], suffixes=("_a", "_b"), validate="1:1"
        )
        for r in pair.itertuples():
            difference = (r.value_cad_a - r.value_cad_b) / r.value_cad_b * 100.0
            ok = abs(difference) <= tolerance
            rows.append(
                {
                    "ref_year": r.ref_year,
                    "flow": r.flow,
                    "source_a": a,
                    "source_b": b,
                    "value_a_cad": r.value_cad_a,
                    "value_b_cad": r.value_cad_b,
                    "difference_pct": difference,
                    "tolerance_pct": tolerance,
                    "within_tolerance": ok,
                    "likely_reason": within if ok else beyond,
                }
            )
    table = pd.DataFrame(rows, columns=table_fields("source_reconciliation"))
    return validate(
        table.sort_values(["source_a", "source_b", "flow", "ref_year"], ignore_index=True),
        "source_reconciliation",
        origin,
    )
