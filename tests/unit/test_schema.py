"""One field dictionary: every table's fields are declared once, with type, description and both labels."""

import pandas as pd
import pytest

from quebec_intl import pipeline, schema
from quebec_intl.errors import ValidationError

TABLES = list(schema._dictionary()["tables"])


@pytest.mark.parametrize("table", TABLES)
def test_every_table_field_is_declared_with_both_labels(table):
    for name in schema.table_fields(table):
        field = schema.fields()[name]
        assert field.description and field.label_en and field.label_fr, name
    assert set(schema.primary_key(table)) <= set(schema.table_fields(table))
    assert schema.table_schema(table) is not None


def test_every_built_table_has_a_schema():
    assert set(pipeline.BUILDS) | {"reconciliation"} <= set(TABLES)


def test_a_period_out_of_range_and_an_infinite_value_are_refused():
    frame = pd.DataFrame({"ref_year": [2023], "currency_code": ["USD"], "cad_per_unit": [float("inf")],
                          "source_url": ["https://example.org"]})
    with pytest.raises(ValidationError, match="column cad_per_unit: 1 value\\(s\\) fail finite"):
        schema.validate(frame, "exchange_rates", "f.csv")
    with pytest.raises(ValidationError, match="column ref_year"):
        schema.validate(frame.assign(ref_year=[3023], cad_per_unit=[1.3]), "exchange_rates", "f.csv")
