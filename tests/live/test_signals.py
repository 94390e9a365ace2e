"""Ctrl-C and SIGKILL at several moments of `roster solve` and `roster batch`, sent as a terminal
and a killer would: Ctrl-C exits 130 with one line and the draft as it was, and no worker outlives
the command."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from roster.scripting.problem import problem_document
from roster.store import draft_revision, load_rota

from .conftest import MONDAY
from .terminal import Terminal, running

WEEK = "2026-W48"


@pytest.fixture
def db_file(live_db, tmp_path):
    """The live demo database (planted rota as the draft), as a file for another process."""
    return str(tmp_path / "live.db")


def _solve(db_file: str, time_limit: int) -> Terminal:
    return Terminal("solve", "--week", WEEK, "--time-limit", str(time_limit), "--db", db_file)


def _assert_interrupted_and_kept(run: Terminal, live_db, draft, revision) -> None:
    code = run.finish()
    errors = [line for line in run.lines() if line.startswith("error:")]
    assert code == 130, run.stderr
    assert errors == [f"error: interrupted; the draft for {WEEK} is unchanged"], run.stderr
    assert run.lines()[-1] == errors[0]
    assert "Traceback" not in run.stderr and "Aborted" not in run.stderr
    assert load_rota(live_db, MONDAY) == draft
    assert draft_revision(live_db, MONDAY) == revision
    time.sleep(0.5)  # the kernel's SIGKILL to orphaned workers is immediate; their exit is not
    assert not [pid for pid in run.workers if running(pid)], "workers outlived the command"


def test_ctrl_c_as_the_week_is_built_exits_130_and_keeps_the_draft(live_db, db_file):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    run = _solve(db_file, 30)
    run.wait_for("build:")
    run.ctrl_c()
    _assert_interrupted_and_kept(run, live_db, draft, revision)


def test_ctrl_c_while_workers_search_the_days_exits_130_and_keeps_the_draft(live_db, db_file):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    run = _solve(db_file, 30)
    run.wait_for_workers()
    run.ctrl_c()
    _assert_interrupted_and_kept(run, live_db, draft, revision)


def test_ctrl_c_while_the_nights_are_planned_exits_130_and_keeps_the_draft(live_db, db_file):
    """After the first night CP-SAT has run, which used to leave SIGINT to the default handler
    (the command died without a word) or take it for itself (the draft was written, exit 0)."""
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    run = _solve(db_file, 3)
    run.wait_for("nights:  night of")
    run.ctrl_c()
    _assert_interrupted_and_kept(run, live_db, draft, revision)


def test_killed_solve_leaves_no_worker_running(live_db, db_file):
    run = _solve(db_file, 60)
    workers = run.wait_for_workers()
    os.kill(run.process.pid, signal.SIGKILL)
    assert run.finish() == -signal.SIGKILL
    time.sleep(2)
    assert not [pid for pid in workers if running(pid)], "workers outlived their killed parent"
    assert load_rota(live_db, MONDAY) is not None


@pytest.fixture
def problem_folder(demo, tmp_path):
    """Two problem files of the demo week, each a long solve."""
    folder = tmp_path / "problems"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.json").write_text(json.dumps(problem_document(demo.provider, MONDAY)), encoding="utf-8")
    return folder


def test_ctrl_c_stops_a_batch_at_once(problem_folder):
    run = Terminal("batch", str(problem_folder), "--workers", "2", "--time-limit", "60")
    run.wait_for_workers()
    time.sleep(1)  # the workers are solving
    began = time.monotonic()
    run.ctrl_c()
    assert run.finish(timeout=20) == 130, run.stderr
    assert time.monotonic() - began < 5, "the workers' solves held the exit up"
    assert run.lines() == ["error: interrupted; finished solution files are kept"]
    time.sleep(0.5)
    assert not [pid for pid in run.workers if running(pid)]
    assert not list((problem_folder / "solutions").glob("*")), "no solve finished, so no file"


def test_killed_batch_leaves_no_worker_running(problem_folder):
    run = Terminal("batch", str(problem_folder), "--workers", "2", "--time-limit", "60")
    workers = run.wait_for_workers()
    os.kill(run.process.pid, signal.SIGKILL)
    assert run.finish() == -signal.SIGKILL
    time.sleep(2)
    assert not [pid for pid in workers if running(pid)], "batch workers outlived their killed parent"


def test_ctrl_c_in_nights_solve_after_a_cpsat_night_exits_130_and_keeps_the_draft(live_db, db_file):
    draft, revision = load_rota(live_db, MONDAY), draft_revision(live_db, MONDAY)
    run = Terminal("nights", "solve", "--week", WEEK, "--engine", "cpsat", "--time-limit", "3", "--db", db_file)
    run.wait_for("night of")
    run.ctrl_c()
    _assert_interrupted_and_kept(run, live_db, draft, revision)


def test_ctrl_c_in_solve_file_exits_130_and_writes_nothing(problem_folder, tmp_path):
    out = tmp_path / "solution.json"
    run = Terminal("solve-file", str(problem_folder / "a.json"), "-o", str(out), "--time-limit", "60")
    run.wait_for_workers()
    run.ctrl_c()
    assert run.finish() == 130, run.stderr
    assert run.lines()[-1] == "error: interrupted; nothing written" and "Traceback" not in run.stderr
    assert list(tmp_path.glob("*solution.json*")) == []
