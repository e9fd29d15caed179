"""The one registry of report kinds (reports/kinds.yaml): what the command line offers, which pages a request names
and `render --all` makes, how the index groups them, which notebook runs them. Every consumer reads `KINDS`.

A kind's module loads the charting library, which takes seconds; it is imported only when a page of the kind is
checked or shown, never to list kinds or plan a batch."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from types import ModuleType

from .. import yamlfile
from ..caching import cached
from ..data import partners, regions, trade
from ..errors import QuebecIntlError


@dataclass(frozen=True)
class ParameterType:
    """A report parameter: its notebook name, its command-line option, and how a value given as text becomes the
    thing it names (resolved once: a partner, a region, a year), the notebook's value and the page's slug."""

    name: str
    flag: str
    help: str
    required: bool
    resolve: Callable[[object], object]
    value: Callable[[object], object]
    slug: Callable[[object], str]
    many: bool = False  # takes several values (`--partners France Germany`): a list in the notebook
    default: Callable[[], object] | None = None  # the value when none is given, resolved now (the latest month)


def _partner(text: object, flag: str = "--partner") -> partners.Partner:
    return text if isinstance(text, partners.Partner) else partners.resolve(str(text), flag)


def _relations_partner(text: object, flag: str = "--partner") -> partners.Partner:
    """A partner of the relations report: a country, a US state, or a federated government (Wallonie-Bruxelles)."""
    if isinstance(text, partners.Partner):
        return text
    return partners.resolve(str(text), flag, kinds=partners.RELATIONS_KINDS)


def _region(text: object, flag: str = "--region") -> regions.Region:
    return text if isinstance(text, regions.Region) else regions.resolve(str(text), flag)


def _several(one: Callable[[object, str], object], flag: str) -> Callable[[object], tuple]:
    """A list parameter's resolver: each value resolved as one of its kind (text given alone counts as one)."""
    return lambda given: tuple(one(item, flag) for item in ([given] if isinstance(given, str) else given))


def _checked_month(text: object) -> str:
    """A month written YYYY-MM (2026-07), as the page's slug and the notebook's value write it."""
    month = str(text).strip()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise QuebecIntlError(f"--month must be a month written YYYY-MM, such as 2026-07, not {text!r}")
    return month


def _latest_month() -> str | None:
    """The latest month the monthly table holds (None without it: the kind's check says what is lacking)."""
    months = trade.load_monthly()
    return f"{months.months[-1][0]}-{months.months[-1][1]:02d}" if months and months.months else None


PARTNER_HELP = "ISO code, US-XX for a US state, or a name in English or French"
PARAMETER_TYPES = {
    "partner": ParameterType("partner", "--partner", PARTNER_HELP, True, _partner, lambda p: p.code, lambda p: p.slug),
    "optional_partner": ParameterType(
        "partner",
        "--partner",
        PARTNER_HELP + ", or a federated government such as Wallonie-Bruxelles (default: the whole network)",
        False,
        _relations_partner,
        lambda p: p.code,
        lambda p: p.slug,
    ),
    "region": ParameterType(
        "region",
        "--region",
        "region id, name or acronym, in English or French",
        True,
        _region,
        lambda r: r.id,
        lambda r: r.slug,
    ),
    # A briefing note is about a partner or a region: each is optional, the kind's module asks for one of the two.
    "either_partner": ParameterType(
        "partner",
        "--partner",
        PARTNER_HELP + " (or give --region)",
        False,
        _partner,
        lambda p: p.code,
        lambda p: p.slug,
    ),
    "either_region": ParameterType(
        "region",
        "--region",
        "region id, name or acronym, in English or French (or give --partner)",
        False,
        _region,
        lambda r: r.id,
        lambda r: r.slug,
    ),
    # A comparison sets two to four partners, or two to four regions, side by side (the kind's module counts them).
    "partners": ParameterType(
        "partners",
        "--partners",
        "two to four partners, each an ISO code, US-XX or a name (or give --regions)",
        False,
        _several(_partner, "--partners"),
        lambda chosen: [p.code for p in chosen],
        lambda chosen: "-".join(p.slug for p in chosen),
        many=True,
    ),
    "regions": ParameterType(
        "regions",
        "--regions",
        "two to four regions, each an id, name or acronym (or give --partners)",
        False,
        _several(_region, "--regions"),
        lambda chosen: [r.id for r in chosen],
        lambda chosen: "-".join(r.slug for r in chosen),
        many=True,
    ),
    # The bulletin's month: given as YYYY-MM, else the latest the monthly table holds (resolved before the page is
    # named, so that the page of the latest month is that month's page, kept when a later month comes).
    "month": ParameterType(
        "month",
        "--month",
        "month, YYYY-MM (default: the latest the monthly table holds)",
        False,
        _checked_month,
        str,
        str,
        default=_latest_month,
    ),
    "year": ParameterType(
        "year",
        "--year",
        "reference year (default: the latest with data)",
        False,
        int,
        int,
        str,
    ),
}
SLUG_WITHOUT_SUBJECT = "quebec"  # a page about Québec as a whole (the overview, the whole network)


