"""A carer's week: each day's run, hours against contract, Working Time Regulations status and
pay against the National Living Wage."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from roster.planning.board import CellKey, carer_summary

from ..format import hours, pounds, span
from ..widgets.cells import STATE_STYLE
from ..widgets.visit_list import VisitList
from .base import RotaScreen


class CarerScreen(RotaScreen):
    """Everything about one carer's week."""

    def __init__(self, carer_id: str):
        super().__init__()
        self.carer_id = carer_id

    def compose_body(self) -> ComposeResult:
        yield Static(id="carer-summary")
        yield DataTable(cursor_type="row", id="carer-runs")
        yield VisitList(id="carer-visits")

    def on_mount(self) -> None:
        carer = self.app.week.provider.carer(self.carer_id)
        self.sub_title = f"carer {carer.id} {carer.name}"
        runs = self.query_one("#carer-runs", DataTable)
        for label, key, width in (("day", "day", 10), ("span", "span", 11), ("visits", "visits", 6),
                                  ("care", "care", 6), ("travel", "travel", 6), ("state", "state", 60)):
            runs.add_column(label, key=key, width=width)
        self.fill()
        self.query_one(VisitList).focus()

    def fill(self) -> None:
        app = self.app
        board = app.board
        summary = carer_summary(board, self.carer_id)
        carer = summary.carer
        lines = Text()
        lines.append(f"{carer.id} {carer.name}", style="bold")
        lines.append(f"  {carer.transport.value}, skills: {', '.join(sorted(carer.skills)) or 'none'}"
                     f"{', nights' if carer.night_worker else ''}{', opted out of 48h' if carer.opted_out_48h else ''}\n")
        gap_style = "#E5484D" if summary.worked_minutes > summary.contracted_minutes * 1.1 else ""
        lines.append(f"hours: {hours(summary.worked_minutes)} worked "
                     f"({hours(summary.care_minutes)} care, {hours(summary.travel_minutes)} travel) "
                     f"against {hours(summary.contracted_minutes)} contracted\n", style=gap_style)
        pay_style = "#7FB77E" if summary.pay_pence_per_hour >= summary.living_wage_pence else "#E5484D"
        lines.append(f"pay: {pounds(summary.pay_pence_per_hour)}/h for care, travel and waiting = "
                     f"{pounds(summary.week_pay_pence)} this week; National Living Wage "
                     f"{pounds(summary.living_wage_pence)}/h\n", style=pay_style)
        if summary.working_time:
            for v in summary.working_time:
                lines.append(f"{'breach' if v.hard else 'owed'}: {v.message}\n",
                             style="#E5484D" if v.hard else "#EBCB8B")
        else:
            lines.append("Working Time Regulations: no breaches\n", style="#7FB77E")
        self.query_one("#carer-summary", Static).update(lines)
        table = self.query_one("#carer-runs", DataTable)
        table.clear()
        for run in board.carer_week(self.carer_id):
            state = Text(run.state.value + (": " + "; ".join(run.breaches) if run.breaches else ""),
                         style=STATE_STYLE[run.state], no_wrap=True, overflow="ellipsis")
            table.add_row(f"{run.date:%a %d}", span(run.first_start, run.last_end), str(run.visits),
                          hours(run.care_minutes), f"{run.travel_minutes}m", state, key=run.date.isoformat())
        visits = self.query_one(VisitList)
        keep = visits.cursor_row
        week = app.week
        visits.show([(week.visits[a.visit_id], a) for run in board.carer_week(self.carer_id)
                     for a in run.assignments if a.visit_id in week.visits], app)
        if visits.row_count:
            visits.move_cursor(row=min(keep, visits.row_count - 1))

    def redraw(self, touched: set[CellKey]) -> None:
        if any(carer_id == self.carer_id for carer_id, _ in touched):
            self.fill()

    def selected_visit(self) -> tuple[str, str | None] | None:
        return self.query_one(VisitList).selected()

    def focused_carer(self) -> str | None:
        return self.carer_id
