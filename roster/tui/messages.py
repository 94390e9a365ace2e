"""Typed messages between the app, its screens and its workers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from roster.domain import Rota
from roster.planning.edit import Edit

if TYPE_CHECKING:  # the report's modules load only when the report is opened
    from roster.planning.repair import RepairOutcome
    from roster.planning.versions import CarerDiff
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


@dataclass
class RepairProgress(Message):
    """A repair placed another visit that needed carers."""

    done: int
    """Visits dealt with so far."""
    total: int
    """Visits that need carers."""
    elapsed: float
    """Seconds since the repair started."""


@dataclass
class RepairFinished(Message):
    """A repair ended: with an outcome (complete or stopped), or failed."""

    outcome: RepairOutcome | None
    """The repair's outcome; None on failure."""
    error: str = ""
    """Why it failed, if it did."""


@dataclass
class DiffReady(Message):
    """The difference between two versions of the week was worked out in a worker."""

    older: int | str | None
    """The version compared from (None: an empty rota)."""
    newer: int | str
    """The version compared to ('draft' for the draft)."""
    changes: list[CarerDiff]
    """Per carer with any change: visits added, removed, moved."""
