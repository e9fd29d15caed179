"""Which pages to render: one request per page, its notebook (named like its kind) and parameters, and every page
the current data supports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analysis.formatting import LANGS
from ..data import regions, trade
from ..data.partners import Partner, all_partners

KINDS = ("overview", "partner", "region", "relations")  # notebook, report module and page folder share the name


@dataclass(frozen=True)
class ReportRequest:
    """One page to render: which kind of report, with which parameters, published where."""

    kind: str
    parameters: dict
    lang: str
    slug: str

    @property
    def notebook(self) -> str:
        return self.kind

    @property
    def page(self) -> str:
        """The page's path under the reports folder: <lang>/<kind>/<slug>.html."""
        return f"{self.lang}/{self.kind}/{self.slug}.html"

    def output_path(self, reports_dir: Path) -> Path:
        return reports_dir / self.page

    def describe(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.parameters.items())
        return f"report {self.notebook} ({params})"


def partner_request(partner: Partner, year: int | None, lang: str) -> ReportRequest:
    return ReportRequest(
        "partner",
        {"partner": partner.code, "year": year, "lang": lang},
        lang,
        partner.slug + (f"-{year}" if year else ""),
    )


def overview_request(year: int | None, lang: str) -> ReportRequest:
    return ReportRequest("overview", {"year": year, "lang": lang}, lang, f"quebec-{year}" if year else "quebec")


def relations_request(partner: Partner | None, lang: str) -> ReportRequest:
    return ReportRequest(
        "relations",
        {"partner": partner.code if partner else None, "lang": lang},
        lang,
        partner.slug if partner else "quebec",
    )


def region_request(region: regions.Region, lang: str, year: int | None = None) -> ReportRequest:
    return ReportRequest(
        "region", {"region": region.id, "year": year, "lang": lang}, lang, region.slug + (f"-{year}" if year else "")
    )


def regions_with_data() -> list[regions.Region]:
    """Regions with US states among their members, when BTS trade by state is at hand. (Regions of countries get
    no page in the default suite: the current sources do not cover every partner.)"""
    states_trade = trade.load_states_trade()
    if states_trade is None:
        return []
    states = set(states_trade.quebec_partners)
    return [
        region
        for region_id, region in regions.regions().items()
        if {m for m in regions.members(region_id) if m.startswith("US-")} & states
    ]


def all_requests(langs: tuple[str, ...] = LANGS) -> list[ReportRequest]:
    """Every partner the current data has figures for, every region it covers, the overview and the relations
    report, in every language."""
    known = all_partners()
    subjects = [
        code
        for code in trade.partners_with_trade()
        if code in known and known[code].kind in ("country", "us_state", "us_territory")
    ]
    reports = [partner_request(known[code], None, lang) for code in subjects for lang in langs]
    reports += [region_request(region, lang) for region in regions_with_data() for lang in langs]
    return (
        [overview_request(None, lang) for lang in langs] + reports + [relations_request(None, lang) for lang in langs]
    )
