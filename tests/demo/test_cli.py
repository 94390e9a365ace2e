"""`roster demo` on a temporary database: all or nothing, private, deterministic, and the solved
draft (when the solver is installed) keeps every hard rule."""

import datetime as dt
import importlib.util
import os
import stat

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.demo import generate
from roster.domain import Carer, Location, Provider, RotaStatus, Transport
from roster.rules import check_rota
from roster.store import load_provider, load_rota, open_db, replace_provider

WEEK = dt.date(2026, 11, 23)
SMALL = ["--hours-per-week", "120", "--week", "2026-W48", "--no-tui"]


def _run(*args):
    result = CliRunner().invoke(cli, ["demo", *args])
    return result


STAMPS = {"created_at", "applied_at"}
"""Columns that record when something was written, not what."""


def _content(path) -> dict:
    """Every table's rows, without the times they were written."""
    db = open_db(path)
    try:
        tables = {}
        for table in db.table_names():
            rows = [{k: v for k, v in r.items() if k not in STAMPS} for r in db[table].rows]
            tables[table] = sorted(map(repr, rows))
        return tables
    finally:
        db.close()


def test_demo_writes_a_private_database_with_the_provider_and_the_planted_rota(tmp_path):
    path = tmp_path / "demo.db"
    result = _run("--seed", "3", "--no-solve", "--db", str(path), *SMALL)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "daytime visits" in result.stdout and "hard rule violations" in result.stdout
    expected = generate(seed=3, hours_per_week=120, week_start=WEEK)
    db = open_db(path)
    try:
        stored = load_provider(db)
        planted = load_rota(db, WEEK, RotaStatus.PLANTED)
        assert load_rota(db, WEEK) is None, "no draft with --no-solve"
    finally:
        db.close()
    for field in ("carers", "clients", "packages", "schedules", "absences"):
        assert sorted(getattr(stored, field), key=lambda r: r.id) == sorted(getattr(expected.provider, field), key=lambda r: r.id)
    assert set(planted.assignments) == set(expected.planted.assignments)
    assert set(planted.breaks) == set(expected.planted.breaks)
    assert set(planted.crews) == set(expected.planted.crews)


def test_same_seed_same_database_content_and_another_seed_differs(tmp_path):
    paths = [tmp_path / name for name in ("a.db", "b.db", "c.db")]
    for path, seed in zip(paths, ("5", "5", "6")):
        assert _run("--seed", seed, "--no-solve", "--db", str(path), *SMALL).exit_code == 0
    first, second, other = map(_content, paths)
    assert first == second
    assert first != other


def test_running_the_demo_again_replaces_the_demo(tmp_path):
    path = tmp_path / "demo.db"
    assert _run("--seed", "5", "--no-solve", "--db", str(path), *SMALL).exit_code == 0
    assert _run("--seed", "6", "--no-solve", "--db", str(path), *SMALL).exit_code == 0
    fresh = tmp_path / "fresh.db"
    assert _run("--seed", "6", "--no-solve", "--db", str(fresh), *SMALL).exit_code == 0
    assert _content(path) == _content(fresh)


def test_demo_refuses_a_database_holding_a_providers_own_data(tmp_path):
    path = tmp_path / "own.db"
    db = open_db(path)
    carer = Carer(id="X1", name="Own Carer", postcode="CV1 5FB", home=Location(52.4, -1.5), transport=Transport.CAR)
    replace_provider(db, Provider(carers=(carer,)))
    db.close()
    result = _run("--no-solve", "--db", str(path), *SMALL)
    assert result.exit_code == 4
    assert "own data" in result.stderr
    db = open_db(path)
    try:
        assert [c.id for c in load_provider(db).carers] == ["X1"]
    finally:
        db.close()


@pytest.mark.skipif(importlib.util.find_spec("roster.planning.solve") is None, reason="solver not installed")
def test_demo_solves_the_week_and_the_draft_keeps_every_hard_rule(tmp_path):
    path = tmp_path / "demo.db"
    result = _run("--seed", "2", "--time-limit", "1", "--db", str(path), *SMALL)
    assert result.exit_code == 0, result.output
    db = open_db(path)
    try:
        provider, draft = load_provider(db), load_rota(db, WEEK)
    finally:
        db.close()
    assert draft is not None and draft.assignments
    report = check_rota(provider, draft)
    assert [v.message for v in report.hard] == []
    covered_row = next(line for line in result.stdout.splitlines() if line.startswith("visits covered"))
    assert len(covered_row.split()) == 4, "planted and draft columns"
