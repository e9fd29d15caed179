"""Bad parameters get one clear message, a non-zero exit, and nothing written."""

import pytest

from quebec_intl.cli import main


def test_unknown_partner_suggests_matches_and_writes_nothing(outputs, capsys):
    processed, reports = outputs
    assert main(["render", "partner", "--partner", "Atlantis", "--year", "2024", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown --partner 'Atlantis'" in err and "Closest matches:" in err
    assert not processed.exists() and not reports.exists()


def test_bad_year_is_refused_by_the_parser(outputs, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["render", "partner", "--partner", "USA", "--year", "soon"])
    assert exit_.value.code == 2 and "--year must be a year" in capsys.readouterr().err
