"""The core's refusal to publish (or restore) a rota with new hard violations, word for word as
the CLI prints it, and a way to go ahead anyway: a note saying why, which the audit log keeps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from roster.planning.safety import UnsafeRota


class ForceScreen(ModalScreen[str | None]):
    """Returns the note to force it with, or None (escape: nothing is published)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="force.cancel")]
    DEFAULT_CSS = """
    ForceScreen { align: center middle; }
    ForceScreen > Vertical { width: 120; height: auto; max-height: 90%; border: round $error;
                             background: $surface; padding: 0 1; }
    ForceScreen VerticalScroll { height: auto; max-height: 20; }
    ForceScreen Label { width: 100%; }
    """

    def __init__(self, refusal: UnsafeRota):
        super().__init__()
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Label(Text(self.refusal.message), id="force-message")
            yield Label("To publish it anyway, say why (kept in the audit log) and press enter; escape cancels.")
            yield Input(placeholder="why it goes out anyway", id="force-note")

    def on_mount(self) -> None:
        self.query_one("#force-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
