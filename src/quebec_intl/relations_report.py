"""The relations report: Québec's offices abroad, agreements, and its place in the Francophonie and in SEUS-CP,
for the whole world or one partner. It stands on the curated, cited facts only; every row links to its page."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import charts, maps, narrative, partners, pipeline, regions, sources
from . import formatting as fmt
from .display import Figure, Link, Links, Note, PageInfo, Section, Table
from .i18n import t, t_count

OFFICE_RANK = ["general_delegation", "delegation", "office", "trade_office", "antenna", "other"]
FRANCOPHONIE_BODIES = ["oif", "acct", "sommet_francophonie", "confemen", "confejes"]
RELATIONS_SOURCES = ["curated_offices", "curated_agreements", "curated_agreement_counts", "curated_organisations",
                     "curated_events"]


@dataclass
class RelationsReport:
    lang: str
    partner: partners.Partner | None
    offices: pd.DataFrame
    territories: pd.DataFrame
    agreements: pd.DataFrame
    counts: pd.DataFrame
    organisations: pd.DataFrame
    events: pd.DataFrame

    @classmethod
    def build(cls, partner: str | None = None, lang: str = "fr") -> RelationsReport:
        fmt.locale(lang)
        resolved = partners.resolve(partner) if partner else None
        tables = {name: pipeline.load(name) for name in
                  ("offices", "office_territories", "agreements", "agreement_counts", "organisations", "events")}
        return cls(lang, resolved, tables["offices"], tables["office_territories"], tables["agreements"],
                   tables["agreement_counts"], tables["organisations"], tables["events"])

    # --- helpers ------------------------------------------------------------------------------------------------

    def _t(self, key: str, /, **values: object) -> str:
        return t(self.lang, key, **values)

    def _name(self, code: str | None) -> str:
        return partners.display_name(code, self.lang)

    def _phrase(self, role: str) -> str:
        return narrative.partner_phrase(self.partner, self.lang, role)

    def _subject(self) -> str:
        """The partner as a sentence's subject: La Géorgie, The United States."""
        return narrative.capitalized(self.partner.name_with_article(self.lang))

    def _source(self, url: str) -> Link:
        return Link(self._t("source_link"), url)

    # --- data slices --------------------------------------------------------------------------------------------

    def partner_offices(self) -> pd.DataFrame:
        """Offices in the partner (its country or state) or whose territory covers it; all offices without one."""
        if self.partner is None:
            return self.offices
        code = self.partner.code
        covering = set(self.territories.loc[self.territories["partner_code"].eq(code), "office_id"])
        located = self.offices["country_code"].eq(code) | self.offices["us_state_code"].eq(code)
        return self.offices[located | self.offices["office_id"].isin(covering)]

    def partner_agreements(self) -> pd.DataFrame:
        if self.partner is None:
            return self.agreements
        code = self.partner.code
        return self.agreements[self.agreements["country_code"].eq(code) | self.agreements["counterpart_code"].eq(code)]

    # --- sections -----------------------------------------------------------------------------------------------

    def header(self) -> Section:
        if self.partner:
            title = self._t("relations_partner_title", partner=self.partner.name_with_article(self.lang))
            subject = f"{self.partner.code} · {self.partner.name_en} · {self.partner.name_fr}"
        else:
            title, subject = self._t("relations_title"), f"QC · {t('en', 'relations_subject')} · {t('fr', 'relations_subject')}"
        who = f"{self.partner.name(self.lang)} ({self.partner.code})" if self.partner else self._t("whole_network")
        params = Note(self._t("relations_parameters", partner=who, lang=self.lang), "params")
        return Section(title, [PageInfo(kind="relations", lang=self.lang, title=title, subject=subject), params], level=1)

    def offices_section(self) -> Section:
        section = Section(self._t("offices"))
        offices = self.partner_offices()
        open_offices = offices[offices["is_open"]]
        if self.partner is not None:
            section.blocks.append(t_count(self.lang, "offices_partner_summary", len(offices), of=self._phrase("of"))
                                  if len(offices) else self._t("no_offices_partner", of=self._phrase("of")))
        else:
            by_type = open_offices["office_type"].value_counts()
            types = ", ".join(f"{self._t('office_type_' + k).lower()}{self._t('colon')}{by_type[k]}"
                              for k in OFFICE_RANK if k in by_type)
            section.blocks.append(self._t("offices_summary", open=len(open_offices),
                                          countries=open_offices["country_code"].nunique(), types=types))
            dated = open_offices.dropna(subset=["opened_year"]).sort_values("opened_year")
            if len(dated):
                oldest = dated.iloc[0]
                section.blocks.append(self._t("oldest_open", city=oldest["city"], year=int(oldest["opened_year"])))
        if offices.empty:
            return section
        dated = offices.dropna(subset=["opened_year"])
        if len(dated):
            frame = pd.DataFrame({
                "office": dated["name_fr"] if self.lang == "fr" else dated["name_en"],
                "opened": dated["opened_year"].astype(int),
                "type": dated["office_type"].map(lambda k: self._t("office_type_" + k)),
            })
            order = [self._t("office_type_" + k) for k in OFFICE_RANK]
            chart = charts.timeline(frame, "opened", "office", "type", self._t("offices"), self._t("openings_axis"), order)
            section.blocks.append(Figure("offices-timeline", chart, self._t("chart_offices_alt"), frame))
        if self.partner is None and len(open_offices):
            section.blocks.append(self.office_map(open_offices))
        section.blocks.append(self._offices_table(offices))
        return section

    def office_map(self, open_offices: pd.DataFrame) -> Figure:
        """Countries with an open office, by the highest type there."""
        rank = {k: i for i, k in enumerate(OFFICE_RANK)}
        best = (open_offices.assign(rank=open_offices["office_type"].map(rank)).sort_values("rank")
                .drop_duplicates("country_code"))
        frame = pd.DataFrame({
            "id": best["country_code"].map(maps.iso_numeric),
            "country": best["country_code"].map(self._name),
            "type": best["office_type"].map(lambda k: self._t("office_type_" + k)),
        }).dropna(subset=["id"])
        chart = charts.choropleth(maps.named_data("world"), frame, "id", "id", "type",
                                  self._t("map_offices"), self._t("office_type"), "country", "equalEarth",
                                  order=[self._t("office_type_" + k) for k in OFFICE_RANK])
        return Figure("offices-map", chart, self._t("chart_offices_map_alt"), frame.drop(columns="id"), ("world",))

    def _offices_table(self, offices: pd.DataFrame) -> Table:
        def status(row) -> str:
            if row.is_open:
                return self._t("open_now")
            if pd.notna(row.closed_year):
                return self._t("closed_in", year=int(row.closed_year))
            return self._t("historic")

        ordered = offices.sort_values(["is_open", "opened_year"], ascending=[False, True], na_position="last")
        rows = [[row.name_fr if self.lang == "fr" else row.name_en, self._t("office_type_" + row.office_type),
                 row.city, self._name(row.us_state_code if isinstance(row.us_state_code, str) else row.country_code),
                 str(int(row.opened_year)) if pd.notna(row.opened_year) else "–", status(row), self._source(row.source_url)]
                for row in ordered.itertuples()]
        return Table([self._t("office_name"), self._t("office_type"), self._t("city"), self._t("country"),
                      self._t("opened"), self._t("status"), self._t("source_column")], rows)

    def agreements_section(self) -> Section:
        section = Section(self._t("agreements"))
        chosen = self.partner_agreements()
        if self.partner is not None:
            section.blocks.append(t_count(self.lang, "agreements_partner_summary", len(chosen), with_=self._phrase("with"))
                                  if len(chosen) else self._t("no_agreements_partner", with_=self._phrase("with")))
        elif len(chosen):
            years = chosen["signed_year"].dropna()
            section.blocks.append(self._t("agreements_summary", count=len(chosen), first=int(years.min()),
                                          last=int(years.max())))
        dated = chosen.dropna(subset=["signed_year"])
        if len(dated) >= 2:
            frame = (dated.assign(decade=(dated["signed_year"] // 10 * 10).astype(int).astype(str) + "s",
                                  domain=dated["domain"].map(lambda k: self._t("domain_" + k)))
                     .groupby(["decade", "domain"], as_index=False).size().rename(columns={"size": "count"}))
            chart = charts.stacked_counts(frame, "decade", "count", "domain", self._t("agreements"),
                                          self._t("decade"), self._t("count_axis"))
            section.blocks.append(Figure("agreements", chart, self._t("chart_agreements_alt"), frame))
        if len(chosen):
            ordered = chosen.sort_values("signed_year", na_position="last")
            rows = [[row.signed_date if isinstance(row.signed_date, str) else "–", self._name(row.country_code),
                     self._t("domain_" + row.domain), self._t("in_force_" + row.in_force), row.title_en,
                     self._source(row.source_url)] for row in ordered.itertuples()]
            section.blocks.append(Table([self._t("signed"), self._t("counterpart"), self._t("domain"),
                                         self._t("in_force"), self._t("title_en"), self._t("source_column")], rows))
            section.blocks.append(Note(self._t("agreements_note"), "method"))
        if self.partner is None and len(self.counts):
            section.blocks.append(Links(self._t("published_counts"), [
                (f"{row.ref_year}{self._t('colon')}{fmt.number(row.count, self.lang)} {self._metric(row.metric)}",
                 row.source_url) for row in self.counts.sort_values(["ref_year", "metric"]).itertuples()]))
        return section

    def _metric(self, metric: str) -> str:
        if metric.startswith("in_force_with_"):
            return self._t("metric_in_force_with", partner=self._name(metric.removeprefix("in_force_with_")))
        return self._t("metric_" + metric)

    def francophonie_section(self) -> Section:
        section = Section(self._t("francophonie"))
        if self.partner is not None:
            table = regions.membership()
            status = table[table["region_id"].eq("oif") & table["member_code"].eq(self.partner.code)]["status"]
            section.blocks.append(self._t("oif_status", of=self._phrase("of"), status=self._t("status_" + status.iloc[0]))
                                  if len(status) else self._t("not_oif", partner=self._subject()))
        bodies = self.organisations[self.organisations["org_id"].isin(FRANCOPHONIE_BODIES)]
        rows = [[row.name_fr if self.lang == "fr" else row.name_en, self._t("status_" + row.quebec_status),
                 str(int(row.since_year)) if pd.notna(row.since_year) else "–", self._source(row.source_url)]
                for row in bodies.itertuples()]
        section.blocks.append(Table([self._t("organisation"), self._t("quebec_status"), self._t("since"),
                                     self._t("source_column")], rows))
        summits = self.events[self.events["org_id"].eq("sommet_francophonie") & self.events["event_type"].eq("summit")]
        if self.partner is not None:
            summits = summits[summits["country_code"].eq(self.partner.code)]
        if len(summits):
            rows = [[str(row.ref_year), row.city, self._name(row.country_code), self._source(row.source_url)]
                    for row in summits.sort_values("date_start").itertuples()]
            section.blocks.append(Table([self._t("summit_year"), self._t("city"), self._t("country"),
                                         self._t("source_column")], rows))
        return section

    def seus_cp_section(self) -> Section:
        section = Section(self._t("seus_cp"))
        members = regions.members("seus_cp")
        if self.partner is not None and self.partner.code not in members:
            section.blocks.append(Note(self._t("not_member_seus", partner=self._subject()), "method"))
            return section
        names = ", ".join(sorted(self._name(code) for code in members))
        section.blocks.append(f"{self._t('members')}{self._t('colon')}{names}.")
        conferences = self.events[self.events["org_id"].eq("seus_cp")].sort_values("date_start")
        rows = [[row.date_start, row.city, self._name(row.country_code), self._source(row.source_url)]
                for row in conferences.itertuples()]
        if rows:
            section.blocks.append(Table([self._t("date"), self._t("city"), self._t("country"),
                                         self._t("source_column")], rows))
        return section

    def groupings_line(self) -> str:
        """The alliances and groupings with both Québec and the partner as members, with the partner's status."""
        table = regions.membership()
        quebec = set(table.loc[table["member_code"].eq("CA-QC"), "region_id"])
        mine = table[table["member_code"].eq(self.partner.code) & table["region_id"].isin(quebec)]
        partner = self.partner.name_with_article(self.lang)
        if mine.empty:
            return self._t("no_shared_groupings", of_plain=partner)
        items = ", ".join(f"{regions.regions()[r].name(self.lang)} ({self._t('status_' + s).lower()})"
                          for r, s in zip(mine["region_id"], mine["status"]))
        return self._t("shared_groupings", of_plain=partner, items=items)

    def events_section(self) -> Section:
        """Dated events, on a timeline and in a table; for a partner, those held in it."""
        section = Section(self._t("events"))
        events = self.events
        if self.partner is not None:
            section.blocks.append(self.groupings_line())
            events = events[events["country_code"].eq(self.partner.code)]
            if events.empty:
                section.blocks.append(Note(self._t("no_events_partner", with_=self._phrase("with"))))
                return section
        kinds = [self._t("event_type_" + k) for k in
                 ("summit", "conference", "office_opening", "agreement_signature", "ministerial_mission", "other")]
        frame = pd.DataFrame({"year": events["ref_year"].to_numpy(), "event": events["title_en"].to_numpy(),
                              "kind": events["event_type"].map(lambda k: self._t("event_type_" + k)).to_numpy()})
        chart = charts.event_years(frame, "year", "kind", self._t("events"), self._t("year"), kinds)
        section.blocks.append(Figure("events", chart, self._t("chart_events_alt"), frame))
        rows = [[row.date_start, self._t("event_type_" + row.event_type), row.title_en,
                 row.city if isinstance(row.city, str) else "", self._source(row.source_url)]
                for row in events.sort_values("date_start").itertuples()]
        section.blocks.append(Table([self._t("date"), self._t("office_type"), self._t("event"), self._t("city"),
                                     self._t("source_column")], rows))
        section.blocks.append(Note(self._t("events_note"), "method"))
        return section

    def sources_section(self) -> Section:
        section = Section(self._t("sources"))
        facts = [sources.get(source_id) for source_id in RELATIONS_SOURCES]  # one publisher, one line
        separator = " ; " if self.lang == "fr" else "; "
        titles = separator.join(source.text("title", self.lang) for source in facts)
        section.blocks.append(narrative.source_sentence(facts[0], self.lang, title=titles))
        section.blocks.append(Note(self._t("caveat_cited_facts"), "caveat"))
        section.blocks.append(Note(self._t("relations_sources_note"), "method"))
        return section
