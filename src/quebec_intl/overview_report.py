"""The overview: Québec's international trade as a whole in a year. Its trend, growth, product mix and place among
provinces are the partner profile of all countries (WLD); what needs every partner (leading partners, shares by
region, concentration, the map of destinations) is computed only from data that covers them all."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import charts, maps, metrics, partners, regions
from . import formatting as fmt
from .display import Figure, Note, PageInfo, Section, Table
from .i18n import t
from .partner_profile import PartnerProfile
from .relations_report import RelationsReport

WORLD = "WLD"
TOP = 10
# (label key, how the members are found): the regions the issue names, in that order.
REGIONS = [("region_united_states", lambda: ["USA"]), ("europe", lambda: regions.members("europe")),
           ("asia", lambda: regions.members("asia")),
           ("latin_america_caribbean", lambda: regions.members("latin_america_caribbean")),
           ("africa", lambda: regions.members("africa")),
           ("region_oif_members", lambda: [c for c in regions.members("oif") if len(c) == 3])]


@dataclass
class OverviewReport:
    world: PartnerProfile
    lang: str

    @classmethod
    def build(cls, year: int | None = None, lang: str = "fr") -> OverviewReport:
        return cls(PartnerProfile.build(WORLD, year, lang), lang)

    @property
    def year(self) -> int | None:
        return self.world.year

    def _t(self, key: str, /, **values: object) -> str:
        return t(self.lang, key, **values)

    def _missing(self, heading: str) -> Section:
        return Section(heading, [Note(self._t("missing_section", why=self._t("why_no_rank")))])

    def exports_by_country(self, year: int) -> pd.Series:
        """Québec's exports to each country in `year`, from data covering every partner; empty otherwise."""
        if not self.world.data.covers_all_partners:
            return pd.Series(dtype=float)
        annual = self.world.data.annual
        rows = annual[annual["reporter_code"].eq("QC") & annual["flow"].eq("export")
                      & annual["product_section_code"].eq("total") & annual["ref_year"].eq(year)]
        kinds = {code: p.kind for code, p in partners.all_partners().items()}
        rows = rows[rows["partner_code"].map(kinds).eq("country")].dropna(subset=["value_cad"])
        return rows.set_index("partner_code")["value_cad"].sort_values(ascending=False)

    # --- sections -----------------------------------------------------------------------------------------------

    def header(self) -> Section:
        title = self._t("overview_title", year=self.year) if self.year else self._t("overview_title_no_year")
        subject = f"QC · {t('en', 'overview_subject')} · {t('fr', 'overview_subject')}"
        data_line = self.world.header().blocks[-1]
        params = Note(self._t("overview_parameters", year=self.year if self.year else "–", lang=self.lang), "params")
        return Section(title, [PageInfo(kind="overview", lang=self.lang, title=title, subject=subject), params,
                               data_line], level=1)

    def summary(self) -> Section:
        section = self.world.summary()
        if self.year is None:
            return section
        exports = self.exports_by_country(self.year)
        if len(exports):
            top = partners.all_partners()[exports.index[0]]
            world = self.world.value("export", self.year)
            section.blocks.append(self._t("top_partner_sentence", partner=top.name_with_article(self.lang),
                                          share=fmt.percent(exports.iloc[0] / world * 100.0, self.lang)))
            section.blocks.append(self._hhi_sentence())
        return section

    def _hhi_sentence(self) -> str:
        now = metrics.herfindahl(self.exports_by_country(self.year))
        before = metrics.herfindahl(self.exports_by_country(self.year - 5))
        change = "" if math.isnan(before) else self._t("hhi_change", value=fmt.number(before, self.lang),
                                                      year=self.year - 5)
        return self._t("hhi_sentence", value=fmt.number(now, self.lang), year=self.year, change=change)

    def trend(self) -> Section:
        return self.world.trend()

    def growth(self) -> Section:
        return self.world.growth()

    def product_mix(self) -> Section:
        return self.world.product_mix()

    def canada_share(self) -> Section:
        return self.world.canada_share()

    def top_partners(self) -> Section:
        heading = self._t("top_partners")
        exports = self.exports_by_country(self.year) if self.year else pd.Series(dtype=float)
        if exports.empty:
            return self._missing(heading)
        previous = self.exports_by_country(self.year - 1)
        previous_rank = metrics.rank_descending(previous) if len(previous) else pd.Series(dtype=int)
        names = {code: partners.all_partners()[code].name(self.lang) for code in exports.index}
        world = self.world.value("export", self.year)
        top = exports.head(TOP)
        frame = pd.DataFrame({"member": [names[c] for c in top.index], "share_pct": (top / world * 100.0).to_numpy()})
        section = Section(heading, [Figure("top-partners", charts.member_weights(frame, heading, self._t("share")),
                                           self._t("chart_top_partners_alt", year=self.year), frame)])
        rows = [[fmt.ordinal(rank, self.lang), names[code], self.world.billions_cell(value),
                 fmt.percent(value / world * 100.0, self.lang),
                 fmt.ordinal(int(previous_rank[code]), self.lang) if code in previous_rank.index else "–"]
                for rank, (code, value) in enumerate(top.items(), start=1)]
        section.blocks.append(Table([self._t("rank"), self._t("country"), self.world.in_billions_header(self._t("flow_export")),
                                     self._t("share"), self._t("rank_change", year=self.year - 1)], rows,
                                    [True, False, True, True, True]))
        return section

    def region_shares(self) -> Section:
        heading = self._t("region_shares")
        exports = self.exports_by_country(self.year) if self.year else pd.Series(dtype=float)
        if exports.empty:
            return self._missing(heading)
        world = self.world.value("export", self.year)
        labels = [self._t(key) if key.startswith("region_") else regions.regions()[key].name(self.lang) for key, _ in REGIONS]
        shares = [exports.reindex(members()).sum() / world * 100.0 for _, members in REGIONS]
        frame = pd.DataFrame({"member": labels, "share_pct": shares})
        rows = [[label, fmt.percent(share, self.lang)] for label, share in zip(labels, shares)]
        return Section(heading, [Figure("region-shares", charts.member_weights(frame, heading, self._t("share")),
                                        self._t("chart_regions_alt", year=self.year), frame),
                                 Table([self._t("region"), self._t("share")], rows, [False, True]),
                                 Note(self._t("regions_note"), "method")])

    def concentration(self) -> Section:
        heading = self._t("concentration")
        if not self.world.data.covers_all_partners:
            return self._missing(heading)
        years = sorted(set(self.world.data.annual["ref_year"]))
        frame = pd.DataFrame({"ref_year": years, "measure": self._t("hhi"),
                              "value_bn": [metrics.herfindahl(self.exports_by_country(y)) for y in years]}).dropna()
        chart = charts.trend(frame, heading, self._t("hhi"), self._t("year"), ",.0f")
        return Section(heading, [self._hhi_sentence(), Figure("concentration", chart, self._t("chart_hhi_alt"), frame),
                                 Note(self._t("hhi_note"), "method")])

    def destinations_map(self) -> Section:
        heading = self._t("destinations_map")
        exports = self.exports_by_country(self.year) if self.year else pd.Series(dtype=float)
        if exports.empty:
            return self._missing(heading)
        frame = pd.DataFrame({"id": [maps.iso_numeric(c) for c in exports.index],
                              "country": [partners.all_partners()[c].name(self.lang) for c in exports.index],
                              "exports_musd": (exports / 1e6).round(1).to_numpy()}).dropna(subset=["id"])
        chart = charts.choropleth(maps.named_data("world"), frame, "id", "id", "exports_musd", heading,
                                  self._t("exports_millions"), "country", "equalEarth", color_type="Q",
                                  value_format=",.1f")
        return Section(heading, [Figure("destinations", chart, self._t("chart_destinations_alt", year=self.year),
                                        frame.drop(columns="id"), ("world",))])

    def offices_map(self) -> Section:
        relations = RelationsReport.build(None, self.lang)
        open_offices = relations.offices[relations.offices["is_open"]]
        return Section(self._t("offices_network"), [relations.office_map(open_offices)])

    def sources(self) -> Section:
        return self.world.sources()
