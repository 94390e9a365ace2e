"""Change it: every carer tried on a visit, ranked by the rule checker, each with why it fits
or not. Enter picks one; the modal returns (carer id, start) or None."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, LoadingIndicator

from roster.domain.clock import clock_hhmm
from roster.rules import Candidate

from ..format import hours

Choice = tuple[str, int]
"""(carer id, start minute) the coordinator picked."""


def why(c: Candidate) -> Text:
    """The reasons against, else the warnings, else what speaks for the carer."""
    if c.reasons:
        return Text("; ".join(c.reasons), style="#E5484D")
    good = []
    if c.preferred:
        good.append("preferred by the client")
    if c.client_visits:
        good.append(f"already sees the client {c.client_visits}x")
    if c.warnings:
        return Text("; ".join(c.warnings + tuple(good)), style="#EBCB8B")
    return Text("; ".join(good) or "fits", style="#7FB77E")


class CandidatesScreen(ModalScreen[Choice | None]):
    """Carers for one visit, best first."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="candidates.cancel")]
    DEFAULT_CSS = """
    CandidatesScreen { align: center middle; }
    CandidatesScreen > Vertical { width: 95%; height: 80%; border: round $primary; background: $surface; }
    CandidatesScreen Label { padding: 0 1; width: 100%; }
    CandidatesScreen DataTable { height: 1fr; }
    """

    def __init__(self, visit_id: str, replacing: str | None):
        super().__init__()
        self.visit_id = visit_id
        self.replacing = replacing
        self.candidates: list[Candidate] = []

    def compose(self) -> ComposeResult:
        app = self.app
        visit = app.week.visits[self.visit_id]
        client = app.week.provider.client(visit.client_id)
        doing = f"replace {self.replacing}" if self.replacing else "cover it"
        with Vertical():
            yield Label(
                f"[b]{visit.id}[/b]  {client.name} ({client.postcode})  {visit.call_type.value} "
                f"{clock_hhmm(visit.window_start)}-{clock_hhmm(visit.window_end)}, {visit.duration} min"
                f"{', double-up' if visit.is_double_up else ''}"
                f"{', skills ' + ', '.join(sorted(visit.skills)) if visit.skills else ''}  ->  {doing}"
            )
            yield LoadingIndicator()
            yield DataTable(cursor_type="row", id="candidates")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.display = False
        for label, key, width in (("carer", "carer", 22), ("fits", "fits", 4), ("start", "start", 5),
                                  ("travel+", "travel", 7), ("week/contract", "week", 13), ("why", "why", None)):
            table.add_column(label, key=key, width=width)
        self.rank()

    @work(thread=True, exclusive=True)
    def rank(self) -> None:
        """Ranking tries every carer through the rule checker: off the UI thread."""
        app = self.app
        candidates = app.board.checker.candidates(app.editor.rota, self.visit_id, self.replacing)
        app.call_from_thread(self.show, candidates)

    def show(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        table = self.query_one(DataTable)
        provider = self.app.week.provider
        for c in candidates:
            carer = provider.carer(c.carer_id)
            name = f"{carer.id} {carer.name}" + (" (now)" if c.current else "")
            table.add_row(
                Text(name, no_wrap=True, overflow="ellipsis"),
                Text("yes" if c.fits else "no", style="#7FB77E" if c.fits else "#E5484D"),
                clock_hhmm(c.start), f"{c.travel_added:+d}m",
                f"{hours(c.worked_minutes)}/{c.contracted_minutes // 60}h", why(c),
                key=c.carer_id,
            )
        self.query_one(LoadingIndicator).display = False
        table.display = True
        table.focus()
        # The carer already on the visit usually ranks first; start on the best alternative.
        others = [i for i, c in enumerate(candidates) if not c.current]
        if others:
            table.move_cursor(row=others[0])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        chosen = next(c for c in self.candidates if c.carer_id == event.row_key.value)
        if chosen.current:
            self.dismiss(None)
        else:
            self.dismiss((chosen.carer_id, chosen.start))
