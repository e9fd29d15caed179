"""No line over the years across a gap, a change of source or a change of basis, on the real mirror (issue 26): every
chart of years of a page of every kind joins only consecutive years, and on the trends of countries only years whose
figures come from one file on one basis, as the raw files (read with the standard library) and the curated file
say. A year's figure belongs to every source whose value it is."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from linepairs import joined_pairs, published_origins
from rawsums import rows

from quebec_intl.reports import briefing, compare, overview, partner, region
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual.blocks import Figure

EN = ReportContext.of("en")
FLOWS = {"Exports": "export", "Imports": "import", "Balance": "balance"}
MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
US_ANNUAL = "statcan-12100173-us-extract/raw.csv"
US_MONTHLY = "statcan-12100175-us-extract/province_sector_us_monthly.csv"
FRENCH = {"France": "FRA", "Japon": "JPN", "États-Unis": "USA", "Allemagne": "DEU", "Royaume-Uni": "GBR"}
FRENCH["Tous les pays"] = "WLD"
COUNTRIES = sorted(FRENCH.values())
TRADE = {"Exportations nationales": "export", "Importations": "import", "Export": "export", "Import": "import"}


def _whole_years(sums: dict, months: dict) -> dict:
    return {key: value for key, value in sums.items() if len(months[key]) == 12}


def official_origins(mirror) -> dict[tuple[str, str, int], dict[tuple, float]]:
    """(partner, flow, year) -> {origin: value in dollars} of each official file's whole years: the monthly table of
    Québec's principal partners (its origin: the file, its price basis and its trade basis, as its rows state them),
    and the two extracts of the United States' trade."""
    found: dict = defaultdict(dict)
    sums, months = defaultdict(float), defaultdict(set)
    for row in rows(mirror / MONTHLY):
        if row["partenaire"] in FRENCH and row["produit_scpan"] == "Total de toutes les marchandises":
            key = (FRENCH[row["partenaire"]], TRADE[row["commerce"]], int(row["mois"][:4]), "12-10-0175-01 Québec")
            sums[key + (row["base_prix"], row["base_commerce"])] += float(row["valeur_milliers_cad"]) * 1000
            months[key + (row["base_prix"], row["base_commerce"])].add(row["mois"])
    for row in rows(mirror / US_ANNUAL):
        if row["GEO"] == "Quebec" and row["North American Product Classification System (NAPCS)"] == "All sections":
            key = ("USA", TRADE[row["Trade"]], int(row["REF_DATE"]), "12-10-0173-01 US")
            sums[key] += float(row["VALUE"]) * 1000
            months[key] |= {f"{m:02d}" for m in range(1, 13)}
    for row in rows(mirror / US_MONTHLY):
        if row["PROVINCE"] == "Quebec":
            for column, flow in (("EXPORT", "export"), ("IMPORT", "import")):
                key = ("USA", flow, int(row["YEAR"]), "12-10-0175-01 US")
                sums[key] += float(row[column])
                months[key].add(row["YEAR_MONTH"])
    for (code, flow, year, *origin), value in _whole_years(sums, months).items():
        found[(code, flow, year)][tuple(origin)] = value
    for (code, flow, year), by_origin in list(found.items()):
        if flow == "export":
            imports = found.get((code, "import", year), {})
            for origin in by_origin.keys() & imports.keys():
                found[(code, "balance", year)][origin] = by_origin[origin] - imports[origin]
    return found


def _origins_of(value_bn: float, candidates: dict) -> set:
    return {origin for origin, value in candidates.items() if math.isclose(value, value_bn * 1e9, rel_tol=1e-9)}


def _figures(module, data) -> list[Figure]:
    """Every chart of a page, section by section as its notebook shows them."""
    blocks = [block for section in module.SECTIONS for block in getattr(section(data, EN), "blocks", [])]
    return [block for block in blocks if isinstance(block, Figure)]


PAGES = {
    "overview": lambda: (overview, overview.load(None)),
    "France": lambda: (partner, partner.load("FRA")),
    "United States": lambda: (partner, partner.load("USA")),
    "Georgia": lambda: (partner, partner.load("US-GA")),
    "SEUS-CP": lambda: (region, region.load("SEUS-CP")),
    "Europe": lambda: (region, region.load("Europe")),
    "note on France": lambda: (briefing, briefing.load(partner="FRA")),
    "note on Georgia": lambda: (briefing, briefing.load(partner="US-GA")),
    "comparison of countries": lambda: (compare, compare.load(partners=["FRA", "DEU", "GBR"])),
    "comparison of regions": lambda: (compare, compare.load(regions=["SEUS-CP", "GSGP"])),
}


@pytest.mark.usefixtures("mirror")
@pytest.mark.parametrize("page", PAGES)
def test_no_chart_of_years_joins_two_years_that_do_not_follow_each_other(page):
    module, data = PAGES[page]()
    pairs = [pair for figure in _figures(module, data) for pair in joined_pairs(figure.chart.to_dict(validate=False))]
    assert pairs, page  # the page draws lines over the years
    assert [(key, a["ref_year"], b["ref_year"]) for key, a, b in pairs if b["ref_year"] != a["ref_year"] + 1] == []


@pytest.mark.parametrize("code", COUNTRIES)
def test_no_country_trend_joins_two_sources_or_bases(mirror, code):
    official, published = official_origins(mirror), published_origins()
    module, data = (overview, overview.load(None)) if code == "WLD" else (partner, partner.load(code))
    (figure,) = [f for f in _figures(module, data) if f.name == "trend"]
    pairs = joined_pairs(figure.chart.to_dict(validate=False))
    assert pairs
    for _, a, b in pairs:
        flow = FLOWS[a["measure"]]
        first, then = (
            _origins_of(row["value_cad_bn"], {**official[(code, flow, y)], **published[(code, flow, y)]})
            for row, y in ((a, a["ref_year"]), (b, b["ref_year"]))
        )
        assert first and then, (code, flow, a["ref_year"], b["ref_year"])  # every figure has a known origin
        assert first & then, (code, flow, a["ref_year"], b["ref_year"], first, then)


def test_the_united_states_line_breaks_where_the_tables_change(mirror):
    """2016 from table 12-10-0173-01 (the extract of the United States), 2017 from table 12-10-0175-01: no line
    joins them, while 2017 and 2018 are joined."""
    official = official_origins(mirror)
    data = partner.load("USA")
    flows = data.trade.flows
    annual = ("12-10-0173-01 US",)
    assert annual in _origins_of(flows.at[2016, "export"] / 1e9, official[("USA", "export", 2016)])
    assert annual not in _origins_of(flows.at[2017, "export"] / 1e9, official[("USA", "export", 2017)])
    (figure,) = [f for f in _figures(partner, data) if f.name == "trend"]
    starts = {(a["measure"], a["ref_year"]) for _, a, b in joined_pairs(figure.chart.to_dict(validate=False))}
    assert ("Exports", 2016) not in starts and ("Exports", 2017) in starts
