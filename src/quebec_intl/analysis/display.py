"""The display policy: in which currency, unit and rounding a page shows a subject's figures, decided here once
(sections only format what it gives them).

Why: a figure is shown in Canadian dollars wherever it can be, so that every page reads in one currency; a source
publishing in US dollars (BTS TransBorder) is converted at the Bank of Canada's rate of each year, and a chart or a
table spanning a year without that rate stays wholly in US dollars (never one year at another year's rate: the model's
`currency_for`). A country's yearly totals read in billions with one decimal; the smaller parts of a US state's trade
(a province's exports to it, an HS chapter, one of 99) in millions, as published, so that a column of 0.0 and 0.1
does not hide them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.fields import unit_factor
from .subject_trade import CAD, USD, ProductMix, Provinces, SubjectTrade

VALUE_FORMAT = ",.1f"  # the charts' numbers: one decimal
FLOWS = ("export", "import", "balance")


@dataclass(frozen=True)
class Shown:
    """A currency and a unit of the field dictionary (CAD_billion...), and the decimals of a table's cell."""

    currency: str
    unit: str
    digits: int = 1

    @property
    def column(self) -> str:
        """The chart data's column of values in this unit: value_cad_bn, value_usd_m."""
        size = "bn" if self.unit.endswith("billion") else "m"
        return f"value_{self.currency.lower()}_{size}"

    @property
    def in_cad(self) -> bool:
        return self.currency == CAD

    @property
    def source_column(self) -> str:
        """The model's column of dollars in this currency (value_cad, value_usd)."""
        return source_column(self.currency)


def source_column(currency: str) -> str:
    return f"value_{currency.lower()}"


def in_unit(values, unit: str):
    """Dollars (one value or a series) in `unit`."""
    return values / unit_factor(unit)


def rounded(values: pd.Series, shown: Shown):
    """Dollars in the unit, rounded to its decimals: what a chart's data (and its CSV) holds."""
    return in_unit(values, shown.unit).round(shown.digits).to_numpy()


def _flow_column(flow: str, currency: str) -> str:
    return flow if currency == CAD else f"{flow}_{currency.lower()}"


def for_chart(trade: SubjectTrade, years) -> Shown:
    """A chart of the yearly totals: billions, in the one currency every year drawn has."""
    currency = trade.currency_for(years)
    return Shown(currency, f"{currency}_billion")


def chart_flows(flows: pd.DataFrame, shown: Shown) -> pd.DataFrame:
    """Exports, imports and balance by year in the chart's currency (dollars; the chart scales them)."""
    columns = {_flow_column(flow, shown.currency): flow for flow in FLOWS}
    return flows[list(columns)].rename(columns=columns)


@dataclass(frozen=True)
class TableColumn:
    flow: str  # export, import, balance; "rate" for the exchange rate
    unit: str  # a unit of the field dictionary, or "" for the rate
    digits: int
    values: pd.Series  # by year, in `unit`


def trend_columns(trade: SubjectTrade) -> list[TableColumn]:
    """The table beside the trend: the yearly totals in billions of Canadian dollars; figures published in another
    currency in millions, converted and as published (exports and imports), with the rate of each year."""
    flows = trade.flows
    if not trade.converted:
        return [TableColumn(flow, "CAD_billion", 1, in_unit(flows[flow], "CAD_billion")) for flow in FLOWS]
    published = trade.published_currency
    unit = f"{published}_million"
    return [
        *(TableColumn(flow, "CAD_million", 1, in_unit(flows[flow], "CAD_million")) for flow in FLOWS),
        *(TableColumn(flow, unit, 1, in_unit(flows[_flow_column(flow, published)], unit)) for flow in FLOWS[:2]),
        TableColumn("rate", "", 4, flows["rate"]),
    ]


@dataclass(frozen=True)
class ProductsShown:
    bars: Shown  # the chart of the two years
    table: Shown


def for_products(mix: ProductMix) -> ProductsShown:
    """Billions on the chart; in the table, billions for the sections, millions for the (smaller) chapters."""
    table_unit = f"{mix.currency}_million" if mix.classification == "chapter" else f"{mix.currency}_billion"
    return ProductsShown(Shown(mix.currency, f"{mix.currency}_billion"), Shown(mix.currency, table_unit))


def bars_in_unit(mix: ProductMix, shown: ProductsShown) -> pd.DataFrame:
    """The chart's rows of the year and the year before (code, ref_year, value_in_unit), in the source's order."""
    bars = mix.bars[mix.bars["ref_year"].isin([mix.year - 1, mix.year])]
    return bars.assign(value_in_unit=in_unit(bars["value"], shown.bars.unit))


def products_in_unit(mix: ProductMix, shown: ProductsShown) -> pd.DataFrame:
    """The table's rows: value and change in the table's unit, the share's change in points."""
    table = mix.table
    return table.assign(
        value_in_unit=in_unit(table["value"], shown.table.unit),
        change_in_unit=in_unit(table["change"], shown.table.unit),
        share_change_pts=table["share_pct"] - table.get("share_prev_pct", pd.Series(float("nan"), index=table.index)),
    )


def for_provinces(provinces: Provinces) -> Shown:
    """Billions of Canadian dollars for a country's provinces; millions, as published, for a US state's."""
    return Shown(provinces.currency, "CAD_billion" if provinces.currency == CAD else f"{provinces.currency}_million")


def for_members(trade: SubjectTrade, years) -> Shown:
    """A group's members on a map and their lines over `years`: millions, in the one currency every year has."""
    currency = trade.currency_for(years)
    return Shown(currency, f"{currency}_million")


def sections_unit(values: pd.Series) -> str:
    """A table of one flow's product sections: billions, or millions for a partner whose total is under ten billion
    (a column of 0.0 and 0.1 says nothing)."""
    return "CAD_billion" if values.sum() >= 10 * unit_factor("CAD_billion") else "CAD_million"


def for_converted(values: pd.DataFrame) -> Shown:
    """Figures published in US dollars and converted where the year has the Bank of Canada's rate (value_usd,
    value_cad): all in Canadian dollars when every one has them, else all in US dollars; millions."""
    currency = CAD if values["value_cad"].notna().all() else USD
    return Shown(currency, f"{currency}_million")
