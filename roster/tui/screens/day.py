"""One day as a timeline: who is where, when; the highlighted carer's visits beneath."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from roster.planning.board import CellKey

from ..widgets.timeline import DayTimeline
from ..widgets.visit_list import VisitList
from .base import RotaScreen


class DayScreen(RotaScreen):
    """Carers down, time across, for one date; [ and ] step through the week."""

    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Prev day", id="day.prev"),
        Binding("right_square_bracket", "step(1)", "Next day", id="day.next"),
    ]

    def __init__(self, day: dt.date):
        super().__init__()
        self.day = day

    def compose_body(self) -> ComposeResult:
        yield DayTimeline(self.app.board, self.day, id="timeline")
        yield VisitList(id="day-visits")

    def on_mount(self) -> None:
        self.sub_title = f"{self.day:%A %d %B}"
        self.query_one(DayTimeline).focus()
        self.show_run()

    def action_step(self, days: int) -> None:
        new = self.day + dt.timedelta(days=days)
        if new not in self.app.week.dates:
            return
        self.day = new
        self.sub_title = f"{self.day:%A %d %B}"
        timeline = self.query_one(DayTimeline)
        row = timeline.cursor_row
        timeline.day = new
        timeline.fill()
        timeline.move_cursor(row=row)
        self.show_run()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, DayTimeline):
            self.show_run()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if isinstance(event.data_table, DayTimeline):
            if self.query_one(VisitList).row_count:
                self.query_one(VisitList).focus()

    def show_run(self) -> None:
        carer_id = self.query_one(DayTimeline).cursor_carer()
        visits = self.query_one(VisitList)
        if carer_id is None:
            return
        run = self.app.board.runs[(carer_id, self.day)]
        week = self.app.week
        visits.show([(week.visits[a.visit_id], a) for a in run.assignments if a.visit_id in week.visits], self.app)
        visits.border_title = f"{carer_id} {week.provider.carer(carer_id).name}"

    def redraw(self, touched: set[CellKey]) -> None:
        self.query_one(DayTimeline).update_runs(touched)
        visits = self.query_one(VisitList)
        keep = visits.cursor_row
        self.show_run()
        if visits.row_count:
            visits.move_cursor(row=min(keep, visits.row_count - 1))

    def selected_visit(self) -> tuple[str, str | None] | None:
        if self.focused is self.query_one(VisitList):
            return self.query_one(VisitList).selected()
        return None

    def focused_date(self) -> dt.date | None:
        return self.day

    def focused_carer(self) -> str | None:
        return self.query_one(DayTimeline).cursor_carer()
