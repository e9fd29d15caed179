"""Québec and the world on table 12-10-0175-01: what the rendered pages state, recomputed from the mirror's files
with the standard library only (csv, gzip), without the project's code."""

from __future__ import annotations

from collections import defaultdict

import pytest
from babel.numbers import format_decimal, format_percent
from htmlcheck import charts, text_of
from rawsums import rows

MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
US_EXTRACT = "statcan-12100175-us-extract/province_sector_us_monthly.csv"
TOTAL = "Total de toutes les marchandises"
EXPORTS, IMPORTS = "Exportations nationales", "Importations"
NOT_COUNTRIES = {"Tous les pays", "Autres pays"}


@pytest.fixture(scope="module")
def monthly(rendered_site) -> dict:
    """Value in dollars by (trade, product, partner, year, month), from the gzipped French file (in thousands)."""
    values = {}
    for row in rows(rendered_site["mirror"] / MONTHLY):
        year, month = row["mois"].split("-")
        key = (row["commerce"], row["produit_scpan"], row["partenaire"], int(year), int(month))
        assert key not in values, f"{key} twice in the file"
        values[key] = float(row["valeur_milliers_cad"]) * 1000
    return values


def total(monthly, trade, partner, year, months=range(1, 13), product=TOTAL) -> float:
    return sum(monthly[(trade, product, partner, year, month)] for month in months)


def money(value, lang):
    """The amount in billions as the pages print it: always one decimal (« 2,0 G$ » beside « 1,6 G$ »)."""
    amount = format_decimal(round(value / 1e9, 1), "#,##0.0", locale=f"{lang}_CA")
    return f"{amount}\u00a0G$" if lang == "fr" else f"${amount}B"


def pct(value, lang):
    """A share as the pages print it: one decimal, and in French a no-break space before the sign."""
    text = format_percent(value / 100, "#,##0.0%", locale=f"{lang}_CA")
    return text.replace("%", "\u00a0%") if lang == "fr" else text


