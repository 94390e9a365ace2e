"""The problem the solver sees: whole numbers and indices only, checked once on creation.

Times are minutes (or any integer time unit: the Solomon benchmarks use scaled distance),
days are indices 0-6, locations index the travel and distance matrices, carers and clients are
list positions. The caller (roster) keeps the maps back to its own ids; `label` fields carry
those ids only so that messages can name a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Matrix = tuple[tuple[int, ...], ...]


class ProblemError(ValueError):
    """The problem breaks a rule of its own shape; the message names the record and field."""


def _require(condition: bool, record: str, what: str, message: str) -> None:
    if not condition:
        raise ProblemError(f"{record}: {what}: {message}")


@dataclass(frozen=True, slots=True)
class Shift:
    """One stretch of availability: a tour from home and back inside [start, end] on a day."""

    day: int
    """Day index, 0 (Monday) to 6."""
    start: int
    """Earliest time the carer may leave home."""
    end: int
    """Latest time the carer is back home."""


@dataclass(frozen=True, slots=True)
class Carer:
    """A carer (or, for a plain VRPTW, a vehicle)."""

    home: int
    """Location index where every shift starts and ends."""
    mode: int = 0
    """Index of the travel matrix for this carer's transport mode."""
    skills: frozenset[str] = frozenset()
    """Skills held."""
    shifts: tuple[Shift, ...] = ()
    """Availability over the week; several on one day for split shifts."""
    max_week_minutes: int | None = None
    """Legal weekly cap on visit plus travel minutes (None: opted out, no cap)."""
    contracted_minutes: int = 0
    """Weekly target of visit plus travel minutes (soft)."""
    capacity: int | None = None
    """Generic load capacity per shift (VRPTW); None means unlimited."""
    label: str = ""
    """Caller's id, used in messages."""


