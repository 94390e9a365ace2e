"""How a carer's run reads in one cell: marker, counts and a colour per state."""

from __future__ import annotations

from rich.text import Text

from roster.planning.board import CellState, Run

from ..format import hours

STATE_STYLE = {
    CellState.BREACH: "bold #FFFFFF on #8B1E22",
    CellState.SICKNESS: "#D699D6",
    CellState.LEAVE: "#EBCB8B",
    CellState.PINNED: "bold #8FBCBB",
    CellState.PUBLISHED: "#7FB77E",
    CellState.DRAFT: "#E6E9EF",
    CellState.OFF: "#5C6370",
}
"""Rich style of a cell in each state."""

STATE_MARK = {
    CellState.BREACH: "!",
    CellState.SICKNESS: "S",
    CellState.LEAVE: "L",
    CellState.PINNED: "◆",
    CellState.PUBLISHED: "✓",
    CellState.DRAFT: " ",
    CellState.OFF: " ",
}
"""A marker beside the colour, so states read without colour too."""


def run_cell(run: Run) -> Text:
    """'!12v 6.5h 45m' for a run; 'sick', 'leave', 'off' or '·' for an empty day."""
    state = run.state
    style = STATE_STYLE[state]
    if run.assignments:
        body = f"{run.visits:>2}v {hours(run.care_minutes):>5} {run.travel_minutes:>2}m"
    elif run.absence is not None:
        body = run.absence.value
    elif run.on_shift:
        body = "·"
    else:
        body = "off"
    return Text(f"{STATE_MARK[state]}{body}", style=style, no_wrap=True)
