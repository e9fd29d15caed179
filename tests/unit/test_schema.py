"""One field dictionary: every table's fields are declared once, with type, description, unit and both labels,
and the schemas, references and units all come from it."""

import pandas as pd
import pytest

from quebec_intl.data import fields, pipeline, schema
from quebec_intl.errors import ValidationError

TABLES = fields.tables()


@pytest.mark.parametrize("table", TABLES)
def test_every_table_field_is_declared_with_both_labels(table):
    for name in fields.table_fields(table):
        field = fields.fields()[name]
        assert field.description and field.label_en and field.label_fr, name
    assert set(fields.primary_key(table)) <= set(fields.table_fields(table))
    assert fields.nullable_fields(table) <= set(fields.table_fields(table))


def test_units_and_references_named_by_fields_are_declared():
    for field in fields.fields().values():
        assert field.unit is None or field.unit in fields.units(), field.name
        assert field.reference is None or field.reference in schema.REFERENCES, field.name
    assert fields.unit_factor("CAD_billion") == 1e9 and fields.unit_factor("CAD_million") == 1e6


def test_every_built_table_has_a_schema():
    assert set(pipeline.BUILDS) <= set(TABLES)


OFFICE = {
    "office_id": "x",
    "name_fr": "X",
    "name_en": "X",
    "office_type": "office",
    "city": "Y",
    "city_fr": "Y",
    "country_code": "FRA",
    "us_state_code": None,
    "opened_year": pd.array([1999], dtype="Int64"),
    "closed_year": pd.array([None], dtype="Int64"),
    "is_open": True,
    "source_url": "https://example.org",
    "source_kind": "official",
}


def test_codes_are_checked_against_the_reference_the_dictionary_names():
    good = pd.DataFrame(OFFICE)
    assert schema.validate(good, "offices", "f.csv")["country_code"].tolist() == ["FRA"]
    with pytest.raises(
        ValidationError, match="column country_code: 1 value\\(s\\) fail known countries code \\(e.g. 'ATL'\\)"
    ):
        schema.validate(good.assign(country_code="ATL"), "offices", "f.csv")
    with pytest.raises(ValidationError, match="column us_state_code: 1 value\\(s\\) fail known us_states code"):
        schema.validate(good.assign(us_state_code="US-XX"), "offices", "f.csv")


def test_text_fields_are_typed_once_in_validation():
    frame = pd.DataFrame(OFFICE).astype({"name_fr": "object", "city": "category"})
    validated = schema.validate(frame, "offices", "f.csv")
    assert str(validated["name_fr"].dtype) == "str" and str(validated["city"].dtype) == "str"


def test_a_period_out_of_range_and_an_infinite_value_are_refused():
    frame = pd.DataFrame(
        {
            "ref_year": [2023],
            "currency_code": ["USD"],
            "cad_per_unit": [float("inf")],
            "source_url": ["https://example.org"],
        }
    )
    with pytest.raises(ValidationError, match="column cad_per_unit: 1 value\\(s\\) fail finite"):
        schema.validate(frame, "exchange_rates", "f.csv")
    with pytest.raises(ValidationError, match="column ref_year"):
        schema.validate(frame.assign(ref_year=[3023], cad_per_unit=[1.3]), "exchange_rates", "f.csv")


def test_curated_dates_must_be_real_calendar_dates_as_precise_as_their_source():
    from quebec_intl.data.schema import is_partial_date

    assert all(is_partial_date(d) for d in ("1882", "1965-11", "2024-02-29", "2007-11-15"))
    assert not any(is_partial_date(d) for d in ("2023-13-45", "2023-02-29", "2023-1", "65", "2023/01/02", " 2023"))


def test_only_http_and_https_addresses_may_be_linked():
    from quebec_intl.data.schema import is_web_address

    assert is_web_address("https://www.quebec.ca/gouvernement") and is_web_address("http://mrif.gouv.qc.ca/en")
    for bad in (
        "javascript:alert(3)",
        "JavaScript:alert(3)",
        "data:text/html,x",
        "ftp://example.org/x",
        "https://",
        "www.quebec.ca",
        "https://example.org ",
    ):
        assert not is_web_address(bad), bad


def test_years_are_listed_as_runs():
    from quebec_intl.reports.years import span

    assert span([2024, 2015, 2020, 2021, 2022, 2023]) == "2015, 2020–2024" and span([]) == "" and span([7]) == "7"
