"""Publishing or restoring a rota with new hard violations from the TUI meets the core's refusal,
word for word what `roster publish` prints, and goes ahead only with a note the audit log keeps."""

from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import Input, Label

from roster.cli.main import cli
from roster.domain.visit import visit_id
from roster.store import open_db, published_versions
from roster.store.events_repo import load_audit
from roster.tui.modals.force import ForceScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY

DOUBLE_UP = visit_id("S0001-1", MONDAY)
WEEK = "2026-W48"


async def _settled(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _shown_refusal(app) -> str:
    return str(app.screen.query_one("#force-message", Label).content)


async def _publish_short_of_a_carer(pilot, app) -> str:
    """Publish version 1, take one carer off the double-up, press P: the refusal shows."""
    await pilot.press("P", "y")
    await _settled(pilot, app)
    carer = app.editor.rota.carers_of()[DOUBLE_UP][0]
    app.apply(app.editor.unassign(DOUBLE_UP, carer))
    await pilot.press("P", "y")
    await _settled(pilot, app)
    assert isinstance(app.screen, ForceScreen)
    return carer


async def test_publish_shows_the_cores_refusal_and_forces_only_with_a_note(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _publish_short_of_a_carer(pilot, app)
        shown = _shown_refusal(app)
        assert f"carer_count: visit {DOUBLE_UP}" in shown
        # The CLI, on the same draft, prints the same refusal.
        cli_says = CliRunner().invoke(cli, ["publish", "--week", WEEK, "--note", "x", "--db", str(seeded_db)])
        assert cli_says.exit_code == 7
        assert shown in cli_says.stderr
        db = open_db(seeded_db)
        assert [r["version"] for r in published_versions(db, MONDAY)] == [1]
        await pilot.press("enter")  # no note: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, ForceScreen)
        app.screen.query_one("#force-note", Input).value = "second carer booked by phone"
        await pilot.press("enter")
        await _settled(pilot, app)
        assert not isinstance(app.screen, ForceScreen)
        assert [r["version"] for r in published_versions(db, MONDAY)] == [1, 2]
        assert "second carer booked by phone" in load_audit(db, MONDAY)[-1].detail
        db.close()
        assert "published version 2 (forced past 1 new hard violations)" in app.last_message


async def test_publish_cancelled_at_the_refusal_publishes_nothing(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _publish_short_of_a_carer(pilot, app)
        await pilot.press("escape")
        await _settled(pilot, app)
        db = open_db(seeded_db)
        assert [r["version"] for r in published_versions(db, MONDAY)] == [1]
        db.close()


async def test_restore_of_a_version_with_new_violations_shows_the_same_refusal(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        carer = await _publish_short_of_a_carer(pilot, app)
        app.screen.query_one("#force-note", Input).value = "forced for the test"
        await pilot.press("enter")
        await _settled(pilot, app)
        app.apply(app.editor.assign(DOUBLE_UP, carer))  # version 3 has both carers again
        await pilot.press("P", "y")
        await _settled(pilot, app)
        await pilot.press("v")
        await _settled(pilot, app)
        await pilot.press("up", "up", "ctrl+r", "y")  # restore version 2, the one short of a carer
        await _settled(pilot, app)
        assert isinstance(app.screen, ForceScreen)
        shown = _shown_refusal(app)
        assert shown.startswith("not published: version 2 has 1 hard rule violations the published version 3")
        cli_says = CliRunner().invoke(cli, ["restore", "--week", WEEK, "--version", "2", "--db", str(seeded_db)])
        assert cli_says.exit_code == 7 and shown in cli_says.stderr
        await pilot.press("escape")
        await _settled(pilot, app)
        db = open_db(seeded_db)
        assert [r["version"] for r in published_versions(db, MONDAY)] == [1, 2, 3]
        db.close()
