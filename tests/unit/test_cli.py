"""Bad parameters get one clear message, a non-zero exit, and nothing written."""

import argparse

import pytest

from quebec_intl.cli import main


def test_unknown_partner_suggests_matches_and_writes_nothing(outputs, capsys):
    processed, reports = outputs
    assert main(["render", "partner", "--partner", "Atlantis", "--year", "2024", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown --partner 'Atlantis'" in err and "Closest matches:" in err
    assert not processed.exists() and not reports.exists()


@pytest.mark.usefixtures("outputs")
def test_bad_year_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["render", "partner", "--partner", "USA", "--year", "soon"])
    assert exit_.value.code == 2 and "--year must be a year" in capsys.readouterr().err


def test_jobs_above_the_cores_start_one_kernel_per_core_and_say_so(monkeypatch):
    """`--jobs 500` once started a kernel per page (90 processes, 5 GB): the cores cap it, in one line."""
    from quebec_intl.publish import pool

    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    count, note = pool.kernel_count(500, 90, 45)
    assert count == 2 and note == "--jobs 500 is more than the 2 core(s) this process may use: at most 2 kernel(s)"
    assert pool.kernel_count(500, 1, 1)[0] == 1  # never more kernels than pages
    assert pool.kernel_count(500, 2, 1)[0] == 1  # nor than subjects: a subject's pages run in one kernel
    assert pool.kernel_count(None, 90, 45) == (2, None) and pool.kernel_count(1, 90, 45) == (1, None)


def test_a_few_pages_take_one_kernel_unless_more_are_asked_for(monkeypatch):
    """A kernel's start costs as much as many pages: a page in both languages takes one kernel, not one each."""
    from quebec_intl.publish import pool

    monkeypatch.setattr(pool, "default_jobs", lambda: 2)
    assert [pool.kernel_count(None, pages, pages)[0] for pages in (1, 2, 8, 9, 16, 194)] == [1, 1, 1, 2, 2, 2]
    assert pool.kernel_count(2, 2, 2) == (2, None)  # `--jobs 2` asked for: two


def test_all_with_a_kind_is_refused_in_one_line(capsys):
    """`render --all partner --partner Japan` once rendered the whole suite, the partner silently ignored."""
    assert main(["render", "--all", "partner", "--partner", "Japan"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "`render --all` renders every report the data supports and takes no kind" in err
    assert "`render partner …` without --all" in err


def test_every_subcommand_has_its_command_and_no_command_is_left_without_one():
    from quebec_intl import cli

    subcommands = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(cli.COMMANDS) == set(subcommands) == {"data", "sources", "update", "reconcile", "snapshot", "render"}
