"""Record what happened on the day from a form: a carer off sick (from, to), an urgent UCR call for a
client (referral time, minutes), a client admitted to hospital. Bad input is explained in the form,
naming the field, and nothing is written; a recorded event is returned."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select

from roster.domain import DomainError
from roster.planning import events

SICK, UCR, HOSPITAL = "sick", "ucr", "hospital"
KINDS = ((SICK, "Carer off sick"), (UCR, "UCR urgent call"), (HOSPITAL, "Client admitted to hospital"))
LABELS = {
    SICK: ("carer id", "off from", "back at"),
    UCR: ("client id", "referral at", ""),
    HOSPITAL: ("client id", "admitted at", ""),
}
"""Per kind: the labels of who, the first moment and the second (empty: not asked)."""
MOMENT_FORMAT = "%Y-%m-%d %H:%M"


class FormError(ValueError):
    """A field of the form cannot be read; the message names it."""


def read_moment(value: str, field: str) -> dt.datetime:
    """'2026-12-01 09:30' -> datetime, or FormError naming the field."""
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise FormError(f"{field}: {value.strip()!r} is not a date and time like 2026-12-01 09:30") from None


def read_minutes(value: str, field: str) -> int:
    """'45' -> 45 (15 to 240), or FormError naming the field."""
    try:
        minutes = int(value.strip())
    except ValueError:
        raise FormError(f"{field}: {value.strip()!r} is not a number of minutes") from None
    if not 15 <= minutes <= 240:
        raise FormError(f"{field}: {minutes} minutes is outside 15-240")
    return minutes


class EventScreen(ModalScreen):
    """Returns the stored event, or None if cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="event.cancel")]
    DEFAULT_CSS = """
    EventScreen { align: center middle; }
    EventScreen > Vertical { width: 80; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    EventScreen Horizontal { height: auto; }
    EventScreen .field { width: 14; padding: 1 1 0 0; }
    EventScreen Input { width: 1fr; }
    EventScreen #event-error { height: auto; margin: 1 0 0 0; }
    EventScreen #event-buttons { margin-top: 1; align-horizontal: right; }
    """

    def __init__(self, moment: dt.datetime):
        super().__init__()
        self.moment = moment
        """Default time for the form's moments."""

    def compose(self) -> ComposeResult:
        start = self.moment.strftime(MOMENT_FORMAT)
        with Vertical():
            yield Label("[b]Record what happened[/b] (kept with who and when)")
            yield Select(((label, kind) for kind, label in KINDS), value=SICK, allow_blank=False, id="event-kind")
            with Horizontal():
                yield Label("", classes="field", id="who-label")
                yield Input(id="event-who")
            with Horizontal():
                yield Label("", classes="field", id="from-label")
                yield Input(start, id="event-from")
            with Horizontal(id="to-row"):
                yield Label("", classes="field", id="to-label")
                yield Input((self.moment.replace(hour=0, minute=0) + dt.timedelta(days=1)).strftime(MOMENT_FORMAT),
                            id="event-to")
            with Horizontal(id="minutes-row"):
                yield Label("minutes", classes="field")
                yield Input("60", id="event-minutes")
            yield Label("", id="event-error")
            with Horizontal(id="event-buttons"):
                yield Button("Record", variant="primary", id="event-record")
                yield Button("Cancel", id="event-cancel")

    def on_mount(self) -> None:
        self.show_kind(SICK)
        self.query_one("#event-who", Input).focus()

    @property
    def kind(self) -> str:
        return self.query_one("#event-kind", Select).value

    def show_kind(self, kind: str) -> None:
        who, first, second = LABELS[kind]
        self.query_one("#who-label", Label).update(who)
        provider = self.app.week.provider
        people = provider.carers if kind == SICK else provider.clients
        self.query_one("#event-who", Input).suggester = SuggestFromList([p.id for p in people], case_sensitive=False)
        self.query_one("#from-label", Label).update(first)
        self.query_one("#to-label", Label).update(second)
        self.query_one("#to-row").display = bool(second)
        self.query_one("#minutes-row").display = kind == UCR
        self.query_one("#event-error", Label).update("")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_kind(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.record()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "event-record":
            self.record()
        else:
            self.dismiss(None)

    def record(self) -> None:
        """Validate and store the event; on bad input say what is wrong and stay open."""
        value = lambda name: self.query_one(f"#event-{name}", Input).value  # noqa: E731
        kind, who_label = self.kind, LABELS[self.kind][0]
        who = value("who").strip()
        try:
            if not who:
                raise FormError(f"{who_label}: needed")
            first = read_moment(value("from"), LABELS[kind][1])
            editor = self.app.editor
            if kind == SICK:
                back = read_moment(value("to"), LABELS[kind][2])
                event = editor.record(events.record_absence, who, first, back)
            elif kind == UCR:
                event = editor.record(events.record_ucr, who, first, duration=read_minutes(value("minutes"), "minutes"))
            else:
                event = editor.record(events.record_suspension, who, first)
        except (FormError, DomainError) as exc:
            self.query_one("#event-error", Label).update(Text(f"Not recorded: {exc}", style="bold #E5484D"))
            return
        self.dismiss(event)
