"""Repair one day of a plan after a disruption, changing as little as possible.

A day's plan is a run per carer-shift. Some visits lack carers (their carer went off sick, the
visit is new, an urgent call came in): these orphans are placed one by one, hardest first, into
the gaps of the runs, letting the other visits of a run shift inside their windows. When an
orphan fits nowhere, room is made by an ejection chain: a visit is taken out of a run so the
orphan fits, and placed elsewhere (another carer, or another place in its own run), itself
making room the same way, up to three links deep, shortest chains first, within a time budget.
A double-up taken out keeps its other carer and time. Visits that started before `now`, and
pinned ones, never move.

The objective is lexicographic through the weights: first every orphan placed (urgent ones
first), then as few visits moved to another carer and as few minutes shifted as possible, then
travel. Standard library only; integer minutes and indices, like `solver.problem`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .problem import ProblemError
from .repair_day import Day, Option, Stop
from .stop import StoppingCriterion

SEARCHES = ((0, 1), (1, 1), (2, 1), (3, 1), (3, 3), (3, 9))
"""(chain length, width) of the searches for room, in turn until one works: the shortest chains
first (each link is a visit moved), then wider searches while the budget lasts."""
EVALUATIONS = 80_000
"""Run timings allowed for the whole day's search for room, shared fairly among the orphans
still to place: keeps the result independent of the machine's speed (the time limit is the
safety net on a busy machine)."""
TIME_LIMIT = 2.5
"""Seconds of search for the whole day unless the caller says otherwise."""
PAIR_TRIALS = 400
"""Pairs of carers tried for a double-up orphan."""
POSITIONS_PER_CARER = 3
"""Best positions per carer kept when pairing carers for a double-up."""
TIME_STEP = 5
"""Minutes between the starts tried when a double-up's remaining carer moves it."""
TIMES_TRIED = 12
"""Places for a double-up's first carer tried when its second needs room made."""
PAIR_DEPTH = 2
"""Longest chain making room for a double-up's second carer."""


def _require(condition: bool, record: str, what: str, message: str) -> None:
    if not condition:
        raise ProblemError(f"{record}: {what}: {message}")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class RepairVisit:
    """One visit of the day."""

    location: int
    """Location index for the travel function."""
    earliest: int
    """Earliest start."""
    latest: int
    """Latest start."""
    duration: int
    """Minutes of care."""
    carers_needed: int = 1
    """1, or 2 for a double-up (same start, both or neither)."""
    skills: frozenset[str] = frozenset()
    """Skills each carer needs."""
    excluded_carers: frozenset[int] = frozenset()
    """Carers who may not go (declined, wrong gender)."""
    previous_carers: tuple[int, ...] = ()
    """Carers who had it before the disruption: staying with them is not a move."""
    target: int | None = None
    """Start the client expects (None: earliest)."""
    urgent: bool = False
    """Placed before anything else (a UCR call)."""
    may_give_way: bool = False
    """Flexible enough that an urgent call may take its carer, leaving it uncovered when no
    other carer can go (an urgent call missed counts twice: uncovered and late)."""
    label: str = ""
    """Caller's id, for messages."""


@dataclass(frozen=True, slots=True)
class RepairCarer:
    """One carer's day."""

    home: int
    """Location index of home."""
    mode: int = 0
    """Transport mode passed to the travel function."""
    skills: frozenset[str] = frozenset()
    """Skills held."""
    shifts: tuple[tuple[int, int], ...] = ()
    """(start, end) of today's availability, absences already taken out, earliest first."""
    may_start: bool = True
    """May be given work on a day with none yet (False when it would cost the weekly rest)."""
    minutes_left: int | None = None
    """Working minutes left today under the weekly limit (None: no limit)."""
    label: str = ""
    """Caller's id, for messages."""


@dataclass(frozen=True, slots=True)
class RepairWeights:
    """Lexicographic in effect: a move outweighs any shifting, a shifted minute any travel."""

    move: int = 1_000_000
    """A visit taken from its carer to make room."""
    shift_minute: int = 1_000
    """A minute a kept visit starts earlier or later than planned."""
    travel_minute: int = 10
    """A minute of travel."""
    lateness_minute: int = 1
    """A minute a placed visit starts after its target."""


