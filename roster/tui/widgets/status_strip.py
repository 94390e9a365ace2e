"""The always-visible strip: uncovered visits and clients, breaches, draft state, last change."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from roster.domain.clock import week_label


class StatusStrip(Widget):
    """One line that tells the coordinator what still needs doing. A fixed-size widget that
    re-renders in place (no layout pass), so a change costs one line of drawing."""

    DEFAULT_CSS = """
    StatusStrip { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    """

    def show(self) -> None:
        """Redraw from the app's current board and editor."""
        self.refresh()

    def render(self) -> Text:
        app = self.app
        board, editor = app.board, app.editor
        coverage = board.coverage
        breaches = sum(1 for run in board.runs.values() if run.breaches)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {week_label(board.week.monday)} ", style="bold")
        uncovered_style = "bold #FFFFFF on #8B1E22" if coverage.uncovered_visits else "#7FB77E"
        text.append(
            f" uncovered: {len(coverage.uncovered_visits)} visits, {coverage.uncovered_clients} clients ",
            style=uncovered_style,
        )
        text.append(f"  of {coverage.visits} visits")
        if app.checked:
            text.append(f"  breaches: {breaches} runs", style="bold #E5484D" if breaches else "")
        else:
            text.append("  checking rules...", style="italic")
        state = f"draft r{board.week.revision}" + (" (unsaved)" if editor.dirty else "")
        text.append(f"  {state}", style="#EBCB8B" if editor.dirty else "#8FBCBB")
        if app.last_message:
            text.append(f"  {app.last_message}", style="italic")
        return text
