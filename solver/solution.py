"""What the solver hands back: routes per carer-shift, planned breaks, and every visit it could
not cover with a reason a coordinator understands."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """How the solve ended."""

    COVERED = "covered"
    """Every mandatory visit has all its carers."""
    UNCOVERED = "uncovered"
    """Routes found, but some mandatory visits are uncovered (each with a reason)."""
    NO_SOLUTION = "no_solution"
    """The search found nothing at all (e.g. stopped before a first solution)."""


class Reason(str, Enum):
    """Why a visit is uncovered."""

    NO_SKILLED_CARER = "no_skilled_carer"
    EXCLUDED = "declined_by_client"
    NO_CARER_FREE = "no_carer_free"
    AT_LIMIT = "carers_at_limit"
    NO_SECOND_CARER = "no_second_carer"
    PIN_IMPOSSIBLE = "pin_impossible"
    NO_ROOM = "no_room"
    OPTIONAL_DROPPED = "optional_dropped"
    NOT_SOLVED = "not_solved"


@dataclass(frozen=True, slots=True)
class Stop:
    """One visit on a route."""

    visit: int
    """Visit index."""
    arrival: int
    """When the carer gets there."""
    start: int
    """When care starts (arrival plus any wait)."""
    end: int
    """When care ends."""
    travel: int
    """Travel minutes from the previous stop (or from home)."""
    distance: int
    """Distance from the previous stop (or from home)."""


@dataclass(frozen=True, slots=True)
class Route:
    """One carer's tour from home and back within one shift."""

    carer: int
    """Carer index."""
    day: int
    """Day index."""
    shift: int
    """Index into that carer's shifts."""
    leave: int
    """When the carer leaves home."""
    back: int
    """When the carer is home again."""
    stops: tuple[Stop, ...]
    """Visits in order."""
    travel_home: int
    """Travel minutes from the last stop back home."""
    distance_home: int
    """Distance from the last stop back home."""

    @property
    def travel(self) -> int:
        """All travel minutes of the tour, home to home."""
        return sum(s.travel for s in self.stops) + self.travel_home

    @property
    def distance(self) -> int:
        """All distance of the tour, home to home."""
        return sum(s.distance for s in self.stops) + self.distance_home


@dataclass(frozen=True, slots=True)
class PlannedBreak:
    """A rest break planned into a carer's day."""

    carer: int
    """Carer index."""
    day: int
    """Day index."""
    start: int
    """When it starts."""
    minutes: int
    """How long."""


@dataclass(frozen=True, slots=True)
class Unassigned:
    """A visit left without (enough) carers."""

    visit: int
    """Visit index."""
    reason: Reason
    """Short code."""
    detail: str
    """A sentence a coordinator understands."""


@dataclass(frozen=True)
class Solution:
    """The result of `solve`."""

    status: Status
    """How it ended."""
    routes: tuple[Route, ...] = ()
    """Non-empty tours, by day, carer and shift."""
    breaks: tuple[PlannedBreak, ...] = ()
    """Planned breaks."""
    unassigned: tuple[Unassigned, ...] = ()
    """Visits not covered, each with a reason."""
    objective: int = 0
    """Total cost."""
    objective_parts: dict[str, int] = field(default_factory=dict)
    """The cost by named part (uncovered, travel, continuity, lateness, fairness)."""
    stats: dict[str, float] = field(default_factory=dict)
    """Wall time, days solved, stopped early..."""

    def is_feasible(self) -> bool:
        """True when every mandatory visit is covered."""
        return self.status is Status.COVERED

    def carers_of(self) -> dict[int, list[int]]:
        """Visit index -> carer indices making it."""
        result: dict[int, list[int]] = {}
        for route in self.routes:
            for stop in route.stops:
                result.setdefault(stop.visit, []).append(route.carer)
        return result

    def summary(self) -> str:
        """A few lines for a person: status, routes, travel, what is uncovered and why."""
        travel = sum(r.travel for r in self.routes)
        stops = sum(len(r.stops) for r in self.routes)
        lines = [
            f"status: {self.status.value}",
            f"routes: {len(self.routes)}  carer-visits: {stops}  travel: {travel} min",
            f"objective: {self.objective}  "
            + "  ".join(f"{name}={value}" for name, value in self.objective_parts.items()),
        ]
        if self.unassigned:
            lines.append(f"uncovered: {len(self.unassigned)}")
            by_reason: dict[str, int] = {}
            for u in self.unassigned:
                by_reason[u.reason.value] = by_reason.get(u.reason.value, 0) + 1
            lines.extend(f"  {reason}: {count}" for reason, count in sorted(by_reason.items()))
        if "wall_seconds" in self.stats:
            lines.append(f"wall: {self.stats['wall_seconds']:.1f} s")
        return "\n".join(lines)
