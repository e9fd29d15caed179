"""The briefing note as an adviser takes it to a minister's office: `render briefing … --pdf` writes the page and a
PDF of at most two pages whose text holds every figure to quote, each with its source; two of those figures are
recomputed here from the mirror's raw files with the standard library only (csv, gzip)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict

import pytest
from htmlcheck import text_of
from pypdf import PdfReader
from rawsums import rows

from quebec_intl import settings

NOTES = ["briefing_state", "briefing_country", "briefing_region"]
QUOTE = re.compile(r'<p class="qi-quote-text">(.*?)</p><p class="qi-quote-source">(.*?)</p>', re.S)
PROVINCES = {"XA", "XB", "XC", "XM", "XN", "XO", "XP", "XQ", "XS", "XT", "XV", "XW", "XY"}
MONTHLY = "statcan-12100175-quebec-partners/commerce_quebec_sections_2023-2026.csv.gz"


def flat(text: str) -> str:
    """Text as a PDF's extraction and a page's markup can both be compared: compatibility forms (ligatures, no-break
    spaces) folded, runs of white space as one space, a line broken after a hyphen joined again."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).replace("- ", "-")


@pytest.fixture(scope="module")
def printed(rendered_site, browser, tmp_path_factory) -> dict:  # noqa: ARG001
    """Each note of the site (both languages) printed as `--pdf` prints it, from a copy of the page."""
    from quebec_intl.publish.pdf import print_to_pdf

    folder = tmp_path_factory.mktemp("briefings")
    found = {}
    for note in NOTES:
        for lang in ("fr", "en"):
            page = rendered_site[f"{note}_{lang}"]
            copy = folder / f"{note}-{lang}.html"
            shutil.copyfile(page, copy)
            found[(note, lang)] = (page, PdfReader(print_to_pdf(copy)))
    return found


def quotes_of(page) -> list[tuple[str, str]]:
    markup = page.read_text(encoding="utf-8")
    return [(flat(html.unescape(text)), flat(html.unescape(source))) for text, source in QUOTE.findall(markup)]


