"""What the kinds about one partner or one region share: the years a subject's sources cover, the check that refuses
a page they cannot make, a region's members and trade figures, and the key figures of either. The partner and region
pages, the briefing note and the comparison read their figures through these, so that a figure is the same wherever a
page states it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..analysis import key_figures as key
from ..analysis import narrative
from ..analysis.destinations import CountryGroup, country_group, principal_group
from ..analysis.monthly import PartnerMonthly, partner_monthly
from ..analysis.states import StateProfile, state_profile
from ..analysis.trade import PartnerTrade, partner_trade, years_with_trade
from ..data import partners, regions, trade
from ..errors import QuebecIntlError
from . import years
from .context import ReportContext

AGGREGATED_STATUSES = ("member",)  # a region's trade sums its full members (not observers or associates)


def partner_years(partner: partners.Partner) -> list[int]:
    """The years the partner's trade figures cover: BTS's for a US state, the annual frame's for a country."""
    if partner.is_us_state:
        states = trade.load_states_trade()
        return sorted(states.months_held) if states else []
    return years_with_trade(trade.load(), [partner.code])


def check_partner(partner: str, year: int | None = None) -> partners.Partner:
    """The partner a page can be about, for a year its sources cover; else one line saying what to give."""
    resolved = partners.resolve(partner)
    years.require(year, partner_years(resolved), f"{resolved.name_with_article('en')} ({resolved.code})")
    return resolved


@dataclass(frozen=True)
class PartnerFigures:
    trade: PartnerTrade  # the annual figures, each partner from its best source
    states: StateProfile | None  # a US state: its trade with Québec by year (BTS), when the files are at hand
    monthly: PartnerMonthly | None  # a principal partner's months (table 12-10-0175-01), when at hand


def partner_figures(partner: partners.Partner, year: int | None) -> PartnerFigures:
    states = trade.load_states_trade() if partner.is_us_state else None
    profile = state_profile(states, [partner.code], year) if states else None
    months = trade.load_monthly() if not partner.is_us_state else None
    monthly = partner_monthly(months, partner.code, year) if months else None
    return PartnerFigures(partner_trade(partner, year, trade.load()), profile, monthly)


def region_members(region: regions.Region) -> list[str]:
    return regions.members(region.id, AGGREGATED_STATUSES)


def region_years(region: regions.Region) -> list[int]:
    """The years the members' trade figures cover: BTS's for a region of US states, else the annual frame's."""
    members = region_members(region)
    if any(code.startswith("US-") for code in members):
        states = trade.load_states_trade()
        return sorted(states.months_held) if states else []
    return years_with_trade(trade.load(), members)


def check_region(region: str, year: int | None = None) -> regions.Region:
    """The region a page can be about, for a year its members' sources cover; else one line saying what to give."""
    resolved = regions.resolve(region)
    years.require(year, region_years(resolved), resolved.name_with_article("en"))
    return resolved


def states_profile(codes: list[str], year: int | None) -> StateProfile | None:
    """US states' trade with Québec (BTS TransBorder), when its files are at hand."""
    states = trade.load_states_trade()
    return state_profile(states, codes, year) if states else None


def countries_group(members: list[str], year: int | None) -> CountryGroup | None:
    """A group of countries from the table covering every partner, else the sum of its members among the principal
    partners of the monthly table."""
    dataset, months = trade.load(), trade.load_monthly()
    group = country_group(dataset, members, year)
    if group is None and months is not None:
        group = principal_group(dataset, months, members, year)
    return group


@dataclass(frozen=True)
class SubjectTrade:
    """A partner's or a region's trade as a note or a comparison states it: the year's key figures (None when no
    source at hand has the subject's trade) and exports and imports by whole year, in Canadian dollars, from the
    same source as the figures."""

    figures: key.KeyFigures | None
    flows: pd.DataFrame  # export, import by whole year (Canadian dollars)
    bases: pd.Series | None = None  # a country: the basis of each year's exports (its early years may differ)
    origins: pd.DataFrame | None = None  # a country: where each year's exports and imports come from (sources vary)


NO_FLOWS = pd.DataFrame(columns=["export", "import"])


def subject_trade(
    subject: partners.Partner | regions.Region, year: int | None, top: int = key.TOP_PRODUCTS
) -> SubjectTrade:
    """A US state or a region of states from BTS; a country from its best source; a region of countries from the
    table covering every partner, else the sum of its members among the principal partners."""
    if isinstance(subject, partners.Partner):
        found = partner_figures(subject, year)
        if found.states is not None:
            return SubjectTrade(key.of_states(found.states, top), _states_flows(found.states))
        if found.trade.year is not None:
            t = found.trade
            flows, origins = t.flows[["export", "import"]], t.origins[["export", "import"]]
            return SubjectTrade(key.of_country(t, found.monthly, top), flows, t.bases["export"], origins)
        return SubjectTrade(None, NO_FLOWS)
    members = region_members(subject)
    states = [code for code in members if code.startswith("US-")]
    profile = states_profile(states, year) if states else None
    if profile is not None:
        return SubjectTrade(key.of_states(profile, top), _states_flows(profile))
    countries = countries_group(members, year) if not states else None
    if countries is not None:
        return SubjectTrade(key.of_countries(countries), countries.flows[["export", "import"]])
    return SubjectTrade(None, NO_FLOWS)


def require_whole_year(found: dict[str, SubjectTrade], year: int | None, what: str) -> None:
    """A note or a comparison states a year's figures as the year's: a year some side's source covers only in part
    (BTS's January to September 2020) is refused, naming the sides. `found`: each side's trade of the year, by its
    English name."""
    partial = [name for name, one in found.items() if one.figures is not None and year not in one.flows.index]
    if year is not None and partial:
        raise QuebecIntlError(
            f"{year} is not a whole year in the figures of {', '.join(partial)}: {what} on a year every source "
            "covers in full (leave out --year for the latest one)"
        )


def _states_flows(p: StateProfile) -> pd.DataFrame:
    """Whole years only, and those the Bank of Canada has a rate for (a year without one has no Canadian dollars)."""
    whole = p.flows.loc[p.whole_years]
    return whole[["export_cad", "import_cad"]].rename(columns=lambda c: c.removesuffix("_cad")).dropna()


def subject_phrase(
    subject: partners.Partner | regions.Region, figures: key.KeyFigures | None, role: str, ctx: ReportContext
) -> str:
    """vers la Géorgie / to Georgia; for a region, what its figures cover: « vers les 6 États américains membres de
    la SEUS-CP », « vers les 9 pays de l'Europe qui figurent parmi ses principaux partenaires »."""
    if figures is None or figures.group is None:
        return narrative.partner_phrase(subject, ctx.lang, role)
    if figures.group == "principal" and figures.group_count == 1:  # one member's trade is not a region's total
        member = narrative.partner_phrase(partners.all_partners()[figures.members[0][0]], ctx.lang, role)
        return ctx.t("principal_single", member=member, of=narrative.partner_phrase(subject, ctx.lang, "of"))
    belonging = narrative.belonging(subject, ctx.lang)
    return ctx.t(GROUP_PHRASES[figures.group][role], count=figures.group_count, belonging=belonging)


GROUP_PHRASES = {  # what a group's figures cover, by the role it plays in the sentence
    "states": {"to": "state_group_to", "from": "state_group_from", "with": "state_group_with"},
    "principal": {"to": "principal_group_to", "from": "principal_group_from", "with": "principal_group_with"},
    "countries": {"to": "countries_group_to", "from": "countries_group_from", "with": "countries_group_with"},
}