@dataclass(frozen=True)
class RepairProblem:
    """A day to repair: the visits, the carers, the current runs and the visits to place."""

    visits: tuple[RepairVisit, ...]
    """Every visit of the day that is planned or to be placed."""
    carers: tuple[RepairCarer, ...]
    """Every carer who could work today."""
    plan: tuple[tuple[Stop, ...], ...]
    """Per carer, the visits they keep for now (orphans left out)."""
    orphans: tuple[int, ...]
    """Visits short of carers (a double-up may still have one)."""
    travel: Callable[[int, int, int], int]
    """(mode, from location, to location) -> minutes."""
    now: int = 0
    """Nothing new starts before this."""
    break_after: int | None = 360
    """A run longer than this needs a break between two visits (None: never)."""
    break_minutes: int = 20
    """Length of that break."""
    max_day_minutes: int | None = 720
    """First start to last end of a carer's day (None: no limit)."""
    weights: RepairWeights = RepairWeights()
    """Objective weights."""

    def __post_init__(self) -> None:
        _require(len(self.plan) == len(self.carers), "repair", "plan", "needs one run list per carer")
        n = len(self.visits)
        for index, visit in enumerate(self.visits):
            record = f"visit {visit.label or index}"
            _require(visit.latest >= visit.earliest, record, "latest", "window ends before it starts")
            _require(visit.carers_needed in (1, 2), record, "carers_needed", "must be 1 or 2")
        for c, stops in enumerate(self.plan):
            for stop in stops:
                _require(0 <= stop.visit < n, f"carer {self.carers[c].label or c}", "plan", "names no visit")
        _require(all(0 <= v < n for v in self.orphans), "repair", "orphans", "names no visit")


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An orphan the repair could not place, and why."""

    visit: int
    """Visit index."""
    reason: str
    """Short code, e.g. 'no_room'."""
    detail: str
    """A sentence a coordinator understands."""


@dataclass(frozen=True)
class RepairResult:
    """The repaired day."""

    routes: tuple[tuple[Stop, ...], ...]
    """Per carer, the day's visits in start order."""
    unplaced: tuple[Unplaced, ...]
    """Orphans left without carers, each with a reason."""
    moved: tuple[int, ...]
    """Planned visits that ended with other carers to make room (the ripple)."""
    stopped: bool
    """The stop criterion ended the repair before every orphan was tried."""
    stats: dict = field(default_factory=dict)
    """Counters: orphans, placed, evaluations, moved, seconds."""


def _pairs(day: Day, v: int, window=None) -> tuple[Option, Option] | None:
    """The cheapest two carers who can start the double-up together."""
    p = day.p
    visit = p.visits[v]
    earliest, latest = (window or {}).get(v, (visit.earliest, visit.latest))
    per_carer: list[tuple[int, int, list[Option]]] = []
    for carer in day.eligible(v):
        options = day.options(v, carer, window=window, keep=POSITIONS_PER_CARER)
        if options:
            per_carer.append((options[0].cost, carer, options))
    per_carer.sort(key=lambda t: t[0])
    tried = 0
    best = None
    forced: dict[tuple[int, int], list[Option]] = {}

    def at_time(carer: int, at: int) -> list[Option]:
        if (carer, at) not in forced:
            forced[carer, at] = day.options(v, carer, forced=at)
        return forced[carer, at]
    for i, (_, a, options_a) in enumerate(per_carer):
        for _, b, options_b in per_carer[i + 1:]:
            if tried >= PAIR_TRIALS:
                return best
            tried += 1
            for oa in options_a:
                for ob in options_b:
                    start = oa.starts[oa.order.index(v)]
                    other = ob.starts[ob.order.index(v)]
                    for at in {start, other}:
                        if not earliest <= at <= latest:
                            continue
                        fa, fb = at_time(a, at), at_time(b, at)
                        if fa and fb and (best is None or fa[0].cost + fb[0].cost < best[0].cost + best[1].cost):
                            best = (fa[0], fb[0])
            if best is not None and tried >= 20:
                return best
    return best


