"""The report screen: the week's figures of the draft on screen, computed in a worker, with plots;
an edit recomputes them."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console

from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from roster.domain.visit import visit_id
from roster.planning.report import report_of
from roster.tui.screens.report import ReportScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY


def _text(renderable) -> str:
    """What a rich renderable reads as, spaces collapsed."""
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(renderable)
    return " ".join(console.export_text().split())


async def _settled(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_report_shows_the_drafts_figures_and_follows_an_edit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")
        await _settled(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        expected = report_of(app.week.provider, app.editor.rota)
        assert screen.report == expected
        carers = screen.query_one("#report-carers", DataTable)
        assert carers.row_count == len(expected.carers)
        uncovered = screen.query_one("#report-uncovered", DataTable)
        assert [str(k.value) for k in uncovered.rows] == [u.visit_id for u in expected.uncovered]
        figures = _text(screen.query_one("#report-figures").content)
        assert f"visits covered {expected.visits_covered} of {expected.visits}" in figures
        assert f"UCR hours against budget {expected.ucr_minutes / 60:.1f}h of 100.0h" in figures
        assert f"{100 * expected.travel_share:.1f}%" in figures
        titles = [plot.plt.build().splitlines() for plot in screen.query(PlotextPlot)]
        assert len(titles) == 3 and all(len(lines) > 5 for lines in titles)
        # take a carer off a visit elsewhere: the open report follows the draft
        visit = visit_id("S0003-1", MONDAY + dt.timedelta(days=1))
        carer = app.editor.rota.carers_of()[visit][0]
        app.apply(app.editor.unassign(visit, carer))
        await _settled(pilot, app)
        assert screen.report.visits_covered == expected.visits_covered - 1
        assert visit in {str(k.value) for k in uncovered.rows}
