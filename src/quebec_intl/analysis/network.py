"""Québec's network abroad as the curated facts record it: offices, agreements, organisations, events, groupings,
for the whole world or sliced for one partner, computed once."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pycountry

from ..data import pipeline, regions
from ..data.partners import Partner

OFFICE_RANK = ["general_delegation", "delegation", "office", "trade_office", "antenna", "other"]
FRANCOPHONIE_BODIES = ["oif", "acct", "sommet_francophonie", "confemen", "confejes"]
# A grouping's own bodies: its page and note show their events wherever they were held (a SEUS-CP conference in
# Saint John), and no other event held in a member's territory (no SEUS-CP conference on the Francophonie's page).
REGION_BODIES = {
    "seus_cp": ["seus_cp"],
    "neg_ecp": ["neg_ecp"],
    "gsgp": ["gsgp", "glc", "cglg"],
    "oif": FRANCOPHONIE_BODIES,
}
QUEBEC_MEMBER = "CA-QC"  # Québec as a member of a grouping (its ISO 3166-2 code), not as a trade reporter (QC)
SOURCES = (
    "curated_offices",
    "curated_agreements",
    "curated_agreement_counts",
    "curated_organisations",
    "curated_events",
)  # the registered sources the network is built from


@dataclass(frozen=True)
class Network:
    partner: Partner | None  # None: the whole network, or a region's
    region: regions.Region | None  # the region whose countries the network is sliced for
    offices: pd.DataFrame  # in or covering the partner; every office without one
    open_offices_everywhere: pd.DataFrame
    agreements: pd.DataFrame  # with the partner (its country or its own sub-national governments); all without one
    counts: pd.DataFrame
    francophonie_bodies: pd.DataFrame
    events: pd.DataFrame  # held in the partner (a US state: in one of its cities); all without one
    all_events: pd.DataFrame
    memberships: pd.DataFrame  # every region's members, with their status
    seus_cp_members: list[str]

    def official_total(self) -> tuple[int, int, str] | None:
        """The ministry's latest published count of agreements signed: (count, year, address of its register)."""
        signed = self.counts[self.counts["metric"].eq("signed_total")]
        if signed.empty:
            return None
        latest = signed[signed["ref_year"].eq(signed["ref_year"].max())].sort_values("count").iloc[-1]
        return int(latest["count"]), int(latest["ref_year"]), str(latest["source_url"])

    def agreements_by_decade(self) -> pd.DataFrame:
        """The dated agreements counted by the decade of their signature and their domain: decade (1970...), domain,
        count; earliest decade first."""
        dated = self.agreements.dropna(subset=["signed_year"])
        decades = (dated["signed_year"] // 10 * 10).astype(int).rename("decade")
        return dated.groupby([decades, dated["domain"]]).size().reset_index(name="count")

    def counts_disagreeing(self) -> list[tuple[int, list[int]]]:
        """Each year whose published counts of agreements signed differ, with its counts, largest first."""
        signed = self.counts[self.counts["metric"].eq("signed_total")]
        found = [(int(year), sorted(rows["count"].unique(), reverse=True)) for year, rows in signed.groupby("ref_year")]
        return [(year, values) for year, values in found if len(values) > 1]

    def oif_status(self) -> str | None:
        """The partner's status in the OIF, None when it has none."""
        table = self.memberships
        status = table[table["region_id"].eq("oif") & table["member_code"].eq(self.partner.code)]["status"]
        return status.iloc[0] if len(status) else None

    def shared_groupings(self) -> list[tuple[regions.Region, str]]:
        """The groupings with both Québec and the partner as members, each with the partner's status."""
        table = self.memberships
        quebec = set(table.loc[table["member_code"].eq(QUEBEC_MEMBER), "region_id"])
        mine = table[table["member_code"].eq(self.partner.code) & table["region_id"].isin(quebec)]
        return [(regions.regions()[region_id], status) for region_id, status in zip(mine["region_id"], mine["status"])]


def _partner_offices(offices: pd.DataFrame, territories: pd.DataFrame, code: str) -> pd.DataFrame:
    """Offices in the partner (its country or state) or whose territory covers it."""
    covering = set(territories.loc[territories["partner_code"].eq(code), "office_id"])
    located = offices["country_code"].eq(code) | offices["us_state_code"].eq(code)
    return offices[located | offices["office_id"].isin(covering)]


def _office_codes(partner: Partner) -> list[str]:
    """Where the offices serving a partner are found: itself, and for a federated government (Flanders, Bavaria)
    its country, whose offices serve it."""
    if partner.kind != "subnational_government":
        return [partner.code]
    country = pycountry.countries.get(alpha_2=partner.code.split("-")[0])
    return [partner.code, country.alpha_3] if country else [partner.code]


def _events_of(events: pd.DataFrame, codes: list[str], region: regions.Region | None) -> pd.DataFrame:
    """A grouping's own events wherever they were held; else those held in the partner or the region's members."""
    if region is not None and region.id in REGION_BODIES:
        return events[events["org_id"].isin(REGION_BODIES[region.id])]
    return events[events["country_code"].isin(codes) | events["us_state_code"].isin(codes)]


def network(partner: Partner | None, region: regions.Region | None = None) -> Network:
    """The network for one partner, for the members of a region (its countries and US states), or (neither) the
    whole network."""
    offices, events, agreements = pipeline.load("offices"), pipeline.load("events"), pipeline.load("agreements")
    organisations = pipeline.load("organisations")
    codes = [partner.code] if partner is not None else regions.member_partners(region.id) if region else None
    if codes is not None:
        territories = pipeline.load("office_territories")
        office_codes = _office_codes(partner) if partner is not None else codes
        mine_offices = pd.concat(
            [_partner_offices(offices, territories, code) for code in office_codes]
        ).drop_duplicates("office_id")
        agreements = agreements[agreements["country_code"].isin(codes) | agreements["counterpart_code"].isin(codes)]
        mine_events = _events_of(events, codes, region)
    else:
        mine_offices, mine_events = offices, events
    shown = mine_offices if region is not None else offices
    return Network(
        partner=partner,
        region=region,
        offices=mine_offices,
        open_offices_everywhere=shown[shown["is_open"]],
        agreements=agreements,
        counts=pipeline.load("agreement_counts"),
        francophonie_bodies=organisations[organisations["org_id"].isin(FRANCOPHONIE_BODIES)],
        events=mine_events,
        all_events=events,
        memberships=regions.membership(),
        seus_cp_members=regions.members("seus_cp"),
    )
