"""What the kinds about one partner or one region share: the years a subject's sources cover, the check that refuses
a page they cannot make, a region's members and trade figures, and the key figures of either. The partner and region
pages, the briefing note and the comparison read their figures through these, so that a figure is the same wherever a
page states it."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import names
from ..analysis.destinations import CountryGroup, country_group, principal_group
from ..analysis.monthly import partner_monthly, year_to_date_after
from ..analysis.period import ANNUAL, MONTHLY, STATES, Period, asked_or_latest, latest
from ..analysis.states import StateProfile, state_profile
from ..analysis.subject_trade import SubjectTrade, from_bts, from_country_group, from_statcan
from ..analysis.trade import export_years, partner_trade, provincial_years, years_with_trade
from ..data import partners, regions, trade
from ..data.currency import rates_by_year
from ..data.reference import QUEBEC
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


@dataclass(frozen=True)
class Checked:
    """A subject a page can be about, with the page's period: resolved once, by the kind's check, and passed down."""

    subject: partners.Partner | regions.Region
    period: Period


def check_partner(partner: str, year: int | None = None) -> Checked:
    """The partner a page can be about, for a year its sources cover, and the page's period; else one line saying
    what to give."""
    resolved = partners.resolve(partner)
    years.require(year, partner_years(resolved), f"{resolved.name_with_article('en')} ({resolved.code})")
    return Checked(resolved, partner_period(resolved, year))


def partner_period(partner: partners.Partner, year: int | None) -> Period:
    """A US state's year is BTS's (the one asked for, else its latest whole year); a country's is the annual frame's
    (else its latest with exports to it), beside the monthly table's latest whole year up to the one asked for, its
    year to date after the page's year (analysis/monthly.py's year_to_date_after), and the provinces' tables' latest
    year up to the page's."""
    if partner.is_us_state:
        states = trade.load_states_trade()
        return Period.of_sources(year, STATES, states=asked_or_latest(year, states.complete_years if states else []))
    dataset, months = trade.load(), trade.load_monthly()
    annual = asked_or_latest(year, export_years(dataset, [partner.code]))
    return Period.of_sources(
        year,
        ANNUAL,
        year_to_date=year_to_date_after(months, annual) if months else None,
        annual=annual,
        monthly=latest(months.complete_years, year) if months else None,
        provinces=latest(provincial_years(dataset, partner.code), annual) if annual is not None else None,
    )


def partner_trade_model(partner: partners.Partner, period: Period) -> SubjectTrade:
    """The partner's trade from its best source: BTS TransBorder for a US state whose files are at hand; else
    Statistics Canada's tables, with the monthly table of the principal partners where it lists the partner."""
    states = trade.load_states_trade() if partner.is_us_state else None
    if states is not None:
        return from_bts(state_profile(states, [partner.code], period.of(STATES)), partner)
    months = trade.load_monthly() if not partner.is_us_state else None
    monthly = partner_monthly(months, partner.code, period.of(MONTHLY), period.year_to_date) if months else None
    return from_statcan(partner_trade(partner, period, trade.load()), monthly)


def region_members(region: regions.Region) -> list[str]:
    return regions.members(region.id, AGGREGATED_STATUSES)


def region_years(region: regions.Region) -> list[int]:
    """The years the members' trade figures cover: BTS's for a region of US states, else the annual frame's."""
    members = region_members(region)
    if any(code.startswith("US-") for code in members):
        states = trade.load_states_trade()
        return sorted(states.months_held) if states else []
    return years_with_trade(trade.load(), members)


def check_region(region: str, year: int | None = None) -> Checked:
    """The region a page can be about, for a year its members' sources cover, and the page's period; else one line
    saying what to give."""
    resolved = regions.resolve(region)
    years.require(year, region_years(resolved), resolved.name_with_article("en"))
    return Checked(resolved, region_period(resolved, year))


def region_period(region: regions.Region, year: int | None) -> Period:
    """A region of US states: BTS's year (the one asked for, else its latest whole year). A region of countries: the
    annual frame's (else the latest with exports to its members) where it covers every partner, else the monthly
    table's latest whole year up to the one asked for (its members among the principal partners)."""
    members = region_members(region)
    if any(code.startswith("US-") for code in members):
        states = trade.load_states_trade()
        return Period.of_sources(year, STATES, states=asked_or_latest(year, states.complete_years if states else []))
    dataset, months = trade.load(), trade.load_monthly()
    annual = asked_or_latest(year, export_years(dataset, members)) if dataset.covers_all_partners else None
    monthly = latest(months.complete_years, year) if months else None
    return Period.of_sources(year, ANNUAL if annual is not None else MONTHLY, annual=annual, monthly=monthly)


def states_profile(codes: list[str], period: Period) -> StateProfile | None:
    """US states' trade with Québec (BTS TransBorder), when its files are at hand."""
    states = trade.load_states_trade()
    return state_profile(states, codes, period.of(STATES)) if states else None


def countries_group(members: list[str], period: Period) -> CountryGroup | None:
    """A group of countries from the table covering every partner, else the sum of its members among the principal
    partners of the monthly table."""
    dataset, months = trade.load(), trade.load_monthly()
    group = country_group(dataset, members, period.of(ANNUAL))
    if group is None and months is not None:
        group = principal_group(dataset, months, members, period.of(MONTHLY))
    return group


