"""Every page of the default suite, in both languages, read as a statistics office's editor reads it before it goes
to a minister's office. Each failure names the page and quotes the text."""

from __future__ import annotations

from pathlib import Path

import editorial_checks as checks
import pytest

from quebec_intl import settings
from quebec_intl.reports import registry


@pytest.fixture(scope="session")
def suite(mirror_site) -> dict[str, checks.Page]:
    """The whole default suite (`render --all`) from the real mirror: every page, by its path under reports/."""
    return {
        str(path.relative_to(mirror_site)): checks.Page(path.read_text(encoding="utf-8"))
        for path in sorted(mirror_site.rglob("*.html"))
    }


def _failures(suite: dict[str, checks.Page], check, lang: str | None = None) -> list[str]:
    return [
        f"{name}: {quote}"
        for name, page in suite.items()
        if lang is None or name.startswith(f"{lang}/")
        for quote in check(page)
    ]


def test_the_suite_has_both_languages_and_every_kind(suite):
    for lang in ("fr", "en"):
        kinds = {Path(name).parts[1] for name in suite if name.startswith(f"{lang}/")}
        assert kinds == set(registry.kinds()), (lang, kinds)


@pytest.mark.parametrize(
    "check, lang",
    [
        (checks.french_typography, "fr"),
        (checks.english_words, "fr"),
        (checks.unaccented_quebec, "en"),
        (checks.true_minus, "en"),
        (checks.internal_wording, None),
        (checks.empty_shells, None),
        (checks.link_schemes, None),
        (checks.version_labels, None),
        (checks.region_slips, None),
        (checks.long_names_repeated, None),
        (checks.terms_unexplained, None),
        (checks.source_links, None),
        (checks.absolute_not_covered, None),
        (checks.customs_basis_unexplained, None),
    ],
    ids=[
        "french-typography",
        "no-english-on-french-pages",
        "quebec-with-its-accent",
        "true-minus-in-english",
        "no-internal-wording",
        "no-empty-sections",
        "links-http-only",
        "tables-cited-not-downloads",
        "region-names-with-their-articles",
        "long-names-once",
        "jargon-spelled-out-once",
        "statcan-and-bts-linked-in-the-page-language",
        "not-covered-says-for-whom",
        "customs-basis-spelled-out",
    ],
)
def test_every_page_passes(suite, check, lang):
    failures = _failures(suite, check, lang)
    assert not failures, f"{len(failures)} failure(s), first ones:\n" + "\n".join(failures[:25])


def _without_rows(spec: object) -> object:
    """The spec with every inline table emptied: rows (and map topologies) are arbitrary data to the schema, and
    walking them is most of the cost of checking a chart; the spec's structure is all that is checked."""
    if isinstance(spec, dict):
        return {
            key: (
                []
                if key == "values" and isinstance(value, list)
                else {name: [] for name in value}
                if key == "datasets" and isinstance(value, dict)
                else _without_rows(value)
            )
            for key, value in spec.items()
        }
    if isinstance(spec, list):
        return [_without_rows(item) for item in spec]
    return spec


def test_every_chart_of_every_page_is_valid_vega_lite(suite):
    """The renderer does not check charts against the Vega-Lite schema as it draws them (it costs a fifth of a
    page); this does, for every chart the suite publishes (each distinct structure once)."""
    import json
    import re

    import jsonschema
    from altair.vegalite.v6.schema import core

    schema = core.load_schema()  # one validator for every chart (Altair's own validate builds one per call)
    validator = jsonschema.validators.validator_for(schema)(schema)
    failures, charts, checked = [], 0, set()
    for name, page in suite.items():
        for spec in re.findall(r'<script[^>]*class="qi-chart-spec"[^>]*>(.*?)</script>', page.html):
            charts += 1
            structure = json.dumps(_without_rows(json.loads(spec)), sort_keys=True)
            if structure in checked:
                continue
            checked.add(structure)
            failures += [f"{name}: {error.message[:200]}" for error in validator.iter_errors(json.loads(structure))]
    assert charts > 100 and not failures, failures[:10]


def _urls_by_kind() -> dict[str, set[str]]:
    import csv

    kinds: dict[str, set[str]] = {"official": set(), "secondary": set()}
    for table in ("offices", "events", "agreements", "organisations"):
        with (settings.data_dir() / "curated" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                kind = "official" if row["source_kind"] == "official" else "secondary"  # a university's archive too
                kinds[kind].add(row["source_url"])
    return kinds


@pytest.mark.parametrize("lang, mark", [("fr", "source secondaire"), ("en", "secondary source")])
def test_a_fact_on_a_secondary_source_is_marked_as_such(suite, lang, mark):
    kinds = _urls_by_kind()
    secondary_only = kinds["secondary"] - kinds["official"]
    links = suite[f"{lang}/relations/quebec.html"].links
    shown = [(href, label) for href, label in links if href in secondary_only]
    assert shown, "the relations page shows no fact on a secondary source: nothing checked"
    unmarked = [f"{label} -> {href}" for href, label in shown if mark not in label]
    assert not unmarked, unmarked[:10]
    assert all(mark not in label for href, label in links if href in kinds["official"] - kinds["secondary"])
