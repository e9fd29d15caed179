"""Rendered partner reports: whole pages, offline, in both languages, with the mirror and with the embedded default."""

import csv
import json
import re

import nbformat
import pytest
from babel.numbers import format_compact_currency, format_decimal
from htmlcheck import remote, scan
from rawsums import sums

from quebec_intl import settings
from quebec_intl.data import sources
from quebec_intl.errors import RenderError
from quebec_intl.publish import engine, kernel, site_index
from quebec_intl.publish import requests as render
from quebec_intl.publish.batch import render_batch

pytestmark = pytest.mark.usefixtures("kernels")


def test_index_links_every_report(rendered_site):
    index = rendered_site["index"].read_text(encoding="utf-8")
    assert 'href="fr/partner/usa.html"' in index and 'href="en/partner/usa.html"' in index
    assert 'href="fr/relations/quebec.html"' in index
    assert "Le Québec et les États-Unis" in index and "Québec and the United States" in index


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_is_self_contained_with_no_code(rendered_site, lang):
    html = rendered_site["pages"][lang].read_text(encoding="utf-8")
    page = scan(html)
    assert "report.load" not in html and "report.trend(data, ctx)" not in html and "int | None" not in html
    assert page.figures >= 4  # trend, growth, product mix, provinces; then the relations side
    assert html.count('<script id="qi-vega">') == 1
    assert not [url for url in page.loads if remote(url)]


def test_french_page_prints_the_annual_table_own_exports(rendered_site):
    """Each year from the best table that has it: the monthly table's latest vintage from 2017, 12-10-0173-01
    before."""
    annual = sums(
        rendered_site["mirror"] / "statcan-12100173-us-extract" / "raw.csv",
        "VALUE",
        key=lambda row: int(row["REF_DATE"]),
        where=lambda row: (
            row["GEO"] == "Quebec"
            and row["Trade"] == "Export"
            and row["North American Product Classification System (NAPCS)"] == "All sections"
        ),
    )
    monthly = sums(
        rendered_site["mirror"] / "statcan-12100175-quebec-partners" / "commerce_quebec_sections_2023-2026.csv.gz",
        "valeur_milliers_cad",
        key=lambda row: int(row["mois"][:4]),
        where=lambda row: (
            row["partenaire"] == "États-Unis"
            and row["commerce"] == "Exportations nationales"
            and row["produit_scpan"] == "Total de toutes les marchandises"
        ),
    )
    exports = {**{year: v for year, v in annual.items() if year < 2017}, **monthly}
    text = " ".join(scan(rendered_site["pages"]["fr"].read_text(encoding="utf-8")).text)
    for year in range(2014, 2026):  # the trend table, in billions with one decimal (the files are in thousands)
        assert format_decimal(round(exports[year] * 1000 / 1e9, 1), "#,##0.0", locale="fr_CA") in text
    in_symbols = format_compact_currency(exports[2025] * 1000, "CAD", locale="fr_CA", fraction_digits=1)
    assert f"En 2025, le Québec a exporté pour {in_symbols}" in text
    assert "tableau 12-10-0173-01" in text and "de 2014 à 2024" in text
    assert "Statistique Canada, tableau 12-10-0175-01" in text and "de janvier 2017 à juillet 2026" in text
    assert "version française" not in text
    assert "Base douanière" in text and "province de dédouanement" in text


