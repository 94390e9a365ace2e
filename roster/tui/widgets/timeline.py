"""The day timeline: carers down, 07:00-22:30 across, visits as blocks sized by their length,
travel between them, double-ups and breaks marked."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable

from roster.planning.board import Board, CellKey, Run

DAY_START = 7 * 60
DAY_END = 22 * 60 + 30
MINUTES_PER_CHAR = 7.5
WIDTH = int((DAY_END - DAY_START) / MINUTES_PER_CHAR)

VISIT_STYLE = "#1B1F27 on #5B8DEF"
DOUBLE_STYLE = "#1B1F27 on #B48EAD"
PINNED_STYLE = "#1B1F27 on #8FBCBB"
BREACH_STYLE = "#FFFFFF on #8B1E22"
TRAVEL_STYLE = "#F2A65A"
BREAK_STYLE = "#1B1F27 on #7FB77E"


def _col(minute: int) -> int:
    return max(0, min(WIDTH, round((minute - DAY_START) / MINUTES_PER_CHAR)))


def ruler() -> Text:
    """Hour marks across the timeline."""
    line = [" "] * WIDTH
    for hour in range(DAY_START // 60, DAY_END // 60 + 1):
        col = _col(hour * 60)
        label = f"{hour:02d}"
        for i, ch in enumerate(label):
            if col + i < WIDTH:
                line[col + i] = ch
    return Text("".join(line), style="bold")


def timeline(board: Board, run: Run, notes: dict[str, list[str]]) -> Text:
    """One carer's day as a line of blocks: visits (double-ups '2', pinned '◆'), travel '~',
    breaks 'b'; a carer away shows the absence."""
    if not run.assignments and run.absence is not None:
        return Text(f"{run.absence.value}".center(WIDTH, "╌"), style="#D699D6" if run.absence.value == "sickness" else "#EBCB8B")
    chars = [" "] * WIDTH
    styles: list[str | None] = [None] * WIDTH
    week = board.week
    carer = week.provider.carer(run.carer_id)

    def paint(start: int, end: int, ch: str, style: str) -> None:
        for col in range(_col(start), max(_col(end), _col(start) + 1)):
            if col < WIDTH:
                chars[col], styles[col] = ch, style

    previous = None
    for a in run.assignments:
        visit = week.visits.get(a.visit_id)
        if visit is None:
            continue
        if previous is not None:
            leg = week.travel.minutes(previous[0].location, visit.location, carer.transport)
            paint(previous[1], previous[1] + leg, "~", TRAVEL_STYLE)
        style = BREACH_STYLE if a.visit_id in notes else (
            PINNED_STYLE if a.pinned else DOUBLE_STYLE if visit.is_double_up else VISIT_STYLE)
        paint(a.start, a.end, " ", style)
        first = _col(a.start)
        if first < WIDTH:
            chars[first] = "◆" if a.pinned else "2" if visit.is_double_up else "▏"
        previous = (visit, a.end)
    for brk in board.rota.breaks:
        if brk.carer_id == run.carer_id and brk.date == run.date:
            paint(brk.start, brk.start + brk.minutes, "b", BREAK_STYLE)
    text = Text(no_wrap=True)
    for ch, style in zip(chars, styles):
        text.append(ch, style=style or "")
    return text


class DayTimeline(DataTable):
    """One row per carer for one date, keyed by carer id."""

    def __init__(self, board: Board, day: dt.date, **kwargs):
        super().__init__(cursor_type="row", **kwargs)
        self.board = board
        self.day = day

    def on_mount(self) -> None:
        self.add_column("carer", key="carer", width=20)
        self.add_column(ruler(), key="line", width=WIDTH)
        self.add_column("run", key="run", width=12)
        self.fill()

    def fill(self) -> None:
        """(Re)draw every carer's line for self.day."""
        self.clear()
        notes = self.board.visit_notes()
        for run in self.board.day_runs(self.day):
            carer = self.board.week.provider.carer(run.carer_id)
            self.add_row(
                Text(f"{carer.id} {carer.name}", no_wrap=True, overflow="ellipsis"),
                timeline(self.board, run, notes), f"{run.visits}v {run.travel_minutes}m~",
                key=run.carer_id,
            )

    def update_runs(self, keys: set[CellKey]) -> None:
        """Redraw the lines of carers whose run on this day changed."""
        notes = self.board.visit_notes()
        for carer_id, day in keys:
            if day == self.day and (carer_id, day) in self.board.runs:
                run = self.board.runs[(carer_id, day)]
                self.update_cell(carer_id, "line", timeline(self.board, run, notes))
                self.update_cell(carer_id, "run", f"{run.visits}v {run.travel_minutes}m~")

    def cursor_carer(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
