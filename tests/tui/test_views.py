"""Every view opens from the keyboard and shows the draft: day timeline, uncovered, carer,
client, plots, help; the palette finds a client; publishing marks runs as published."""

from __future__ import annotations

import datetime as dt

from roster.store import load_rota, open_db, published_versions
from roster.tui.modals.help import HelpScreen
from roster.tui.screens.carer import CarerScreen
from roster.tui.screens.client import ClientScreen
from roster.tui.screens.day import DayScreen
from roster.tui.screens.plots import PlotsScreen
from roster.tui.screens.uncovered import UncoveredScreen
from roster.tui.screens.week import WeekScreen
from roster.tui.widgets.timeline import DayTimeline

from .conftest import SIZE, ready
from .fixtures import MONDAY


async def test_day_timeline_draws_each_carers_visits_and_steps_through_the_week(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen) and app.screen.day == MONDAY
        timeline = app.screen.query_one(DayTimeline)
        assert timeline.row_count == 6
        line = timeline.get_cell("C001", "line")
        run = app.board.runs[("C001", MONDAY)]
        # one block start marker per visit: '2' for the double-up, '◆' pinned, '▏' otherwise
        assert sum(str(line).count(ch) for ch in "2◆▏") == run.visits
        assert "b" in str(line)  # the planned break
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.day == MONDAY + dt.timedelta(days=1)
        sick = str(timeline.get_cell("C006", "line"))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "sickness" in str(timeline.get_cell("C006", "line")) and "sickness" not in sick
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)


async def test_uncovered_view_lists_visits_with_reasons_and_covering_one_updates_the_strip(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UncoveredScreen)
        visits = app.screen.query_one("#uncovered-visits")
        assert visits.row_count == 4
        assert "every carer is busy at tea time" in "".join(
            str(visits.get_row_at(i)[-1]) for i in range(visits.row_count))
        tea = "S0008-2@2026-11-23"
        visits.move_cursor(row=visits.get_row_index(f"{tea}|"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        fitting = next(c for c in app.screen.candidates if c.fits)
        app.screen.query_one("#candidates").move_cursor(row=app.screen.candidates.index(fitting))
        await pilot.press("enter")
        await pilot.pause()
        assert tea not in app.board.coverage.uncovered_visits
        assert app.screen.query_one("#uncovered-visits").row_count == 3
        assert "uncovered: 3 visits" in str(app.screen.query_one("StatusStrip").render())


async def test_carer_view_shows_hours_against_contract_and_working_time(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")  # the highlighted carer, C001
        await pilot.pause()
        assert isinstance(app.screen, CarerScreen) and app.screen.carer_id == "C001"
        summary = str(app.screen.query_one("#carer-summary").render())
        assert "against 20.0h contracted" in summary
        assert "National Living Wage £12.71/h" in summary
        assert "no breaches" in summary
        assert app.screen.query_one("#carer-runs").row_count == 7
        expected = sum(r.visits for r in app.board.carer_week("C001"))
        assert app.screen.query_one("#carer-visits").row_count == expected


async def test_palette_finds_a_client_and_opens_their_week(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Harper")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientScreen) and app.screen.client_id == "P0002"
        summary = str(app.screen.query_one("#client-summary").render())
        assert "14 visits, 0 uncovered" in summary
        assert "different carers" in summary
        assert app.screen.query_one("#client-visits").row_count == 14


async def test_plots_and_help_open(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PlotsScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        assert "| `ctrl+z` | Undo | edit.undo |" in text
        assert "| `r` | Re-solve | solve.week |" in text


async def test_publish_asks_first_then_writes_a_version_and_marks_runs(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("P", "n")
        await pilot.pause()
        db = open_db(seeded_db)
        assert published_versions(db, MONDAY) == []
        await pilot.press("P", "y")
        await pilot.pause()
        assert [v["version"] for v in published_versions(db, MONDAY)] == [1]
        assert load_rota(db, MONDAY, app.week.published.status).assignments == app.week.published.assignments
        db.close()
        assert app.board.runs[("C001", MONDAY)].state.value == "published"
        assert str(app.screen.query_one("#week-table").get_cell("C001", MONDAY.isoformat())).startswith("✓")


async def test_the_board_the_carer_pane_and_the_checker_give_one_worked_figure(make_app):
    from roster.rules import check_rota

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        checked = {c.carer_id: c.worked_minutes for c in check_rota(app.board.week.provider, app.board.rota).measures.carers}
        table = app.screen.query_one("WeekTable")
        for carer in app.board.carers:
            worked = checked.get(carer.id, 0)
            assert sum(r.worked_minutes for r in app.board.carer_week(carer.id)) == worked
            assert str(table.get_cell(carer.id, "week")).startswith(f"{worked / 60:.1f}h/")
        await pilot.press("e")
        await pilot.pause()
        summary = str(app.screen.query_one("#carer-summary").render())
        assert f"hours: {checked['C001'] / 60:.1f}h worked" in summary
