"""Ctrl-C as `roster solve` saves, or while `roster repair` plans: the save is all or nothing,
and the one line says which."""

import signal

import pytest
from click.testing import CliRunner

import roster.planning.repair
import roster.planning.week
import roster.store
import roster.store.rota_repo
from roster.cli.main import cli
from roster.rules import check_rota
from roster.store import draft_revision, load_provider, load_rota

from .conftest import MONDAY

WEEK = "2026-W48"


@pytest.fixture(autouse=True)
def quick_nights(monkeypatch):
    real = roster.planning.week.plan_week_nights
    monkeypatch.setattr(roster.planning.week, "plan_week_nights",
                        lambda *a, **k: real(*a, **{**k, "time_limit_s": 0.1, "engine": "lns"}))


@pytest.fixture(autouse=True)
def ctrl_c_handler_kept():
    """The command ignores a second Ctrl-C as it exits; give the test process its own back."""
    handler = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, handler)


def solve(tmp_path):
    return CliRunner().invoke(cli, ["solve", "--week", WEEK, "--time-limit", "1", "--db", str(tmp_path / "live.db")])


def test_ctrl_c_as_the_draft_is_written_keeps_the_previous_one(live_db, tmp_path, monkeypatch):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)

    def cut_short(*args, **kwargs):
        raise KeyboardInterrupt  # the old rows deleted, the new ones not yet written

    monkeypatch.setattr(roster.store.rota_repo, "_write_children", cut_short)
    result = solve(tmp_path)
    assert (result.exit_code, result.stderr) == (130, f"error: interrupted; the draft for {WEEK} is unchanged\n")
    assert load_rota(live_db, MONDAY) == draft and draft_revision(live_db, MONDAY) == revision


def test_ctrl_c_just_after_the_draft_is_saved_says_it_was_saved_whole(live_db, tmp_path, monkeypatch):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    real = roster.store.save_rota

    def then_ctrl_c(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(roster.store, "save_rota", then_ctrl_c)
    result = solve(tmp_path)
    assert (result.exit_code, result.stderr) == (
        130, f"error: interrupted as the new draft for {WEEK} was saved; it was saved whole\n")
    saved = load_rota(live_db, MONDAY)
    assert draft_revision(live_db, MONDAY) == revision + 1 and saved != draft
    assert check_rota(load_provider(live_db), saved).hard == ()


def test_ctrl_c_during_repair_keeps_the_draft(live_db, tmp_path, monkeypatch):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)

    def cut_short(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(roster.planning.repair, "plan_repair", cut_short)
    result = CliRunner().invoke(cli, ["repair", "--date", str(MONDAY), "--now", "10:00",
                                      "--db", str(tmp_path / "live.db")])
    assert (result.exit_code, result.stderr) == (130, f"error: interrupted; the draft for {WEEK} is unchanged\n")
    assert load_rota(live_db, MONDAY) == draft and draft_revision(live_db, MONDAY) == revision
