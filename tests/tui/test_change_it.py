"""Change it: move a visit through the ranked candidates, see a breach flagged at once, undo,
redo, pin, take off, swap, save with stale-draft safety."""

from __future__ import annotations

import datetime as dt

from roster.domain.visit import visit_id
from roster.rules import check_rota
from roster.store import load_rota, open_db, save_rota
from roster.tui.modals.candidates import CandidatesScreen
from roster.tui.widgets.week_table import WeekTable

from .conftest import SIZE, ready
from .fixtures import MONDAY


async def _open_run(pilot, app, carer_id: str, day: dt.date):
    table = app.screen.query_one(WeekTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(carer_id), column=1 + (day - MONDAY).days)
    await pilot.pause()
    await pilot.press("enter")  # into the run's visit list
    await pilot.pause()


async def test_move_a_visit_to_a_ranked_candidate_then_undo_and_redo(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _open_run(pilot, app, "C003", MONDAY)
        while app.week.visits[app.screen.selected_visit()[0]].is_double_up:
            await pilot.press("down")
        moved, from_carer = app.screen.selected_visit()
        await pilot.press("enter")
        await pilot.wait_for_scheduled_animations()
        modal = app.screen
        assert isinstance(modal, CandidatesScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        best = next(c for c in modal.candidates if not c.current)
        assert best.fits
        await pilot.press("enter")  # the best-ranked carer
        await pilot.pause()
        carers = app.editor.rota.carers_of()[moved]
        assert best.carer_id in carers and from_carer not in carers
        # redrawn in place: the new carer's cell now lists the visit
        assert moved in {a.visit_id for a in app.board.runs[(best.carer_id, MONDAY)].assignments}
        assert "moved" in app.last_message
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert from_carer in app.editor.rota.carers_of()[moved]
        assert app.board.runs == app.board.__class__(app.week, app.editor.rota, app.board.checker).runs
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert best.carer_id in app.editor.rota.carers_of()[moved]


async def test_a_breaking_move_is_flagged_at_once_and_undo_clears_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not any(run.breaches for run in app.board.runs.values())
        # C002 has no hoist skill: give them a place on Thursday's hoist double-up
        thursday = MONDAY + dt.timedelta(days=3)
        double_up = visit_id("S0001-1", thursday)
        on = app.editor.rota.carers_of()[double_up]
        app.apply(app.editor.move(double_up, on[0], "C002"))
        await pilot.pause()
        run = app.board.runs[("C002", thursday)]
        assert run.state.value == "breach"
        assert any("hoist" in b for b in run.breaches)
        cell = str(app.screen.query_one(WeekTable).get_cell("C002", thursday.isoformat()))
        assert cell.startswith("!")
        # the flags agree with a full check of the same rota
        report = check_rota(app.week.provider, app.editor.rota)
        assert {(v.carer_id, v.date) for v in report.hard if v.carer_id and v.date} == {
            k for k, r in app.board.runs.items() if r.breaches}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not any(run.breaches for run in app.board.runs.values())


async def test_pin_take_off_and_swap_from_the_run_list(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tuesday = MONDAY + dt.timedelta(days=1)
        await _open_run(pilot, app, "C004", tuesday)
        visit, carer = app.screen.selected_visit()
        await pilot.press("p")
        await pilot.pause()
        assert all(a.pinned for a in app.editor.assignments_of(visit))
        assert app.board.runs[(carer, tuesday)].pinned
        await pilot.press("p")
        await pilot.pause()
        assert not any(a.pinned for a in app.editor.assignments_of(visit))
        uncovered_before = len(app.board.coverage.uncovered_visits)
        await pilot.press("x")
        await pilot.pause()
        assert visit in app.board.coverage.uncovered_visits
        assert len(app.board.coverage.uncovered_visits) == uncovered_before + 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        # swap: mark one of C004's visits, then one of C001's the same day
        await _open_run(pilot, app, "C004", tuesday)
        first = app.screen.selected_visit()
        await pilot.press("s")
        await _open_run(pilot, app, "C001", tuesday)
        second = app.screen.selected_visit()
        await pilot.press("s")
        await pilot.pause()
        carers = app.editor.rota.carers_of()
        assert "C001" in carers[first[0]] and "C004" in carers[second[0]]


async def test_save_writes_the_draft_and_refuses_a_stale_one(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _open_run(pilot, app, "C004", MONDAY + dt.timedelta(days=1))
        visit, _ = app.screen.selected_visit()
        await pilot.press("p", "ctrl+s")
        await pilot.pause()
        assert not app.editor.dirty
        db = open_db(seeded_db)
        saved = load_rota(db, MONDAY)
        assert all(a.pinned for a in saved.assignments if a.visit_id == visit)
        # someone else saves meanwhile: our next save must refuse, not overwrite
        save_rota(db, saved)
        db.close()
        await pilot.press("p", "ctrl+s")
        await pilot.pause()
        assert app.editor.dirty
        assert any("changed elsewhere" in str(n.message) for n in app._notifications)
