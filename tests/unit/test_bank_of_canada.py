"""The Bank of Canada's exchange rates as a source: the Valet answer, the legacy noon rates, and the annual rate
table built from both. Files here are tiny, in the real layouts; the noon rates are SYNTHETIC."""

import datetime as dt
import json
from pathlib import Path

import pytest

from quebec_intl.data import fetch, sources
from quebec_intl.data.extract import bank_of_canada
from quebec_intl.data.transform import exchange_rates
from quebec_intl.errors import SourceFileError

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "valet" / "FX_RATES_ANNUAL.json"
VALET = sources.get("boc_fx_annual").download_url


def noon_file(tmp_path, observations, errors=(), blocks=("OBSERVATIONS",)):
    """A legacy noon-rate file in the Bank's block layout (SYNTHETIC values)."""
    lines = [
        "\ufeffTERMS AND CONDITIONS",
        "http://www.bankofcanada.ca/terms/",
        "",
        "SERIES",
        "id,label,description",
        'IEXE0101,"USD_NOON","U.S. dollar (noon)"',
        "",
    ]
    if "OBSERVATIONS" in blocks:
        lines += ["OBSERVATIONS", "date,IEXE1601,IEXE0101"] + [f"{d},0.9,{v}" for d, v in observations] + [""]
    lines += ["ERRORS", "date,IEXE1601,IEXE0101"] + [f"{d},-64,-64" for d in errors]
    file = tmp_path / "LEGACY_NOON_RATES.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


def test_the_valet_answer_gives_the_annual_averages_from_2017():
    series = bank_of_canada.valet_series(RECORDED, "FXAUSDCAD")
    table = exchange_rates.annual_averages(series, "boc_fx_annual", VALET, str(RECORDED))
    assert table[["ref_year", "cad_per_unit", "method"]].values.tolist() == [
        [2017, 1.2986, "annual_average"],
        [2018, 1.2957, "annual_average"],
    ]


def test_a_valet_answer_without_the_series_is_refused(tmp_path):
    answer = json.loads(RECORDED.read_text())
    answer["seriesDetail"].pop("FXAUSDCAD")
    file = tmp_path / "answer.json"
    file.write_text(json.dumps(answer))
    with pytest.raises(SourceFileError, match="has no series FXAUSDCAD \\(it has FXAEURCAD\\)"):
        bank_of_canada.valet_series(file, "FXAUSDCAD")


def test_noon_rates_average_whole_years_leaving_out_flagged_dates_and_codes(tmp_path):
    days = [(f"2015-{m:02d}-15", "1.20") for m in range(1, 13)] + [
        ("2015-06-16", "1.50"),
        ("2015-06-17", "-64"),
        ("2016-01-04", "1.40"),
    ]
    file = noon_file(tmp_path, days, errors=["2015-06-16"])
    daily, errors = bank_of_canada.legacy_noon(file, "IEXE0101")
    table = exchange_rates.noon_means(daily, errors, "boc_legacy_noon", "https://example.org/noon", str(file))
    assert table[["ref_year", "cad_per_unit", "method"]].values.tolist() == [
        [2015, pytest.approx(1.20), "mean_of_daily_noon_rates"]
    ]  # 2016: partial


def test_a_noon_rate_file_without_observations_is_refused(tmp_path):
    file = noon_file(tmp_path, [], blocks=())
    with pytest.raises(SourceFileError, match="no OBSERVATIONS block \\(found TERMS AND CONDITIONS, SERIES, ERRORS\\)"):
        bank_of_canada.legacy_noon(file, "IEXE0101")


class Replay:
    def __init__(self, answers):
        self.answers, self.calls = answers, []

    def __call__(self, url, _timeout, sink):
        self.calls.append(url)
        sink.write(self.answers[url])


def test_the_valet_answer_is_downloaded_into_the_cache_when_no_mirror_is_set(tmp_path):
    http = Replay({VALET: RECORDED.read_bytes()})
    file = fetch.retrieve(sources.get("boc_fx_annual"), tmp_path, http, today=dt.date(2026, 11, 22))
    assert file == tmp_path / "boc_fx_annual" / "2026-11-22" / "FX_RATES_ANNUAL.json" and http.calls == [VALET]
    assert fetch.cached(sources.get("boc_fx_annual"), tmp_path) == file
    assert bank_of_canada.valet_series(file, "FXAUSDCAD")["FXAUSDCAD"].tolist() == ["1.2986", "1.2957"]