def growth_word(change, lang):
    return {"en": ("up", "down"), "fr": ("en hausse", "en baisse")}[lang][change < 0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_exports_to_france_in_2025_and_from_january_to_july_2026(rendered_site, monthly, lang):
    year_2025 = total(monthly, EXPORTS, "France", 2025)
    to_july = total(monthly, EXPORTS, "France", 2026, range(1, 8))
    text = text_of(rendered_site["site"] / lang / "partner" / "fra.html")
    if lang == "fr":
        assert f"En 2025, le Québec a exporté pour {money(year_2025, lang)} de marchandises vers la France" in text
        assert f"De janvier à juillet 2026, le Québec a exporté pour {money(to_july, lang)}" in text
    else:
        assert f"In 2025, Québec exported {money(year_2025, lang).replace('B', ' billion')} of goods to France" in text
        assert f"From January to July 2026, Québec exported {money(to_july, lang).replace('B', ' billion')}" in text
    trend = charts(rendered_site["site"] / lang / "partner" / "fra.html")["chart-trend"]
    shown = {(r["ref_year"], r["measure"]): float(r["value_cad_bn"]) for r in trend}
    exports = "Exportations" if lang == "fr" else "Exports"
    assert shown[("2025", exports)] == pytest.approx(year_2025 / 1e9, rel=1e-9)
    assert ("2026", exports) not in shown  # a partial year is never drawn beside whole ones


def test_the_united_states_share_of_exports_in_2025(rendered_site, monthly):
    share = total(monthly, EXPORTS, "États-Unis", 2025) / total(monthly, EXPORTS, "Tous les pays", 2025) * 100
    for lang, sentence in (
        ("en", f"The United States took {pct(share, 'en')} of Québec's exports in 2025"),
        ("fr", f"Les États-Unis ont reçu {pct(share, 'fr')} des exportations du Québec en 2025"),
    ):
        assert sentence in text_of(rendered_site["site"] / lang / "overview" / "quebec.html")


def test_france_rank_among_destinations_in_2025(rendered_site, monthly):
    partners = {key[2] for key in monthly} - NOT_COUNTRIES
    exports = {partner: total(monthly, EXPORTS, partner, 2025) for partner in partners}
    rank = sorted(exports.values(), reverse=True).index(exports["France"]) + 1
    assert len(partners) == 27
    text = text_of(rendered_site["site"] / "en" / "partner" / "fra.html")
    assert f"France ranks {rank}th as a destination of Québec's exports" in text
    french = text_of(rendered_site["site"] / "fr" / "partner" / "fra.html")
    assert f"la France se classe au {rank}e rang des destinations des exportations du Québec" in french


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_exports_to_the_united_states_from_january_to_july(rendered_site, monthly, lang):
    this_year = total(monthly, EXPORTS, "États-Unis", 2026, range(1, 8))
    last_year = total(monthly, EXPORTS, "États-Unis", 2025, range(1, 8))
    change = (this_year / last_year - 1) * 100
    text = text_of(rendered_site["pages"][lang])
    amount, word = money(this_year, lang), growth_word(change, lang)
    if lang == "en":
        expected = (
            f"From January to July 2026, Québec exported {amount.replace('B', ' billion')} of goods to the "
            f"United States, {word} {pct(abs(change), lang)} from the same months of 2025"
        )
    else:
        expected = (
            f"De janvier à juillet 2026, le Québec a exporté pour {amount} de marchandises vers les États-Unis, "
            f"{word} de {pct(abs(change), lang)} par rapport aux mêmes mois de 2025"
        )
    assert expected in text


def test_a_sections_share_of_france_exports_in_2025(rendered_site, monthly):
    products = {key[1] for key in monthly if key[1] != TOTAL}
    assert len(products) == 12
    by_section = {product: total(monthly, EXPORTS, "France", 2025, product=product) for product in products}
    aircraft = next(product for product in products if product.startswith("Aéronefs"))
    share = by_section[aircraft] / sum(by_section.values()) * 100
    text = text_of(rendered_site["site"] / "en" / "partner" / "fra.html")
    assert f"“Aircraft and other transportation equipment and parts” ({pct(share, 'en')} of the total)" in text
    mix = charts(rendered_site["site"] / "fr" / "partner" / "fra.html")["chart-mix-export"]
    shown = next(float(r["value_cad_bn"]) for r in mix if r["section"].startswith("Aéronefs") and r["period"] == "2025")
    assert shown == pytest.approx(by_section[aircraft] / 1e9, rel=1e-9)


def test_months_revised_between_the_two_vintages(rendered_site, monthly):
    """The earlier extract gives Québec's US trade by section in dollars, each rounded to thousands before it was
    summed here; a month is revised when either trade differs by more than that rounding (half a thousand dollars
    for each of the twelve sections and the total)."""
    earlier = defaultdict(float)
    for row in rows(rendered_site["mirror"] / US_EXTRACT):
        if row["PROVINCE"] == "Québec" and row["TRADE_PARTNER"] == "United States":
            year, month = int(row["YEAR_MONTH"][:4]), int(row["YEAR_MONTH"][5:7])
            earlier[(EXPORTS, year, month)] += float(row["EXPORT"])
            earlier[(IMPORTS, year, month)] += float(row["IMPORT"])
    both = [key for key in earlier if (key[0], TOTAL, "États-Unis", key[1], key[2]) in monthly]
    revised_figures = [
        key for key in both if abs(monthly[(key[0], TOTAL, "États-Unis", key[1], key[2])] - earlier[key]) > 6500
    ]
    revised_months = {(year, month) for _, year, month in revised_figures}
    months = {(year, month) for _, year, month in both}
    assert revised_months and len(revised_months) < len(months)
    text = text_of(rendered_site["pages"]["en"])
    first = min(months)
    assert (
        f"Statistics Canada revised Québec's trade with the United States in {len(revised_months)} of the "
        f"{len(months)} months since {'January' if first[1] == 1 else first[1]} {first[0]}"
    ) in text
    assert f"({len(revised_figures)} monthly figures of exports or imports differ" in text
