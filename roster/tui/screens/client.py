"""A client's week: who comes when, and how many different carers (continuity)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from roster.planning.board import CellKey, client_summary

from ..widgets.visit_list import VisitList
from .base import RotaScreen


class ClientScreen(RotaScreen):
    """Every visit to one client this week, covered or not."""

    def __init__(self, client_id: str):
        super().__init__()
        self.client_id = client_id

    def compose_body(self) -> ComposeResult:
        yield Static(id="client-summary")
        yield VisitList(id="client-visits")

    def on_mount(self) -> None:
        client = self.app.week.provider.client(self.client_id)
        self.sub_title = f"client {client.id} {client.name}"
        self.fill()
        self.query_one(VisitList).focus()

    def fill(self) -> None:
        app = self.app
        summary = client_summary(app.board, self.client_id)
        client = summary.client
        text = Text()
        text.append(f"{client.id} {client.name}", style="bold")
        text.append(f"  {client.postcode}  {client.access_notes}\n")
        text.append(f"{summary.visits} visits, {summary.uncovered} uncovered; "
                    f"{len(summary.carers)} different carers: ")
        text.append(", ".join(f"{c} x{n}" for c, n in summary.carers.items()) or "none")
        if client.preferred_carers:
            text.append(f"\npreferred: {', '.join(client.preferred_carers)}")
        if client.declined_carers:
            text.append(f"  declined: {', '.join(sorted(client.declined_carers))}")
        self.query_one("#client-summary", Static).update(text)
        visits = self.query_one(VisitList)
        keep = visits.cursor_row
        visits.show(summary.rows, app)
        if visits.row_count:
            visits.move_cursor(row=min(keep, visits.row_count - 1))

    def redraw(self, touched: set[CellKey]) -> None:
        self.fill()

    def selected_visit(self) -> tuple[str, str | None] | None:
        return self.query_one(VisitList).selected()

    def focused_client(self) -> str | None:
        return self.client_id
