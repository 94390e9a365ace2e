"""Re-solve around the pins in a thread worker: a progress bar while it runs (escape cancels and
keeps the draft), then a preview of what changed; enter keeps the better of draft and result."""

from __future__ import annotations

import datetime as dt
import threading

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, ProgressBar

from roster.domain.clock import clock_hhmm
from roster.planning.resolve import Preview, Score, preview, resolve

from ..messages import SolveFinished, SolveProgress


def score_text(label: str, s: Score) -> str:
    return (f"{label}: {s.hard_breaches} breaches, {s.uncovered} uncovered, "
            f"{s.travel_minutes} min travel, {s.lateness_minutes} min late")


class ResolveScreen(ModalScreen[Preview | None]):
    """Returns the preview to accept, or None to keep the draft."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel / keep draft", id="resolve.cancel"),
        Binding("enter", "keep_better", "Keep the better", id="resolve.keep_better"),
        Binding("a", "accept", "Accept result", id="resolve.accept"),
    ]
    DEFAULT_CSS = """
    ResolveScreen { align: center middle; }
    ResolveScreen > Vertical { width: 110; height: 80%; border: round $primary; background: $surface; padding: 0 1; }
    ResolveScreen ProgressBar { margin: 1 0; }
    ResolveScreen DataTable { height: 1fr; }
    """

    def __init__(self, day: dt.date | None, time_limit: float):
        super().__init__()
        self.day = day
        self.time_limit = time_limit
        self.stop = threading.Event()
        self.result: Preview | None = None

    def compose(self) -> ComposeResult:
        scope = f"{self.day:%A %d %B}" if self.day else "the week"
        with Vertical():
            yield Label(f"[b]Re-solving {scope}[/b] around pinned visits (up to {self.time_limit:.0f} s); escape cancels")
            yield ProgressBar(total=7, show_eta=False, id="progress")
            yield Label("starting...", id="progress-text")
            yield Label("", id="verdict")
            yield DataTable(cursor_type="row", id="changes")

    def on_mount(self) -> None:
        self.query_one("#changes").display = False
        self.solve()

    @work(thread=True, exclusive=True, group="resolve")
    def solve(self) -> None:
        """The solver and the comparison both run here, off the UI thread."""
        app = self.app
        draft = app.editor.rota

        def progress(p) -> None:
            fraction = p.days_done / p.days_total if p.days_total else 0.0
            self.post_message(SolveProgress(None, app.board.coverage.visits - p.uncovered, p.elapsed, fraction))

        try:
            rota = resolve(app.week, draft, day=self.day, time_limit=self.time_limit,
                           on_progress=progress, stop=self.stop.is_set)
            result = preview(app.board.checker, app.week, draft, rota)
        except Exception as exc:  # the solver refused the data: say why, keep the draft
            self.post_message(SolveFinished(None, False, str(exc)))
            return
        self.result = result
        self.post_message(SolveFinished(rota, self.stop.is_set()))

    def on_solve_progress(self, message: SolveProgress) -> None:
        self.query_one(ProgressBar).update(progress=round(message.fraction * 7))
        self.query_one("#progress-text", Label).update(
            f"{message.elapsed:.1f} s, {round(message.fraction * 7)}/7 days, covered so far {message.covered}")

    def on_solve_finished(self, message: SolveFinished) -> None:
        if message.cancelled or message.rota is None:
            if message.error:
                self.app.notify(f"re-solve failed: {message.error}", severity="error", timeout=10)
            self.dismiss(None)
            return
        self.show_preview(self.result)

    def show_preview(self, result: Preview) -> None:
        self.query_one(ProgressBar).update(progress=7)
        self.query_one("#progress-text", Label).update(
            score_text("draft ", result.before) + "\n" + score_text("result", result.after))
        verdict = self.query_one("#verdict", Label)
        if result.better:
            verdict.update(Text(f"The result is better: enter accepts it ({len(result.changes)} visits change).",
                                style="bold #7FB77E"))
        else:
            verdict.update(Text("The draft is as good or better: enter keeps it; a accepts the result anyway.",
                                style="bold #EBCB8B"))
        table = self.query_one("#changes", DataTable)
        table.add_columns("visit", "before", "after")
        week = self.app.week
        for change in result.changes[:500]:
            def side(carers, start):
                return f"{' '.join(carers)} {clock_hhmm(start)}" if carers else "uncovered"
            visit = week.visits[change.visit_id]
            table.add_row(f"{visit.date:%a} {change.visit_id}", side(change.before, change.start_before),
                          side(change.after, change.start_after))
        table.display = True

    def action_cancel(self) -> None:
        if self.result is None:
            self.stop.set()
            self.query_one("#progress-text", Label).update("cancelling: keeping the draft...")
        else:
            self.dismiss(None)

    def action_keep_better(self) -> None:
        if self.result is not None:
            self.dismiss(self.result if self.result.better else None)

    def action_accept(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)
