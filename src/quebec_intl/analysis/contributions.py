"""Contributions to a change: how much of the change in Québec's trade between two periods each partner, or each
product section, accounts for. Computed here once, for every page and notebook: each part's change in dollars and in
percentage points of the earlier total, ranked, with the rest of the change as a named residual (the other
countries; the sections the table does not allocate or suppresses), so the parts always sum to the total change.

Periods are runs of whole months (`Span`): a year to date, the 12 months ending in a month, any other run. A part is
compared with itself over the same months a year earlier. A month the table lacks, or a value it suppresses, leaves a
part missing; its change then falls in the residual, never counted as zero."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data.trade import TOTAL, MonthlyTrade
from . import metrics
from .monthly import FLOWS, RESIDUAL, WORLD, rows_of

UNITED_STATES = "USA"
REST_OF_WORLD = "rest_of_world"  # all countries but the United States: the world's row less the US row
UNALLOCATED = "unallocated"  # the total less the sections the table gives (rounding, suppressed sections)


@dataclass(frozen=True)
class Span:
    """A run of whole months, first to last (both included)."""

    first: pd.Period
    last: pd.Period

    @classmethod
    def of(cls, first: str | pd.Period, last: str | pd.Period) -> Span:
        return cls(pd.Period(first, freq="M"), pd.Period(last, freq="M"))

    @classmethod
    def year_to_date(cls, month: pd.Period) -> Span:
        return cls(pd.Period(year=month.year, month=1, freq="M"), month)

    @classmethod
    def twelve_months(cls, month: pd.Period) -> Span:
        return cls(month - 11, month)

    @property
    def months(self) -> list[pd.Period]:
        return list(pd.period_range(self.first, self.last, freq="M"))

    def year_before(self) -> Span:
        return Span(self.first - 12, self.last - 12)


def span_sums(rows: pd.DataFrame, span: Span, by: str = "partner_code") -> pd.DataFrame:
    """Exports and imports over the span's months by `by` (index), columns export and import; missing where a month
    is absent or a value suppressed."""
    index = rows["ref_year"] * 12 + rows["ref_month"] - 1
    wanted = [p.year * 12 + p.month - 1 for p in span.months]
    chosen = rows[index.isin(wanted)].assign(month_index=index)
    keys = [chosen[by], chosen["flow"]]
    sums = chosen.groupby(keys)["value_cad"].sum(min_count=1)
    whole = (
        chosen.groupby(keys)["month_index"].nunique().eq(len(wanted)) & ~chosen["value_cad"].isna().groupby(keys).any()
    )
    return sums.where(whole).unstack("flow").reindex(columns=list(FLOWS))


def contributions(
    now: pd.Series, before: pd.Series, total_now: float, total_before: float, residual: str
) -> pd.DataFrame:
    """Each part's change and its contribution to the total's change (percentage points of the earlier total),
    largest rise first, then the residual (`residual`): the total's change less the parts', so the column `change`
    sums to the total's change and `contribution_pp` to its growth. A part missing in either period is in the
    residual. Columns: before, now, change, contribution_pp, share_of_change_pct."""
    parts = pd.DataFrame({"before": before, "now": now}).dropna()
    parts["change"] = parts["now"] - parts["before"]
    parts = parts.sort_values("change", ascending=False, kind="stable")
    rest = pd.DataFrame(
        {
            "before": [total_before - parts["before"].sum()],
            "now": [total_now - parts["now"].sum()],
            "change": [(total_now - total_before) - parts["change"].sum()],
        },
        index=[residual],
    )
    table = pd.concat([parts, rest])
    total_change = total_now - total_before
    table["contribution_pp"] = table["change"] / total_before * 100.0 if total_before else math.nan
    table["share_of_change_pct"] = table["change"] / total_change * 100.0 if total_change else math.nan
    return table.rename_axis("part")


@dataclass(frozen=True)
class Contributions:
    """The change in one flow between a span and the same months a year earlier, and each part's contribution."""

    span: Span
    flow: str
    total_now: float
    total_before: float
    parts: pd.DataFrame  # contributions(): index part (a partner or section code, or the residual's key)
    residual: str

    @property
    def change(self) -> float:
        return self.total_now - self.total_before

    @property
    def growth_pct(self) -> float:
        return metrics.change_pct(self.total_now, self.total_before)

    @property
    def known(self) -> bool:
        return not (math.isnan(self.total_now) or math.isnan(self.total_before))

    def together(self, codes: pd.Index) -> pd.Series:
        """The parts `codes` as one (a printed table's « other sections » or « other principal partners »): their
        values over both spans, change and contribution summed; missing where none of them is known over the span."""
        return self.parts.reindex(codes)[["before", "now", "change", "contribution_pp"]].sum(min_count=1)


def _of(sums: pd.DataFrame, key: str, flow: str) -> float:
    return float(sums.at[key, flow]) if key in sums.index and pd.notna(sums.at[key, flow]) else math.nan


def by_partner(m: MonthlyTrade, span: Span, flow: str = "export") -> Contributions:
    """Each principal partner's contribution to the change in Québec's `flow` with all countries; the other
    countries (the table's residual row) are the residual."""
    now, before = span_sums(m.totals, span), span_sums(m.totals, span.year_before())
    principal = [code for code in now.index.union(before.index) if code not in (WORLD, RESIDUAL)]
    total_now, total_before = _of(now, WORLD, flow), _of(before, WORLD, flow)
    parts = contributions(
        now[flow].reindex(principal), before[flow].reindex(principal), total_now, total_before, RESIDUAL
    )
    return Contributions(span, flow, total_now, total_before, parts, RESIDUAL)


def _sections(m: MonthlyTrade, partner: str, span: Span) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = rows_of(m, partner)
    return span_sums(rows, span, by="product_section_code"), span_sums(rows, span.year_before(), "product_section_code")


def by_section(m: MonthlyTrade, span: Span, partner: str = UNITED_STATES, flow: str = "export") -> Contributions:
    """Each NAPCS section's contribution to the change in Québec's `flow` with `partner` (a principal partner's
    code, `WLD` for all countries, or `rest_of_world`: all countries less the United States, section by section).
    What the sections do not add up to is the residual (`unallocated`)."""
    if partner == REST_OF_WORLD:
        world_now, world_before = _sections(m, WORLD, span)
        us_now, us_before = _sections(m, UNITED_STATES, span)
        now, before = world_now - us_now.reindex(world_now.index), world_before - us_before.reindex(world_before.index)
    else:
        now, before = _sections(m, partner, span)
    sections = [code for code in now.index.union(before.index) if code != TOTAL]
    total_now, total_before = _of(now, TOTAL, flow), _of(before, TOTAL, flow)
    parts = contributions(
        now[flow].reindex(sections), before[flow].reindex(sections), total_now, total_before, UNALLOCATED
    )
    return Contributions(span, flow, total_now, total_before, parts, UNALLOCATED)