def _why(day: Day, v: int) -> tuple[str, str]:
    """Why an orphan could not be placed, in the coordinator's words."""
    p = day.p
    visit = p.visits[v]
    if visit.latest < p.now:
        return "too_late", f"its window closed at {_hhmm(visit.latest)}, before now ({_hhmm(p.now)})"
    planned = day.original.get(v)
    if visit.carers_needed == 2 and planned is not None and planned < p.now:
        return "too_late", (f"it began at {_hhmm(planned)}, before now ({_hhmm(p.now)}), without its second "
                            "carer; a double-up needs both carers or neither")
    skilled = [c for c, carer in enumerate(p.carers) if visit.skills <= carer.skills]
    if not skilled:
        return "no_skilled_carer", f"no carer has {', '.join(sorted(visit.skills))}"
    allowed = [c for c in skilled if c not in visit.excluded_carers]
    if not allowed:
        return "declined_by_client", "every carer with the skills is declined by the client (or the wrong gender)"
    start, end = max(visit.earliest, p.now), visit.latest + visit.duration
    on_shift = [c for c in allowed if any(s < end and start < e for s, e in p.carers[c].shifts)]
    if not on_shift:
        return "no_carer_free", f"no carer who could go is on shift between {_hhmm(start)} and {_hhmm(end)}"
    if visit.carers_needed == 2 and len(on_shift) < 2:
        return "no_second_carer", "only one carer who could go is on shift"
    relaxed = {v: (visit.earliest, max(visit.latest, 24 * 60 - visit.duration))}
    soonest = None
    for c in allowed:
        for option in day.options(v, c, window=relaxed):
            at = option.starts[option.order.index(v)]
            soonest = at if soonest is None else min(soonest, at)
    detail = f"every carer who could go is busy from {_hhmm(start)} to {_hhmm(visit.latest)}"
    if soonest is not None:
        detail += f"; the earliest anyone could be there is {_hhmm(soonest)}"
    return "no_room", detail


def _order(problem: RepairProblem, day: Day) -> list[int]:
    """Urgent first, then double-ups, then the fewest carers who could go, then the earliest deadline."""
    return sorted(
        dict.fromkeys(problem.orphans),
        key=lambda v: (not problem.visits[v].urgent, -problem.visits[v].carers_needed,
                       len(day.eligible(v)), problem.visits[v].latest, v),
    )


def repair(problem: RepairProblem, *, stop: StoppingCriterion | None = None,
           on_progress: Callable[[int, int], None] | None = None, time_limit: float | None = TIME_LIMIT) -> RepairResult:
    """Place the orphans with the least disruption; never raises for an infeasible day.

    `stop` cancels (the result is marked stopped); `time_limit` only bounds the search for room,
    shared fairly among the orphans still to place."""
    began = time.monotonic()
    day = Day(problem)
    unplaced: list[Unplaced] = []
    orphans = _order(problem, day)
    stopped = False
    for done, v in enumerate(orphans):
        if stop is not None and stop():
            stopped = True
            break
        share = len(orphans) - done
        if time_limit is not None:
            day.deadline = time.monotonic() + max(0.0, began + time_limit - time.monotonic()) / share
        day.budget = day.evaluations + max(0, EVALUATIONS - day.evaluations) // share
        if not _place(day, v):
            reason, detail = _why(day, v)
            bumped = _give_way(day, v) if problem.visits[v].urgent else None
            if bumped is None:
                unplaced.append(Unplaced(v, reason, detail))
            else:
                unplaced.append(Unplaced(bumped, "gave_way", f"its carer was sent to urgent call "
                                         f"{problem.visits[v].label or v}, which no one else could reach in time"))
        day.settle()
        if on_progress is not None:
            on_progress(done + 1, len(orphans))
    routes = tuple(
        tuple(sorted((s for run in day.runs[c] for s in run.stops), key=lambda s: (s.start, s.visit)))
        for c in range(len(problem.carers))
    )
    moved = sorted(v for v, carers in day.planned_carers.items()
                   if v not in day.orphans and day.carers_of.get(v) and set(carers) != set(day.carers_of[v]))
    stats = {"orphans": len(orphans), "placed": len(orphans) - len(unplaced), "evaluations": day.evaluations,
             "moved": len(moved), "seconds": round(time.monotonic() - began, 3)}
    return RepairResult(routes, tuple(unplaced), tuple(moved), stopped, stats)


