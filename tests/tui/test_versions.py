"""The versions screen: published versions and the draft, the difference between any two per carer,
and restoring an earlier version with a confirmation (a second one when the saved draft has
changes not yet published)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from roster.domain.visit import visit_id
from roster.planning.versions import diff, load
from roster.store import load_rota, open_db, save_rota
from roster.store.events_repo import load_audit
from roster.tui.modals.confirm import ConfirmScreen
from roster.tui.screens.versions import VersionsScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY

VISIT = visit_id("S0003-1", MONDAY + dt.timedelta(days=1))


async def _settled(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _publish_two_versions(pilot, app):
    await pilot.press("P", "y")
    await pilot.pause()
    carer = app.editor.rota.carers_of()[VISIT][0]
    app.apply(app.editor.unassign(VISIT, carer))
    await pilot.press("P", "y")
    await _settled(pilot, app)
    return carer


def _shown(screen) -> int:
    return screen.query_one("#version-diff", DataTable).row_count


async def test_versions_list_and_the_difference_between_any_two(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        carer = await _publish_two_versions(pilot, app)
        await pilot.press("v")
        await _settled(pilot, app)
        screen = app.screen
        assert isinstance(screen, VersionsScreen)
        assert [r["version"] for r in screen.rows] == [1, 2, "draft"]
        assert screen.shown == (2, "draft") and _shown(screen) == 0  # the draft is as published
        await pilot.press("up")
        await _settled(pilot, app)
        assert screen.shown == (1, 2)
        table = screen.query_one("#version-diff", DataTable)
        assert [str(c) for c in table.get_row_at(0)[:3]] == [carer, "removed", VISIT]
        assert _shown(screen) == 1
        db = open_db(seeded_db)
        v1 = load(db, MONDAY, 1)
        db.close()
        # mark v1 as the base, take another carer off in the draft, and compare v1 with the draft
        await pilot.press("up", "b")
        other = visit_id("S0004-2", MONDAY)
        app.apply(app.editor.unassign(other, app.editor.rota.carers_of()[other][0]))
        await pilot.press("down", "down")
        await _settled(pilot, app)
        assert screen.shown == (1, "draft")
        expected = diff(v1, app.editor.rota)
        assert _shown(screen) == sum(c.count for c in expected) == 2
        assert "from v1 to the draft: 2 visits changed" in str(screen.query_one("#diff-title").render())


async def test_restore_publishes_an_earlier_version_again_after_confirmation(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _publish_two_versions(pilot, app)
        db = open_db(seeded_db)
        v1 = load(db, MONDAY, 1)
        # someone saves a draft change that is not published: restoring asks a second time
        stored = load_rota(db, MONDAY)
        save_rota(db, stored.__class__(stored.week_start, stored.assignments[1:], stored.breaks, stored.uncovered,
                                       stored.crews, stored.status), expected_revision=app.week.revision)
        await pilot.press("v")
        await _settled(pilot, app)
        await pilot.press("up", "up", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # first thoughts: no
        await pilot.pause()
        assert [r["version"] for r in app.editor.versions()] == [1, 2, "draft"]
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the unpublished draft change would be lost
        assert "unpublished changes" in str(app.screen.question)
        await pilot.press("y")
        await _settled(pilot, app)
        assert [r["version"] for r in app.editor.versions()] == [1, 2, 3, "draft"]
        assert set(app.editor.rota.assignments) == set(v1.assignments)
        assert set(load(db, MONDAY, 3).assignments) == set(v1.assignments)
        assert load_audit(db, MONDAY)[-1].action == "restore"
        db.close()
        assert "published version 1 again as version 3" in app.last_message
        assert VISIT not in app.board.coverage.uncovered_visits
