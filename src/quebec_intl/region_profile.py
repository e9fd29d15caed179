"""The region profile: Québec's trade with a named region (SEUS-CP, the Atlanta territory, EU-27, the OIF...),
aggregated over its members, each member's weight, and the region's place in Québec's trade.

A region's total is computed only from a source that covers every member: the BTS TransBorder files for US
states (in US dollars, over the months they hold); for countries, Statistics Canada's all-partners table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import charts, dataset, maps, metrics, narrative, partners, regions, sources, us_states
from . import formatting as fmt
from .display import Figure, Link, Note, PageInfo, Section, Table
from .i18n import t

QUEBEC = "QC"
AGGREGATED_STATUSES = ("member",)


@dataclass
class RegionProfile:
    region: regions.Region
    lang: str
    members: list[str]

    @classmethod
    def build(cls, region: str, lang: str = "fr") -> RegionProfile:
        fmt.locale(lang)
        resolved = regions.resolve(region)
        return cls(resolved, lang, regions.members(resolved.id, AGGREGATED_STATUSES))

    def _t(self, key: str, /, **values: object) -> str:
        return t(self.lang, key, **values)

    def _name(self, code: str) -> str:
        return partners.display_name(code, self.lang)

    @property
    def state_members(self) -> list[str]:
        return [code for code in self.members if code.startswith("US-")]

    def header(self) -> Section:
        title = self._t("region_title", region=self.region.name_with_article(self.lang))
        subject = f"{self.region.id} · {self.region.name_en} · {self.region.name_fr}"
        params = Note(self._t("region_parameters", region=self.region.name(self.lang), id=self.region.id, lang=self.lang),
                      "params")
        return Section(title, [PageInfo(kind="region", lang=self.lang, title=title, subject=subject), params], level=1)

    def membership(self) -> Section:
        names = ", ".join(sorted(self._name(code) for code in self.members))
        statuses = ", ".join(self._t("status_" + s) for s in AGGREGATED_STATUSES)
        line = self._t("region_members_line", count=len(self.members), statuses=statuses, names=names)
        return Section(self._t("region_members_source"),
                       [line, Table([self._t("source_column")], [[Link(self.region.source_url, self.region.source_url)]])])

    def trade(self) -> Section:
        section = Section(self._t("region_trade"))
        if not self.state_members:
            return self._country_trade(section)
        trade = us_states.quebec_state_trade()
        if trade is None:
            section.blocks.append(Note(self._t("region_no_states")))
            return section
        months = trade.months
        members = trade.by_state.reindex(self.state_members).fillna(0.0)
        exports, imports = members["export"].sum(), members["import"].sum()
        weights = (members["export"] / exports * 100.0).sort_values(ascending=False)
        share_of_us = exports / trade.exports_to_all_states * 100.0
        money = lambda value: fmt.money(value, self.lang, currency="USD")  # noqa: E731
        section.blocks.append(Note(self._t("region_period", months=", ".join(months), count=len(months)), "data"))
        section.blocks.append(self._t("region_summary", exports=money(exports), imports=money(imports),
                                      count=len(self.state_members), share=fmt.percent(share_of_us, self.lang),
                                      top=self._name(weights.index[0]), top_share=fmt.percent(weights.iloc[0], self.lang)))
        frame = pd.DataFrame({"member": [self._name(c) for c in weights.index], "share_pct": weights.to_numpy()})
        section.blocks.append(Figure("region-weights", charts.member_weights(frame, self._t("region_weights"),
                                                                             self._t("weight")),
                                     self._t("chart_weights_alt"), frame))
        state_names = {code: partners.all_partners()[code].name_en for code in self.state_members}
        map_frame = pd.DataFrame({"state": [state_names[c] for c in members.index],
                                  "label": [self._name(c) for c in members.index],
                                  "exports_musd": (members["export"] / 1e6).round(1).to_numpy()})
        chart = charts.choropleth(maps.named_data("us_states"), map_frame, "state", "properties.name",
                                  "exports_musd", self._t("us_map"), self._t("exports_usd") + " (M)", "label",
                                  "albersUsa", color_type="Q", value_format=",.1f")
        section.blocks.append(Figure("region-map", chart, self._t("chart_us_map_alt"), map_frame.drop(columns="state"),
                                     ("us_states",)))
        rows = [[self._name(code), money(members.at[code, "export"]), money(members.at[code, "import"]),
                 fmt.percent(weights.get(code, 0.0), self.lang)] for code in weights.index]
        section.blocks.append(Table([self._t("member"), self._t("exports_usd"), self._t("imports_usd"), self._t("weight")],
                                    rows, [False, True, True, True]))
        for caveat in ("us_records", "usd", "state_of_destination"):
            section.blocks.append(Note(self._t("caveat_" + caveat), "caveat"))
        return section

    def _country_trade(self, section: Section) -> Section:
        """A grouping of countries, from data covering every partner: its trend, each member's weight, a map."""
        data = dataset.load()
        if not data.covers_all_partners:
            section.blocks.append(Note(self._t("region_no_source")))
            return section
        annual = data.annual
        rows = annual[annual["reporter_code"].eq(QUEBEC) & annual["product_section_code"].eq(dataset.TOTAL)]
        members = rows[rows["partner_code"].isin(self.members)]
        flows = metrics.flows_by_year(members)
        year = int(flows["export"].dropna().index.max())
        trend = charts.trend_frame(flows, {flow: self._t(f"flow_{flow}") for flow in ("export", "import", "balance")})
        exports = members[members["flow"].eq("export") & members["ref_year"].eq(year)].dropna(subset=["value_cad"]) \
            .set_index("partner_code")["value_cad"].sort_values(ascending=False)
        world = rows.loc[rows["partner_code"].eq("WLD") & rows["flow"].eq("export") & rows["ref_year"].eq(year), "value_cad"]
        weights = exports / exports.sum() * 100.0
        section.blocks.append(self._t(
            "region_country_summary", year=year, exports=fmt.money(exports.sum(), self.lang),
            region=self.region.name_with_article(self.lang),
            share=fmt.percent(exports.sum() / world.iloc[0] * 100.0, self.lang) if len(world) else "–",
            top=self._name(weights.index[0]), top_share=fmt.percent(weights.iloc[0], self.lang)))
        section.blocks.append(Figure("region-trend", charts.trend(trend, self._t("region_trend"), self._t("value_billions"),
                                                                  self._t("year"), ",.1f"),
                                     self._t("region_trend"), trend))
        frame = pd.DataFrame({"member": [self._name(c) for c in weights.index], "share_pct": weights.to_numpy()})
        section.blocks.append(Figure("region-weights", charts.member_weights(frame, self._t("region_weights"),
                                                                             self._t("weight")),
                                     self._t("chart_weights_alt"), frame))
        map_frame = pd.DataFrame({"id": [maps.iso_numeric(c) for c in exports.index],
                                  "country": [self._name(c) for c in exports.index],
                                  "exports_m": (exports / 1e6).round(1).to_numpy()}).dropna(subset=["id"])
        chart = charts.choropleth(maps.named_data("world"), map_frame, "id", "id", "exports_m",
                                  self.region.name(self.lang), self._t("exports_millions"), "country", "equalEarth",
                                  color_type="Q", value_format=",.1f")
        section.blocks.append(Figure("region-map", chart, self._t("chart_region_map_alt", year=year),
                                     map_frame.drop(columns="id"), ("world",)))
        rows_out = [[self._name(code), fmt.money(value, self.lang, style="short"), fmt.percent(weights[code], self.lang)]
                    for code, value in exports.items()]
        section.blocks.append(Table([self._t("member"), self._t("flow_export"), self._t("weight")], rows_out,
                                    [False, True, True]))
        return section

    def sources(self) -> Section:
        section = Section(self._t("sources"))
        used = [sources.get("bts_transborder_dot2")] if self.state_members else []
        section.blocks.extend(narrative.source_sentence(source, self.lang) for source in used)
        section.blocks.append(Note(self._t("region_definition_source", region=self.region.name(self.lang),
                                           url=self.region.source_url), "method"))
        if self.region.notes:
            section.blocks.append(Note(self.region.notes, "method"))
        return section
