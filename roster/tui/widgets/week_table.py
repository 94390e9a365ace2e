"""The week board: carers down, days across, each cell one run. Rows and columns are keyed by
carer id and ISO date, so a change updates its cells in place instead of rebuilding the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from roster.planning.board import Board, CellKey

from ..format import hours
from .cells import run_cell

CARER_COLUMN = "carer"
WEEK_COLUMN = "week"


class WeekTable(DataTable):
    """One row per carer, one column per day, and the week's hours against contract."""

    def __init__(self, board: Board, **kwargs):
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)
        self.board = board

    def on_mount(self) -> None:
        self.add_column("carer", key=CARER_COLUMN, width=20)
        for day in self.board.week.dates:
            self.add_column(day.strftime("%a %d"), key=day.isoformat(), width=15)
        self.add_column("week/contract", key=WEEK_COLUMN, width=13)
        for carer in self.board.carers:
            cells = [Text(f"{carer.id} {carer.name}", no_wrap=True, overflow="ellipsis")]
            cells += [run_cell(self.board.runs[(carer.id, day)]) for day in self.board.week.dates]
            cells.append(self._week_cell(carer.id))
            self.add_row(*cells, key=carer.id)
        if self.board.carers:
            self.move_cursor(row=0, column=1)

    def _week_cell(self, carer_id: str) -> Text:
        worked = sum(run.care_minutes + run.travel_minutes for run in self.board.carer_week(carer_id))
        contract = self.board.week.provider.carer(carer_id).contracted_minutes
        style = "#E5484D" if contract and worked > contract * 1.1 else ("#EBCB8B" if worked < contract * 0.8 else "")
        return Text(f"{hours(worked)}/{contract // 60}h", style=style, no_wrap=True)

    def update_runs(self, keys: Iterable[CellKey]) -> None:
        """Redraw just these cells and their carers' week totals."""
        carers = set()
        for carer_id, day in keys:
            if (carer_id, day) in self.board.runs:
                self.update_cell(carer_id, day.isoformat(), run_cell(self.board.runs[(carer_id, day)]))
                carers.add(carer_id)
        for carer_id in carers:
            self.update_cell(carer_id, WEEK_COLUMN, self._week_cell(carer_id))

    def cursor_cell(self) -> CellKey | None:
        """(carer id, date) under the cursor, or None on the name or week column."""
        if not self.row_count:
            return None
        cell = self.coordinate_to_cell_key(self.cursor_coordinate)
        if cell.column_key.value in (CARER_COLUMN, WEEK_COLUMN):
            return None
        return (cell.row_key.value, dt.date.fromisoformat(cell.column_key.value))

    def cursor_carer(self) -> str | None:
        """The carer of the row under the cursor."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def focus_carer(self, carer_id: str) -> None:
        """Move the cursor to a carer's row."""
        self.move_cursor(row=self.get_row_index(carer_id))
