"""What the rota leaves without carers, each with the reason; enter finds someone to cover it."""

from __future__ import annotations

from textual.app import ComposeResult

from roster.planning.board import CellKey

from ..widgets.visit_list import VisitList
from .base import RotaScreen


class UncoveredScreen(RotaScreen):
    """Uncovered visits in date and time order."""

    def compose_body(self) -> ComposeResult:
        yield VisitList(id="uncovered-visits")

    def on_mount(self) -> None:
        self.sub_title = "uncovered visits"
        self.show_list()
        self.query_one(VisitList).focus()

    def show_list(self) -> None:
        visits = self.query_one(VisitList)
        week = self.app.week
        keep = visits.cursor_row
        visits.show([(week.visits[v], None) for v in self.app.board.coverage.uncovered_visits], self.app)
        visits.border_title = f"{visits.row_count} visits without enough carers"
        if visits.row_count:
            visits.move_cursor(row=min(keep, visits.row_count - 1))

    def redraw(self, touched: set[CellKey]) -> None:
        self.show_list()

    def selected_visit(self) -> tuple[str, str | None] | None:
        return self.query_one(VisitList).selected()
