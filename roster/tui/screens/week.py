"""The week board: carers down, days across, and the highlighted run's visits beneath."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult

from roster.planning.board import CellKey

from ..widgets.visit_list import VisitList
from ..widgets.week_table import WeekTable
from .base import RotaScreen


class WeekScreen(RotaScreen):
    """Where a coordinator starts: the whole week at a glance."""

    def compose_body(self) -> ComposeResult:
        yield WeekTable(self.app.board, id="week-table")
        yield VisitList(id="run-visits")

    def on_mount(self) -> None:
        self.query_one(WeekTable).focus()
        self.show_run()

    def on_week_table_cell_highlighted(self, event: WeekTable.CellHighlighted) -> None:
        self.show_run()

    def on_week_table_cell_selected(self, event: WeekTable.CellSelected) -> None:
        if self.query_one(VisitList).row_count:
            self.query_one(VisitList).focus()

    def show_run(self) -> None:
        """List the visits of the run under the cursor."""
        key = self.query_one(WeekTable).cursor_cell()
        visits = self.query_one(VisitList)
        if key is None:
            visits.clear()
            return
        run = self.app.board.runs[key]
        week = self.app.week
        visits.show([(week.visits[a.visit_id], a) for a in run.assignments if a.visit_id in week.visits], self.app)
        carer = week.provider.carer(key[0])
        visits.border_title = f"{carer.id} {carer.name}  {key[1]:%a %d %b}"

    def redraw(self, touched: set[CellKey]) -> None:
        self.query_one(WeekTable).update_runs(touched)
        table, visits = self.query_one(WeekTable), self.query_one(VisitList)
        keep = visits.cursor_row
        if table.cursor_cell() in touched:
            self.show_run()
            if visits.row_count:
                visits.move_cursor(row=min(keep, visits.row_count - 1))

    def selected_visit(self) -> tuple[str, str | None] | None:
        if self.focused is self.query_one(VisitList):
            return self.query_one(VisitList).selected()
        return None

    def focused_date(self) -> dt.date | None:
        key = self.query_one(WeekTable).cursor_cell()
        return key[1] if key else None

    def focused_carer(self) -> str | None:
        return self.query_one(WeekTable).cursor_carer()
