"""The monthly bulletin against the mirror's raw file, read with the standard library only (csv, gzip): the month's
exports and their change on a year, exports to the United States over the year to date and their change, two
sections' contributions to that change; the contributions sum to the total change; every monthly chart of the
bulletin, the overview and the US page holds a rule for each measure in force in its period (its spec, `to_dict()`),
the measures read from the curated file with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from htmlcheck import text_of
from rawsums import rows

MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
MEASURES = Path(__file__).resolve().parents[2] / "data" / "curated" / "trade_measures.csv"
TOTAL = "Total de toutes les marchandises"
EXPORTS = "Exportations nationales"


@pytest.fixture(scope="module")
def raw(mirror_dir) -> dict:
    """Exports by (month, partner, NAPCS code or 'total'), in dollars, from the raw file."""
    found: dict = defaultdict(float)
    for row in rows(mirror_dir / MONTHLY):
        if row["commerce"] != EXPORTS or not row["valeur_milliers_cad"]:
            continue
        product = "total" if row["produit_scpan"] == TOTAL else row["produit_scpan"].rsplit("[", 1)[1].rstrip("]")
        found[(row["mois"], row["partenaire"], product)] += float(row["valeur_milliers_cad"]) * 1000
    return found


def months(year: int, last: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, last + 1)]


def total(raw: dict, period: list[str], partner: str, product: str = "total") -> float:
    return sum(raw[(month, partner, product)] for month in period)


def test_the_months_exports_and_their_change_on_a_year(raw, rendered_site):
    now, before = raw[("2026-07", "Tous les pays", "total")], raw[("2025-07", "Tous les pays", "total")]
    change = (now / before - 1) * 100
    page = text_of(rendered_site["bulletin_fr"])
    expected = f"{now / 1e9:.1f} milliards de dollars".replace(".", ",")
    assert f"En juillet 2026, le Québec a exporté pour {expected} de marchandises" in page
    assert f"{'augmenté' if change > 0 else 'diminué'} de {abs(change):.1f}".replace(".", ",") in page


@pytest.mark.usefixtures("mirror")
def test_exports_to_the_united_states_over_the_year_to_date_and_two_sections_contributions(raw):
    from quebec_intl.analysis import contributions
    from quebec_intl.data import trade

    now, before = months(2026, 7), months(2025, 7)
    us_now, us_before = total(raw, now, "États-Unis"), total(raw, before, "États-Unis")
    assert round((us_now / us_before - 1) * 100, 1) == -6.2  # the figure, from the raw file
    found = contributions.by_section(trade.load_monthly(), contributions.Span.of("2026-01", "2026-07"), "USA")
    assert math.isclose(found.total_now, us_now) and math.isclose(found.total_before, us_before)
    for code, slug in (("C19", "motor_vehicles"), ("C12", "energy")):
        change = total(raw, now, "États-Unis", code) - total(raw, before, "États-Unis", code)
        assert math.isclose(found.parts.at[slug, "change"], change)
        assert math.isclose(found.parts.at[slug, "contribution_pp"], change / us_before * 100)


@pytest.mark.usefixtures("mirror")
def test_contributions_sum_to_the_total_change():
    from quebec_intl.analysis import contributions, month_review
    from quebec_intl.data import trade

    m = trade.load_monthly()
    review = month_review.review(m, pd.Period("2025-12", freq="M"))
    found = [review.partners, *(c for side in review.sections.values() for c in side.values())]
    for c in found:
        assert math.isclose(c.parts["change"].sum(), c.change, abs_tol=1.0)
        assert math.isclose(c.parts["contribution_pp"].sum(), c.growth_pct, abs_tol=1e-9)
        assert c.residual in c.parts.index  # the residual is named, last
        assert c.parts.index[-1] == c.residual
    assert review.partners.residual == "ROW" and contributions.UNALLOCATED in review.sections["USA"]["ytd"].parts.index


def measures_in_force(first: dt.date, last: dt.date) -> dict[str, str]:
    """From the curated file, with the csv module: the measures started by the period's last day (effective date,
    else announced) and not ended by its first day, each with its French title."""
    chosen = {}
    with MEASURES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start = dt.date.fromisoformat(row["date_effective"] or row["date_announced"])
            ended = row["date_ended"] and dt.date.fromisoformat(row["date_ended"]) <= first
            if row["source_kind"] != "unacceptable" and start <= last and not ended:
                chosen[row["event_id"]] = row["title_fr"]
    return chosen


def spaced(text: str) -> str:
    """Without its spaces (French typography adds no-break ones before « ; » and « : »), so that a title compares
    with the file's."""
    return "".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def marked(spec: dict) -> set[str]:
    """The measures a chart's spec marks: every row naming a measure, in its datasets."""
    return {row["measure_id"] for rows_ in spec.get("datasets", {}).values() for row in rows_ if "measure_id" in row}


