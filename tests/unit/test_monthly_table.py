"""Table 12-10-0175-01 on a bad day, each fault on a SYNTHETIC copy in one of its real layouts (the compiler's
gzipped French copy, the official French and English downloads): one clear message naming the file and what is
wrong, or an honest page; a table built before is never overwritten by a failed build."""

from __future__ import annotations

import pytest
import statcan_fixture as fx

from quebec_intl import settings
from quebec_intl.data import pipeline, trade
from quebec_intl.errors import SourceFileError
from quebec_intl.reports import partner
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual.blocks import Note, Section, Table

COMPILED = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"
FRENCH, ENGLISH = "statcan-12100175/12100175-fra.zip", "statcan-12100175/12100175-eng.zip"
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]
FR_PARTNERS = ["Tous les pays", "États-Unis", "France", "Autres pays"]
TOTAL_FR = "Total de toutes les marchandises"
TRADES_FR = ["Exportations nationales", "Importations"]
# Exports each month, thousands of dollars; imports are half. France gets 100 in 2024 and 110 in 2025.
EXPORTS = {"Tous les pays": 1000, "États-Unis": 800, "France": 100, "Autres pays": 100}


def value(month, partner, _product, trade_label):
    amount = EXPORTS[partner] * (1.1 if month.startswith("2025") and partner == "France" else 1)
    return amount if "xport" in trade_label else amount / 2


def french_rows(months=MONTHS, partners=FR_PARTNERS, value=value, status=None):
    return list(fx.monthly_rows(months, partners, [TOTAL_FR], TRADES_FR, value, status))


@pytest.fixture
def mirror(tmp_path, monkeypatch, outputs, unregistered):  # noqa: ARG001
    """An empty mirror the test fills; the monthly table's registered checksum does not apply to its copies."""
    unregistered("statcan_12100175_quebec", "statcan_12100175_fr", "statcan_12100175")
    folder = tmp_path / "mirror"
    folder.mkdir()
    monkeypatch.setenv(settings.MIRROR_ENV, str(folder))
    return folder


def text(section: Section | None) -> str:
    """What the section says, its tables' cells included."""
    if section is None:
        return ""
    parts = [section.heading]
    for block in section.blocks:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, Note):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [str(cell) for row in block.rows for cell in row]
    return " ".join(parts)


def test_each_layout_reads_to_the_same_table(mirror):
    """The compiler's copy, the French download (semicolons, decimal comma) and the English one agree."""
    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, french_rows())
    compiled = pipeline.build("trade_monthly_partners")
    (mirror / COMPILED).unlink()
    fx.write_monthly(mirror / FRENCH, fx.MONTHLY_FR, french_rows())
    french = pipeline.build("trade_monthly_partners")
    (mirror / FRENCH).unlink()
    labels = {"Tous les pays": "All countries", "États-Unis": "United States", "France": "France"}
    english_rows = fx.monthly_rows(
        MONTHS,
        list(labels.values()),
        ["Total of all merchandise"],
        ["Domestic export", "Import"],
        lambda month, partner, product, trade_label: value(
            month, {v: k for k, v in labels.items()}[partner], product, trade_label
        ),
        geo="Quebec",
    )
    fx.write_monthly(mirror / ENGLISH, fx.MONTHLY, english_rows)
    english = pipeline.build("trade_monthly_partners")
    columns = ["ref_year", "ref_month", "partner_code", "flow", "value_cad"]
    assert compiled[columns].equals(french[columns])
    assert french.loc[french["partner_code"].ne("ROW"), columns].reset_index(drop=True).equals(english[columns])
    france_2025 = french[french["partner_code"].eq("FRA") & french["flow"].eq("export") & french["ref_year"].eq(2025)]
    assert france_2025["value_cad"].sum() == pytest.approx(12 * 110_000)  # thousands, decimal comma read


def test_a_month_missing_in_the_middle_is_named_and_never_counted_as_zero(mirror):
    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, french_rows([m for m in MONTHS if m != "2025-03"]))
    monthly = trade.load_monthly()
    assert monthly.missing_months == [(2025, 3)] and monthly.complete_years == [2024]
    data = partner.load("France")
    assert data.trade.year == data.monthly.year == 2024  # the latest whole year: 2025 lacks March, so it is partial
    annual = trade.load().annual
    france = annual[annual["partner_code"].eq("FRA") & annual["product_section_code"].eq("total")]
    assert 2025 not in set(france["ref_year"])  # eleven months are not a year's total
    for lang, month in (("en", "March 2025"), ("fr", "mars 2025")):
        said = text(partner.monthly(data, ReportContext.of(lang)))
        assert month in said, said


def test_a_month_present_twice_is_an_error_and_the_table_built_before_stays(mirror):
    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, french_rows())
    pipeline.build("trade_monthly_partners")
    stored = pipeline.table_path("trade_monthly_partners").read_bytes()
    rows = french_rows()
    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, rows + [r for r in rows if r[0] == "2024-05"])
    with pytest.raises(SourceFileError) as error:
        pipeline.build("trade_monthly_partners")
    message = str(error.value)
    assert "month 2024-05 holds the same figure more than once" in message and str(mirror / COMPILED) in message
    assert pipeline.table_path("trade_monthly_partners").read_bytes() == stored


@pytest.mark.parametrize(
    "column, label",
    [(5, "Ruritanie"), (4, "Produits de fantaisie [C99]"), (3, "Réexportations fantaisistes")],
    ids=["partner", "product", "trade"],
)
def test_an_unknown_label_names_the_label_and_the_file(mirror, column, label):
    rows = french_rows()
    rows[7][column] = label
    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, rows)
    with pytest.raises(SourceFileError) as error:
        pipeline.build("trade_monthly_partners")
    message = str(error.value)
    assert label.split(" [")[0] in message and str(mirror / COMPILED) in message


@pytest.mark.parametrize("flag", ["x", "..", "F"])
def test_a_flagged_value_is_not_available_never_zero(mirror, flag):
    def status(month, partner, _product, trade_label):
        return flag if (month, partner, trade_label) == ("2025-06", "France", "Exportations nationales") else ""

    fx.write_monthly(mirror / COMPILED, fx.MONTHLY_COMPILED_FR, french_rows(status=status))
    monthly = trade.load_monthly()
    june = monthly.totals.query("partner_code == 'FRA' and flow == 'export' and ref_year == 2025 and ref_month == 6")
    assert len(june) == 1 and june["value_cad"].isna().all()
    annual = trade.load().annual
    exports = annual.query("partner_code == 'FRA' and flow == 'export' and product_section_code == 'total'")
    assert 2025 not in set(exports.dropna(subset=["value_cad"])["ref_year"])  # no total counting June as zero
    assert exports.set_index("ref_year").at[2024, "value_cad"] == pytest.approx(12 * 100_000)


def test_with_both_official_versions_the_french_is_read_and_cited(mirror):
    fx.write_monthly(mirror / FRENCH, fx.MONTHLY_FR, french_rows())
    english = fx.monthly_rows(
        MONTHS, ["All countries"], ["Total of all merchandise"], ["Domestic export", "Import"], geo="Quebec"
    )
    fx.write_monthly(mirror / ENGLISH, fx.MONTHLY, english)
    assert trade.load_monthly().source_ids == ("statcan_12100175_fr",)
    for lang, citation in (
        ("en", "Statistics Canada, Table 12-10-0175-01."),
        ("fr", "Statistique Canada, tableau 12-10-0175-01."),
    ):
        header = text(partner.header(partner.load("France"), ReportContext.of(lang)))
        assert citation in header, header
        assert "version" not in header, header  # the reader cites the table, whichever download the project read
