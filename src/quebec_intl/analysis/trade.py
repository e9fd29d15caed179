"""Québec's trade with one partner (or with all countries, WLD): every frame and figure a trade section shows,
computed once, so that a section and the summary only choose, format and say."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..data import reference, sources
from ..data.partners import Partner, codes_of_kind
from ..data.reference import QUEBEC
from ..data.trade import TOTAL, TradeDataset
from . import metrics, narrative
from .facts import Change, Standing
from .monthly import PartnerMonthly
from .period import ANNUAL, PROVINCES, Period

WORLD = "WLD"
NO_FLOWS = pd.DataFrame(columns=["export", "import", "balance"])
NO_SHARES = pd.DataFrame(columns=["reporter_code", "value_cad", "share_pct", "rank"])
CAGR_WINDOWS = (5, 10)


def exports_by_country(dataset: TradeDataset, year: int | None) -> pd.Series:
    """Québec's exports to each country in `year`, largest first, from data covering every partner; else empty."""
    if not dataset.covers_all_partners or year is None:
        return pd.Series(dtype=float)
    annual = dataset.annual
    rows = annual[
        annual["reporter_code"].eq(QUEBEC)
        & annual["flow"].eq("export")
        & annual["product_section_code"].eq(TOTAL)
        & annual["ref_year"].eq(year)
    ]
    rows = rows[rows["partner_code"].isin(codes_of_kind("country"))].dropna(subset=["value_cad"])
    return rows.set_index("partner_code")["value_cad"].sort_values(ascending=False, kind="stable")


def world_exports(dataset: TradeDataset, year: int | None) -> float:
    annual = dataset.annual
    rows = annual[
        annual["reporter_code"].eq(QUEBEC)
        & annual["flow"].eq("export")
        & annual["partner_code"].eq(WORLD)
        & annual["product_section_code"].eq(TOTAL)
        & annual["ref_year"].eq(year)
    ]
    return float(rows["value_cad"].iloc[0]) if len(rows) else math.nan


def provincial_rows(candidates: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The partner's all-products rows of every province in `year`, all from one table (the best of those giving
    more than one province): a share among provinces never mixes two tables' vintages."""
    provinces = candidates["reporter_code"].isin(reference.subnational_codes())
    rows = candidates[provinces & candidates["ref_year"].eq(year) & candidates["product_section_code"].eq(TOTAL)]
    if rows.empty:
        return rows
    counts = rows.groupby("source_id")["reporter_code"].nunique()
    ordered = dict.fromkeys(rows.sort_values("is_best", ascending=False, kind="stable")["source_id"])
    tables = [source_id for source_id in ordered if counts[source_id] > 1]
    return rows[rows["source_id"].eq(tables[0])] if tables else rows.iloc[0:0]


def provincial_years(dataset: TradeDataset, code: str) -> list[int]:
    """The years one table gives more than one province's trade with the partner: the period's PROVINCES year is
    the latest of them up to the page's (the provinces' tables may end before Québec's own monthly table does)."""
    candidates = dataset.candidates
    provinces = candidates[
        candidates["partner_code"].eq(code) & candidates["reporter_code"].isin(reference.subnational_codes())
    ]
    counts = provinces.groupby(["ref_year", "source_id"])["reporter_code"].nunique()
    return sorted({int(y) for (y, _), n in counts.items() if n > 1})


def canada_shares(totals: pd.DataFrame, year: int | None, flow: str) -> pd.DataFrame:
    """Each province's share of Canada's trade with the partner in `year` for `flow`, largest first. A suppressed
    value has neither share nor rank, and comes last; the shares of the others are of what is published."""
    rows = totals[
        totals["ref_year"].eq(year)
        & totals["flow"].eq(flow)
        & totals["reporter_code"].isin(reference.subnational_codes())
    ]
    if rows["reporter_code"].nunique() < 2:
        return NO_SHARES
    shares = rows[["reporter_code", "value_cad"]].copy()
    shares["share_pct"] = metrics.share_pct(shares["value_cad"], shares["value_cad"].sum())
    shares["rank"] = metrics.rank_descending(shares["value_cad"])
    if not math.isclose(shares["share_pct"].sum(), 100.0, abs_tol=1e-6):
        raise AssertionError(f"provincial shares of Canada's {flow}s do not add up to 100 %")
    return shares.sort_values("share_pct", ascending=False, ignore_index=True, na_position="last")


def _bases(totals: pd.DataFrame) -> pd.DataFrame:
    """The basis of each year's figures, by flow (customs, or unknown for a published figure that does not say)."""
    wide = totals.drop_duplicates(["ref_year", "flow"]).pivot(index="ref_year", columns="flow", values="basis")
    return wide.reindex(columns=["export", "import"]).sort_index()


