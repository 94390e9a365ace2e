"""The night-rounds problem and its solution: crews of two in one car, planned night visits with
time windows, and room kept free in every clock hour for responsive calls.

Integers throughout: times are minutes since midnight of the night's date (past 1440 after
midnight), places are indices into one travel matrix of whole minutes by car.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

HOUR = 60


def _need(condition: bool, record: str, message: str) -> None:
    if not condition:
        raise ValueError(f"{record}: {message}")


@dataclass(frozen=True, slots=True)
class NightVisit:
    """One planned night visit (or a responsive call) to be made by a whole crew."""

    id: str
    """The visit's id, carried through to the solution."""
    place: int
    """Index of the client's home in the travel matrix."""
    window_start: int
    """Earliest start, minutes since midnight of the night's date."""
    window_end: int
    """Latest start."""
    duration: int
    """Minutes of care."""
    skills: frozenset[str] = frozenset()
    """Skills the visit needs from the crew."""
    both_skilled: bool = False
    """A double-up: each carer of the crew needs the skills, not just one of them."""
    optional: bool = False
    """May be left out at a lower cost than a mandatory visit."""
    barred_crews: frozenset[str] = frozenset()
    """Crews the client cannot have (a declined carer, or a carer of a gender the client refuses)."""

    def __post_init__(self) -> None:
        record = f"night visit {self.id}"
        _need(self.window_end >= self.window_start, record, "window ends before it starts")
        _need(self.duration > 0, record, "duration must be positive")
        _need(self.place >= 0, record, "place must be a travel-matrix index")


@dataclass(frozen=True, slots=True)
class NightCrew:
    """Two carers sharing one car for one night's round."""

    id: str
    """The crew's id."""
    base: int
    """Index in the travel matrix where the round starts and ends."""
    start: int
    """Round start, minutes since midnight of the night's date."""
    end: int
    """Round end (past 1440)."""
    skills: frozenset[str] = frozenset()
    """Skills at least one of the two carers has."""
    shared_skills: frozenset[str] = frozenset()
    """Skills both carers have (what a double-up needs)."""

    def __post_init__(self) -> None:
        record = f"crew {self.id}"
        _need(self.end > self.start, record, "round ends before it starts")
        _need(self.shared_skills <= self.skills, record, "shared skills must be skills of the crew")

    def can_make(self, visit: NightVisit) -> bool:
        """True if the crew's skills cover the visit's needs and the client may have this crew."""
        return self.id not in visit.barred_crews and \
            visit.skills <= (self.shared_skills if visit.both_skilled else self.skills)


@dataclass(frozen=True, slots=True)
class NightProblem:
    """One night: the visits, the crews on duty, travel, the reserve and the objective weights."""

    visits: tuple[NightVisit, ...]
    """Planned visits of the night."""
    crews: tuple[NightCrew, ...]
    """Crews on duty."""
    travel: tuple[tuple[int, ...], ...]
    """travel[a][b]: whole minutes by car from place a to place b."""
    reserve_per_hour: int = 15
    """Minutes each crew keeps free of care in every clock hour of its round."""
    break_after: int = 0
    """A round whose visits span longer than this needs a break between two visits (0: never)."""
    break_minutes: int = 20
    """Length of that break, after the drive to the next visit."""
    weight_uncovered: int = 100_000
    """Cost of leaving a mandatory visit out."""
    weight_optional_uncovered: int = 5_000
    """Cost of leaving an optional visit out."""
    weight_travel_minute: int = 10
    """Cost per minute of driving."""

    def __post_init__(self) -> None:
        size = len(self.travel)
        for row in self.travel:
            _need(len(row) == size, "night problem", "travel matrix must be square")
            _need(all(t >= 0 for t in row), "night problem", "travel minutes must not be negative")
        _need(0 <= self.reserve_per_hour <= HOUR, "night problem", "reserve must be 0-60 minutes an hour")
        ids = [v.id for v in self.visits]
        _need(len(set(ids)) == len(ids), "night problem", "visit ids must be unique")
        crew_ids = [c.id for c in self.crews]
        _need(len(set(crew_ids)) == len(crew_ids), "night problem", "crew ids must be unique")
        for v in self.visits:
            _need(v.place < size, f"night visit {v.id}", f"place {v.place} is outside the travel matrix")
        for c in self.crews:
            _need(c.base < size, f"crew {c.id}", f"base {c.base} is outside the travel matrix")

    def miss_cost(self, visit: NightVisit) -> int:
        """What leaving this visit out costs in the objective."""
        return self.weight_optional_uncovered if visit.optional else self.weight_uncovered


