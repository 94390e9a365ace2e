"""`roster nights solve|insert|sheet` end to end on a database: exit codes, JSON, run sheets."""

import json

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.store import load_rota, open_db, replace_provider

from .conftest import MONDAY, build_small_provider
from .test_planning import plain


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """One week planned through the CLI, shared by the read-only tests below."""
    db_path = tmp_path_factory.mktemp("nights") / "roster.db"
    db = open_db(db_path)
    replace_provider(db, plain(build_small_provider()))
    db.close()
    result = CliRunner().invoke(cli, ["nights", "solve", "--week", "2026-W48", "--time-limit", "0.3",
                                      "--engine", "lns", "--json", "--db", str(db_path)])
    return db_path, result


def test_solve_writes_the_week_and_reports_json(planned):
    db_path, result = planned
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["week"] == "2026-W48" and len(report["nights"]) == 7
    assert all(n["covered"] == n["visits"] for n in report["nights"])
    assert all(n["least_free_min_per_hour"] >= 15 for n in report["nights"])
    db = open_db(db_path)
    assert len(load_rota(db, MONDAY).crews) == len(report["crews"])


def test_solve_with_uncovered_visits_exits_3_with_reasons(db_path, small_provider):
    db = open_db(db_path)
    replace_provider(db, small_provider.__class__(
        carers=small_provider.carers[:1], clients=small_provider.clients, packages=small_provider.packages,
        schedules=small_provider.schedules, settings=small_provider.settings))
    db.close()
    result = CliRunner().invoke(cli, ["nights", "solve", "--week", "2026-W48", "--time-limit", "0.2",
                                      "--db", str(db_path)])
    assert result.exit_code == 3
    assert "no_crew" in result.stderr


def test_insert_ranks_crews_and_shows_knock_on(planned):
    db_path, _ = planned
    result = CliRunner().invoke(cli, ["nights", "insert", "--date", "2026-11-23", "--client", "P002",
                                      "--at", "02:10", "--duration", "30", "--json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    options = json.loads(result.stdout)
    assert options[0]["rank"] == 1
    assert options[0]["arrive"] >= "02:10"
    assert {"crew", "knock_on", "late_visits"} <= set(options[0])


def test_insert_unknown_client_is_not_found(planned):
    db_path, _ = planned
    result = CliRunner().invoke(cli, ["nights", "insert", "--date", "2026-11-23", "--client", "P999",
                                      "--at", "02:10", "--db", str(db_path)])
    assert result.exit_code == 6 and "P999" in result.stderr


def test_sheet_text_and_html(planned, tmp_path):
    db_path, _ = planned
    out = tmp_path / "sheet.html"
    result = CliRunner().invoke(cli, ["nights", "sheet", "--date", "2026-11-23", "--crew", "N1",
                                      "--html", str(out), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "crew N1@2026-11-23" in result.stdout and "key safe" in result.stdout
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "page-break-after" in page and "key safe" in page


def test_sheet_for_a_night_without_crews_is_not_found(planned):
    db_path, _ = planned
    result = CliRunner().invoke(cli, ["nights", "sheet", "--date", "2026-12-25", "--db", str(db_path)])
    assert result.exit_code == 6