def _growth(flows: pd.DataFrame, bases: pd.DataFrame) -> pd.DataFrame:
    """Year-over-year growth of exports and imports, between years on the same known basis only."""
    if flows.empty:
        return pd.DataFrame(columns=["export_pct", "import_pct"])
    rates = pd.DataFrame(
        {f"{flow}_pct": metrics.yoy_growth_pct(flows[flow].dropna(), bases[flow]) for flow in ("export", "import")}
    )
    return rates.dropna(how="all")


@dataclass(frozen=True)
class PartnerTrade:
    partner: Partner
    year: int | None  # the report's year: the one asked for, else the latest with exports
    dataset: TradeDataset
    rows: pd.DataFrame  # every annual row with the partner (all provinces, sections and flows)
    flows: pd.DataFrame  # Québec's export, import and balance by year, all products
    bases: pd.DataFrame  # the basis of each year's figures, by flow
    origins: pd.DataFrame  # where each year's export, import and balance come from (metrics.origins_by_year)
    growth: pd.DataFrame  # export_pct, import_pct by year: between consecutive years on one known basis
    exports_by_section: pd.DataFrame  # Québec's exports by product section, every year
    canada_exports: pd.DataFrame  # provinces' shares of Canada's exports in `canada_year`
    canada_imports: pd.DataFrame
    exports_by_country: pd.Series  # Québec's exports to every country in the year (full-coverage data only)
    mix: pd.DataFrame  # each product section's exports in the year and the year before (metrics.mix_change)
    cagr: dict[int, float] = field(default_factory=dict)  # compound growth of exports over 5 and 10 years to `year`
    canada_year: int | None = None  # the period's PROVINCES year: every province's figures, from one table
    canada_source_ids: tuple[str, ...] = ()  # the table the provinces' figures of `canada_year` come from

    def value(self, flow: str, year: int | None) -> float:
        return float(self.flows.at[year, flow]) if year in self.flows.index else math.nan

    @property
    def exports(self) -> pd.Series:
        return self.flows["export"].dropna()

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources of this partner's figures (one, as the dataset takes each partner whole from one source)."""
        return tuple(dict.fromkeys(self.rows["source_id"]))

    @property
    def sources(self) -> list[sources.Source]:
        return [sources.get(source_id) for source_id in self.source_ids]

    def growth_pct(self, flow: str, year: int | None) -> float:
        column = f"{flow}_pct"
        return float(self.growth.at[year, column]) if year in self.growth.index else math.nan

    def destination(self) -> tuple[int | None, float | None]:
        """The partner's rank among Québec's destinations in the year, and its share of Québec's exports (%)."""
        exports, code = self.exports_by_country, self.partner.code
        if code not in exports.index:
            return None, None
        world = world_exports(self.dataset, self.year)
        total = world if not math.isnan(world) else exports.sum()
        return int(metrics.rank_descending(exports)[code]), float(exports[code] / total * 100.0)

    def highlights(self, monthly: PartnerMonthly | None = None) -> narrative.Highlights:
        """What the summary states, with, from the monthly table of the principal partners, the latest partial year
        and the partner's place among them; there is nothing to state without a year."""
        if self.year is None:
            raise ValueError(f"no year with exports to {self.partner.code}: the summary has nothing to state")
        quebec = self.canada_exports[self.canada_exports["reporter_code"].eq(QUEBEC)]
        if self.canada_year != self.year:
            quebec = quebec.iloc[0:0]  # the provinces' figures stop before the year: its summary says nothing of them
        top_code = top_share = None
        if not self.mix.empty:
            top_code, top_share = self.mix.index[0], float(self.mix["share_pct"].iloc[0])
        rank, share = self.destination()
        exports, imports = self.value("export", self.year), self.value("import", self.year)
        known = quebec.dropna(subset=["share_pct"])
        return narrative.Highlights(
            **_monthly_highlights(monthly, self.partner.code, self.year),
            partner=self.partner,
            year=self.year,
            first_year=int(self.exports.index.min()) if len(self.exports) else None,
            exports=exports,
            exports_change=Change(self.growth_pct("export", self.year), self.year - 1),
            imports=imports,
            imports_change=Change(self.growth_pct("import", self.year), self.year - 1),
            balance=self.value("balance", self.year),  # of one source and basis only (metrics.flows_by_year)
            exports_record_high=metrics.is_record_high(self.exports, self.year),
            provinces=_quebec_among_provinces(known),
            top_section_code=top_code,
            top_section_share_pct=top_share,
            destination=Standing(rank, len(self.exports_by_country), share, "countries") if rank is not None else None,
        )


