"""Re-solve around pins in a worker: progress, cancel keeps the draft, the preview shows what
changed, accepting keeps pins and is one undoable change."""

from __future__ import annotations

import datetime as dt

from roster.domain.visit import visit_id
from roster.rules import check_rota
from roster.tui.modals.resolve import ResolveScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY

PINNED = visit_id("S0002-1", MONDAY)


async def _finish(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_resolve_previews_then_accepting_keeps_pins_and_can_be_undone(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        draft = app.editor.rota
        pinned_before = {(a.visit_id, a.carer_id) for a in draft.assignments if a.pinned}
        await pilot.press("r")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ResolveScreen)
        await _finish(pilot, app)
        result = modal.result
        assert result is not None and result.changes
        assert modal.query_one("#changes").row_count == min(len(result.changes), 500)
        await pilot.press("a")  # accept the result whatever the verdict
        await pilot.pause()
        assert app.editor.rota.assignments == result.rota.assignments
        assert pinned_before <= {(a.visit_id, a.carer_id) for a in app.editor.rota.assignments}
        assert check_rota(app.week.provider, app.editor.rota).is_clean
        assert len(app.board.coverage.uncovered_visits) == result.after.uncovered
        assert "re-solved week" in app.last_message
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.rota is draft


async def test_escape_cancels_a_resolve_and_keeps_the_draft(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        draft = app.editor.rota
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await _finish(pilot, app)
        assert not isinstance(app.screen, ResolveScreen)
        assert app.editor.rota is draft
        assert not app.editor.can_undo


async def test_resolving_one_day_leaves_the_other_days_alone(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        wednesday = MONDAY + dt.timedelta(days=2)
        draft = app.editor.rota
        await pilot.press("d", "right_square_bracket", "right_square_bracket")  # day view, Wednesday
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        await _finish(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        others = lambda rota: {a for a in rota.assignments if a.date != wednesday}  # noqa: E731
        assert others(app.editor.rota) == others(draft)
        assert {a for a in app.editor.rota.assignments if a.date == wednesday} != {
            a for a in draft.assignments if a.date == wednesday}
