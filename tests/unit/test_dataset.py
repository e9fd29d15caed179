"""The annual frame a report reads: whole years from monthly data; one published figure per cell, the others kept."""

import pandas as pd
import pytest

from quebec_intl import settings
from quebec_intl.analysis.trade import partner_trade
from quebec_intl.data import partners, pipeline, trade
from quebec_intl.data.transform import trade_annual
from quebec_intl.reports import subjects


def test_annual_sums_whole_years_only_and_adds_the_total():
    months = [(2023, m) for m in range(1, 13)] + [(2024, 1)]
    monthly = pd.DataFrame(
        [
            {
                "ref_year": y,
                "ref_month": m,
                "reporter_code": "QC",
                "partner_code": "USA",
                "flow": "export",
                "product_section_code": s,
                "value_cad": v,
                "source_id": "statcan_12100175_us_extract",
            }
            for y, m in months
            for s, v in (("energy", 1.0), ("consumer_goods", 2.0))
        ]
    )
    annual = trade_annual.best_annual({"trade_monthly": monthly})
    assert set(annual["ref_year"]) == {2023}  # 2024 has one month: left out rather than shown as a fall
    assert annual.set_index("product_section_code")["value_cad"].to_dict() == {
        "consumer_goods": 24.0,
        "energy": 12.0,
        "total": 36.0,
    }
    assert annual["figure_id"].isna().all()


def published(**columns):
    base = {
        "reporter_code": "QC",
        "partner_code": "USA",
        "flow": "export",
        "basis": "unknown",
        "source_id": "curated_trade_figures",
    }
    return pd.DataFrame({**base, **columns})


def test_preferred_figure_is_the_most_authoritative_then_the_most_precise():
    figures = published(
        figure_id=["press", "isq_billion", "isq_million", "other_year"],
        ref_year=[2017, 2017, 2017, 2016],
        value_cad=[60.2e9, 60.0e9, 60_276e6, 57e9],
        published_unit=["CAD_billion", "CAD_billion", "CAD_million", "CAD_billion"],
        authority_rank=[3, 1, 1, 3],
        source_url=[f"https://example.org/{i}" for i in range(1, 5)],
    )
    chosen = trade_annual.best_annual({"published_annual": figures})
    assert chosen.set_index("ref_year")["figure_id"].to_dict() == {2016: "other_year", 2017: "isq_million"}
    assert set(chosen["product_section_code"]) == {"total"}


def test_a_low_authority_figure_is_never_used():
    figures = published(
        figure_id=["draft_2019"],
        ref_year=[2019],
        partner_code="WLD",
        value_cad=[107e9],
        published_unit=["CAD_billion"],
        authority_rank=[4],
        source_url=["https://example.org/u"],
    )
    assert trade_annual.best_annual({"published_annual": figures}).empty


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_the_embedded_default_lists_the_figures_it_did_not_use():
    data = trade.load()
    assert data.source_ids == ("curated_trade_figures",)
    used, others = set(data.annual["figure_id"]), set(data.other_published["figure_id"])
    assert used and others and not used & others
    assert used | others == set(pipeline.load("published_annual")["figure_id"])
    assert (data.other_published.loc[data.other_published["authority_rank"].eq(4), "figure_id"].isin(others)).all()


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_the_annual_frame_follows_the_best_source_at_hand(tmp_path, monkeypatch, unregistered):
    from conftest import extract_row, write_us_extract

    assert pipeline.input_tables("trade_annual") == ("published_annual",)
    unregistered("statcan_12100175_us_extract")
    mirror = tmp_path / "mirror"
    write_us_extract(mirror, [extract_row("Québec", f"2023-{m:02d}", 10.0, 4.0) for m in range(1, 13)])
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    assert not pipeline.is_current("trade_annual")  # built from the published figures; the extract is better
    data = trade.load()
    usa = data.annual[data.annual["partner_code"].eq("USA")]
    assert set(usa.loc[usa["ref_year"].eq(2023), "source_id"]) == {"statcan_12100175_us_extract"}
    assert set(usa.loc[usa["ref_year"].ne(2023), "source_id"]) == {"curated_trade_figures"}  # years it lacks
    others = data.other_published[data.other_published["partner_code"].eq("USA")]
    assert not others["ref_year"].eq(2023).any()  # a published figure of 2023 is not shown beside the extract's
    quebec = usa[usa["reporter_code"].eq("QC") & usa["ref_year"].eq(2023)]
    totals = quebec[quebec["product_section_code"].eq("total")].set_index("flow")["value_cad"]
    assert totals.to_dict() == {"export": pytest.approx(120.0), "import": pytest.approx(48.0)}
    assert pipeline.meta("trade_annual")["tables"].keys() == {"trade_monthly", "published_annual"}


@pytest.mark.usefixtures("no_mirror", "outputs")
def test_a_partner_the_official_table_lacks_keeps_its_published_figures(tmp_path, monkeypatch, unregistered):
    """An official table of the US alone must not empty the overview (all countries) or the other partners' pages:
    each cell comes from the best source that has it (a partner or a year the table lacks keeps its published
    figures), and the page names the sources."""
    from conftest import extract_row, write_us_extract

    published = pipeline.load("published_annual")
    world_years = set(trade_annual.from_published(published).query("partner_code == 'WLD'")["ref_year"])
    unregistered("statcan_12100175_us_extract")
    mirror = tmp_path / "mirror"
    write_us_extract(mirror, [extract_row("Québec", f"2023-{m:02d}", 10.0, 4.0) for m in range(1, 13)])
    monkeypatch.setenv(settings.MIRROR_ENV, str(mirror))
    data = trade.load()
    by_partner = data.annual.groupby("partner_code")["source_id"].unique()
    assert "statcan_12100175_us_extract" in list(by_partner["USA"])
    assert list(by_partner["WLD"]) == list(by_partner["FRA"]) == ["curated_trade_figures"]
    world = partner_trade(partners.resolve("WLD"), subjects.partner_period(partners.resolve("WLD"), None), data)
    assert set(world.flows.index) == world_years and world.source_ids == ("curated_trade_figures",)
    usa = partner_trade(partners.resolve("USA"), subjects.partner_period(partners.resolve("USA"), None), data)
    assert 2023 in usa.flows.index and usa.bases.at[2023, "export"] == "customs"
