"""Saving and publishing from the TUI leave an audit line, written with the change itself."""

from __future__ import annotations

import datetime as dt

from roster.store import load_rota, open_db
from roster.store.events_repo import load_audit

from .conftest import SIZE, ready
from .fixtures import MONDAY
from .test_change_it import _open_run


async def test_a_saved_edit_and_a_publish_are_in_the_audit_log(make_app, seeded_db):
    app = make_app()
    app.editor.by = "coordinator-1"
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _open_run(pilot, app, "C004", MONDAY + dt.timedelta(days=1))
        visit, carer = app.screen.selected_visit()
        await pilot.press("p", "x", "ctrl+s")
        await pilot.pause()
        db = open_db(seeded_db)
        edits = [e for e in load_audit(db, MONDAY) if e.action == "edit"]
        assert len(edits) == 1
        assert edits[0].who == "coordinator-1"
        assert f"pinned {visit}" in edits[0].detail and f"took {carer} off {visit}" in edits[0].detail
        assert edits[0].detail.startswith("2 changes")
        assert visit not in load_rota(db, MONDAY).carers_of()
        await pilot.press("P", "y")
        await pilot.pause()
        assert [e.action for e in load_audit(db, MONDAY)] == ["edit", "publish"]
        db.close()