def _partners_with_trade() -> list[dict]:
    """Every country and US state the data at hand has Québec's trade with."""
    known = partners.all_partners()
    kinds = ("country", "us_state", "us_territory")
    codes = [code for code in trade.partners_with_trade() if code in known and known[code].kind in kinds]
    return [{"partner": known[code]} for code in codes]


# Beside the world regions, the groupings of countries the suite shows: the Francophonie, the European Union, the G7.
WORLD_GROUPINGS = ("linguistic", "economic_union", "forum")


def _regions_with_data() -> list[dict]:
    """Regions with US states among their members, when BTS trade by state is at hand; with the monthly table of
    the principal partners, the world regions Québec's international relations speak of and the groupings of
    countries it belongs to or deals with (the Francophonie, the European Union, the G7)."""
    states_trade, months = trade.load_states_trade(), trade.load_monthly()
    states = set(states_trade.quebec_partners) if states_trade else set()
    principal = set(months.by_partner) if months else set()
    chosen = []
    for region_id, region in regions.regions().items():
        members = set(regions.members(region_id))
        of_states = {m for m in members if m.startswith("US-")} & states
        of_countries = (region.kind == "world_region" or region.kind in WORLD_GROUPINGS) and members & principal
        if of_states or of_countries:
            chosen.append({"region": region})
    return chosen


@dataclass(frozen=True)
class Suite:
    """The pages of one kind `render --all` makes, and those of its list it leaves out, each with the reason (a
    listed page the data at hand cannot make is said in one line, never a failure and never silence)."""

    pages: list[dict]
    left_out: list[str] = field(default_factory=list)


def _listed(kind: Kind) -> Suite:
    """The pages the registry lists for the kind (its `pages`) that the data at hand can make: their partners and
    regions covered, as the suites of partner and region pages decide, and the kind's own check passed (a comparison
    needs a whole year every side has)."""
    covered = _covered()
    suite = Suite([])
    for given in kind.pages:
        resolved = kind.resolve(dict(given))
        lacking = [
            _named(item)
            for name, value in resolved.items()
            if name in covered
            for item in (value if isinstance(value, tuple) else [value])
            if regions.subject_key(item) not in covered[name]
        ]
        try:
            if lacking:
                raise QuebecIntlError(
                    f"no source at hand has Québec's trade with {', '.join(lacking)} (`quebec-intl sources` "
                    "lists the sources)"
                )
            kind.check(resolved)
        except QuebecIntlError as exc:
            suite.left_out.append(f"{kind.name} {kind.slug(resolved)}: {exc}")
        else:
            suite.pages.append(resolved)
    return suite


@cached
def _covered() -> dict[str, frozenset[str]]:
    """The partners and the regions the data at hand covers, by the parameter naming them: made once until the
    caches are reset, as the suites are (each listed kind asks)."""
    partners_covered = frozenset(entry["partner"].code for entry in _partners_with_trade())
    regions_covered = frozenset(entry["region"].id for entry in _regions_with_data())
    return {"partner": partners_covered, "partners": partners_covered} | {
        "region": regions_covered,
        "regions": regions_covered,
    }


