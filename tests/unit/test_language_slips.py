"""Names inserted into sentences read as the language writes them: articles, agreement with plural names, no English
on French pages, legends that name what the chart shows."""

import pytest

from quebec_intl.analysis.network import network
from quebec_intl.data import partners, regions
from quebec_intl.reports import network_sections, partner, region
from quebec_intl.reports.context import ReportContext
from quebec_intl.visual.blocks import Figure, Links, Note


def texts(section) -> list[str]:
    """Every sentence a section shows (paragraphs, notes, cited items), in order."""
    out = []
    for block in section.blocks:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, Note):
            out.append(block.text)
        elif isinstance(block, Links):
            out += [block.intro, *(text for text, _ in block.items)]
    return out


@pytest.mark.usefixtures("outputs")
@pytest.mark.parametrize(
    "code, expected",
    [
        ("USA", "Les États-Unis ne sont pas membres de l'OIF"),
        ("DEU", "L'Allemagne n'est pas membre de l'OIF"),
    ],
)
def test_a_plural_name_takes_a_plural_verb(code, expected):
    section = network_sections.francophonie(partner.load(code), ReportContext.of("fr"))
    assert any(text.startswith(expected) for text in texts(section)), texts(section)


@pytest.mark.usefixtures("outputs")
def test_a_country_is_named_with_its_article_in_published_counts():
    class Whole:
        network = network(None)

    lines = texts(network_sections.agreements(Whole, ReportContext.of("fr")))
    counts = [line for line in lines if "en vigueur avec" in line]
    assert counts and all(
        "avec la Chine" in line or "avec la France" in line or "avec les " in line for line in counts
    ), counts


def test_no_data_names_the_partner_with_its_article():
    ctx = ReportContext.of("fr")
    assert ctx.t("missing.no_data", with_=ctx.phrase(partners.resolve("FRA"), "with")).endswith(
        "du Québec avec la France."
    )


@pytest.mark.usefixtures("outputs")
@pytest.mark.parametrize("lang, unexpected", [("fr", "Six US states"), ("en", "Six États")])
def test_region_notes_are_in_the_page_language(lang, unexpected):
    section = region.sources(region.load("SEUS-CP"), ReportContext.of(lang))
    notes = texts(section)
    assert notes and not any(unexpected in text for text in notes)
    assert all(regions.regions()[key].notes_fr for key in regions.regions() if regions.regions()[key].notes_en)


@pytest.mark.usefixtures("mirror")
def test_a_state_map_legend_names_a_state_not_a_country():
    for lang, title in (("fr", "État"), ("en", "State")):
        section = partner.us_state(partner.load("US-GA"), ReportContext.of(lang))
        figure = next(block for block in section.blocks if isinstance(block, Figure))
        legends = [
            layer["encoding"]["color"]["title"]
            for layer in figure.chart.to_dict()["layer"]
            if "color" in layer.get("encoding", {})
        ]
        assert legends == [title]
