"""The night supervisor's view: nights across, crews down, each crew's round; the highlighted
round as the run sheet the crew will carry."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from roster.domain.clock import clock_hhmm
from roster.planning.board import CellKey, CrewRound, night_rounds, night_uncovered

from .base import RotaScreen


def round_cell(round_: CrewRound | None) -> Text:
    """'C041+C077 5v 22:10-05:30' for a round; '-' with no crew that night."""
    if round_ is None:
        return Text("-", style="#5C6370")
    carers = "+".join(round_.crew.carer_ids)
    if not round_.visits:
        return Text(f"{carers} 0v", style="#EBCB8B")
    first, last = round_.visits[0][1], round_.visits[-1][1]
    return Text(f"{carers} {len(round_.visits)}v {clock_hhmm(first.start)}-{clock_hhmm(last.end)}", no_wrap=True)


class NightScreen(RotaScreen):
    """Mobile Night Carers: crews and their rounds for the week."""

    def compose_body(self) -> ComposeResult:
        yield DataTable(cursor_type="cell", id="night-table")
        yield Static(id="run-sheet")

    def on_mount(self) -> None:
        self.sub_title = "nights"
        table = self.query_one("#night-table", DataTable)
        table.add_column("crew", key="crew", width=6)
        for day in self.app.week.dates:
            table.add_column(day.strftime("%a %d night"), key=day.isoformat(), width=26)
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one("#night-table", DataTable)
        self.rounds = night_rounds(self.app.board)
        slots = sorted({slot for slot, _ in self.rounds}, key=lambda s: (len(s), s))
        keep = table.cursor_coordinate
        table.clear()
        for slot in slots:
            table.add_row(slot, *[round_cell(self.rounds.get((slot, day))) for day in self.app.week.dates], key=slot)
        if table.row_count:
            table.cursor_coordinate = keep if keep.row < table.row_count else table.cursor_coordinate
        self.show_sheet()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_sheet()

    def show_sheet(self) -> None:
        """The run sheet of the highlighted round: times, clients, postcodes, access notes."""
        table = self.query_one("#night-table", DataTable)
        sheet = self.query_one("#run-sheet", Static)
        uncovered = night_uncovered(self.app.board)
        text = Text(f"{len(uncovered)} night visits without a crew\n", style="#E5484D" if uncovered else "#7FB77E")
        if not table.row_count:
            sheet.update(text + Text("No crews this week: form crews with the night rounds solver."))
            return
        cell = table.coordinate_to_cell_key(table.cursor_coordinate)
        if cell.column_key.value == "crew":
            sheet.update(text)
            return
        day = dt.date.fromisoformat(cell.column_key.value)
        round_ = self.rounds.get((cell.row_key.value, day))
        if round_ is None:
            sheet.update(text)
            return
        provider = self.app.week.provider
        names = " and ".join(f"{c} {provider.carer(c).name}" for c in round_.crew.carer_ids)
        text.append(f"Run sheet {round_.crew.id}: {names}\n", style="bold")
        for visit, a in round_.visits:
            client = provider.client(visit.client_id)
            text.append(f"  {clock_hhmm(a.start)}-{clock_hhmm(a.end)}  {client.name:<22} {client.postcode:<9}"
                        f" {visit.call_type.value:<6} {client.access_notes}\n")
        sheet.update(text)

    def redraw(self, touched: set[CellKey]) -> None:
        self.fill()