def region_trade_model(region: regions.Region, period: Period) -> SubjectTrade | None:
    """A region of US states from BTS; a region of countries from the table covering every partner, else the sum of
    its members among the principal partners; None when no source at hand has its members' trade."""
    members = region_members(region)
    states = [code for code in members if code.startswith("US-")]
    if states:
        profile = states_profile(states, period)
        return from_bts(profile, region) if profile is not None else None
    countries = countries_group(members, period)
    return from_country_group(countries, region) if countries is not None else None


def subject_period(subject: partners.Partner | regions.Region, year: int | None) -> Period:
    if isinstance(subject, partners.Partner):
        return partner_period(subject, year)
    return region_period(subject, year)


def subject_trade(subject: partners.Partner | regions.Region, period: Period) -> SubjectTrade | None:
    """A partner's or a region's trade as a note or a comparison states it: None when no source at hand has it
    (or it has no year with exports)."""
    if isinstance(subject, partners.Partner):
        found = partner_trade_model(subject, period)
        return found if found.year is not None else None
    return region_trade_model(subject, period)


def require_whole_year(found: dict[str, SubjectTrade | None], year: int | None, what: str) -> None:
    """A note or a comparison states a year's figures as the year's: a year some side's source covers only in part
    (BTS's January to September 2020) is refused, naming the sides. `found`: each side's trade of the year, by its
    English name."""
    partial = [name for name, one in found.items() if one is not None and year not in one.whole_flows().index]
    if year is not None and partial:
        raise QuebecIntlError(
            f"{year} is not a whole year in the figures of {', '.join(partial)}: {what} on a year every source "
            "covers in full (leave out --year for the latest one)"
        )


@dataclass(frozen=True)
class TradeYears:
    """The years of a subject's trade, as its trade model (`subject_trade`) holds them: what a comparison's check
    asks of every side, answered from the tables without building the model where the source allows."""

    whole: frozenset[int]  # the whole years (the model's `whole_flows().index`)
    both_flows: frozenset[int]  # those with exports and imports in Canadian dollars (`whole_flows().dropna()`)

    @classmethod
    def of(cls, model: SubjectTrade) -> TradeYears:
        flows = model.whole_flows()
        return cls(frozenset(int(y) for y in flows.index), frozenset(int(y) for y in flows.dropna().index))


def trade_years(subject: partners.Partner | regions.Region, year: int | None) -> TradeYears | None:
    """The years of `subject_trade(subject, subject_period(subject, year))`; None where that is None (no source at
    hand has the subject's trade). A country's from the annual frame's flows, US states' from BTS's months and the
    Bank of Canada's rates; a group of countries (summed from two possible tables) from its model."""
    states = trade.load_states_trade()
    if isinstance(subject, partners.Partner):
        if subject.is_us_state and states is not None:
            found = asked_or_latest(year, states.complete_years) is not None
            return _states_years(states, [subject.code]) if found else None
        return _annual_years(subject.code, year)
    members = region_members(subject)
    if any(code.startswith("US-") for code in members):
        return _states_years(states, [code for code in members if code.startswith("US-")]) if states else None
    model = region_trade_model(subject, region_period(subject, year))
    return TradeYears.of(model) if model is not None else None


def _annual_years(code: str, year: int | None) -> TradeYears | None:
    """A partner's years in the annual frame, every one whole; None when no year is asked for and it holds none
    with exports."""
    held = trade.annual_flows_held()
    mine = held.xs(code, level="partner_code") if code in held.index.get_level_values("partner_code") else held[:0]
    if year is None and not mine["export"].any():
        return None
    both = mine["export"] & mine["import"]
    return TradeYears(frozenset(int(y) for y in mine.index), frozenset(int(y) for y in mine.index[both]))


def _states_years(states: trade.StatesTrade, codes: list[str]) -> TradeYears:
    """US states' years in BTS: those the files hold of Québec's trade with them, whole (twelve months), with the
    Bank of Canada's rate of the year (the model's whole years are in Canadian dollars)."""
    totals = states.totals
    held = set(totals.loc[totals["reporter_code"].eq(QUEBEC) & totals["partner_code"].isin(codes), "ref_year"])
    rated = set(rates_by_year("USD", states.rates).dropna().index)
    whole = frozenset(int(y) for y in held if states.months_held.get(y, (12,))[0] == 12 and y in rated)
    return TradeYears(whole, whole)


def subject_phrase(
    subject: partners.Partner | regions.Region, figures: SubjectTrade | None, role: str, ctx: ReportContext
) -> str:
    """vers la Géorgie / to Georgia; for a region, what its figures cover: « vers les 6 États américains membres de
    la SEUS-CP », « vers les 9 pays de l'Europe qui figurent parmi ses principaux partenaires »."""
    if figures is None or figures.group is None:
        return names.partner_phrase(subject, ctx.lang, role)
    if figures.group == "principal" and len(figures.covered) == 1:  # one member's trade is not a region's total
        member = names.partner_phrase(partners.all_partners()[figures.covered[0]], ctx.lang, role)
        return ctx.t("names.principal_single", member=member, of=names.partner_phrase(subject, ctx.lang, "of"))
    belonging = names.belonging(subject, ctx.lang)
    return ctx.t(GROUP_PHRASES[figures.group][role], count=len(figures.covered), belonging=belonging)


GROUP_PHRASES = {  # what a group's figures cover, by the role it plays in the sentence
    "states": {"to": "names.state_group_to", "from": "names.state_group_from", "with": "names.state_group_with"},
    "principal": {
        "to": "names.principal_group_to",
        "from": "names.principal_group_from",
        "with": "names.principal_group_with",
    },
    "countries": {
        "to": "names.countries_group_to",
        "from": "names.countries_group_from",
        "with": "names.countries_group_with",
    },
}