def _quebec_among_provinces(known: pd.DataFrame) -> Standing | None:
    """Québec's rank and share among the provinces and territories (its row, where it has a share)."""
    if not len(known):
        return None
    row = known.iloc[0]
    return Standing(int(row["rank"]), None, float(row["share_pct"]), "provinces_and_territories")


def _monthly_highlights(monthly: PartnerMonthly | None, code: str, year: int) -> dict:
    """The summary's figures from the monthly table: the year to date (the page's period's: the months held of the
    year after the page's) and the partner's standing among the principal partners in the page's year."""
    if monthly is None:
        return {}
    found = {}
    ytd = monthly.ytd
    if ytd is not None:
        found.update(
            ytd_year=ytd.year,
            ytd_last_month=ytd.months[-1],
            ytd_exports=ytd.value(code, "export"),
            ytd_exports_change=Change(ytd.growth_pct(code, "export"), year, same_months=True),
            ytd_imports=ytd.value(code, "import"),
            ytd_imports_change=Change(ytd.growth_pct(code, "import"), year, same_months=True),
        )
    if monthly.year == year and code != WORLD:
        (export_rank, export_share), (import_rank, import_share) = (
            monthly.standing("export"),
            monthly.standing("import"),
        )
        count = len(monthly.destinations)
        found.update(
            principal_exports=Standing(export_rank, count, export_share, "principal"),
            principal_imports=Standing(import_rank, count, import_share, "principal"),
        )
    return found


def years_with_trade(dataset: TradeDataset, codes: list[str]) -> list[int]:
    """The years the annual frame holds Québec's trade with any of the partners `codes`."""
    rows = dataset.annual[dataset.annual["reporter_code"].eq(QUEBEC) & dataset.annual["partner_code"].isin(codes)]
    return sorted(int(year) for year in rows["ref_year"].unique())


def export_years(dataset: TradeDataset, codes: list[str]) -> list[int]:
    """The years the annual frame holds Québec's exports (all products) to the partners `codes`, together."""
    annual = dataset.annual
    rows = annual[
        annual["reporter_code"].eq(QUEBEC)
        & annual["product_section_code"].eq(TOTAL)
        & annual["partner_code"].isin(codes)
    ]
    exports = rows[rows["flow"].eq("export") & rows["value_cad"].notna()]  # a year `flows_by_year` gives exports
    return sorted(int(year) for year in exports["ref_year"].unique())


def partner_trade(partner: Partner, period: Period, dataset: TradeDataset) -> PartnerTrade:
    """Every frame, once, for the period's ANNUAL year (the one asked for, else the latest of `export_years`; None
    when the partner has none) and its PROVINCES year for Canada's provinces."""
    year = period.of(ANNUAL)
    rows = dataset.annual[dataset.annual["partner_code"].eq(partner.code)]
    quebec = rows[rows["reporter_code"].eq(QUEBEC)]
    totals = quebec[quebec["product_section_code"].eq(TOTAL)]
    flows = metrics.flows_by_year(totals) if len(totals) else NO_FLOWS
    bases = _bases(totals) if len(totals) else pd.DataFrame(columns=["export", "import"])
    origins = metrics.origins_by_year(totals) if len(totals) else NO_FLOWS
    candidates = dataset.candidates[dataset.candidates["partner_code"].eq(partner.code)]
    canada_year = period.of(PROVINCES)
    by_province = provincial_rows(candidates, canada_year)
    by_section = quebec[quebec["flow"].eq("export") & quebec["product_section_code"].ne(TOTAL)]
    has_mix = year is not None and (by_section["ref_year"] == year).any()
    exports = flows["export"].dropna()
    return PartnerTrade(
        partner=partner,
        year=year,
        dataset=dataset,
        rows=rows,
        flows=flows,
        bases=bases,
        origins=origins,
        growth=_growth(flows, bases),
        exports_by_section=by_section,
        canada_exports=canada_shares(by_province, canada_year, "export"),
        canada_imports=canada_shares(by_province, canada_year, "import"),
        canada_year=canada_year,
        canada_source_ids=tuple(dict.fromkeys(by_province["source_id"])),
        exports_by_country=exports_by_country(dataset, year),
        mix=metrics.mix_change(by_section, year) if has_mix else pd.DataFrame(),
        cagr={n: metrics.cagr_over(exports, year, n, bases["export"]) for n in CAGR_WINDOWS} if year else {},
    )