@lru_cache(maxsize=256)
def hour_caps(start: int, end: int, reserve: int) -> tuple[tuple[int, int, int], ...]:
    """(hour start, hour end, most care minutes allowed) for every clock hour a round touches.

    A part-hour at either end of the round keeps its share of the reserve, rounded up (a 30-minute
    tail with a 15-minute reserve keeps 8 minutes free).
    """
    caps = []
    hour = start - start % HOUR
    while hour < end:
        lo, hi = max(hour, start), min(hour + HOUR, end)
        length = hi - lo
        caps.append((hour, hour + HOUR, length - -(-reserve * length // HOUR)))
        hour += HOUR
    return tuple(caps)


def overlap(start: int, end: int, lo: int, hi: int) -> int:
    """Minutes of [start, end) inside [lo, hi)."""
    return max(0, min(end, hi) - max(start, lo))


def least_free_minutes(problem: "NightProblem", solution) -> int:
    """The fewest care-free minutes in any whole clock hour of any crew's round: the reserve held."""
    least = HOUR
    for route, crew in zip(solution.routes, problem.crews):
        for lo in range(crew.start - crew.start % HOUR, crew.end, HOUR):
            if lo >= crew.start and lo + HOUR <= crew.end:
                least = min(least, HOUR - sum(overlap(s.start, s.end, lo, lo + HOUR) for s in route.stops))
    return least


@dataclass(frozen=True, slots=True)
class Stop:
    """A visit on a crew's round, with its times."""

    visit_id: str
    """The visit."""
    arrival: int
    """When the crew gets there."""
    start: int
    """Start of care (arrival or the window start, whichever is later)."""
    end: int
    """End of care."""
    travel_before: int
    """Driving minutes from the previous stop (or the base)."""


@dataclass(frozen=True, slots=True)
class NightRoute:
    """One crew's round: stops in order, then back to base."""

    crew_id: str
    """The crew."""
    stops: tuple[Stop, ...]
    """Visits in order."""
    travel_home: int
    """Driving minutes from the last stop back to base (0 with no stops)."""

    @property
    def travel_minutes(self) -> int:
        """All driving on the round."""
        return sum(s.travel_before for s in self.stops) + self.travel_home

    @property
    def care_minutes(self) -> int:
        """All care on the round."""
        return sum(s.end - s.start for s in self.stops)


@dataclass(frozen=True, slots=True)
class Unserved:
    """A visit left out, with a reason a supervisor understands."""

    visit_id: str
    """The visit."""
    reason: str
    """Short code: no_crew, no_skilled_crew, outside_round, needs_reserve, crews_full."""
    detail: str
    """A sentence saying why."""


@dataclass(frozen=True, slots=True)
class NightSolution:
    """What the solver found for one night."""

    status: str
    """'optimal' (proved), 'feasible' (best found in time) or 'interrupted'."""
    engine: str
    """'lns' (ruin and recreate) or 'cpsat'."""
    routes: tuple[NightRoute, ...]
    """One route per crew, in crew order."""
    unserved: tuple[Unserved, ...] = ()
    """Visits left out, each with a reason."""
    objective: int = 0
    """Cost under the problem's weights."""
    bound: int | None = None
    """A proven lower bound on the objective, when the engine gives one."""
    seconds: float = 0.0
    """Wall time spent solving."""
    stats: dict = field(default_factory=dict, compare=False)
    """Engine-specific numbers (branches, iterations)."""

    def is_complete(self) -> bool:
        """True if every mandatory visit is on a round."""
        return not self.unserved

    @property
    def travel_minutes(self) -> int:
        """Driving on all rounds."""
        return sum(r.travel_minutes for r in self.routes)

    def summary(self) -> str:
        """One line for a log or a terminal."""
        served = sum(len(r.stops) for r in self.routes)
        return (
            f"{self.engine} {self.status}: {served} visits on {len(self.routes)} rounds, "
            f"{len(self.unserved)} left out, {self.travel_minutes} min driving, {self.seconds:.2f} s"
        )
