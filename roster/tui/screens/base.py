"""What every rota view shares: the status strip, the footer, catching up with changes made
while it was hidden, and the visit actions (change, pin, take off, swap)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from roster.planning.board import CellKey
from roster.planning.edit import EditRefused

from ..messages import RotaChanged
from ..widgets.key_bar import KeyBar
from ..widgets.status_strip import StatusStrip


VISIT_ACTIONS = frozenset({"toggle_pin", "take_off", "swap"})
"""The actions on the visit under the cursor."""


class RotaScreen(Screen):
    """A view of the draft. Subclasses compose their body and redraw the cells a change touched."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="view.back", show=False),
        Binding("p", "toggle_pin", "Pin", id="visit.pin"),
        Binding("x", "take_off", "Take off", id="visit.take_off"),
        Binding("s", "swap", "Swap", id="visit.swap"),
    ]

    SELECTS_VISITS = True
    """False for views with no visit to select: the visit actions leave the footer."""

    def __init__(self) -> None:
        super().__init__()
        self.seen_changes = 0
        self.swap_from: tuple[str, str] | None = None

    def check_action(self, action: str, parameters: tuple) -> bool:
        # False hides the key from the footer (None would only dim it).
        return self.SELECTS_VISITS or action not in VISIT_ACTIONS

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield StatusStrip()
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.seen_changes = len(self.app.changes)

    # -- keeping up -----------------------------------------------------------------------

    def on_rota_changed(self, message: RotaChanged) -> None:
        self.catch_up()

    def on_screen_resume(self) -> None:
        self.catch_up()

    def catch_up(self) -> None:
        """Redraw every cell touched since this screen last looked."""
        pending = self.app.changes[self.seen_changes:]
        self.seen_changes = len(self.app.changes)
        touched: set[CellKey] = set()
        for edit in pending:
            if edit is not None:
                touched |= edit.touched
        if touched:
            self.redraw(touched)
        self.query_one(StatusStrip).show()

    def redraw(self, touched: set[CellKey]) -> None:
        """Redraw what these carer-days show."""

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    # -- what is selected -----------------------------------------------------------------

    def selected_visit(self) -> tuple[str, str | None] | None:
        """(visit id, carer id or None for an uncovered place) under the cursor."""
        return None

    def focused_date(self) -> dt.date | None:
        return None

    def focused_carer(self) -> str | None:
        selected = self.selected_visit()
        return selected[1] if selected else None

    def focused_client(self) -> str | None:
        selected = self.selected_visit()
        if selected and selected[0] in self.app.week.visits:
            return self.app.week.visits[selected[0]].client_id
        return None

    # -- visit actions --------------------------------------------------------------------

    def on_data_table_row_selected(self, event) -> None:
        from ..widgets.visit_list import VisitList

        if isinstance(event.data_table, VisitList):
            self.action_change_visit()

    def _try(self, change) -> None:
        try:
            self.app.apply(change())
        except EditRefused as exc:
            self.notify(str(exc), severity="warning")

    def action_change_visit(self) -> None:
        selected = self.selected_visit()
        if not selected:
            return
        from ..modals.candidates import CandidatesScreen

        visit_id, carer_id = selected

        def chosen(choice: tuple[str, int] | None) -> None:
            if choice is None:
                return
            carer, start = choice
            if carer_id:
                self._try(lambda: self.app.editor.move(visit_id, carer_id, carer, start))
            else:
                self._try(lambda: self.app.editor.assign(visit_id, carer, start))

        self.app.push_screen(CandidatesScreen(visit_id, carer_id), chosen)

    def action_toggle_pin(self) -> None:
        selected = self.selected_visit()
        if not selected:
            return
        on_visit = self.app.editor.assignments_of(selected[0])
        pinned = bool(on_visit) and all(a.pinned for a in on_visit)
        self._try(lambda: self.app.editor.set_pinned(selected[0], not pinned))

    def action_take_off(self) -> None:
        selected = self.selected_visit()
        if selected and selected[1]:
            self._try(lambda: self.app.editor.unassign(*selected))

    def action_swap(self) -> None:
        selected = self.selected_visit()
        if not selected or not selected[1]:
            return
        if self.swap_from is None or self.swap_from == selected:
            self.swap_from = selected
            self.notify(f"Swap {selected[0]} ({selected[1]}) with...: highlight another visit and press s")
            return
        first, self.swap_from = self.swap_from, None
        self._try(lambda: self.app.editor.swap(first[0], first[1], selected[0], selected[1]))
