"""A rota planned from data that changed meanwhile is not saved: another coordinator records a
sickness or imports absences while `roster solve`, `roster nights solve` or `roster repair` runs,
and the command refuses (exit 5, nothing written) instead of saving a rota that breaks the new
facts (a carer off sick still on it)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import roster.planning.nights
import roster.planning.repair
import roster.planning.week
from roster.cli.main import cli
from roster.io import import_files
from roster.planning import events as ev
from roster.store import StaleData, data_revision, draft_revision, load_rota, open_db, save_rota

from .conftest import MONDAY, TUESDAY, at

WEEK = "2026-W48"


@pytest.fixture
def db_file(live_db, tmp_path):
    return str(tmp_path / "live.db")


def record_sickness(db_file: str) -> None:
    """Another coordinator, on another connection: C001 off sick on Tuesday."""
    other = open_db(db_file)
    try:
        ev.record_absence(other, "C001", at(TUESDAY, "06:00"), at(TUESDAY, "23:00"), by="coordinator-b")
    finally:
        other.close()


def import_absence(db_file: str, folder) -> None:
    """Another coordinator imports an absences file: C002 on leave on Tuesday."""
    folder.mkdir()
    (folder / "absences.csv").write_text(
        f"id,carer_id,kind,start,end,note\nA-NEW,C002,leave,{TUESDAY}T06:00,{TUESDAY}T23:00,\n", encoding="utf-8")
    other = open_db(db_file)
    try:
        assert import_files(other, [folder / "absences.csv"]).ok
    finally:
        other.close()


def meanwhile(monkeypatch, module, name: str, change, **quicker) -> None:
    """Make `change()` happen while module.name (a planning step of a command) runs, with the
    keyword arguments in quicker to keep the test short."""
    real = getattr(module, name)

    def planning_while_data_changes(*args, **kwargs):
        result = real(*args, **{**kwargs, **quicker})
        change()
        return result

    monkeypatch.setattr(module, name, planning_while_data_changes)


def assert_refused_and_unchanged(result, live_db, draft, revision) -> None:
    assert result.exit_code == 5, result.output
    assert "nothing" in result.output and "changed while the rota for the week" in result.output
    assert "Traceback" not in result.output
    assert load_rota(live_db, MONDAY) == draft
    assert draft_revision(live_db, MONDAY) == revision


@pytest.mark.parametrize("change", ["sickness", "import"])
def test_solve_refuses_when_absences_come_in_meanwhile(live_db, db_file, tmp_path, monkeypatch, change):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    happen = (lambda: record_sickness(db_file)) if change == "sickness" else (
        lambda: import_absence(db_file, tmp_path / "incoming"))
    # While the nights are planned, in a tenth of a second each.
    meanwhile(monkeypatch, roster.planning.week, "plan_week_nights", happen, time_limit_s=0.1, engine="lns")
    result = CliRunner().invoke(cli, ["solve", "--week", WEEK, "--time-limit", "1", "--db", db_file])
    assert_refused_and_unchanged(result, live_db, draft, revision)


def test_nights_solve_refuses_when_a_sickness_is_recorded_meanwhile(live_db, db_file, monkeypatch):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    meanwhile(monkeypatch, roster.planning.nights, "plan_week_nights", lambda: record_sickness(db_file))
    result = CliRunner().invoke(cli, ["nights", "solve", "--week", WEEK, "--time-limit", "0.2", "--engine", "lns",
                                      "--db", db_file])
    assert_refused_and_unchanged(result, live_db, draft, revision)


def test_repair_refuses_when_a_sickness_is_recorded_meanwhile(live_db, db_file, monkeypatch):
    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(TUESDAY, "23:00"), by="coordinator-a")
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    meanwhile(monkeypatch, roster.planning.repair, "plan_repair", lambda: record_sickness(db_file))
    result = CliRunner().invoke(cli, ["repair", "--date", str(TUESDAY), "--now", "06:00", "--db", db_file])
    assert_refused_and_unchanged(result, live_db, draft, revision)


def test_every_write_of_the_data_a_rota_is_planned_from_moves_the_revision(live_db, db_file, tmp_path):
    seen = [data_revision(live_db)]
    record_sickness(db_file)
    seen.append(data_revision(live_db))
    client = live_db["clients"].rows_where(limit=1).__next__()["id"]
    ev.record_suspension(live_db, client, at(TUESDAY, "10:00"), by="x")  # an event alone, no provider record
    seen.append(data_revision(live_db))
    import_absence(db_file, tmp_path / "incoming")
    seen.append(data_revision(live_db))
    assert seen == sorted(set(seen)), "each write moved the revision on"
    save_rota(live_db, load_rota(live_db, MONDAY), expected_revision=draft_revision(live_db, MONDAY))
    assert data_revision(live_db) == seen[-1], "saving a rota is not a change of the data"


def test_a_rota_planned_before_the_change_is_refused_by_the_store(live_db, db_file):
    before = data_revision(live_db)
    draft = load_rota(live_db, MONDAY)
    record_sickness(db_file)
    with pytest.raises(StaleData, match="plan it again"):
        save_rota(live_db, draft, expected_data_revision=before)
    save_rota(live_db, draft, expected_data_revision=data_revision(live_db))
