"""The week board: carers down, days across, each cell one run.

Drawn line by line (Textual's Line API): only the rows on screen are ever rendered, each carer's
row is rendered once and kept until a change touches it, so opening a city-sized week draws a
screenful of rows and a move redraws two lines instead of the whole table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roster.planning.board import Board, CellKey

from ..format import hours
from .cells import run_cell

CARER_COLUMN = "carer"
WEEK_COLUMN = "week"
CELL_PADDING = 1
"""Blank cells either side of every cell's text."""
HEADER_HEIGHT = 1


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the board."""

    key: str
    """'carer', an ISO date, or 'week'."""
    label: str
    """The header text."""
    width: int
    """Cells of text, padding excluded."""

    @property
    def render_width(self) -> int:
        """Cells taken on screen, padding included."""
        return self.width + 2 * CELL_PADDING


class WeekTable(ScrollView, can_focus=True):
    """One row per carer, one column per day, and the week's hours against contract; a cell cursor."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("right", "cursor_right", "Cursor right", show=False),
        Binding("left", "cursor_left", "Cursor left", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("ctrl+home", "scroll_top", "Top", show=False),
        Binding("ctrl+end", "scroll_bottom", "Bottom", show=False),
        Binding("home", "scroll_home", "Home", show=False),
        Binding("end", "scroll_end", "End", show=False),
    ]
    COMPONENT_CLASSES = {"week-table--header", "week-table--cursor"}
    DEFAULT_CSS = """
    WeekTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .week-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .week-table--header { background-tint: $foreground 5%; }
        }
        & > .week-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .week-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    @dataclass
    class _Cell(Message):
        """Something happened on a cell."""

        week_table: WeekTable
        """The board."""
        row: int
        """Carer row."""
        column: int
        """Column index (0 is the carer's name)."""

        @property
        def control(self) -> WeekTable:
            return self.week_table

    class CellHighlighted(_Cell):
        """The cursor moved to another cell."""

    class CellSelected(_Cell):
        """Enter (or a click) on a cell."""

    def __init__(self, board: Board, **kwargs):
        super().__init__(**kwargs)
        self.board = board
        self.columns: tuple[Column, ...] = (
            Column(CARER_COLUMN, "carer", 20),
            *(Column(day.isoformat(), day.strftime("%a %d"), 15) for day in board.week.dates),
            Column(WEEK_COLUMN, "worked/contract", 15),
        )
        self._x_offsets: list[int] = []
        x = 0
        for column in self.columns:
            self._x_offsets.append(x)
            x += column.render_width
        self._carer_ids = [c.id for c in board.carers]
        self._row_of = {carer_id: i for i, carer_id in enumerate(self._carer_ids)}
        self._rows: dict[str, list[Strip]] = {}
        """Carer id -> the row's cells, rendered (cursor and background applied at draw time)."""
        self.cursor_row = 0
        self.cursor_column = 1 if self._carer_ids else 0
        self.virtual_size = Size(x, len(self._carer_ids) + HEADER_HEIGHT)

    @property
    def row_count(self) -> int:
        """Carers on the board."""
        return len(self._carer_ids)

    # -- what the cells say ---------------------------------------------------------------

    def get_cell(self, carer_id: str, column_key: str) -> Text:
        """The text of one cell, by carer id and column key ('carer', ISO date or 'week')."""
        if column_key == CARER_COLUMN:
            carer = self.board.week.provider.carer(carer_id)
            return Text(f"{carer.id} {carer.name}", no_wrap=True, overflow="ellipsis")
        if column_key == WEEK_COLUMN:
            return self._week_cell(carer_id)
        return run_cell(self.board.runs[(carer_id, dt.date.fromisoformat(column_key))])

    def _week_cell(self, carer_id: str) -> Text:
        worked = sum(run.worked_minutes for run in self.board.carer_week(carer_id))
        contract = self.board.week.provider.carer(carer_id).contracted_minutes
        style = "#E5484D" if contract and worked > contract * 1.1 else ("#EBCB8B" if worked < contract * 0.8 else "")
        return Text(f"{hours(worked)}/{contract // 60}h", style=style, no_wrap=True)

    def get_row_index(self, carer_id: str) -> int:
        """The row of a carer."""
        return self._row_of[carer_id]

    # -- drawing --------------------------------------------------------------------------

    def _cell_strip(self, text: Text, column: Column) -> Strip:
        console = self.app.console
        text.truncate(column.width, overflow="ellipsis", pad=True)
        pad = Segment(" " * CELL_PADDING)
        # Text.render leaves out the text's own style (spans only): put it under the spans.
        body = Strip(text.render(console), column.width).apply_style(console.get_style(text.style, default=Style.null()))
        return Strip([pad, *body, pad], column.render_width)

    def _row_cells(self, carer_id: str) -> list[Strip]:
        cells = self._rows.get(carer_id)
        if cells is None:
            cells = self._rows[carer_id] = [
                self._cell_strip(self.get_cell(carer_id, column.key), column) for column in self.columns
            ]
        return cells

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles looked up once per paint, not per line.
        self._base_style = self.rich_style
        self._cursor_style = self.get_component_rich_style("week-table--cursor")
        self._header_style = self.get_component_rich_style("week-table--header")
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        if y < HEADER_HEIGHT:
            cells = [self._cell_strip(Text(column.label), column).apply_style(self._header_style)
                     for column in self.columns]
        else:
            row = y - HEADER_HEIGHT + scroll_y
            if row >= len(self._carer_ids):
                return Strip.blank(width, self._base_style)
            cells = self._row_cells(self._carer_ids[row])
            if row == self.cursor_row:
                cells = list(cells)
                cursor = cells[self.cursor_column]
                cells[self.cursor_column] = Strip(
                    Segment.apply_style(cursor, post_style=self._cursor_style), cursor.cell_length)
        return Strip.join(cells).crop_extend(scroll_x, scroll_x + width, None).apply_style(self._base_style)

    def _refresh_row(self, row: int) -> None:
        """Repaint one carer's line if it is on screen."""
        y = row + HEADER_HEIGHT - self.scroll_offset.y
        if HEADER_HEIGHT <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def update_runs(self, keys: Iterable[CellKey]) -> None:
        """Redraw just the rows of these carers (their cells and week totals)."""
        for carer_id in {carer_id for carer_id, _ in keys}:
            if self._rows.pop(carer_id, None) is not None:
                self._refresh_row(self._row_of[carer_id])

    # -- the cursor -----------------------------------------------------------------------

    def cursor_cell(self) -> CellKey | None:
        """(carer id, date) under the cursor, or None on the name or week column."""
        if not self.row_count:
            return None
        key = self.columns[self.cursor_column].key
        if key in (CARER_COLUMN, WEEK_COLUMN):
            return None
        return (self._carer_ids[self.cursor_row], dt.date.fromisoformat(key))

    def cursor_carer(self) -> str | None:
        """The carer of the row under the cursor."""
        return self._carer_ids[self.cursor_row] if self.row_count else None

    def focus_carer(self, carer_id: str) -> None:
        """Move the cursor to a carer's row."""
        self.move_cursor(row=self.get_row_index(carer_id))

    def move_cursor(self, *, row: int | None = None, column: int | None = None, scroll: bool = True) -> None:
        """Put the cursor on a cell (clamped to the board), scroll it into view and say so."""
        if not self.row_count:
            return
        old_row, old_column = self.cursor_row, self.cursor_column
        self.cursor_row = min(max(self.cursor_row if row is None else row, 0), self.row_count - 1)
        self.cursor_column = min(max(self.cursor_column if column is None else column, 0), len(self.columns) - 1)
        if (old_row, old_column) == (self.cursor_row, self.cursor_column):
            return
        if scroll:
            self._scroll_cursor_into_view()
        self._refresh_row(old_row)
        self._refresh_row(self.cursor_row)
        self.post_message(self.CellHighlighted(self, self.cursor_row, self.cursor_column))

    def _scroll_cursor_into_view(self) -> None:
        rows_shown = max(self.size.height - HEADER_HEIGHT, 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + rows_shown:
            self.scroll_to(y=self.cursor_row - rows_shown + 1, animate=False)
        left, right = self._x_offsets[self.cursor_column], self._x_offsets[self.cursor_column]
        right += self.columns[self.cursor_column].render_width
        if left < self.scroll_offset.x:
            self.scroll_to(x=left, animate=False)
        elif right > self.scroll_offset.x + self.size.width:
            self.scroll_to(x=right - self.size.width, animate=False)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        self.move_cursor(column=self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.move_cursor(column=self.cursor_column + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(self.size.height - HEADER_HEIGHT, 1))

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(self.size.height - HEADER_HEIGHT, 1))

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def action_scroll_home(self) -> None:
        self.move_cursor(column=0)

    def action_scroll_end(self) -> None:
        self.move_cursor(column=len(self.columns) - 1)

    def action_select_cursor(self) -> None:
        if self.row_count:
            self.post_message(self.CellSelected(self, self.cursor_row, self.cursor_column))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_HEIGHT:
            return
        row = offset.y - HEADER_HEIGHT + self.scroll_offset.y
        x = offset.x + self.scroll_offset.x
        column = next((i for i in reversed(range(len(self.columns))) if self._x_offsets[i] <= x), 0)
        if row < self.row_count:
            self.move_cursor(row=row, column=column)
            self.action_select_cursor()