@dataclass(frozen=True, slots=True)
class Visit:
    """One visit needing one or two carers at one location on one day."""

    location: int
    """Location index."""
    day: int
    """Day index, 0 to 6."""
    earliest: int
    """Earliest start."""
    latest: int
    """Latest start."""
    duration: int
    """Minutes of care (service time)."""
    carers_needed: int = 1
    """1, or 2 for a double-up (two different carers, same start, both or neither)."""
    skills: frozenset[str] = frozenset()
    """Skills each carer on the visit needs (with second_skills: the first carer's)."""
    second_skills: frozenset[str] | None = None
    """For a double-up whose two carers do different work (a nurse with a care worker): the
    skills of the second carer. None: both carers need `skills`."""
    excluded_carers: frozenset[int] = frozenset()
    """Carers who may not make this visit (declined, wrong gender): precomputed by the caller."""
    preferred_carers: tuple[int, ...] = ()
    """Carers the client prefers, best first."""
    client: int | None = None
    """Client index, for continuity of care (None: no continuity wanted)."""
    preferred_start: int | None = None
    """Start the client expects; lateness after it is a soft cost (None: earliest)."""
    optional: bool = False
    """May be left uncovered at the optional (lower) penalty."""
    pinned_carers: tuple[int, ...] = ()
    """Carers this visit must go to (a coordinator's pin); at most carers_needed, in the order of
    the places when the second carer's skills differ."""
    pinned_start: int | None = None
    """Start this visit must have (a coordinator's pin)."""
    load: int = 0
    """Generic demand against Carer.capacity (VRPTW)."""
    follows: int | None = None
    """Index of the visit this one comes after, on the same day (a second call to give medicine
    some time after the first, a service after the one it depends on): this visit starts `gap`
    minutes after that one starts, and the two are made both or neither. Single-carer visits
    only, one follow-up per visit, no chains."""
    gap: tuple[int, int] = (0, 0)
    """Least and most minutes from the start of the visit followed to this one's start."""
    label: str = ""
    """Caller's id, used in messages."""

    @property
    def target_start(self) -> int:
        """The start lateness is counted from: the preferred start, or the earliest."""
        return self.earliest if self.preferred_start is None else self.preferred_start

    def place_skills(self, place: int) -> frozenset[str]:
        """Skills of the visit's first (0) or second (1) carer."""
        return self.skills if place == 0 or self.second_skills is None else self.second_skills

    def qualifies(self, held: frozenset[str]) -> bool:
        """Whether a carer holding these skills may take one of the visit's places."""
        return self.skills <= held or (self.second_skills is not None and self.second_skills <= held)

    def pair_qualifies(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """Whether two carers holding these skills may make the double-up together, one in each place."""
        second = self.place_skills(1)
        return (self.skills <= a and second <= b) or (self.skills <= b and second <= a)


@dataclass(frozen=True, slots=True)
class Weights:
    """The objective: cover first, then travel, continuity, lateness, fairness."""

    uncovered: int = 100_000
    """Cost per carer-place left empty on a mandatory visit."""
    optional_uncovered: int = 5_000
    """Cost per carer-place left empty on an optional visit."""
    travel_minute: int = 10
    """Cost per minute of travel."""
    distance_metre: int = 0
    """Cost per unit of the distance matrix (the VRPTW benchmarks use this alone)."""
    new_carer_for_client: int = 60
    """Cost of each extra distinct carer a client meets in the week."""
    preferred_carer_bonus: int = 30
    """Saving when a preferred carer makes the visit."""
    lateness_minute: int = 1
    """Cost per minute a visit starts after its preferred start."""
    contract_gap_minute: int = 1
    """Cost per minute a carer's week is away from the contracted minutes."""

    def miss_cost(self, visit: Visit) -> int:
        """What leaving a carer-place of this visit empty costs in the objective."""
        return self.optional_uncovered if visit.optional else self.uncovered

    def late_cost(self, visit: Visit, start: int) -> int:
        """What starting the visit at `start` costs in lateness."""
        return self.lateness_minute * max(0, start - visit.target_start)


@dataclass(frozen=True)
class Problem:
    """A week (or a single day) of visits and carers, ready to solve."""

    travel: tuple[Matrix, ...]
    """Travel time per transport mode: travel[mode][from][to]."""
    distance: Matrix
    """Road distance (metres) between locations."""
    visits: tuple[Visit, ...]
    """Everything to cover."""
    carers: tuple[Carer, ...]
    """Everyone who can cover it."""
    weights: Weights = Weights()
    """Objective weights."""
    break_after: int | None = 360
    """A carer's day longer than this needs a planned break (None: no breaks)."""
    break_minutes: int = 20
    """Length of that break."""
    max_day_minutes: int | None = 720
    """Longest working day, leaving home to getting back (None: no limit)."""
    max_working_days: int | None = None
    """Most days with shifts a carer may work in the week, so weekly rest is kept (None: any)."""
    mode_names: tuple[str, ...] = ()
    """Names of the transport modes, for messages."""
    _locations: int = field(init=False, repr=False, compare=False)
    _partners: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require(len(self.travel) >= 1, "problem", "travel", "needs at least one travel matrix")
        size = len(self.distance)
        object.__setattr__(self, "_locations", size)
        _check_matrix(self.distance, size, "distance")
        for mode, matrix in enumerate(self.travel):
            _check_matrix(matrix, size, f"travel[{mode}]")
        for index, carer in enumerate(self.carers):
            _check_carer(self, index, carer)
        partners: dict[int, int] = {}
        for index, visit in enumerate(self.visits):
            _check_visit(self, index, visit)
            if visit.follows is not None:
                _check_follow_up(self, index, visit, partners)
                partners[index], partners[visit.follows] = visit.follows, index
        object.__setattr__(self, "_partners", partners)

    @property
    def num_locations(self) -> int:
        """How many locations the matrices cover."""
        return self._locations

    def partner(self, visit: int) -> int | None:
        """The visit this one follows or is followed by (`Visit.follows`), if any."""
        return self._partners.get(visit)

    def in_order(self, visit: int) -> tuple[int, int]:
        """The visit and its partner as (the one followed, the follow-up)."""
        partner = self._partners[visit]
        return (partner, visit) if self.visits[visit].follows == partner else (visit, partner)

    def gap_window(self, visit: int, partner_start: int) -> tuple[int, int]:
        """Where the visit may start, given its partner's start, to keep the gap between them."""
        v = self.visits[visit]
        if v.follows is not None:
            return partner_start + v.gap[0], partner_start + v.gap[1]
        low, high = self.visits[self._partners[visit]].gap
        return partner_start - high, partner_start - low

    def may_pair(self, visit: int, a: int, b: int) -> bool:
        """Whether carers a and b may make the double-up together: two carers, one for each place."""
        held = self.carers
        return a != b and self.visits[visit].pair_qualifies(held[a].skills, held[b].skills)

    def days(self) -> tuple[int, ...]:
        """Days that have visits, in order."""
        return tuple(sorted({v.day for v in self.visits}))

    def visit_name(self, index: int) -> str:
        """'visit S1@2026-11-23' or 'visit 12'."""
        return f"visit {self.visits[index].label or index}"

    def carer_name(self, index: int) -> str:
        """'carer C017' or 'carer 3'."""
        return f"carer {self.carers[index].label or index}"


def _check_matrix(matrix: Matrix, size: int, name: str) -> None:
    _require(len(matrix) == size, "problem", name, f"has {len(matrix)} rows, expected {size}")
    for row_index, row in enumerate(matrix):
        _require(len(row) == size, "problem", name, f"row {row_index} has {len(row)} entries, expected {size}")
        _require(min(row, default=0) >= 0, "problem", name, f"row {row_index} has a negative entry")


def _check_carer(problem: Problem, index: int, carer: Carer) -> None:
    record = problem.carer_name(index)
    _require(0 <= carer.home < problem.num_locations, record, "home", f"location {carer.home} does not exist")
    _require(0 <= carer.mode < len(problem.travel), record, "mode", f"travel mode {carer.mode} does not exist")
    _require(carer.contracted_minutes >= 0, record, "contracted_minutes", "is negative")
    _require(carer.max_week_minutes is None or carer.max_week_minutes >= 0, record, "max_week_minutes", "is negative")
    by_day: dict[int, list[Shift]] = {}
    for shift in carer.shifts:
        _require(0 <= shift.day <= 6, record, "shifts", f"day {shift.day} is not 0-6")
        _require(shift.end > shift.start, record, "shifts", f"day {shift.day} shift ends before it starts")
        by_day.setdefault(shift.day, []).append(shift)
    for day, shifts in by_day.items():
        shifts.sort(key=lambda s: s.start)
        for a, b in zip(shifts, shifts[1:]):
            _require(b.start >= a.end, record, "shifts", f"day {day} shifts overlap")


def _check_follow_up(problem: Problem, index: int, visit: Visit, partners: dict[int, int]) -> None:
    record = problem.visit_name(index)
    first = visit.follows
    assert first is not None  # only follow-ups are checked here
    _require(0 <= first < len(problem.visits), record, "follows", f"visit {first} does not exist")
    _require(first != index, record, "follows", "a visit cannot follow itself")
    followed = problem.visits[first]
    _require(followed.day == visit.day, record, "follows", f"{problem.visit_name(first)} is on another day")
    _require(visit.carers_needed == 1 and followed.carers_needed == 1, record, "follows",
             "a double-up cannot follow or be followed")
    _require(followed.follows is None and index not in partners and first not in partners, record, "follows",
             f"{problem.visit_name(first)} already has a follow-up or follows another visit")
    _require(0 <= visit.gap[0] <= visit.gap[1], record, "gap", f"{visit.gap} must be (least, most) with 0 <= least <= most")


def _check_visit(problem: Problem, index: int, visit: Visit) -> None:
    record = problem.visit_name(index)
    carers = len(problem.carers)
    _require(0 <= visit.location < problem.num_locations, record, "location", f"{visit.location} does not exist")
    _require(0 <= visit.day <= 6, record, "day", f"{visit.day} is not 0-6")
    _require(visit.latest >= visit.earliest, record, "latest", "window ends before it starts")
    _require(visit.duration >= 0, record, "duration", "is negative")
    _require(visit.carers_needed in (1, 2), record, "carers_needed", f"{visit.carers_needed} must be 1 or 2")
    _require(all(0 <= c < carers for c in visit.excluded_carers), record, "excluded_carers", "names a carer that does not exist")
    _require(all(0 <= c < carers for c in visit.preferred_carers), record, "preferred_carers", "names a carer that does not exist")
    _require(all(0 <= c < carers for c in visit.pinned_carers), record, "pinned_carers", "names a carer that does not exist")
    _require(len(visit.pinned_carers) <= visit.carers_needed, record, "pinned_carers", "more pins than carers needed")
    _require(visit.second_skills is None or visit.carers_needed == 2, record, "second_skills",
             "only a double-up has a second carer")
    _require(len(set(visit.pinned_carers)) == len(visit.pinned_carers), record, "pinned_carers", "the same carer twice")
    clash = set(visit.pinned_carers) & visit.excluded_carers
    _require(not clash, record, "pinned_carers", "pinned to a carer the client may not have")
    if visit.pinned_start is not None:
        _require(
            visit.earliest <= visit.pinned_start <= visit.latest, record, "pinned_start", "is outside the window"
        )
    _require(visit.load >= 0, record, "load", "is negative")
