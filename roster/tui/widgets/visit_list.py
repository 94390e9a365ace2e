"""A list of visits (a run, a client's week, the uncovered ones), one row per visit, keyed by
visit id (and carer, for a run)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from roster.domain import Assignment, Visit
from roster.domain.clock import clock_hhmm

from ..format import span


class VisitList(DataTable):
    """Visits with time, client, call, length, carers and flags. The row key is 'visit|carer'."""

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", **kwargs)

    def on_mount(self) -> None:
        self.add_column("day", key="day", width=9)
        self.add_column("time", key="time", width=11)
        self.add_column("client", key="client", width=22)
        self.add_column("call", key="call", width=8)
        self.add_column("min", key="min", width=4)
        self.add_column("carers", key="carers", width=12)
        self.add_column("notes", key="notes")

    def show(self, rows: Iterable[tuple[Visit, Assignment | None]], app) -> None:
        """Replace the rows: each a visit and the assignment shown (None for uncovered)."""
        self.clear()
        carers_of = app.editor.rota.carers_of()
        notes_of = app.breach_notes()
        for visit, assignment in rows:
            client = app.week.provider.client(visit.client_id)
            carers = carers_of.get(visit.id, [])
            when = (span(assignment.start, assignment.end) if assignment
                    else f"{clock_hhmm(visit.window_start)}~{clock_hhmm(visit.window_end)}")
            flags = []
            if assignment and assignment.pinned:
                flags.append("◆pinned")
            if visit.is_double_up:
                flags.append(f"double-up {len(carers)}/2")
            if not assignment:
                flags.append(app.uncovered_reason(visit.id))
            flags += notes_of.get(visit.id, [])
            style = "bold #FFFFFF on #8B1E22" if notes_of.get(visit.id) else ("#F2A65A" if not assignment else "")
            key = f"{visit.id}|{assignment.carer_id if assignment else ''}"
            self.add_row(
                visit.date.strftime("%a %d"), when, Text(f"{client.id} {client.name}", no_wrap=True, overflow="ellipsis"),
                visit.call_type.value, str(visit.duration), " ".join(carers) or "-",
                Text("; ".join(flags), style=style, no_wrap=True, overflow="ellipsis"),
                key=key,
            )

    def selected(self) -> tuple[str, str | None] | None:
        """(visit id, carer id or None) of the highlighted row."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        visit_id, carer_id = key.split("|")
        return visit_id, carer_id or None