def publish_one(request):
    result = render_batch([request], progress=False)
    if result.failed:
        raise RenderError(result.failed[0][1])
    return result.rendered[0]


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_embedded_default_says_what_it_used_and_what_it_lacks():
    page = publish_one(render.request("partner", {"partner": "USA"}, "en"))
    text = " ".join(scan(page.read_text(encoding="utf-8")).text)
    assert "Data: figures published by the Institut de la statistique du Québec" in text
    assert text.count("Not covered in this report:") == 1 and "Exported products" in text
    assert "https://" in text  # every published figure shown with the address of its page
    assert "Other published figures for the same cells" in text


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_failing_report_keeps_the_previous_page_and_the_batch_goes_on():
    good = render.request("partner", {"partner": "USA"}, "en")
    page = publish_one(good)
    before = page.read_bytes()
    broken = render.ReportRequest(**{**good.__dict__, "parameters": {**good.parameters, "partner": "Atlantis"}})
    other = render.request("partner", {"partner": "FRA"}, "en")
    result = render_batch([broken, other], progress=False)
    assert [r.slug for r, _ in result.failed] == ["usa"] and result.rendered == [other.output_path(page.parents[2])]
    message = result.failed[0][1]
    assert "report partner" in message and "'Atlantis'" in message and "UnknownNameError" in message
    assert "report.header(data, ctx)" in message
    assert page.read_bytes() == before
    assert "rendered 1, kept 0 unchanged, skipped 0, failed 1" in result.summary()
    # its executed notebook is left beside the site, named by the error, to open where it failed
    executed = broken.executed_path(page.parents[2])
    assert f"(executed notebook: {executed})" in message and page.parents[2] not in executed.parents
    notebook = nbformat.read(executed, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    status = [cell.metadata.papermill["status"] for cell in code]
    failed = code[status.index("failed")]
    assert status.count("failed") == 1 and "report.header(data, ctx)" in failed.source
    assert [output.ename for output in failed.outputs if output.output_type == "error"] == ["UnknownNameError"]
    assert "completed" in status[: status.index("failed")] and status[status.index("failed") + 1 :].count("pending")
    assert notebook.metadata.papermill["exception"] is True and notebook.metadata.papermill["duration"] > 0
    assert f"In [{failed.execution_count}]" in notebook.cells[0].source  # papermill's note at the top


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_rendering_again_gives_byte_identical_pages():
    request = render.request("partner", {"partner": "USA"}, "fr")
    page = publish_one(request)
    first = page.read_bytes()
    assert render_batch([request], progress=False, force=True).rendered == [page]
    assert page.read_bytes() == first


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_each_report_starts_from_a_clean_namespace():
    with kernel.KernelSession() as session:
        assert not engine.run(session, render.request("partner", {"partner": "USA"}, "en")).failure
        session.run_cell(nbformat.v4.new_code_cell("left_behind = report"))
        assert not engine.run(session, render.request("overview", {}, "en")).failure  # a kind with no `partner`
        probe = nbformat.v4.new_code_cell("print(sorted(k for k in globals() if not k.startswith('_')))")
        session.run_cell(probe)
    names = probe.outputs[0]["text"]
    assert "report" in names and "left_behind" not in names and "partner" not in names


def test_every_page_weighs_at_most_one_and_a_half_megabytes(rendered_site):
    for page in [
        *rendered_site["pages"].values(),
        rendered_site["relations"],
        rendered_site["overview"],
        rendered_site["region"],
        rendered_site["index"],
    ]:
        assert page.stat().st_size <= 1.5e6, page


def test_no_page_has_an_image_without_a_text_alternative(rendered_site):
    """nbconvert's exporter gave one ("No description has been provided for this image") in a pass the project's
    exporter skips (publish/html_export.BodyExporter): a page's images must carry their own (its scripts' text, Vega
    among them, is no image)."""
    lacking = {}
    for page in sorted(rendered_site["site"].rglob("*.html")):
        markup = SCRIPT.sub("", page.read_text(encoding="utf-8"))
        tags = [tag for tag in re.findall(r"<img\b[^>]*>", markup) if not re.search(r"\salt=", tag)]
        if tags:
            lacking[page.relative_to(rendered_site["site"]).as_posix()] = tags
    assert not lacking


SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def test_relations_page_has_the_office_map_from_the_installed_geometries(rendered_site):
    html = rendered_site["relations"].read_text(encoding="utf-8")
    assert 'id="chart-offices-map"' in html and '"type":"Topology"' in html
    text = " ".join(scan(html).text)
    with (settings.data_dir() / "curated" / "offices.csv").open(encoding="utf-8", newline="") as handle:
        open_offices = [row for row in csv.DictReader(handle) if not row["closed_year"]]
    oldest = min((row for row in open_offices if row["opened_year"]), key=lambda row: int(row["opened_year"]))
    assert f"Le Québec compte {len(open_offices)} représentations ouvertes" in text
    assert f"{oldest['city']} ({oldest['opened_year']})" in text


def test_a_regions_offices_are_counted_as_the_regions_not_as_the_whole_network(rendered_site):
    """Europe's page counts the open offices in Europe's countries (UN M49 region 150, read with the csv module), and
    says they are Europe's: never « Le Québec compte … représentations ouvertes à l'étranger », the whole network."""
    reference = settings.data_dir() / "reference" / "un_m49.csv"
    with reference.open(encoding="utf-8", newline="") as handle:
        europe = {row["code"] for row in csv.DictReader(handle) if row["m49_region_code"] == "150"}
    with (settings.data_dir() / "curated" / "offices.csv").open(encoding="utf-8", newline="") as handle:
        there = [r for r in csv.DictReader(handle) if not r["closed_year"] and r["country_iso3"] in europe]
    countries = len({row["country_iso3"] for row in there})
    french = " ".join(scan(rendered_site["europe_fr"].read_text(encoding="utf-8")).text)
    english = " ".join(scan(rendered_site["europe_en"].read_text(encoding="utf-8")).text)
    assert (
        f"Le Québec compte {len(there)} représentations ouvertes dans {countries} des pays et territoires de l'Europe"
        in french
    )
    assert f"Québec has {len(there)} open offices in {countries} of the countries and territories in Europe" in english
    assert "représentations ouvertes à l'étranger" not in french and "open offices abroad" not in english


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_each_page_is_recorded_in_the_manifest_and_the_index_lists_only_those():
    page = publish_one(render.request("partner", {"partner": "FRA"}, "en"))
    reports = page.parents[2]
    (reports / "en" / "partner" / "stray.html").write_text("<title>Not a report</title>", encoding="utf-8")
    site_index.write(reports)
    record = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["pages"]["en/partner/fra.html"]
    assert record["kind"] == "partner" and record["lang"] == "en"
    assert record["parameters"] == {"partner": "FRA", "year": None, "lang": "en"}
    assert record["title"] == "Québec and France: international merchandise trade"
    registry = sources.registry()
    assert {s["id"] for s in record["sources"]} >= {"curated_trade_figures", "curated_offices"}
    assert all(s["vintage"] == registry[s["id"]].vintage and len(s["sha256"]) == 64 for s in record["sources"])
    assert len(record["data_fingerprint"]) == len(record["code_fingerprint"]) == 64
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="en/partner/fra.html"' in index and "stray" not in index


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_page_requested_twice_is_rendered_once():
    request = render.request("partner", {"partner": "FRA"}, "fr")
    result = render_batch([request, request], progress=False)
    assert len(result.rendered) == 1 and len(result.skipped) == 1
    assert "rendered 1, kept 0 unchanged, skipped 1, failed 0" in result.summary()
