"""Typed messages between the app, its screens and its workers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from roster.domain import Rota
from roster.planning.edit import Edit

if TYPE_CHECKING:  # the report's modules load only when the report is opened
    from roster.reports.week import WeekReport


@dataclass
class RotaChanged(Message):
    """The draft changed (an edit, undo, redo or accepted re-solve): redraw what it touched."""

    edit: Edit | None
    """What changed; None means everything may have (e.g. a reload)."""


@dataclass
class SolveProgress(Message):
    """A re-solve found a better rota or finished a phase."""

    best_cost: int | None
    """Objective of the best rota so far (lower is better)."""
    covered: int
    """Visits covered by that rota."""
    elapsed: float
    """Seconds since the re-solve started."""
    fraction: float
    """Share of the time limit used, 0 to 1."""


@dataclass
class SolveFinished(Message):
    """A re-solve ended: with a rota, or cancelled, or failed."""

    rota: Rota | None
    """The solver's rota; None when cancelled before any was found or on failure."""
    cancelled: bool
    """The coordinator pressed escape."""
    error: str = ""
    """Why it failed, if it did."""


@dataclass
class ReportReady(Message):
    """The weekly report of the draft was computed in a worker."""

    report: WeekReport
    """The week in figures."""
    travel_by_day: list[tuple[dt.date, float]]
    """(date, travel as a share of working time) for each day."""
    rota: Rota
    """The draft it describes (a newer draft makes it stale)."""
