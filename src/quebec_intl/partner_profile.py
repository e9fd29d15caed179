"""The partner profile report: Québec's trade with one partner, section by section, in French or English."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import charts, dataset, maps, metrics, narrative, partners, reference, us_states
from . import formatting as fmt
from .display import Figure, Links, Note, PageInfo, Section, Table
from .i18n import t

QUEBEC = "QC"
BILLION = 1e9


@dataclass
class PartnerProfile:
    partner: partners.Partner
    year: int | None
    lang: str
    data: dataset.TradeDataset

    @classmethod
    def build(cls, partner: str, year: int | None = None, lang: str = "fr") -> PartnerProfile:
        """Resolve the parameters and load the data; `year=None` means the latest year with data for the partner."""
        fmt.locale(lang)
        resolved = partners.resolve(partner)
        data = dataset.load()
        profile = cls(resolved, year, lang, data)
        if year is None:
            years = profile.flows.index[profile.flows["export"].notna()]
            profile.year = int(years.max()) if len(years) else None
        return profile

    # --- data slices -------------------------------------------------------------------------------------------

    @property
    def _rows(self) -> pd.DataFrame:
        annual = self.data.annual
        return annual[annual["partner_code"].eq(self.partner.code)]

    @property
    def flows(self) -> pd.DataFrame:
        """Québec's exports, imports and balance with the partner by year, all products."""
        rows = self._rows
        total = rows[rows["reporter_code"].eq(QUEBEC) & rows["product_section_code"].eq(dataset.TOTAL)]
        return metrics.flows_by_year(total) if len(total) else pd.DataFrame(columns=["export", "import", "balance"])

    @property
    def exports_by_section(self) -> pd.DataFrame:
        rows = self._rows
        return rows[rows["reporter_code"].eq(QUEBEC) & rows["flow"].eq("export")
                    & rows["product_section_code"].ne(dataset.TOTAL)]

    @property
    def totals_by_province(self) -> pd.DataFrame:
        rows = self._rows
        return rows[rows["product_section_code"].eq(dataset.TOTAL)]

    def value(self, flow: str, year: int) -> float:
        flows = self.flows
        return float(flows.at[year, flow]) if year in flows.index else math.nan

    def canada_shares(self, flow: str = "export") -> pd.DataFrame:
        """Each province's share of Canada's trade with the partner in the report's year for `flow`, largest first."""
        totals = self.totals_by_province
        year_rows = totals[totals["ref_year"].eq(self.year) & totals["flow"].eq(flow)
                           & totals["reporter_code"].isin(reference.subnational_codes())]
        if year_rows["reporter_code"].nunique() < 2:
            return pd.DataFrame(columns=["reporter_code", "value_cad", "share_pct", "rank"])
        shares = year_rows[["reporter_code", "value_cad"]].copy()
        shares["share_pct"] = metrics.share_pct(shares["value_cad"], shares["value_cad"].sum())
        shares["rank"] = metrics.rank_descending(shares["value_cad"])
        if not math.isclose(shares["share_pct"].sum(), 100.0, abs_tol=1e-6):
            raise AssertionError(f"provincial shares of Canada's {flow}s do not add up to 100 %")
        return shares.sort_values("share_pct", ascending=False, ignore_index=True)

    def partner_ranking(self) -> pd.DataFrame:
        """Québec's exports to every country in the report's year, ranked; empty unless the data covers them all."""
        if not self.data.covers_all_partners or self.year is None:
            return pd.DataFrame(columns=["partner_code", "value_cad", "rank", "share_pct"])
        annual = self.data.annual
        rows = annual[annual["reporter_code"].eq(QUEBEC) & annual["flow"].eq("export")
                      & annual["product_section_code"].eq(dataset.TOTAL) & annual["ref_year"].eq(self.year)]
        world = rows.loc[rows["partner_code"].eq("WLD"), "value_cad"]
        kinds = {code: p.kind for code, p in partners.all_partners().items()}
        countries = rows[rows["partner_code"].map(kinds).eq("country")].dropna(subset=["value_cad"])
        total = float(world.iloc[0]) if len(world) else countries["value_cad"].sum()
        ranked = countries[["partner_code", "value_cad"]].assign(rank=metrics.rank_descending(countries["value_cad"]),
                                                                 share_pct=countries["value_cad"] / total * 100.0)
        return ranked.sort_values("rank", ignore_index=True)

    def highlights(self) -> narrative.Highlights:
        flows = self.flows
        exports = flows["export"].dropna() if "export" in flows else pd.Series(dtype=float)
        shares = self.canada_shares()
        quebec = shares[shares["reporter_code"].eq(QUEBEC)]
        ranking = self.partner_ranking()
        mix = self.exports_by_section
        top_code, top_share = None, None
        if self.year is not None and (mix["ref_year"] == self.year).any():
            change = metrics.mix_change(mix, self.year)
            top_code, top_share = change.index[0], float(change["share_pct"].iloc[0])
        return narrative.Highlights(
            partner=self.partner,
            year=self.year,
            first_year=int(exports.index.min()) if len(exports) else None,
            exports=self.value("export", self.year),
            exports_prev=self.value("export", self.year - 1),
            imports=self.value("import", self.year),
            imports_prev=self.value("import", self.year - 1),
            exports_record_high=metrics.is_record_high(exports, self.year),
            canada_share_pct=float(quebec["share_pct"].iloc[0]) if len(quebec) else None,
            canada_rank=int(quebec["rank"].iloc[0]) if len(quebec) else None,
            top_section_code=top_code,
            top_section_share_pct=top_share,
            partner_rank=int(mine["rank"].iloc[0]) if len(mine := ranking[ranking["partner_code"].eq(self.partner.code)]) else None,
            partner_share_pct=float(mine["share_pct"].iloc[0]) if len(mine) else None,
        )

    # --- report sections ----------------------------------------------------------------------------------------

    def _t(self, key: str, /, **values: object) -> str:
        return t(self.lang, key, **values)

    def _money(self, value: float, style: str = "short") -> str:
        return fmt.money(value, self.lang, style=style)

    @property
    def _value_format(self) -> str:
        return ",.1f"

    def billions_cell(self, value: float, digits: int = 1) -> str:
        """Table cells: billions with a fixed number of decimals, so columns line up; the unit is in the header."""
        return fmt.number(value / BILLION, self.lang, digits)

    def in_billions_header(self, header: str) -> str:
        return f"{header} ({self._t('billions')})"

    def _period(self, first: int, last: int) -> str:
        return str(first) if first == last else self._t("period_range", first=first, last=last)

    def _phrase(self, role: str) -> str:
        return narrative.partner_phrase(self.partner, self.lang, role)

    def _labelled(self, label: str, text: str) -> str:
        return f"{label}{self._t('colon')}{text}"

    def _cited(self, figures: pd.DataFrame) -> list[tuple[str, str]]:
        """Each published figure as `year, flow: value` beside the address that publishes it."""
        return [(self._labelled(f"{r.ref_year}, {self._t('flow_' + r.flow).lower()}", self._money(r.value_cad)),
                 r.source_url) for r in figures.sort_values(["ref_year", "flow"]).itertuples()]

    def header(self) -> Section:
        vintages = "; ".join(s.vintage for s in self.data.sources)
        data_line = self._t("data_official", vintage=vintages) if self.data.kind == "official" else self._t("data_embedded")
        params = self._t("parameters", partner=self.partner.name(self.lang), code=self.partner.code,
                         year=self.year if self.year is not None else "–", lang=self.lang)
        title = self._t("partner_title", partner=self.partner.name_with_article(self.lang))
        page = PageInfo(kind="partner", lang=self.lang, title=title,
                        subject=f"{self.partner.code} · {self.partner.name_en} · {self.partner.name_fr}")
        return Section(title, [page, Note(params, "params"), Note(data_line, "data")], level=1)

    def summary(self) -> Section:
        if self.year is None:
            return Section(self._t("summary"), [Note(self._t("no_data", partner=self.partner.name(self.lang)))])
        return Section(self._t("summary"), [narrative.summary(self.highlights(), self.lang)])

    def _measure_labels(self) -> dict[str, str]:
        return {flow: self._t(f"flow_{flow}") for flow in ("export", "import", "balance")}

    def us_state(self) -> Section | None:
        """For a US state: its trade with Québec from BTS (US dollars), its rank among states, a map; else nothing."""
        if self.partner.kind not in ("us_state", "us_territory"):
            return None
        section = Section(self._t("us_state_trade"))
        trade = us_states.quebec_state_trade()
        if trade is None:
            section.blocks.append(Note(self._t("region_no_states")))
            return section
        by_state = trade.by_state
        mine = by_state.reindex([self.partner.code]).fillna(0.0).iloc[0]
        ranks = metrics.rank_descending(by_state["export"])
        money = lambda value: fmt.money(value, self.lang, currency="USD")  # noqa: E731
        section.blocks.append(Note(self._t("region_period", months=", ".join(trade.months), count=len(trade.months)),
                                   "data"))
        section.blocks.append(self._t("us_state_summary", exports=money(mine["export"]), imports=money(mine["import"]),
                                      state=self.partner.name_with_article(self.lang)))
        if self.partner.code in ranks.index:
            section.blocks.append(self._t("us_state_rank", of=self._phrase("of"),
                                          rank=fmt.ordinal(int(ranks[self.partner.code]), self.lang),
                                          share=fmt.percent(mine["export"] / trade.exports_to_all_states * 100.0,
                                                            self.lang)))
        frame = pd.DataFrame({"state": [self.partner.name_en], "label": [self.partner.name(self.lang)],
                              "highlight": [self.partner.name(self.lang)]})
        chart = charts.choropleth(maps.named_data("us_states"), frame, "state", "properties.name", "highlight",
                                  self.partner.name(self.lang), self._t("country"), "label", "albersUsa")
        section.blocks.append(Figure("state-map", chart, self._t("chart_state_map_alt",
                                                                  state=self.partner.name(self.lang)),
                                     frame.drop(columns="state"), ("us_states",)))
        section.blocks.extend(Note(self._t(f"caveat_{c}"), "caveat") for c in ("us_records", "usd", "state_of_destination"))
        return section

    def trend(self) -> Section:
        flows = self.flows
        section = Section(self._t("trend"))
        if flows.empty:
            section.blocks.append(Note(self._t("no_data", partner=self.partner.name(self.lang))))
            return section
        labels = self._measure_labels()
        frame = charts.trend_frame(flows, labels)
        first, last = int(flows.index.min()), int(flows.index.max())
        chart = charts.trend(frame, self._t("trend"), self._t("value_billions"), self._t("year"), self._value_format)
        section.blocks.append(Figure("trend", chart, self._t("chart_trend_alt", to=self._phrase("to"),
                                                              from_=self._phrase("from"), period=self._period(first, last)), frame))
        rows = [[str(year)] + [self.billions_cell(flows.at[year, f]) for f in ("export", "import", "balance")]
                for year in flows.index]
        section.blocks.append(Table([self._t("year"), *map(self.in_billions_header, labels.values())], rows,
                                    [False, True, True, True]))
        if self.year is not None and self.year not in flows.index:
            section.blocks.append(Note(self._t("missing_year", year=self.year, what=self._t("what_trade"))))
        return section

    def growth(self) -> Section:
        section = Section(self._t("growth"))
        flows = self.flows
        growth = pd.DataFrame({f: metrics.yoy_growth_pct(flows[f].dropna()) for f in ("export", "import")}
                              ) if not flows.empty else pd.DataFrame()
        growth = growth.dropna(how="all")
        if growth.empty:
            section.blocks.append(Note(self._t("missing_section", why=self._t("why_no_growth"))))
            return section
        labels = self._measure_labels()
        long = growth.rename_axis("ref_year").reset_index().melt(id_vars="ref_year", var_name="flow",
                                                                 value_name="growth_pct").dropna()
        long = long.assign(measure=long["flow"].map(labels))
        first, last = int(long["ref_year"].min()), int(long["ref_year"].max())
        frame = long[["ref_year", "measure", "growth_pct"]]
        chart = charts.growth(frame, self._t("growth"), self._t("growth_axis"), self._t("year"))
        section.blocks.append(Figure("growth", chart, self._t("chart_growth_alt", period=self._period(first, last)), frame))
        rows = [[str(year)] + [fmt.percent(growth.at[year, f], self.lang, signed=True) for f in ("export", "import")]
                for year in growth.index]
        section.blocks.append(Table([self._t("year"), labels["export"], labels["import"]], rows, [False, True, True]))
        if self.year is not None:
            windows = [(n, metrics.cagr_over(flows["export"].dropna(), self.year, n)) for n in (5, 10)]
            shown = [self._t("cagr_window", years=n, first=self.year - n, last=self.year,
                             pct=fmt.percent(value, self.lang, signed=True)) for n, value in windows if not math.isnan(value)]
            if shown:
                section.blocks.append(self._t("cagr_line", windows=" ; ".join(shown) if self.lang == "fr" else "; ".join(shown)))
        return section

    def product_mix(self) -> Section:
        section = Section(self._t("mix"))
        mix = self.exports_by_section
        if self.year is None or not (mix["ref_year"] == self.year).any():
            section.blocks.append(Note(self._t("missing_section", why=self._t("why_no_sections"))))
            return section
        change = metrics.mix_change(mix, self.year)
        names = {code: reference.section_name(code, self.lang) for code in change.index}
        periods = [y for y in (self.year - 1, self.year) if (mix["ref_year"] == y).any()]
        bars = mix[mix["ref_year"].isin(periods)]
        bars = pd.DataFrame({"section": bars["product_section_code"].map(names), "period": bars["ref_year"].astype(str),
                             "value_bn": bars["value_cad"] / BILLION})
        chart = charts.section_bars(bars, self._t("mix"), self._t("value_billions"), self._value_format)
        section.blocks.append(Figure("mix", chart, self._t("chart_mix_alt", year=self.year, prev=self.year - 1), bars))
        rows = [[names[code], self.billions_cell(r.value), fmt.percent(r.share_pct, self.lang),
                 fmt.points(r.share_pct - r.share_prev_pct, self.lang), self.billions_cell(r.change, digits=2),
                 fmt.percent(r.growth_pct, self.lang, signed=True)]
                for code, r in change.iterrows()]
        since = self._t("change_vs", year=self.year - 1)
        columns = [self._t("section"), self.in_billions_header(self._t("value_in", year=self.year)), self._t("share"),
                   self._labelled(self._t("share"), since), self.in_billions_header(since), "%"]
        section.blocks.append(Table(columns, rows, [False, True, True, True, True, True]))
        section.blocks.extend(self._drivers(change, names))
        return section

    def _drivers(self, change: pd.DataFrame, names: dict[str, str]) -> list[str]:
        """The sections that moved exports most since the year before, up and down."""
        moved = change.dropna(subset=["change"]).sort_values("change")
        lines = []
        up = moved[moved["change"] > 0].tail(2).iloc[::-1]
        down = moved[moved["change"] < 0].head(2)
        describe = lambda rows: ", ".join(  # noqa: E731
            f"{names[code]} ({fmt.money(value, self.lang, style='short') if value < 0 else '+' + fmt.money(value, self.lang, style='short')})"
            for code, value in rows["change"].items())
        if len(up):
            lines.append(self._t("drivers_up", prev=self.year - 1, items=describe(up)))
        if len(down):
            lines.append(self._t("drivers_down", items=describe(down)))
        return lines

    def canada_share(self) -> Section:
        section = Section(self._t("canada"))
        shares = self.canada_shares()
        if shares.empty:
            section.blocks.append(Note(self._t("missing_section", why=self._t("why_no_provinces"))))
            return section
        names = {code: reference.province_name(code, self.lang) for code in shares["reporter_code"]}
        frame = pd.DataFrame({"province": shares["reporter_code"].map(names), "share_pct": shares["share_pct"]})
        chart = charts.province_shares(frame, self._t("canada"), self._t("share_axis"), names[QUEBEC])
        section.blocks.append(Figure("canada", chart, self._t("chart_canada_alt", to=self._phrase("to"), year=self.year),
                                     frame))
        imports = self.canada_shares("import").set_index("reporter_code")
        rows = [[fmt.ordinal(int(r.rank), self.lang), names[r.reporter_code], self.billions_cell(r.value_cad),
                 fmt.percent(r.share_pct, self.lang), self.billions_cell(imports["value_cad"].get(r.reporter_code, math.nan)),
                 fmt.percent(imports["share_pct"].get(r.reporter_code, math.nan), self.lang)]
                for r in shares.itertuples()]
        columns = ["#", self._t("province"), self.in_billions_header(self._t("flow_export")), self._t("share"),
                   self.in_billions_header(self._t("flow_import")), self._t("share")]
        section.blocks.append(Table(columns, rows, [True, False, True, True, True, True]))
        section.blocks.append(Note(self._t("caveat_imports_clearance"), "caveat"))
        section.blocks.append(Note(self._t("method_canada"), "method"))
        return section

    def sources(self) -> Section:
        section = Section(self._t("sources"))
        section.blocks.append(Note(self._t("relations_sources_note"), "method"))
        for source in self.data.sources:
            section.blocks.append(narrative.source_sentence(source, self.lang))
            section.blocks.extend(Note(self._t(f"caveat_{c}"), "caveat") for c in source.caveats)
        used = self._rows[self._rows["figure_id"].notna()]
        others = self.data.other_published
        for intro, figures in (("figures_used", used), ("other_published", others[others["partner_code"].eq(self.partner.code)])):
            if len(figures):
                section.blocks.append(Links(self._t(intro), self._cited(figures)))
        section.blocks.append(Note(self._t("generated_from"), "method"))
        return section
