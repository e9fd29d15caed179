"""What a report reads: whole years from monthly data; one published figure per cell, the others kept."""

import pandas as pd
from pandas.testing import assert_frame_equal

from quebec_intl import dataset


def test_annual_sums_whole_years_only_and_adds_the_total():
    months = [(2023, m) for m in range(1, 13)] + [(2024, 1)]
    monthly = pd.DataFrame(
        [{"ref_year": y, "ref_month": m, "reporter_code": "QC", "partner_code": "USA", "flow": "export",
          "product_section_code": s, "value_cad": v, "source_id": "s"}
         for y, m in months for s, v in (("energy", 1.0), ("consumer_goods", 2.0))]
    )
    annual = dataset.annual_from_monthly(monthly)
    assert set(annual["ref_year"]) == {2023}  # 2024 has one month: left out rather than shown as a fall
    assert annual.set_index("product_section_code")["value_cad"].to_dict() == {
        "consumer_goods": 24.0, "energy": 12.0, "total": 36.0}


def test_preferred_figure_is_the_most_authoritative_then_the_most_precise():
    published = pd.DataFrame({
        "figure_id": ["press", "isq_billion", "isq_million", "other_year"],
        "ref_year": [2017, 2017, 2017, 2016],
        "reporter_code": "QC", "partner_code": "USA", "flow": "export",
        "value_cad": [60.2e9, 60.0e9, 60_276e6, 57e9],
        "published_unit": ["CAD_billion", "CAD_billion", "CAD_million", "CAD_billion"],
        "authority_rank": [3, 1, 1, 3], "source_url": ["u1", "u2", "u3", "u4"], "source_id": "curated",
    })
    chosen, others = dataset.preferred_figures(published)
    assert chosen.set_index("ref_year")["figure_id"].to_dict() == {2016: "other_year", 2017: "isq_million"}
    assert sorted(others["figure_id"]) == ["isq_billion", "press"]


def test_a_low_authority_figure_is_listed_but_never_used():
    published = pd.DataFrame({
        "figure_id": ["draft_2019"], "ref_year": [2019], "reporter_code": "QC", "partner_code": "WLD", "flow": "export",
        "value_cad": [107e9], "published_unit": ["CAD_billion"], "authority_rank": [4], "source_url": ["u"],
        "source_id": "curated",
    })
    chosen, others = dataset.preferred_figures(published)
    assert chosen.empty and others["figure_id"].tolist() == ["draft_2019"]