def figures(section) -> list:
    from quebec_intl.visual.blocks import Figure

    return [block for block in section.blocks if isinstance(block, Figure)]


@pytest.mark.usefixtures("mirror")
@pytest.mark.parametrize("month", ["2026-07", "2025-12"])
def test_every_monthly_chart_of_the_bulletin_marks_each_measure_in_force(month):
    from quebec_intl.reports import bulletin
    from quebec_intl.reports.context import ReportContext

    data = bulletin.load(month)
    charts = figures(bulletin.us_and_rest(data, ReportContext.of("fr")))
    assert [f.name for f in charts] == ["us-rest", "us-share-months"]
    last = data.month.end_time.date()
    for figure in charts:
        first = dt.date.fromisoformat(min(figure.data["month"]))
        expected = measures_in_force(first, last)
        assert expected and marked(figure.chart.to_dict()) == set(expected), figure.name
        for title in expected.values():  # each listed in the chart's text alternative, by its title
            assert spaced(title) in spaced(figure.description), title


@pytest.mark.usefixtures("mirror")
def test_the_overview_and_the_us_page_monthly_charts_mark_the_measures():
    from quebec_intl.reports import overview, partner
    from quebec_intl.reports.context import ReportContext

    ctx = ReportContext.of("en")
    us = partner.load("USA")
    [chart] = figures(partner.monthly(us, ctx))
    last = dt.date(2026, 7, 31)
    assert marked(chart.chart.to_dict()) == set(
        measures_in_force(dt.date.fromisoformat(min(chart.data["month"])), last)
    )
    world = overview.load()
    for section in (overview.monthly(world, ctx), overview.us_share(world, ctx)):
        [chart] = figures(section)
        first = dt.date.fromisoformat(min(chart.data["month"]))
        assert marked(chart.chart.to_dict()) == set(measures_in_force(first, last))


@pytest.mark.usefixtures("mirror")
def test_an_earlier_months_bulletin_dates_its_printed_footer_by_its_own_month():
    """The table holds months after December 2025; that month's bulletin stops at it, and so does its footer."""
    from quebec_intl.publish import html_export
    from quebec_intl.reports import bulletin
    from quebec_intl.reports.context import ReportContext
    from quebec_intl.visual.blocks import METADATA_KEY, PageInfo

    for month, lang, said in (("2025-12", "fr", "décembre 2025"), ("2025-12", "en", "December 2025")):
        section = bulletin.header(bulletin.load(month), ReportContext.of(lang))
        (info,) = [block for block in section.blocks if isinstance(block, PageInfo)]
        page = html_export.page("<p>x</p>", info._repr_mimebundle_()[1][METADATA_KEY]["page"])
        footer = page.split("@bottom-left", 1)[1].split("}", 1)[0]
        assert said in footer and "2026" not in footer, footer


