"""The week board: every carer's run per day, the uncovered strip, state colours and markers."""

from __future__ import annotations

import datetime as dt

from roster.planning.board import CellState
from roster.tui.widgets.status_strip import StatusStrip
from roster.tui.widgets.week_table import WeekTable

from .conftest import SIZE, ready
from .fixtures import MONDAY


async def test_board_shows_a_cell_per_carer_day_and_the_uncovered_counts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(WeekTable)
        assert table.row_count == 6
        assert len(table.columns) == 9  # carer, seven days, week
        run = app.board.runs[("C001", MONDAY)]
        cell = str(table.get_cell("C001", MONDAY.isoformat()))
        assert f"{run.visits}v" in cell and f"{run.travel_minutes}m" in cell
        strip = str(app.screen.query_one(StatusStrip).render())
        assert "uncovered: 4 visits, 2 clients" in strip
        assert "2026-W48" in strip


async def test_absences_and_days_off_read_without_colour(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(WeekTable)
        sick = MONDAY + dt.timedelta(days=2)
        assert app.board.runs[("C006", sick)].state is CellState.SICKNESS
        assert str(table.get_cell("C006", sick.isoformat())).startswith("Ssickness")
        assert str(table.get_cell("C005", (MONDAY + dt.timedelta(days=6)).isoformat())).startswith("Lleave")
        # C001 is off at weekends in the fixture
        assert "off" in str(table.get_cell("C001", (MONDAY + dt.timedelta(days=5)).isoformat()))
        # the pinned Monday morning visit marks its carer's cell
        pinned = [k for k, run in app.board.runs.items() if run.pinned]
        assert pinned and all(str(table.get_cell(c, d.isoformat())).startswith("◆") for c, d in pinned)


async def test_highlighting_a_cell_lists_that_run(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right")  # Tuesday
        visits = app.screen.query_one("#run-visits")
        run = app.board.runs[("C001", MONDAY + dt.timedelta(days=1))]
        assert visits.row_count == run.visits
        assert {visits.get_row_at(i)[0] for i in range(visits.row_count)} == {"Tue 24"}


async def test_the_cursor_scrolls_the_board_on_a_short_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(160, 20)) as pilot:
        await ready(pilot)
        table = app.screen.query_one(WeekTable)
        shown = table.size.height - 1  # less the header line
        assert shown < table.row_count
        for _ in range(table.row_count - 1):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_cell() == ("C006", MONDAY)
        top = table.scroll_offset.y
        assert top <= table.row_count - 1 < top + shown
        assert app.screen.query_one("#run-visits").border_title.startswith("C006")
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert table.cursor_carer() == "C001" and table.scroll_offset.y == 0


async def test_clicking_a_cell_opens_that_run(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        table = app.screen.query_one(WeekTable)
        thursday = table.columns[4]
        # header line, then C001, C002, C003: click C003's Thursday
        await pilot.click(WeekTable, offset=(sum(c.render_width for c in table.columns[:4]) + 2, 3))
        await pilot.pause()
        assert table.cursor_cell() == ("C003", dt.date.fromisoformat(thursday.key))
        run = app.board.runs[table.cursor_cell()]
        visits = app.screen.query_one("#run-visits")
        assert run.visits and visits.row_count == run.visits and app.screen.focused is visits
