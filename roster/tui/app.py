"""The coordinator's app: one factory (`create_app`) used by `roster tui`, the tests, the
snapshots and the benchmark. The app holds the week, its board and the editor; screens render
them and call back here to change the draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from roster.domain.clock import monday_of
from roster.planning.board import Board, Week, open_week
from roster.planning.edit import Edit, RotaEditor

from .commands import SearchProvider
from .messages import RotaChanged
from .theme import ROSTER_THEME


class RosterApp(App):
    """See the week, understand it, change it, re-solve it."""

    TITLE = "roster"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {SearchProvider}
    BINDINGS = [
        Binding("w", "show_week", "Week", id="view.week"),
        Binding("d", "show_day", "Day", id="view.day"),
        Binding("u", "show_uncovered", "Uncovered", id="view.uncovered"),
        Binding("e", "show_carer", "Carer", id="view.carer"),
        Binding("c", "show_client", "Client", id="view.client"),
        Binding("g", "show_plots", "Plots", id="view.plots"),
        Binding("n", "show_nights", "Nights", id="view.nights"),
        Binding("m", "show_report", "Report", id="view.report"),
        Binding("v", "show_versions", "Versions", id="view.versions"),
        Binding("a", "record_event", "Event", id="day.event"),
        Binding("f", "repair", "Repair", id="day.repair"),
        Binding("ctrl+z", "undo", "Undo", id="edit.undo"),
        Binding("ctrl+y", "redo", "Redo", id="edit.redo", show=False),
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("P", "publish", "Publish", id="edit.publish"),
        Binding("r", "resolve", "Re-solve", id="solve.week"),
        Binding("R", "resolve_day", "Re-solve day", id="solve.day", show=False),
        Binding("ctrl+l", "reload", "Reload", id="app.reload", show=False),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit", show=False),
    ]

    def __init__(self, week: Week, *, solve_time_limit: float = 10.0, today: dt.date | None = None):
        super().__init__()
        self.solve_time_limit = solve_time_limit
        self.today = today
        """The date the coordinator is working on (None: the system clock's); on-the-day forms start there."""
        self.last_event_at: dt.datetime | None = None
        """When the last event recorded here takes effect: where a repair starts."""
        self.week = week
        self.editor = RotaEditor(week)
        # Draw first, check in the background: flags arrive a moment after the board.
        self.board = Board(week, week.rota, check=False)
        self.changes: list[Edit | None] = []
        """Every change so far; screens redraw what changed since they last looked."""
        self.last_message = ""
        self.checked = False
        """The first full check has arrived (until then runs carry no breach flags)."""

    def on_mount(self) -> None:
        self.register_theme(ROSTER_THEME)
        self.theme = "roster"
        from .screens.week import WeekScreen

        week = WeekScreen()
        self.push_screen(week)
        # Check once the board is on screen: the check's thread competes with drawing for the
        # interpreter, so starting it at once delays the first paint.
        week.call_after_refresh(self.check_in_background)

    @work(thread=True, exclusive=True, group="check")
    def check_in_background(self) -> None:
        """The full rule check of the draft, off the UI thread."""
        rota = self.editor.rota
        report = self.board.checker.full(rota)
        self.call_from_thread(self._took_report, report, rota)

    def _took_report(self, report, rota) -> None:
        changed = self.board.take_report(report, rota)
        if changed is None:  # the draft changed meanwhile: check the new one
            self.check_in_background()
            return
        self.checked = True
        self.apply_all(changed, "checked")
    # -- changing the draft ---------------------------------------------------------------

    def apply(self, edit: Edit | None) -> None:
        """Re-check and redraw after the editor changed the draft."""
        if edit is None:
            return
        self.board.refresh_cells(self.editor.rota, edit.touched)
        self.changes.append(edit)
        self.last_message = edit.description
        self.screen.post_message(RotaChanged(edit))

    def uncovered_reason(self, visit_id: str) -> str:
        """The reason the rota gives for a visit being uncovered."""
        for u in self.editor.rota.uncovered:
            if u.visit_id == visit_id:
                return u.detail or u.reason
        return "not yet planned"

    def breach_notes(self) -> dict[str, list[str]]:
        """Visit id -> the rule checker's messages about it."""
        return self.board.visit_notes()

    def action_undo(self) -> None:
        self.apply(self.editor.undo()) if self.editor.can_undo else self.notify("Nothing to undo")

    def action_redo(self) -> None:
        self.apply(self.editor.redo()) if self.editor.can_redo else self.notify("Nothing to redo")

    def action_save(self) -> None:
        from roster.planning.edit import StaleDraft

        try:
            revision = self.editor.save()
        except StaleDraft as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.last_message = f"saved draft r{revision}"
        self.screen.post_message(RotaChanged(None))

    def action_publish(self) -> None:
        from .modals.confirm import ConfirmScreen

        breaches = sum(1 for run in self.board.runs.values() if run.breaches)
        uncovered = len(self.board.coverage.uncovered_visits)
        warning = f" It has {breaches} runs with breaches and {uncovered} uncovered visits." if breaches or uncovered else ""

        def answered(yes: bool | None, force_note: str | None = None) -> None:
            if not yes:
                return
            from roster.planning.edit import StaleDraft
            from roster.planning.safety import UnsafeRota

            from .modals.force import ForceScreen

            note = f"published from roster tui; forced: {force_note}" if force_note else "published from roster tui"
            try:
                done = self.editor.publish(note=note, force_note=force_note)
            except UnsafeRota as refusal:
                self.push_screen(ForceScreen(refusal), lambda why: why and answered(True, why))
                return
            except (StaleDraft, LookupError) as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.last_message = done.message
            if done.changed:
                self.apply_all(self.board.take_published(), self.last_message)
            else:
                self.notify(done.message)

        self.push_screen(ConfirmScreen(f"Publish this draft for carers to see?{warning}"), answered)

    def apply_all(self, keys, description: str) -> None:
        """Redraw cells that changed without an edit (checked in the background, published)."""
        from roster.planning.edit import Edit

        self.changes.append(Edit(description, frozenset(keys)))
        self.screen.post_message(RotaChanged(None))

    def action_resolve(self, day: str | None = None) -> None:
        from .modals.resolve import ResolveScreen

        def done(result) -> None:
            if result is not None:
                scope = f"{dt.date.fromisoformat(day):%a}" if day else "week"
                self.apply(self.editor.replace_rota(result.rota, f"re-solved {scope}: {len(result.changes)} visits changed"))

        self.push_screen(ResolveScreen(dt.date.fromisoformat(day) if day else None, self.solve_time_limit), done)

    def action_resolve_day(self) -> None:
        self.action_resolve(self.focused_date().isoformat())

    # -- on the day -----------------------------------------------------------------------

    def moment(self) -> dt.datetime:
        """Where on-the-day forms start: the last event recorded here, else now if the week on
        screen is this week, else 08:00 on the day being looked at."""
        if self.last_event_at is not None and self.last_event_at.date() in self.week.dates:
            return self.last_event_at
        now = dt.datetime.now().replace(second=0, microsecond=0)
        today = self.today or now.date()
        if today in self.week.dates:
            return dt.datetime.combine(today, now.time())
        return dt.datetime.combine(self.focused_date(), dt.time(8))

    def action_record_event(self) -> None:
        from .modals.event import EventScreen

        def recorded(event) -> None:
            if event is None:
                return
            self.last_event_at = event.effective_at
            self.reopen(f"event #{event.id}: {event.summary}; f repairs the day")

        self.push_screen(EventScreen(self.moment()), recorded)

    def action_repair(self) -> None:
        from .modals.repair import RepairScreen

        self.push_screen(RepairScreen(self.moment()), self.apply)

    def reopen(self, message: str, week: Week | None = None) -> None:
        """Draw everything again from `week` (default: the editor's, whose provider an event
        changed), back on the week board, and check it in the background."""
        from .screens.week import WeekScreen

        if week is not None:
            self.week = week
            self.editor = RotaEditor(week, by=self.editor.by)
        else:
            self.week = self.editor.week
        self.board = Board(self.week, self.editor.rota, check=False)
        self.checked = False
        self.last_message = message
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(WeekScreen())
        self.check_in_background()

    def restore_version(self, version: int, *, force: bool = False) -> None:
        """Publish an earlier version again after a confirmation (a second one if the saved draft
        has changes not yet published), then open the week again."""
        from .modals.confirm import ConfirmScreen

        def answered(yes: bool | None, force_note: str | None = None) -> None:
            if not yes:
                return
            from roster.planning.safety import UnsafeRota

            from .modals.force import ForceScreen

            try:
                done = self.editor.restore(version, force=force, force_note=force_note)
            except UnsafeRota as refusal:
                self.push_screen(ForceScreen(refusal), lambda why: why and answered(True, why))
                return
            except ValueError as exc:
                self.push_screen(ConfirmScreen(f"{exc}. Restore anyway and drop them?"), forced)
                return
            except LookupError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            if not done.changed:
                self.notify(done.message)
                return
            self.reopen(f"published version {version} again as version {done.version}",
                        open_week(self.week.db_path, self.week.monday))

        def forced(yes: bool | None) -> None:
            if yes:
                self.restore_version(version, force=True)

        if force:
            answered(True)
            return
        unsaved = " Your unsaved changes here are dropped." if self.editor.dirty else ""
        self.push_screen(ConfirmScreen(f"Publish version {version} again as the next version? The draft becomes "
                                       f"version {version} too.{unsaved}"), answered)

    def action_reload(self) -> None:
        from .modals.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.reopen("reloaded from the database", open_week(self.week.db_path, self.week.monday))

        if self.editor.dirty:
            self.push_screen(ConfirmScreen("Reload the week from the database? Your unsaved changes are dropped."),
                             answered)
        else:
            answered(True)

    # -- views ----------------------------------------------------------------------------

    def action_show_week(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_show_day(self, day: str | None = None) -> None:
        from .screens.day import DayScreen

        self.push_screen(DayScreen(dt.date.fromisoformat(day) if day else self.focused_date()))

    def action_show_uncovered(self) -> None:
        from .screens.uncovered import UncoveredScreen

        self.push_screen(UncoveredScreen())

    def action_show_nights(self) -> None:
        from .screens.night import NightScreen

        self.push_screen(NightScreen())

    def action_show_plots(self) -> None:
        from .screens.plots import PlotsScreen

        self.push_screen(PlotsScreen())

    def action_show_report(self) -> None:
        from .screens.report import ReportScreen

        self.push_screen(ReportScreen())

    def action_show_versions(self) -> None:
        from .screens.versions import VersionsScreen

        self.push_screen(VersionsScreen())

    def action_show_carer(self, carer_id: str | None = None) -> None:
        from .screens.carer import CarerScreen

        carer_id = carer_id or getattr(self.screen, "focused_carer", lambda: None)()
        if carer_id:
            self.push_screen(CarerScreen(carer_id))
        else:
            self.notify("Highlight a carer first, or search with ctrl+p")

    def action_show_client(self, client_id: str | None = None) -> None:
        from .screens.client import ClientScreen

        client_id = client_id or getattr(self.screen, "focused_client", lambda: None)()
        if client_id:
            self.push_screen(ClientScreen(client_id))
        else:
            self.notify("Highlight a visit first, or search with ctrl+p")

    def focused_date(self) -> dt.date:
        """The day the current screen is looking at (Monday if none)."""
        return getattr(self.screen, "focused_date", lambda: None)() or self.week.monday

    def action_help(self) -> None:
        from .modals.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Week board", "Carers down, days across", self.action_show_week)
        yield SystemCommand("Uncovered visits", "What the rota leaves without carers, and why", self.action_show_uncovered)
        yield SystemCommand("Nights", "Crews and their rounds, with run sheets", self.action_show_nights)
        yield SystemCommand("Plots", "Hours against contract, travel share per day", self.action_show_plots)
        yield SystemCommand("Weekly report", "The week in figures with plots: hours, travel, UCR, pay", self.action_show_report)
        yield SystemCommand("Record an event", "A carer off sick, a UCR call, a client admitted to hospital",
                            self.action_record_event)
        yield SystemCommand("Repair the day", "Re-plan a day from now after events, fewest changes", self.action_repair)
        yield SystemCommand("Versions", "Published versions and the draft: compare, restore", self.action_show_versions)
        yield SystemCommand("Reload", "Read the week again from the database", self.action_reload)
        yield SystemCommand("Undo", "Step back one change", self.action_undo)
        yield SystemCommand("Redo", "Re-apply the last undone change", self.action_redo)
        yield SystemCommand("Save draft", "Write the draft to the database", self.action_save)
        yield SystemCommand("Publish", "Publish the draft as the next version", self.action_publish)
        yield SystemCommand("Re-solve week", "Solve again around the pinned visits", self.action_resolve)
        yield SystemCommand("Re-solve day", "Solve the highlighted day again, other days kept", self.action_resolve_day)


def create_app(
    db_path: Path | str, week: dt.date | None = None, *, today: dt.date | None = None, solve_time_limit: float = 10.0
) -> RosterApp:
    """The app for a database and week (default: next week, counted from today)."""
    today = today or dt.date.today()
    monday = week or monday_of(today) + dt.timedelta(days=7)
    return RosterApp(open_week(db_path, monday), solve_time_limit=solve_time_limit, today=today)
