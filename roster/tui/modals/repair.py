"""Repair a day from now, after the events recorded: a worker re-plans with as few changes to other
people's plans as possible (progress shown, escape cancels and keeps the draft), then a preview of
every change (visit, from, to, why), the UCR calls against their deadlines and the UCR budget.
Enter saves it (refused with a clear message if the draft was saved elsewhere meanwhile), escape
discards it. Returns the saved change, or None."""

from __future__ import annotations

import datetime as dt
import threading
import time

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, ProgressBar

from roster.domain.clock import clock_hhmm, parse_time_of_day
from roster.planning.edit import StaleDraft

from ..messages import RepairFinished, RepairProgress

BAD, GOOD, WARN = "bold #E5484D", "bold #7FB77E", "bold #EBCB8B"


def _side(carers: tuple[str, ...], start: int | None) -> str:
    return f"{' '.join(carers)} {clock_hhmm(start)}" if carers and start is not None else "uncovered"


class RepairScreen(ModalScreen):
    """Set the day and the time to repair from, watch it run, then accept or reject the result."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel / reject", id="repair.cancel"),
        Binding("a", "accept", "Accept and save", id="repair.accept"),
    ]
    DEFAULT_CSS = """
    RepairScreen { align: center middle; }
    RepairScreen > Vertical { width: 130; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    RepairScreen #repair-when { height: auto; }
    RepairScreen #repair-when Label { padding: 1 1 0 0; }
    RepairScreen #repair-when Input { width: 18; }
    RepairScreen ProgressBar { margin: 1 0 0 0; }
    RepairScreen #repair-summary, RepairScreen #repair-verdict { width: 100%; height: auto; margin-top: 1; }
    RepairScreen #repair-ucr { height: auto; max-height: 8; }
    RepairScreen #repair-changes { height: 1fr; }
    """

    def __init__(self, moment: dt.datetime):
        super().__init__()
        self.moment = moment
        """Where the form starts: the day and the time from which to repair."""
        self.stop = threading.Event()
        self.outcome = None
        """The repair's outcome once it has finished."""
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Repair a day from now[/b]: visits already started or done stay, pins stay")
            with Horizontal(id="repair-when"):
                yield Label("day")
                yield Input(self.moment.date().isoformat(), id="repair-date")
                yield Label("  from")
                yield Input(self.moment.strftime("%H:%M"), id="repair-now")
                yield Label("  enter starts, escape closes")
            yield Label("", id="repair-error")
            yield ProgressBar(total=None, show_eta=False, id="repair-progress")
            yield Label("", id="repair-summary")
            yield DataTable(cursor_type="row", id="repair-ucr")
            yield Label("", id="repair-verdict")
            yield DataTable(cursor_type="row", id="repair-changes")

    def on_mount(self) -> None:
        for widget in ("#repair-progress", "#repair-ucr", "#repair-changes"):
            self.query_one(widget).display = False
        self.query_one("#repair-now", Input).focus()

    # -- start ----------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.running or self.outcome is not None:
            return
        try:
            day = dt.date.fromisoformat(self.query_one("#repair-date", Input).value.strip())
        except ValueError:
            return self._error("day: not a date like 2026-12-01")
        if day not in self.app.week.dates:
            return self._error(f"day: {day} is not in the week on screen ({self.app.week.monday} to "
                               f"{self.app.week.dates[-1]})")
        try:
            now = parse_time_of_day(self.query_one("#repair-now", Input).value.strip())
        except ValueError as exc:
            return self._error(f"from: {exc}")
        self._error("")
        for field in self.query(Input):
            field.disabled = True
        self.running = True
        progress = self.query_one("#repair-progress", ProgressBar)
        progress.display = True
        self.query_one("#repair-summary", Label).update(f"repairing {day:%A %d %B} from {clock_hhmm(now)}; escape cancels")
        self.repair(day, now)

    def _error(self, message: str) -> None:
        self.query_one("#repair-error", Label).update(Text(message, style=BAD) if message else "")

    @work(thread=True, exclusive=True, group="repair")
    def repair(self, day: dt.date, now: int) -> None:
        """The repair runs here, off the UI thread; nothing is written."""
        began = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.post_message(RepairProgress(done, total, time.monotonic() - began))

        try:
            outcome = self.app.editor.plan_repair(day, now, stop=self.stop.is_set, on_progress=progress)
        except Exception as exc:  # bad data for the repair: say why, keep the draft
            self.post_message(RepairFinished(None, str(exc)))
            return
        self.post_message(RepairFinished(outcome))

    def on_repair_progress(self, message: RepairProgress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.query_one("#repair-summary", Label).update(
            f"{message.elapsed:.1f} s: {message.done} of {message.total} visits needing carers dealt with; "
            "escape cancels")

    def on_repair_finished(self, message: RepairFinished) -> None:
        self.running = False
        if message.outcome is None:
            self.app.notify(f"repair failed: {message.error}; the draft is unchanged", severity="error", timeout=10)
            self.dismiss(None)
            return
        if message.outcome.stopped:
            self.app.notify("repair cancelled: the draft is unchanged")
            self.dismiss(None)
            return
        self.outcome = message.outcome
        self.show_preview(message.outcome)

    # -- preview --------------------------------------------------------------------------

    def show_preview(self, outcome) -> None:
        progress = self.query_one(ProgressBar)
        progress.update(total=1, progress=1)
        self.query_one("#repair-summary", Label).update(outcome.summary().splitlines()[0])
        if outcome.ucr:
            ucr = self.query_one("#repair-ucr", DataTable)
            ucr.add_columns("UCR call", "client", "referral", "deadline", "planned", "status")
            for call in outcome.ucr:
                status = (Text("in time", style=GOOD) if call.in_time
                          else Text(f"missed: {call.why or 'no carer can reach it in time'}", style=BAD))
                planned = f"{' '.join(call.carers)} {clock_hhmm(call.start)}" if call.start is not None else "-"
                ucr.add_row(call.visit_id, call.client_id, clock_hhmm(call.referral), clock_hhmm(call.deadline),
                            planned, status)
            ucr.display = True
        verdict = Text()
        if outcome.budget.warning:
            verdict.append(f"Warning: {outcome.budget.warning}.\n", style=WARN)
        else:
            verdict.append(f"UCR this week: {outcome.budget.used_minutes / 60:.1f}h of "
                           f"{outcome.budget.budget_minutes / 60:.1f}h.\n")
        if outcome.new_violations:
            verdict.append(f"The repair breaks {len(outcome.new_violations)} rules: {outcome.new_violations[0]}\n",
                           style=BAD)
        verdict.append(f"{len(outcome.changes)} visits change. a accepts and saves; escape rejects it.", style="bold")
        self.query_one("#repair-verdict", Label).update(verdict)
        table = self.query_one("#repair-changes", DataTable)
        table.add_columns("visit", "from", "to", "why")
        for change in outcome.changes:
            table.add_row(change.visit_id, _side(change.before, change.start_before),
                          _side(change.after, change.start_after), change.why, key=change.visit_id)
        table.display = True
        table.focus()

    def action_cancel(self) -> None:
        if self.running:
            self.stop.set()
            self.query_one("#repair-summary", Label).update("cancelling: the draft stays as it was...")
        else:
            self.dismiss(None)

    def action_accept(self) -> None:
        if self.outcome is None:
            return
        try:
            edit = self.app.editor.accept_repair(self.outcome)
        except StaleDraft as exc:
            self.query_one("#repair-verdict", Label).update(Text(
                f"Not saved: {exc}.\nescape closes this; ctrl+l reloads the week from the database, then f "
                "repairs again.", style=BAD))
            self.outcome = None
            return
        self.dismiss(edit)