def _named(subject: partners.Partner | regions.Region) -> str:
    """« Georgia (US-GA) », a region by its name (which carries its acronym), as a reader would say them."""
    return f"{subject.name_en} ({subject.code})" if isinstance(subject, partners.Partner) else subject.name_en


def _latest_month_suite(kind: Kind) -> Suite:
    """The page of the latest month the monthly table holds; without the table, none, and one line saying why."""
    latest = _latest_month()
    if latest is None:
        return Suite(
            [],
            [
                f"{kind.name}: it needs Statistics Canada's table 12-10-0175-01 month by month, which no source at "
                "hand holds (set QUEBEC_INTL_MIRROR, or run `quebec-intl data`; `quebec-intl sources` lists them)"
            ],
        )
    return Suite([kind.resolve({"month": latest})])


SUITES: dict[str, Callable[[Kind], Suite]] = {
    "once": lambda _kind: Suite([{}]),
    "partners_with_trade": lambda _kind: Suite(_partners_with_trade()),
    "regions_with_data": lambda _kind: Suite(_regions_with_data()),
    "listed": _listed,
    "latest_month": _latest_month_suite,
}


Page = tuple[tuple[str, object], ...]  # a page's parameters as kinds.yaml gives them: (name, value) pairs


def _page(given: dict) -> Page:
    """A page of kinds.yaml's list as pairs, several values as a tuple: immutable, so a kind is hashable."""
    return tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in given.items())


@dataclass(frozen=True)
class Kind:
    """One kind of report: its name is its module's, its notebook's and its page folder's."""

    name: str
    help: str
    parameters: tuple[ParameterType, ...]
    suite: str
    subject: str | None = None  # the catalogue key of the subject of a page with no partner or region
    pages: tuple[Page, ...] = ()  # for the suite `listed`: the pages `render --all` makes, by their parameters
    pdf: bool = False  # the command line can print its pages to PDF (`--pdf`)
    keeps_earlier: bool = False  # `render --all` keeps the pages its earlier runs made (a series: the bulletins)

    @property
    def notebook(self) -> str:
        return self.name

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"{__package__}.{self.name}")

    def resolve(self, given: dict) -> dict:
        """The parameters given (text, or things already resolved), each resolved: unknown ones fail in one line; one
        not given takes its default where it has one."""
        resolved = {p.name: p.resolve(given[p.name]) for p in self.parameters if given.get(p.name) is not None}
        for p in self.parameters:
            if p.name not in resolved and p.default is not None and (value := p.default()) is not None:
                resolved[p.name] = value
        return resolved

    def values(self, resolved: dict) -> dict:
        """The notebook's parameters for resolved ones; every parameter present, None where not given."""
        return {p.name: p.value(resolved[p.name]) if p.name in resolved else None for p in self.parameters}

    def slug(self, resolved: dict) -> str:
        subject = [p.slug(resolved[p.name]) for p in self.parameters if p.name in resolved and p.name != "year"]
        year = [str(resolved["year"])] if resolved.get("year") is not None else []
        return "-".join((subject or [SLUG_WITHOUT_SUBJECT]) + year)

    def check(self, resolved: dict) -> None:
        """Refuse, in one line, a page the data cannot make (a year no source covers), before any kernel starts."""
        self.module.check(**self.values(resolved))

    @cached
    def suite_pages(self) -> Suite:
        """The resolved parameters of every page of this kind `render --all` makes, and the listed ones it leaves
        out with why; made once until the caches are reset (the command line plans from it, every page's links
        ask it again, and a comparison's check reads every side's trade)."""
        return SUITES[self.suite](self)


@cached
def kinds() -> dict[str, Kind]:
    entries = yamlfile.parse(resources.files(__package__).joinpath("kinds.yaml").read_text(encoding="utf-8"))
    return {
        name: Kind(
            name,
            entry["help"],
            tuple(PARAMETER_TYPES[p] for p in entry["parameters"]),
            entry["suite"],
            entry.get("subject"),
            tuple(_page(given) for given in entry.get("pages", ())),
            bool(entry.get("pdf", False)),
            bool(entry.get("keeps_earlier", False)),
        )
        for name, entry in entries.items()
    }


def kind(name: str) -> Kind:
    return kinds()[name]
