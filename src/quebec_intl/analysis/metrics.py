"""Trade metrics as pure functions of year-indexed series and tidy frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def yoy_growth_pct(values: pd.Series, basis: pd.Series | None = None) -> pd.Series:
    """Growth over the previous calendar year, in percent; missing where that year is missing or zero, and, given
    each year's `basis`, where the two years stand on different bases or on one the source does not state."""
    previous = values.reindex(values.index - 1).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = (values.to_numpy() / previous - 1.0) * 100.0
    growth[(previous == 0) | pd.isna(previous)] = math.nan
    if basis is not None:
        growth[~comparable(basis, values.index, values.index - 1)] = math.nan
    return pd.Series(growth, index=values.index, name=values.name, dtype="float64")


UNKNOWN_BASIS = "unknown"


def comparable(basis: pd.Series, years: pd.Index, other_years: pd.Index) -> np.ndarray:
    """For each pair of years, whether both stand on one known basis (figures on two bases are never compared)."""
    here, there = basis.reindex(years).to_numpy(), basis.reindex(other_years).to_numpy()
    return (here == there) & pd.notna(here) & (here != UNKNOWN_BASIS)


def cagr_pct(first: float, last: float, years: int) -> float:
    """Compound annual growth rate over `years` years, in percent."""
    if years <= 0 or first <= 0 or last < 0 or pd.isna(first) or pd.isna(last):
        return math.nan
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def cagr_over(values: pd.Series, year: int, years: int, basis: pd.Series | None = None) -> float:
    """Compound annual growth of a year-indexed series over the `years` years ending in `year`; missing where, given
    each year's `basis`, the two ends stand on different or unstated bases."""
    if year not in values.index or year - years not in values.index:
        return math.nan
    if basis is not None and not comparable(basis, pd.Index([year]), pd.Index([year - years]))[0]:
        return math.nan
    return cagr_pct(float(values[year - years]), float(values[year]), years)


def herfindahl(values: pd.Series) -> float:
    """Herfindahl-Hirschman index of concentration, 0 to 10,000: the sum of squared shares in percent."""
    positive = values[values > 0]
    if positive.empty:
        return math.nan
    shares = positive / positive.sum() * 100.0
    return float((shares**2).sum())


def change_pct(now: float, before: float) -> float:
    """The change from `before` to `now`, in per cent; NaN where `before` is zero or missing (no base to grow from)."""
    return (now - before) / before * 100.0 if before and not math.isnan(before) else math.nan


def share_pct(part: pd.Series | float, whole: pd.Series | float) -> pd.Series | float:
    return part / whole * 100.0


def rank_descending(values: pd.Series) -> pd.Series:
    """1 for the largest value; equal values share the better rank (2, 2, 4); a missing value (a suppressed cell)
    has no rank and takes none from the others."""
    return values.rank(ascending=False, method="min", na_option="keep").astype("Int64")


def is_record_high(values: pd.Series, year: int) -> bool:
    """True when `year` beats every earlier year of an unbroken series; a gap would make the claim unsupported."""
    upto = values[values.index <= year].dropna()
    unbroken = len(upto) == year - int(upto.index.min()) + 1 if len(upto) else False
    return unbroken and year in upto.index and len(upto) > 1 and upto[year] == upto.max()


ORIGIN_COLUMNS = ("source_id", "source_url", "basis")  # an official table; a published figure's page; the basis


def origin_keys(annual: pd.DataFrame) -> pd.Series:
    """Where each row's figure comes from, as far as joining it with another goes: its source, the page that
    publishes it (published figures share one source id, each from its own page) and its basis. Rows without these
    columns share one origin."""
    parts = [annual[c].astype("string").fillna("") if c in annual else "" for c in ORIGIN_COLUMNS]
    return pd.Series(parts[0] + "|" + parts[1] + "|" + parts[2], index=annual.index, dtype="string")


def origins_by_year(annual: pd.DataFrame) -> pd.DataFrame:
    """The origin of each year's exports and imports (`origin_keys`; several joined where the rows of a year come
    from several), and of the balance where both flows share theirs (else missing: no balance is computed)."""
    keyed = annual.assign(_origin=origin_keys(annual))
    joined = keyed.groupby(["ref_year", "flow"])["_origin"].agg(lambda keys: " + ".join(sorted(set(keys))))
    wide = joined.unstack("flow").reindex(columns=["export", "import"])
    wide.columns.name = None
    wide["balance"] = wide["export"].where(wide["export"].eq(wide["import"]).fillna(False))
    return wide.sort_index()


def flows_by_year(annual: pd.DataFrame) -> pd.DataFrame:
    """Exports, imports and balance by year from tidy annual rows of one reporter and partner (all sections). The
    balance only of exports and imports from one source on one basis: a press release's exports less another
    page's imports is no one's balance."""
    wide = annual.groupby(["ref_year", "flow"])["value_cad"].sum(min_count=1).unstack("flow")  # missing stays missing
    wide = wide.reindex(columns=["export", "import"])
    wide.columns.name = None
    same = origins_by_year(annual)["balance"].reindex(wide.index).notna()
    wide["balance"] = (wide["export"] - wide["import"]).where(same)
    return wide.sort_index()


def mix_change(by_section: pd.DataFrame, year: int) -> pd.DataFrame:
    """Value and share of each product section in `year` and the year before, and what each added to the change."""
    wide = by_section.pivot_table(index="product_section_code", columns="ref_year", values="value_cad", aggfunc="sum")
    current = wide.get(year, pd.Series(math.nan, index=wide.index))
    previous = wide.get(year - 1, pd.Series(math.nan, index=wide.index))
    frame = pd.DataFrame({"value": current, "value_prev": previous})
    frame["share_pct"] = share_pct(frame["value"], frame["value"].sum())
    frame["share_prev_pct"] = share_pct(frame["value_prev"], frame["value_prev"].sum())
    frame["change"] = frame["value"] - frame["value_prev"]
    frame["growth_pct"] = (frame["value"] / frame["value_prev"] - 1.0) * 100.0
    return frame.sort_values("value", ascending=False)
