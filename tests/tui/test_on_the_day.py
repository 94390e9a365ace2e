"""On the day from the TUI: record an event in a form (bad input explained, nothing written), repair
the day in a worker, preview the changes and UCR deadlines, accept (saved with an audit line) or
reject; escape cancels a running repair; a stale draft is refused with a clear message."""

from __future__ import annotations

import datetime as dt
import time

from textual.widgets import DataTable, Input, Select

from roster.rules import check_rota
from roster.store import load_rota, open_db, save_rota
from roster.store.events_repo import load_audit, load_events
from roster.tui.modals.event import EventScreen
from roster.tui.modals.repair import RepairScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY

TUESDAY = MONDAY + dt.timedelta(days=1)


async def _settled(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _fill(pilot, screen, **fields):
    for name, value in fields.items():
        screen.query_one(f"#event-{name}", Input).value = value
    await pilot.pause()


def _error(screen) -> str:
    return str(screen.query_one("#event-error").render())


async def _open_form(pilot, app, kind: str = "sick"):
    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, EventScreen)
    form.query_one("#event-kind", Select).value = kind
    await pilot.pause()
    return form


async def test_the_event_form_explains_bad_input_then_records_a_sick_carer(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        form = await _open_form(pilot, app)
        await pilot.press("enter")
        assert "carer id: needed" in _error(form)
        await _fill(pilot, form, who="C999", **{"from": "2026-11-24 07:00", "to": "2026-11-25 00:00"})
        await pilot.press("enter")
        assert "carer C999: id: no such carer" in _error(form)
        await _fill(pilot, form, who="C004", **{"from": "Tuesday 7am"})
        await pilot.press("enter")
        assert "off from: 'Tuesday 7am' is not a date and time" in _error(form)
        await _fill(pilot, form, **{"from": "2026-11-25 07:00", "to": "2026-11-24 07:00"})
        await pilot.press("enter")
        assert "end: ends before it starts" in _error(form)
        db = open_db(seeded_db)
        assert load_events(db) == []  # nothing written by the refused attempts
        await _fill(pilot, form, **{"from": "2026-11-24 07:00", "to": "2026-11-25 00:00"})
        await pilot.press("enter")
        await _settled(pilot, app)
        assert not isinstance(app.screen, EventScreen)
        [event] = load_events(db)
        db.close()
        assert event.kind == "absence" and event.details["carer_id"] == "C004"
        assert f"event #{event.id}" in app.last_message
        # the board was drawn again from the new provider data: C004's Tuesday now breaks the rules
        assert app.board.runs[("C004", TUESDAY)].absence is not None
        assert app.board.runs[("C004", TUESDAY)].breaches
        assert app.moment() == dt.datetime(2026, 11, 24, 7, 0)


async def test_a_ucr_call_is_repaired_in_time_previewed_and_saved_with_an_audit_line(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        form = await _open_form(pilot, app, "ucr")
        assert not form.query_one("#to-row").display and form.query_one("#minutes-row").display
        await _fill(pilot, form, who="P0003", **{"from": "2026-11-24 10:00", "minutes": "30"})
        await pilot.press("enter")
        await _settled(pilot, app)
        urgent = [v for v in app.week.visits.values() if v.call_type.value == "urgent"]
        assert len(urgent) == 1 and urgent[0].id in app.board.coverage.uncovered_visits
        revision = app.week.revision
        await pilot.press("f")
        await pilot.pause()
        repair = app.screen
        assert isinstance(repair, RepairScreen)
        assert repair.query_one("#repair-date", Input).value == "2026-11-24"
        assert repair.query_one("#repair-now", Input).value == "10:00"
        await pilot.press("enter")
        await _settled(pilot, app)
        outcome = repair.outcome
        [call] = outcome.ucr
        assert call.in_time and call.start <= call.deadline == 12 * 60
        ucr_rows = repair.query_one("#repair-ucr", DataTable)
        assert "in time" in str(ucr_rows.get_row_at(0)[-1])
        changes = repair.query_one("#repair-changes", DataTable)
        assert [str(k.value) for k in changes.rows] == [c.visit_id for c in outcome.changes]
        assert urgent[0].id in {c.visit_id for c in outcome.changes}
        await pilot.press("a")
        await _settled(pilot, app)
        assert not isinstance(app.screen, RepairScreen)
        assert urgent[0].id not in app.board.coverage.uncovered_visits
        assert app.week.revision == revision + 1 and not app.editor.dirty
        db = open_db(seeded_db)
        assert set(load_rota(db, MONDAY).assignments) == set(app.editor.rota.assignments)
        assert [e.action for e in load_audit(db, MONDAY)][-1] == "repair"
        db.close()
        assert not [v for v in check_rota(app.week.provider, app.editor.rota).hard if v.visit_id == urgent[0].id]
        await pilot.press("ctrl+z")  # one undoable change
        await pilot.pause()
        assert urgent[0].id in app.board.coverage.uncovered_visits


async def test_escape_cancels_a_running_repair_and_keeps_the_draft(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        real = app.editor.plan_repair

        def slow(day, now, *, stop, on_progress):  # a repair that runs until it is told to stop
            on_progress(0, 3)
            while not stop():
                time.sleep(0.01)
            return real(day, now, stop=stop, on_progress=on_progress)

        app.editor.plan_repair = slow
        draft = app.editor.rota
        await pilot.press("f", "enter")
        await pilot.pause()
        assert app.screen.running
        await pilot.press("escape")
        await _settled(pilot, app)
        assert not isinstance(app.screen, RepairScreen)
        assert app.editor.rota is draft and not app.editor.can_undo
        assert any("repair cancelled" in str(n.message) for n in app._notifications)


async def test_a_stale_draft_is_refused_with_a_message_and_reject_keeps_the_draft(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        form = await _open_form(pilot, app)
        await _fill(pilot, form, who="C001", **{"from": "2026-11-24 12:00", "to": "2026-11-25 00:00"})
        await pilot.press("enter")
        await _settled(pilot, app)
        draft = app.editor.rota
        await pilot.press("f", "enter")
        await _settled(pilot, app)
        repair = app.screen
        assert repair.outcome is not None and repair.outcome.changes
        db = open_db(seeded_db)
        save_rota(db, load_rota(db, MONDAY))  # someone else saves the draft meanwhile
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is repair
        assert "Not saved: the draft for the week of 2026-11-23 was changed elsewhere" in str(
            repair.query_one("#repair-verdict").render())
        assert "repair" not in [e.action for e in load_audit(db, MONDAY)]
        db.close()
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.rota is draft
        # a fresh preview rejected with escape leaves the draft too
        await pilot.press("f", "enter")
        await _settled(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RepairScreen) and app.editor.rota is draft


async def test_a_client_admitted_to_hospital_has_their_visits_called_off_by_the_repair(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        form = await _open_form(pilot, app, "hospital")
        assert not form.query_one("#to-row").display and not form.query_one("#minutes-row").display
        await _fill(pilot, form, who="P0005", **{"from": "2026-11-24 09:00"})
        await pilot.press("enter")
        await _settled(pilot, app)
        await pilot.press("f", "enter")
        await _settled(pilot, app)
        outcome = app.screen.outcome
        tea = next(v for v in app.week.visits.values() if v.client_id == "P0005" and v.date == TUESDAY
                   and v.call_type.value == "tea")
        assert tea.id in {c.visit_id for c in outcome.changes if not c.after}
        assert any(u.visit_id == tea.id and u.reason == "client_in_hospital" for u in outcome.uncovered)
        await pilot.press("a")
        await _settled(pilot, app)
        assert tea.id not in app.editor.rota.carers_of()