def _chain(day: Day, v: int, forced: int | None) -> bool:
    """Give v a carer through the shortest ejection chain that works; True if it has one."""
    for depth, width in SEARCHES:
        found = day.search(v, forced, depth, frozenset({v}), width)
        if found is not None:
            day.replay(found[1])
            return True
        if day.spent():
            return False
    return False


def _give_way(day: Day, v: int) -> int | None:
    """Send a carer to urgent call v, at the earliest start found, by taking a flexible visit
    off their run (no other carer could take that visit: the search for room tried); returns
    the visit left without a carer, or None if no flexible visit makes room."""
    if day.p.visits[v].carers_needed != 1:
        return None
    for _, run, u, option in day.ejections(v, None, frozenset({v})):
        if day.p.visits[u].may_give_way and day.p.visits[u].carers_needed == 1:
            day.take_out(run, u)
            day.commit(option)
            return u
    return None


def _place(day: Day, v: int) -> bool:
    """Place one orphan (both carers of a double-up); True if it has all its carers."""
    p = day.p
    visit = p.visits[v]
    have = day.carers_of.get(v, [])
    if visit.latest < p.now and not have:
        return False
    if visit.carers_needed == 1:
        return _chain(day, v, None)
    if have:
        if _chain(day, v, day.start_of(v)):
            return True
        partner_run = next(r for r in day.runs[have[0]] for s in r.stops if s.visit == v)
        locked = next(s for s in partner_run.stops if s.visit == v).locked
        if not locked and _shift_together(day, v, partner_run):
            return True
        # Both carers or neither: the remaining partner is freed for the rest of the run. A
        # started or pinned double-up no second carer can join cannot move either, so it is
        # left uncovered rather than served by one carer.
        day.take_out(partner_run, v)
        if locked:
            return False
    return _new_pair(day, v)


def _shift_together(day: Day, v: int, run) -> bool:
    """Move a double-up in its remaining carer's run to a time a second carer can join, the
    nearest times first; nothing changes if none works."""
    visit = day.p.visits[v]
    planned = day.start_of(v)
    assert planned is not None  # v is in run
    mark = day.mark()
    day.take_out(run, v)
    fitting = []
    for at in sorted(range(max(visit.earliest, day.p.now), visit.latest + 1, TIME_STEP),
                     key=lambda t: (abs(t - planned), t)):
        fitting += day.options(v, run.carer, forced=at, only=run)
        if len(fitting) >= TIMES_TRIED:
            break
    for depth in range(PAIR_DEPTH + 1):
        for option in fitting:
            if _join(day, v, option, depth):
                return True
            if day.spent():
                break
    day.undo(mark)
    return False


def _join(day: Day, v: int, first: Option, depth: int) -> bool:
    """With the first carer's place committed, give the double-up its second carer at the same
    start through a chain of at most `depth`; undone if there is none."""
    mark = day.mark()
    day.commit(first)
    found = day.search(v, first.starts[first.order.index(v)], depth, frozenset({v}))
    if found is None:
        day.undo(mark)
        return False
    day.replay(found[1])
    return True


def _new_pair(day: Day, v: int) -> bool:
    """Two carers for a double-up: the cheapest pair that fits as they are, else one carer's
    cheapest places with room made for the second by a short chain."""
    pair = _pairs(day, v)
    if pair is not None:
        day.commit(pair[0])
        day.commit(pair[1])
        return True
    firsts = sorted((o for c in day.eligible(v) for o in day.options(v, c, keep=POSITIONS_PER_CARER)),
                    key=lambda o: o.cost)[:TIMES_TRIED]
    for depth in range(1, PAIR_DEPTH + 1):
        for option in firsts:
            if _join(day, v, option, depth):
                return True
            if day.spent():
                return False
    return False
