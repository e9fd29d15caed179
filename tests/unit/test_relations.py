"""Relations tables from the curated facts, and what bad rows in those files produce."""

import csv

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.analysis.network import Network
from quebec_intl.data import pipeline, regions
from quebec_intl.data.extract import curated
from quebec_intl.data.transform import relations
from quebec_intl.errors import SourceFileError, ValidationError


@pytest.fixture
def built(outputs):  # noqa: ARG001
    return {
        table: pipeline.build(table)
        for table in ("offices", "office_territories", "organisations", "events", "agreements", "agreement_counts")
    }


def test_offices_current_and_historic(built):
    offices = built["offices"].set_index("office_id")
    with (settings.data_dir() / "curated" / "offices.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(offices) == len(rows) and offices["is_open"].sum() == sum(not row["closed_year"] for row in rows)
    assert offices.at["atlanta", "us_state_code"] == "US-GA" and offices.at["atlanta", "opened_year"] == 1978
    assert not offices.at["moscow", "is_open"] and offices.at["moscow", "closed_year"] == 2014


def test_the_atlanta_office_covers_the_atlanta_region(built):
    territory = built["office_territories"]
    covered = set(territory.loc[territory["office_id"].eq("atlanta"), "partner_code"])
    assert covered == set(regions.members("atlanta_territory"))


def test_events_agreements_and_counts_keep_their_citations(built):
    for table in ("events", "agreements", "agreement_counts", "organisations", "offices"):
        assert built[table]["source_url"].str.startswith("http").all(), table
    agreements = built["agreements"].set_index("agreement_id")
    assert agreements.at["deu_bavaria_1989", "country_code"] == "DEU"
    events = built["events"]
    summits = events[events["org_id"].eq("sommet_francophonie") & events["event_type"].eq("summit")]
    assert summits["ref_year"].min() == 1986  # the first Francophonie summit, Versailles/Paris
    counts = built["agreement_counts"]
    assert set(counts.loc[counts["metric"].eq("signed_total"), "count"]) == {700, 775}  # both sources kept


def write(tmp_path, kind, rows):
    columns = curated.COLUMNS[kind]
    file = tmp_path / f"{kind}.csv"
    lines = [",".join(columns)] + [",".join(row.get(c, "") for c in columns) for row in rows]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


OFFICE = {
    "office_id": "x",
    "name_fr": "X",
    "name_en": "X",
    "office_type": "office",
    "city": "Paris",
    "country_iso3": "FRA",
    "opened_year": "1999",
    "source_url": "https://example.org",
    "source_kind": "official",
}
ID_OF = {"events": "event_id", "offices": "office_id"}
EVENT = {
    "event_id": "e",
    "date_start": "2008-06-15",
    "event_type": "conference",
    "title_en": "A conference",
    "title_fr": "Une conférence",
    "title_fr_origin": "translation",
    "city": "Savannah",
    "country_iso3": "USA",
    "source_url": "https://example.org",
    "source_kind": "secondary",
}


def test_a_bad_year_names_the_row_and_column(tmp_path):
    file = write(tmp_path, "offices", [OFFICE, {**OFFICE, "office_id": "y", "opened_year": "19x0"}])
    with pytest.raises(SourceFileError, match=r"column opened_year, row 3: '19x0' is not a year"):
        relations.offices(curated.extract(file, "offices"), str(file))


def test_an_unknown_territory_code_is_named(tmp_path):
    file = write(tmp_path, "offices", [{**OFFICE, "territory": "FRA;ATL"}])
    with pytest.raises(
        ValidationError,
        match="office_territories table breaks its schema: column partner_code: "
        "1 value\\(s\\) fail known partners code \\(e.g. row 2 'ATL'\\)",
    ):
        relations.office_territories(curated.extract(file, "offices"), str(file))


def test_a_duplicate_office_breaks_the_schema(tmp_path):
    file = write(tmp_path, "offices", [OFFICE, OFFICE])
    with pytest.raises(ValidationError, match="offices table breaks its schema"):
        relations.offices(curated.extract(file, "offices"), str(file))


def test_a_city_without_its_french_name_is_named(tmp_path):
    file = write(tmp_path, "offices", [OFFICE, {**OFFICE, "office_id": "y", "city": "Springfield"}])
    with pytest.raises(
        SourceFileError,
        match=r"column city, row 3: 'Springfield' has no French name in "
        r"data/reference/cities.csv",
    ):
        relations.offices(curated.extract(file, "offices"), str(file))


def test_an_event_in_a_us_city_is_also_in_its_state_and_keeps_its_source_kind(tmp_path):
    file = write(tmp_path, "events", [EVENT])
    table = relations.events(curated.extract(file, "events"), str(file))
    assert table.iloc[0][["us_state_code", "city_fr", "source_kind", "title_fr"]].tolist() == [
        "US-GA",
        "Savannah",
        "secondary",
        "Une conférence",
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title_fr": ""}, r"column title_fr, row 2: every title needs its French wording"),
        ({"source_kind": "blog"}, r"column source_kind"),
        ({"title_fr_origin": "guess"}, r"column title_fr_origin"),
    ],
)
def test_a_relations_row_without_french_title_or_with_an_unknown_source_kind_is_named(tmp_path, change, message):
    file = write(tmp_path, "events", [{**EVENT, **change}])
    with pytest.raises((SourceFileError, ValidationError), match=message):
        relations.events(curated.extract(file, "events"), str(file))