def panels(spec: dict) -> list[dict]:
    """Every layered panel of a chart's spec (a vconcat's, or the chart itself)."""
    found = [spec] if "layer" in spec else []
    for part in spec.get("vconcat", []):
        found += panels(part)
    return found


def label_room_px(panel: dict, datasets: dict) -> float:
    """How far (px) below the panel's top its highest value is drawn, less the height the measures' labels take
    (their rows' range and their font size, from the spec): negative where a label could sit on a line."""
    data_layer = next(
        layer for layer in panel["layer"] if layer["encoding"]["y"]["field"] in ("value_cad_bn", "share_pct")
    )
    label_layer = next(layer for layer in panel["layer"] if layer.get("mark", {}).get("type") == "text")
    field = data_layer["encoding"]["y"]["field"]
    values = [row[field] for row in datasets[data_layer["data"]["name"]] if row.get(field) is not None]
    scale = data_layer["encoding"]["y"].get("scale", {})
    assert "domain" in scale, "the y scale leaves no room above the data: Vega fits it to the values"
    low, high = scale["domain"]
    labels_bottom = max(label_layer["encoding"]["y"]["scale"]["range"]) + label_layer["mark"]["fontSize"]
    return panel["height"] * (high - max(values)) / (high - low) - labels_bottom


@pytest.mark.usefixtures("mirror")
def test_the_measures_labels_sit_above_every_line():
    """The labels of numbers were drawn over the lines (« 1–10 » on the 2025 peak, « 21, 22 » on December 2025's): every
    monthly chart that marks measures leaves their rows free above its highest value, and draws one y axis."""
    from quebec_intl.reports import bulletin, overview, partner
    from quebec_intl.reports.context import ReportContext

    ctx = ReportContext.of("fr")
    charts = figures(bulletin.us_and_rest(bulletin.load("2026-07"), ctx))
    charts += figures(partner.monthly(partner.load("USA"), ctx))
    world = overview.load()
    charts += figures(overview.monthly(world, ctx)) + figures(overview.us_share(world, ctx))
    checked = 0
    for figure in charts:
        spec = figure.chart.to_dict()
        for panel in panels(spec):
            assert label_room_px(panel, spec["datasets"]) >= 0, figure.name
            fields = ("value_cad_bn", "share_pct")
            drawn = [layer for layer in panel["layer"] if layer["encoding"].get("y", {}).get("field") in fields]
            axes = [layer for layer in drawn if layer["encoding"]["y"].get("axis", {}) is not None]
            assert len(axes) == 1, f"{figure.name}: {len(axes)} y axes (the overview's points drew a second one)"
            checked += 1
    assert checked == 2 + 2 + 2 + 1


@pytest.mark.usefixtures("mirror")
def test_the_printed_partners_table_sums_the_other_principal_partners(raw):
    """Printed, the partners' table lists the four that moved most over January-July 2026, then the other principal
    partners together (their change summed from the raw file), the other countries and all countries: no empty cell."""
    from quebec_intl.reports import bulletin
    from quebec_intl.reports.context import ReportContext
    from quebec_intl.visual.blocks import Table

    ctx = ReportContext.of("fr")
    section = bulletin.partners(bulletin.load("2026-07"), ctx)
    printed = next(block for block in section.blocks if isinstance(block, Table) and block.media == "print")
    principal = {partner for (_, partner, _) in raw} - {"Tous les pays", "Autres pays"}
    change = {p: total(raw, months(2026, 7), p) - total(raw, months(2025, 7), p) for p in principal}
    moved_most = sorted(change, key=lambda p: abs(change[p]), reverse=True)[:4]
    assert len(printed.rows) == 4 + 3 and all(str(cell).strip() for row in printed.rows for cell in row)
    others = printed.rows[4]
    assert others[0].startswith(f"Les {len(principal) - 4} autres principaux partenaires")
    assert others[3] == ctx.signed_money(sum(change[p] for p in principal - set(moved_most)))