def pdf_text(reader: PdfReader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.mark.usefixtures("browser")
def test_the_command_writes_the_page_and_its_pdf(rendered_site, tmp_path):
    reports = tmp_path / "reports"
    env = {
        **os.environ,
        settings.MIRROR_ENV: str(rendered_site["mirror"]),
        settings.PROCESSED_ENV: str(rendered_site["processed"]),
        settings.REPORTS_ENV: str(reports),
    }
    command = [sys.executable, "-m", "quebec_intl.cli", "render", "briefing", "--partner", "US-GA", "--lang", "fr"]
    done = subprocess.run([*command, "--pdf"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    page, pdf = reports / "fr" / "briefing" / "us-ga.html", reports / "fr" / "briefing" / "us-ga.pdf"
    assert f"wrote {pdf}" in done.stdout
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2
    assert "La Géorgie : note d'information" in flat(reader.pages[0].extract_text())
    read = text_of(page)
    assert "report.load(" not in read and "notebook.setup()" not in read  # the notebook's code stays off the page


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("note", NOTES)
def test_a_note_fits_two_pages_and_its_pdf_states_every_figure_to_quote_with_its_source(printed, note, lang):
    page, reader = printed[(note, lang)]
    assert 1 <= len(reader.pages) <= 2, f"{page.name} prints on {len(reader.pages)} pages"
    quoted = quotes_of(page)
    assert 4 <= len(quoted) <= 6, quoted
    text = pdf_text(reader)
    for sentence, source in quoted:
        assert sentence in text, sentence
        assert source in text, source
        assert source.startswith(("Source : ", "Source: ")) and re.search(r"(période|period) : \S|period: \S", source)


def page_numbers_whole(reader: PdfReader) -> list[bool]:
    """Whether each printed sheet's footer gives « n / total » on one line (a long title once pushed it to two)."""
    return [f"{n} / {len(reader.pages)}" in sheet.extract_text() for n, sheet in enumerate(reader.pages, 1)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_printed_note_gives_each_address_once_and_its_page_number_whole(printed, lang):
    """The register's address (the link's own text) was printed twice, the print stylesheet adding it after itself."""
    page, reader = printed[("briefing_state", lang)]
    addresses = set(re.findall(r'<a href="(https?://[^"]+)">\1</a>', page.read_text(encoding="utf-8")))
    assert addresses
    text = "".join(pdf_text(reader).split())  # an address broken over lines, joined again
    for address in addresses:
        assert text.count(address) == 1, address
    assert all(page_numbers_whole(reader)), page.name


def test_quebec_share_of_the_provinces_exports_to_georgia_recomputed_from_transborder(rendered_site, printed):
    by_province = defaultdict(float)
    for file in sorted((rendered_site["mirror"] / "bts-transborder").glob("2024-*/dot2_*.csv.gz")):
        for row in rows(file):
            if row["TRDTYPE"] == "2" and row["USASTATE"] == "GA" and row["CANPROV"] in PROVINCES:
                by_province[row["CANPROV"]] += float(row["VALUE"])
    share = by_province["XQ"] / sum(by_province.values()) * 100
    rank = sorted(by_province.values(), reverse=True).index(by_province["XQ"]) + 1
    said = f"{share:.1f}".replace(".", ",")
    ordinal = "1er" if rank == 1 else f"{rank}e"
    sentence = (
        f"En 2024, le Québec a assuré {said} % des exportations des provinces canadiennes vers la Géorgie, "
        f"au {ordinal} rang des provinces."
    )
    assert sentence in pdf_text(printed[("briefing_state", "fr")][1])


def test_exports_to_france_from_january_to_july_recomputed_from_the_monthly_table(rendered_site, printed):
    value = defaultdict(float)
    for row in rows(rendered_site["mirror"] / MONTHLY):
        year, month = (int(part) for part in row["mois"].split("-"))
        if (
            row["partenaire"] == "France"
            and row["commerce"] == "Exportations nationales"
            and row["produit_scpan"] == "Total de toutes les marchandises"
            and month <= 7
        ):
            value[year] += float(row["valeur_milliers_cad"]) * 1000
    change = (value[2026] / value[2025] - 1) * 100
    billions = f"{value[2026] / 1e9:.1f}"
    sentence = f"From January to July 2026, Québec exported ${billions} billion of goods to France, "
    sentence += f"{'up' if change > 0 else 'down'} {abs(change):.1f}% from the same months of 2025."
    assert sentence in pdf_text(printed[("briefing_country", "en")][1])


def test_the_note_states_the_same_exports_as_the_partner_page(rendered_site):
    """A figure the note quotes is the figure the partner's page shows (both from the same data object)."""
    note = text_of(rendered_site["briefing_state_en"])
    page = text_of(rendered_site["state_en"])
    exports = re.search(r"In 2024, Québec exported (\$[\d.]+ billion)", note).group(1)
    assert f"In 2024, Québec exported {exports}" in page


@pytest.mark.usefixtures("browser")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bulletin_prints_on_two_pages_with_every_sentence_to_quote(rendered_site, tmp_path, lang):
    """The monthly bulletin printed as `render bulletin --pdf` prints it: at most two pages, holding each sentence to
    quote and its source, and the measures' list (its printed digest)."""
    from quebec_intl.publish.pdf import print_to_pdf

    page = rendered_site[f"bulletin_{lang}"]
    copy = tmp_path / page.name
    shutil.copyfile(page, copy)
    reader = PdfReader(print_to_pdf(copy))
    assert 1 <= len(reader.pages) <= 2, f"the bulletin prints on {len(reader.pages)} pages"
    assert all(page_numbers_whole(reader)), "a page number is broken over two lines"
    text = pdf_text(reader)
    quoted = quotes_of(page)
    assert len(quoted) == 5, quoted
    for sentence, source in quoted:
        assert sentence in text and source in text, sentence
    assert flat("Examen conjoint de l'ACEUM" if lang == "fr" else "CUSMA/USMCA joint review") in text