@pytest.mark.parametrize(
    ("kind", "row", "address", "host"),
    [
        ("events", EVENT, "https://plq.org/fr/communiques/premiere-mission", "plq.org"),
        ("offices", OFFICE, "https://fr.scribd.com/document/96743450/Historique", "scribd.com"),
        ("events", EVENT, "http://fr.m.wiki.x.io/wiki/Sommet", "wiki.x.io"),
        (
            "offices",
            OFFICE,
            "https://development.thecanadianencyclopedia.ca/article/x",
            "development.thecanadianencyclopedia.ca",
        ),
    ],
)
def test_a_row_on_a_blocked_host_is_refused_naming_file_row_and_host(tmp_path, kind, row, address, host):
    """A party's site, a copy of Wikipedia, a document-sharing site, a development server: never a fact's support."""
    file = write(tmp_path, kind, [row, {**row, ID_OF[kind]: "y", "source_url": address}])
    with pytest.raises(SourceFileError) as error:
        curated.extract(file, kind)
    message = str(error.value)
    assert str(file) in message and "row 3" in message and f"blocked host {host} " in message
    assert "\n" not in message


def test_an_unacceptable_source_kind_is_refused(tmp_path):
    file = write(tmp_path, "events", [{**EVENT, "source_kind": "unacceptable"}])
    with pytest.raises(ValidationError, match="column source_kind"):
        relations.events(curated.extract(file, "events"), str(file))


@pytest.mark.usefixtures("outputs")
def test_an_event_in_a_us_city_shows_on_its_state_as_on_the_united_states():
    from quebec_intl.analysis.network import network
    from quebec_intl.data.partners import all_partners

    usa = network(all_partners()["USA"]).events
    placed = usa.dropna(subset=["us_state_code"])
    assert {"seus_cp_conf_2008_savannah", "ny_office_opening"} <= set(placed["event_id"])
    for code, rows in placed.groupby("us_state_code"):
        assert set(rows["event_id"]) <= set(network(all_partners()[code]).events["event_id"]), code


@pytest.mark.usefixtures("outputs")
def test_a_sub_national_counterpart_is_named_as_itself():
    from quebec_intl.analysis.network import network
    from quebec_intl.data.partners import all_partners

    agreements = network(all_partners()["DEU"]).agreements.set_index("agreement_id")
    assert agreements.at["deu_bavaria_1989", "counterpart_name_fr"] == "Bavière"  # not filed as « Allemagne »


def test_agreements_counted_by_decade_and_domain_and_counts_that_disagree():
    """SYNTHETIC: four agreements (one undated), and two sources publishing different counts for one year."""

    agreements = pd.DataFrame(
        {"signed_year": [1965, 1969, 1971, None], "domain": ["education", "education", "culture", "culture"]}
    )
    counts = pd.DataFrame(
        {"metric": ["signed_total", "signed_total", "signed_total", "in_force"], "ref_year": [2020, 2020, 2023, 2020]}
    ).assign(count=[700, 775, 780, 300])
    empty = pd.DataFrame()
    network = Network(None, None, empty, empty, agreements, counts, empty, empty, empty, empty, [])
    expected = pd.DataFrame({"decade": [1960, 1970], "domain": ["education", "culture"], "count": [2, 1]})
    pd.testing.assert_frame_equal(network.agreements_by_decade(), expected)
    assert network.counts_disagreeing() == [(2020, [775, 700])]
