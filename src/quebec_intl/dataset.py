"""The trade data a report stands on: Statistics Canada's all-partners table when it is at hand (mirror or cache),
else the US extract in the mirror, else the embedded default of published figures. Nothing is downloaded here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import pipeline, sources

ANNUAL_COLUMNS = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code", "value_cad",
                  "source_id", "figure_id", "source_url"]
TOTAL = "total"


@dataclass(frozen=True)
class TradeDataset:
    """Annual trade by province, partner, flow and product section (`total` for all sections)."""

    kind: str  # "official": official source files; "embedded": published figures committed in data/curated/
    annual: pd.DataFrame
    other_published: pd.DataFrame  # embedded only: published figures that disagree with the ones used
    source_ids: tuple[str, ...]

    @property
    def covers_all_partners(self) -> bool:
        """True when every partner is in the data, so ranks, shares and concentration among partners mean something."""
        return "statcan_12100173" in self.source_ids

    @property
    def sources(self) -> list[sources.Source]:
        return [sources.get(source_id) for source_id in self.source_ids]


def annual_from_monthly(monthly: pd.DataFrame) -> pd.DataFrame:
    """Sum whole years only (a year missing a month would look like a fall), and add the all-sections total."""
    keys = ["ref_year", "reporter_code", "partner_code", "flow", "product_section_code", "source_id"]
    months = monthly.groupby(keys)["ref_month"].nunique()
    whole = months[months.eq(12)].index
    sums = monthly.groupby(keys)["value_cad"].sum().loc[whole].reset_index()
    totals = sums.groupby([k for k in keys if k != "product_section_code"], as_index=False)["value_cad"].sum()
    totals["product_section_code"] = TOTAL
    annual = pd.concat([sums, totals], ignore_index=True)
    annual["figure_id"] = pd.NA
    annual["source_url"] = pd.NA
    return annual[ANNUAL_COLUMNS].sort_values(keys, ignore_index=True)


LOW_AUTHORITY = 4  # unreviewed drafts, party sites, aggregator reprints, figures on another basis


def preferred_figures(published: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One figure per year, partner and flow: the highest authority, then the most precise; and the others.

    A low-authority figure is never the one used, even alone: it is only listed among the others."""
    precision = published["published_unit"].map({"CAD_million": 0, "CAD_billion": 1})
    ordered = published.assign(_precision=precision).sort_values(
        ["ref_year", "partner_code", "flow", "authority_rank", "_precision"], kind="stable"
    )
    first = ~ordered.duplicated(["ref_year", "reporter_code", "partner_code", "flow"]) \
        & ordered["authority_rank"].lt(LOW_AUTHORITY)
    chosen = ordered[first].drop(columns="_precision").assign(product_section_code=TOTAL)
    others = ordered[~first].drop(columns="_precision")
    return chosen[ANNUAL_COLUMNS].reset_index(drop=True), others.reset_index(drop=True)


def annual_from_statcan(table: pd.DataFrame) -> pd.DataFrame:
    """Imports and domestic exports of table 12-10-0173-01; a suppressed value stays missing."""
    rows = table[table["flow"].isin(["export", "import"])].assign(figure_id=pd.NA, source_url=pd.NA)
    return rows[ANNUAL_COLUMNS].reset_index(drop=True)


def load() -> TradeDataset:
    published = pipeline.load("published_annual")
    no_conflicts = published.iloc[0:0]
    if pipeline.can_load("trade_annual_all_partners"):
        annual = annual_from_statcan(pipeline.load("trade_annual_all_partners"))
        return TradeDataset("official", annual, no_conflicts, ("statcan_12100173",))
    if pipeline.can_load("trade_monthly"):
        annual = annual_from_monthly(pipeline.load("trade_monthly"))
        return TradeDataset("official", annual, no_conflicts, ("statcan_12100175_us_extract",))
    chosen, others = preferred_figures(published)
    return TradeDataset("embedded", chosen, others, ("curated_trade_figures",))
