"""Published versions of the week and the draft: what each one changed, the difference between any
two (per carer: visits added, removed, moved), and restoring an earlier version by publishing it
again, after a confirmation."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label

from roster.domain import Rota
from roster.domain.clock import clock_hhmm
from roster.planning.versions import DRAFT, diff

from ..messages import DiffReady
from .base import RotaScreen

Which = int | str
"""A version number, or DRAFT."""


def _at(a) -> str:
    return f"{a.date:%a} {clock_hhmm(a.start)}"


class VersionsScreen(RotaScreen):
    """Versions on the left, oldest first, the draft last; the difference on the right from the
    base (marked with b, else the row above) to the highlighted row."""

    SELECTS_VISITS = False
    BINDINGS = [
        Binding("b", "mark_base", "Compare from", id="versions.base"),
        Binding("ctrl+r", "restore", "Restore", id="versions.restore"),
    ]
    DEFAULT_CSS = """
    VersionsScreen #versions { width: 70; border-right: solid $primary; }
    VersionsScreen #version-diff-pane { width: 1fr; }
    VersionsScreen #diff-title { width: 100%; background: $panel; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        """The versions as listed (version, created_at, note, ...)."""
        self.base: Which | None = None
        """The version marked to compare from, if any."""
        self.rotas: dict[Which, Rota] = {}
        """Published versions read so far (they never change)."""
        self.shown: tuple[Which, Which] | None = None
        """(older, newer) of the difference on screen."""

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            yield DataTable(id="versions", cursor_type="row")
            with Vertical(id="version-diff-pane"):
                yield Label("", id="diff-title")
                yield DataTable(id="version-diff", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.sub_title = "versions: published and draft"
        table = self.query_one("#versions", DataTable)
        table.add_columns("version", "published", "note")
        self.query_one("#version-diff", DataTable).add_columns("carer", "change", "visit", "was", "now")
        self.fill()
        table.focus()

    def catch_up(self) -> None:
        super().catch_up()
        self.fill()

    def fill(self) -> None:
        """List the versions again (after a publish, a save or a restore), the cursor kept on its
        version (on the draft at first)."""
        table = self.query_one("#versions", DataTable)
        keep = self.highlighted() if self.rows else DRAFT
        self.rows = self.app.editor.versions()
        table.clear()
        for row in self.rows:
            which = row["version"]
            if which == DRAFT:
                unsaved = self.app.editor.dirty
                changed = row.get("unpublished_changes") or unsaved
                label = Text("draft", style="bold #EBCB8B" if changed else "")
                note = row["note"] + (", unsaved changes here" if unsaved else "")
                note += "; not yet published" if changed else "; as published"
                table.add_row(label, "", note, key=DRAFT)
            else:
                label = Text(f"v{which}" + (" (current)" if row["current"] else ""),
                             style="bold #7FB77E" if row["current"] else "")
                table.add_row(label, row["created_at"].replace("T", " ")[:16], row["note"], key=str(which))
        listed = [r["version"] for r in self.rows]
        if listed:
            table.move_cursor(row=listed.index(keep) if keep in listed else len(listed) - 1)
            self.compare()

    def highlighted(self) -> Which | None:
        table = self.query_one("#versions", DataTable)
        if not table.row_count:
            return None
        return self.rows[table.cursor_row]["version"]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "versions":
            self.compare()

    def compare(self) -> None:
        """Show the difference from the base (else the row above) to the highlighted row."""
        newer = self.highlighted()
        if newer is None:
            return
        index = [r["version"] for r in self.rows].index(newer)
        older = self.base if self.base is not None and self.base != newer else (
            self.rows[index - 1]["version"] if index else None)
        self.query_one("#diff-title", Label).update("reading...")
        self.load_diff(older, newer)

    @work(thread=True, exclusive=True, group="versions")
    def load_diff(self, older: Which | None, newer: Which) -> None:
        """Reading two versions of a city-sized week takes a moment: off the UI thread."""
        def rota(which: Which) -> Rota:
            if which == DRAFT:
                return self.app.editor.version(DRAFT)
            if which not in self.rotas:
                self.rotas[which] = self.app.editor.version(which)
            return self.rotas[which]

        before = rota(older) if older is not None else Rota(week_start=self.app.week.monday)
        self.post_message(DiffReady(older, newer, diff(before, rota(newer))))

    def on_diff_ready(self, message: DiffReady) -> None:
        if message.newer != self.highlighted():
            return
        self.shown = (message.older, message.newer)
        table = self.query_one("#version-diff", DataTable)
        table.clear()
        name = lambda w: "nothing" if w is None else ("the draft" if w == DRAFT else f"v{w}")  # noqa: E731
        for carer in message.changes:
            for a in carer.added:
                table.add_row(carer.carer_id, Text("added", style="#7FB77E"), a.visit_id, "", _at(a))
            for a in carer.removed:
                table.add_row(carer.carer_id, Text("removed", style="#E5484D"), a.visit_id, _at(a), "")
            for before, after in carer.moved:
                table.add_row(carer.carer_id, Text("moved", style="#EBCB8B"), after.visit_id, _at(before), _at(after))
        visits = sum(c.count for c in message.changes)
        self.query_one("#diff-title", Label).update(
            f"from {name(message.older)} to {name(message.newer)}: {visits} visits changed for "
            f"{len(message.changes)} carers")

    def action_mark_base(self) -> None:
        which = self.highlighted()
        self.base = None if which == self.base else which
        self.notify(f"comparing from {'the row above' if self.base is None else self.base}")
        self.compare()

    def action_restore(self) -> None:
        which = self.highlighted()
        if which is None or which == DRAFT:
            self.notify("Highlight a published version to restore", severity="warning")
            return
        self.app.restore_version(int(which))
