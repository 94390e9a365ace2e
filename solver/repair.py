"""Repair one day of a plan after a disruption, changing as little as possible.

A day's plan is a run per carer-shift. Some visits lack carers (their carer went off sick, the
visit is new, an urgent call came in): these orphans are placed one by one, hardest first, into
the gaps of the runs, letting the other visits of a run shift inside their windows. When an
orphan fits nowhere, one visit is taken out of a run to make room and placed elsewhere (a
ripple of one). Visits that started before `now`, and pinned ones, never move; double-ups keep
their time (both carers would have to move together).

The objective is lexicographic through the weights: first every orphan placed (urgent ones
first), then as few visits moved to another carer and as few minutes shifted as possible, then
travel. Standard library only; integer minutes and indices, like `solver.problem`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .problem import ProblemError
from .stop import StoppingCriterion

EJECTION_TRIALS = 100
"""Ways of making room tried per orphan, cheapest first."""
PAIR_TRIALS = 400
"""Pairs of carers tried for a double-up orphan."""
POSITIONS_PER_CARER = 3
"""Best positions per carer kept when pairing carers for a double-up."""


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
class Stop:
    """One visit in a carer's run."""

    visit: int
    """Visit index."""
    start: int
    """Start time."""
    locked: bool = False
    """Started before now or pinned: neither carer nor time may change."""


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
    """Visits taken from their carer to make room (the ripple)."""
    stopped: bool
    """The stop criterion ended the repair before every orphan was tried."""
    stats: dict = field(default_factory=dict)
    """Counters: orphans, placed, evaluations."""


@dataclass(slots=True)
class _Run:
    carer: int
    shift: tuple[int, int] | None
    """None for visits outside today's availability: kept as they are, nothing added."""
    stops: list[Stop]


@dataclass(slots=True)
class _Option:
    cost: int
    run: _Run
    order: list[int]
    starts: list[int]


class _Day:
    """The day being repaired: runs per carer-shift and the evaluation of changes to them."""

    def __init__(self, problem: RepairProblem):
        self.p = problem
        self.w = problem.weights
        self.evaluations = 0
        self.runs: dict[int, list[_Run]] = {}
        self.original: dict[int, int] = {}
        self.locked: set[int] = set()
        self.carers_of: dict[int, list[int]] = {}
        self._travel: dict[tuple[int, int, int], int] = {}
        for c, (carer, stops) in enumerate(zip(problem.carers, problem.plan)):
            runs = [_Run(c, shift, []) for shift in carer.shifts]
            loose = _Run(c, None, [])
            for stop in sorted(stops, key=lambda s: s.start):
                visit = problem.visits[stop.visit]
                self.original.setdefault(stop.visit, stop.start)
                self.carers_of.setdefault(stop.visit, []).append(c)
                if stop.locked:
                    self.locked.add(stop.visit)
                home = next((r for r in runs if r.shift[0] <= stop.start and stop.start + visit.duration <= r.shift[1]),
                            loose)
                home.stops.append(stop)
            self.runs[c] = runs + ([loose] if loose.stops else [])
        self.worked_before = {c: self.worked(c) for c in self.runs}
        self.moved: set[int] = set()

    # -- measures ----------------------------------------------------------------------------

    def minutes(self, carer: int, a: int, b: int) -> int:
        mode = self.p.carers[carer].mode
        key = (mode, a, b)
        value = self._travel.get(key)
        if value is None:
            value = self._travel[key] = self.p.travel(mode, a, b)
        return value

    def _leg(self, carer: int, v: int, u: int) -> int:
        return self.minutes(carer, self.p.visits[v].location, self.p.visits[u].location)

    def run_travel(self, run: _Run, order: list[int]) -> int:
        if not order:
            return 0
        home = self.p.carers[run.carer].home
        total = self.minutes(run.carer, home, self.p.visits[order[0]].location)
        total += self.minutes(run.carer, self.p.visits[order[-1]].location, home)
        return total + sum(self._leg(run.carer, a, b) for a, b in zip(order, order[1:]))

    def _span_minutes(self, order: list[int], starts: list[int]) -> int:
        if not order:
            return 0
        span = starts[-1] + self.p.visits[order[-1]].duration - starts[0]
        if self.p.break_after is not None and span > self.p.break_after:
            span -= self.p.break_minutes
        return span

    def worked(self, carer: int, replace: tuple[_Run, list[int], list[int]] | None = None) -> int:
        total = 0
        for run in self.runs[carer]:
            if replace is not None and run is replace[0]:
                total += self._span_minutes(replace[1], replace[2])
            else:
                total += self._span_minutes([s.visit for s in run.stops], [s.start for s in run.stops])
        return total

    def day_span_ok(self, carer: int, run: _Run, order: list[int], starts: list[int]) -> bool:
        limit = self.p.max_day_minutes
        bounds = []
        for other in self.runs[carer]:
            if other is run:
                if order:
                    bounds.append((starts[0], starts[-1] + self.p.visits[order[-1]].duration))
            elif other.stops:
                bounds.append((other.stops[0].start, other.stops[-1].start + self.p.visits[other.stops[-1].visit].duration))
        if limit is not None and bounds and max(b for _, b in bounds) - min(a for a, _ in bounds) > limit:
            return False
        left = self.p.carers[carer].minutes_left
        if left is not None:
            after = self.worked(carer, (run, order, starts))
            if after > max(left, self.worked_before[carer]):
                return False
        return True

    # -- timing a run --------------------------------------------------------------------------

    def times(self, run: _Run, order: list[int], fixed: dict[int, int], window: dict[int, tuple[int, int]] | None = None,
              pause_after: int | None = None) -> list[int] | None:
        """Starts for the visits of a run in this order, each kept as near its planned (or
        target) start as the others allow; None if the order cannot work."""
        self.evaluations += 1
        p, carer = self.p, run.carer
        n = len(order)
        if n == 0:
            return []
        shift_start, shift_end = run.shift if run.shift else (-10**6, 10**6)
        home = p.carers[carer].home
        lo, hi = [0] * n, [0] * n
        for i, v in enumerate(order):
            visit = p.visits[v]
            if i == 0:
                reach = shift_start + self.minutes(carer, home, visit.location) if run.shift else -10**6
            else:
                reach = lo[i - 1] + p.visits[order[i - 1]].duration + self._leg(carer, order[i - 1], v)
                if pause_after == i - 1:
                    reach += p.break_minutes
            if v in fixed:
                if reach > fixed[v]:
                    return None
                lo[i] = fixed[v]
            else:
                earliest, latest = window[v] if window and v in window else (visit.earliest, visit.latest)
                lo[i] = max(reach, earliest, p.now)
                if lo[i] > latest:
                    return None
        for i in range(n - 1, -1, -1):
            v = order[i]
            visit = p.visits[v]
            if i == n - 1:
                limit = (shift_end - self.minutes(carer, visit.location, home) if run.shift else 10**6) - visit.duration
            else:
                limit = hi[i + 1] - self._leg(carer, v, order[i + 1]) - visit.duration
                if pause_after == i:
                    limit -= p.break_minutes
            if v in fixed:
                if limit < fixed[v]:
                    return None
                hi[i] = fixed[v]
            else:
                _, latest = window[v] if window and v in window else (visit.earliest, visit.latest)
                hi[i] = min(limit, latest)
                if hi[i] < lo[i]:
                    return None
        starts: list[int] = []
        for i, v in enumerate(order):
            low = lo[i]
            if i:
                gap = self._leg(carer, order[i - 1], v) + (p.break_minutes if pause_after == i - 1 else 0)
                low = max(low, starts[-1] + p.visits[order[i - 1]].duration + gap)
            want = self.original.get(v, p.visits[v].target if p.visits[v].target is not None else p.visits[v].earliest)
            starts.append(min(max(want, low), hi[i]))
        return starts

    def _has_pause(self, carer: int, order: list[int], starts: list[int]) -> bool:
        p = self.p
        if p.break_after is None or not order:
            return True
        if starts[-1] + p.visits[order[-1]].duration - starts[0] <= p.break_after:
            return True
        return any(
            starts[i + 1] - starts[i] - p.visits[order[i]].duration - self._leg(carer, order[i], order[i + 1])
            >= p.break_minutes
            for i in range(len(order) - 1)
        )

    def fit(self, run: _Run, order: list[int], fixed: dict[int, int],
            window: dict[int, tuple[int, int]] | None = None) -> tuple[int, list[int]] | None:
        """(cost, starts) of the run in this order with its break, or None if it cannot work."""
        starts = self.times(run, order, fixed, window)
        if starts is None:
            return None
        if not self._has_pause(run.carer, order, starts):
            best = None
            for i in range(len(order) - 1):
                trial = self.times(run, order, fixed, window, pause_after=i)
                if trial is not None:
                    cost = self._shift_cost(order, trial)
                    if best is None or cost < best[0]:
                        best = (cost, trial)
            if best is None:
                return None
            starts = best[1]
        if not self.day_span_ok(run.carer, run, order, starts):
            return None
        old_order = [s.visit for s in run.stops]
        cost = (self._shift_cost(order, starts)
                + self.w.travel_minute * (self.run_travel(run, order) - self.run_travel(run, old_order)))
        return cost, starts

    def _shift_cost(self, order: list[int], starts: list[int]) -> int:
        cost = 0
        for v, s in zip(order, starts):
            if v in self.original:
                cost += self.w.shift_minute * abs(s - self.original[v])
            else:
                visit = self.p.visits[v]
                target = visit.target if visit.target is not None else visit.earliest
                cost += self.w.lateness_minute * max(0, s - target)
        return cost

    def fixed_of(self, run: _Run) -> dict[int, int]:
        """Visits of the run whose time may not change: locked ones and double-ups."""
        return {s.visit: s.start for s in run.stops
                if s.locked or self.p.visits[s.visit].carers_needed == 2}

    # -- placing one visit ---------------------------------------------------------------------

    def eligible(self, v: int) -> list[int]:
        visit = self.p.visits[v]
        return [c for c, carer in enumerate(self.p.carers)
                if visit.skills <= carer.skills and c not in visit.excluded_carers
                and c not in self.carers_of.get(v, ())]

    def options(self, v: int, carer: int, forced: int | None = None, window=None,
                keep: int = 1) -> list[_Option]:
        """The cheapest ways of adding visit v to one of the carer's runs."""
        visit = self.p.visits[v]
        earliest, latest = (window or {}).get(v, (visit.earliest, visit.latest))
        if forced is not None:
            earliest = latest = forced
        latest_end = latest + visit.duration
        found: list[_Option] = []
        starting = not any(r.stops for r in self.runs[carer])
        if starting and not self.p.carers[carer].may_start:
            return found
        for run in self.runs[carer]:
            if run.shift is None or run.shift[1] < earliest + visit.duration or run.shift[0] > latest_end:
                continue
            order_now = [s.visit for s in run.stops]
            fixed = self.fixed_of(run)
            if forced is not None:
                fixed = {**fixed, v: forced}
            for pos in range(len(order_now) + 1):
                if pos > 0 and run.stops[pos - 1].start > latest:
                    break
                if pos < len(order_now):
                    nxt = run.stops[pos]
                    nxt_latest = nxt.start if nxt.visit in fixed else self.p.visits[nxt.visit].latest
                    if nxt_latest < earliest + visit.duration:
                        continue
                order = order_now[:pos] + [v] + order_now[pos:]
                result = self.fit(run, order, fixed, window)
                if result is None:
                    continue
                cost = result[0]
                if visit.previous_carers and carer not in visit.previous_carers:
                    cost += self.w.move
                found.append(_Option(cost, run, order, result[1]))
        found.sort(key=lambda o: o.cost)
        return found[:keep]

    def best_single(self, v: int, forced: int | None = None, exclude_run: _Run | None = None,
                    window=None) -> _Option | None:
        best = None
        for carer in self.eligible(v):
            for option in self.options(v, carer, forced, window):
                if option.run is exclude_run:
                    continue
                if best is None or option.cost < best.cost:
                    best = option
        return best

    def commit(self, option: _Option) -> None:
        run = option.run
        locked = {s.visit for s in run.stops if s.locked}
        run.stops = [Stop(v, s, v in locked) for v, s in zip(option.order, option.starts)]
        for v in option.order:
            carers = self.carers_of.setdefault(v, [])
            if run.carer not in carers:
                carers.append(run.carer)

    def take_out(self, run: _Run, v: int) -> None:
        run.stops = [s for s in run.stops if s.visit != v]
        self.carers_of[v] = [c for c in self.carers_of.get(v, []) if c != run.carer]

    # -- making room ---------------------------------------------------------------------------

    def ripple(self, v: int, forced: int | None = None) -> tuple[_Option, _Option, int] | None:
        """Take one visit u out of some run so v fits there, and place u elsewhere: (v's place,
        u's new place, u), the cheapest found."""
        p = self.p
        visit = p.visits[v]
        earliest, latest = (forced, forced) if forced is not None else (visit.earliest, visit.latest)
        trials: list[tuple[int, _Run, int, _Option]] = []
        for carer in self.eligible(v):
            for run in self.runs[carer]:
                if run.shift is None:
                    continue
                for stop in run.stops:
                    u = stop.visit
                    other = p.visits[u]
                    if (stop.locked or other.carers_needed == 2 or u in self.moved
                            or stop.start > latest + visit.duration + 60 or stop.start + other.duration < earliest - 60):
                        continue
                    saved = run.stops
                    run.stops = [s for s in saved if s.visit != u]
                    options = self.options(v, carer, forced)
                    run.stops = saved
                    for option in options:
                        if option.run is run:
                            trials.append((option.cost, run, u, option))
        trials.sort(key=lambda t: t[0])
        best = None
        for cost, run, u, option in trials[:EJECTION_TRIALS]:
            saved = run.stops
            self.take_out(run, u)
            self.commit(option)
            elsewhere = self.best_single(u, exclude_run=run)
            # put things back: the caller commits the chosen pair
            run.stops = saved
            self.carers_of[v] = [c for c in self.carers_of.get(v, []) if c != run.carer]
            self.carers_of.setdefault(u, []).append(run.carer)
            if elsewhere is None:
                continue
            total = cost + elsewhere.cost + (0 if elsewhere.run.carer in p.visits[u].previous_carers else self.w.move)
            if best is None or total < best[0]:
                best = (total, option, elsewhere, u)
        return None if best is None else best[1:]


def _pairs(day: _Day, v: int, window=None) -> tuple[_Option, _Option] | None:
    """The cheapest two carers who can start the double-up together."""
    p = day.p
    visit = p.visits[v]
    earliest, latest = (window or {}).get(v, (visit.earliest, visit.latest))
    per_carer: list[tuple[int, int, list[_Option]]] = []
    for carer in day.eligible(v):
        options = day.options(v, carer, window=window, keep=POSITIONS_PER_CARER)
        if options:
            per_carer.append((options[0].cost, carer, options))
    per_carer.sort(key=lambda t: t[0])
    tried = 0
    best = None
    forced: dict[tuple[int, int], list[_Option]] = {}

    def at_time(carer: int, at: int) -> list[_Option]:
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


def _why(day: _Day, v: int) -> tuple[str, str]:
    """Why an orphan could not be placed, in the coordinator's words."""
    p = day.p
    visit = p.visits[v]
    if visit.latest < p.now:
        return "too_late", f"its window closed at {_hhmm(visit.latest)}, before now ({_hhmm(p.now)})"
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


def _order(problem: RepairProblem, day: _Day) -> list[int]:
    """Urgent first, then double-ups, then the fewest carers who could go, then the earliest deadline."""
    return sorted(
        dict.fromkeys(problem.orphans),
        key=lambda v: (not problem.visits[v].urgent, -problem.visits[v].carers_needed,
                       len(day.eligible(v)), problem.visits[v].latest, v),
    )


def repair(problem: RepairProblem, *, stop: StoppingCriterion | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> RepairResult:
    """Place the orphans with the least disruption; never raises for an infeasible day."""
    day = _Day(problem)
    unplaced: list[Unplaced] = []
    orphans = _order(problem, day)
    stopped = False
    for done, v in enumerate(orphans):
        if stop is not None and stop():
            stopped = True
            break
        if not _place(day, v):
            reason, detail = _why(day, v)
            unplaced.append(Unplaced(v, reason, detail))
        if on_progress is not None:
            on_progress(done + 1, len(orphans))
    routes = tuple(
        tuple(sorted((s for run in day.runs[c] for s in run.stops), key=lambda s: (s.start, s.visit)))
        for c in range(len(problem.carers))
    )
    stats = {"orphans": len(orphans), "placed": len(orphans) - len(unplaced), "evaluations": day.evaluations,
             "moved": len(day.moved)}
    return RepairResult(routes, tuple(unplaced), tuple(sorted(day.moved)), stopped, stats)


def _place(day: _Day, v: int) -> bool:
    """Place one orphan (both carers of a double-up); True if it has all its carers."""
    p = day.p
    visit = p.visits[v]
    have = day.carers_of.get(v, [])
    if visit.latest < p.now and not have:
        return False
    if visit.carers_needed == 1 or have:
        forced = None
        if have:
            forced = next(s.start for r in day.runs[have[0]] for s in r.stops if s.visit == v)
        option = day.best_single(v, forced)
        if option is not None:
            day.commit(option)
            return True
        made = day.ripple(v, forced)
        if made is not None:
            placed, elsewhere, u = made
            day.take_out(placed.run, u)
            day.commit(placed)
            day.commit(elsewhere)
            day.moved.add(u)
            return True
        if not have:
            return False
        # The remaining partner cannot be matched at that time: free them and place both anew.
        partner_run = next(r for r in day.runs[have[0]] for s in r.stops if s.visit == v)
        stop_here = next(s for s in partner_run.stops if s.visit == v)
        if stop_here.locked:
            return False
        day.take_out(partner_run, v)
        pair = _pairs(day, v)
        if pair is None:
            # Both carers or neither: the remaining partner is freed for the rest of the run.
            return False
        for option in pair:
            day.commit(option)
        return True
    pair = _pairs(day, v)
    if pair is None:
        return False
    day.commit(pair[0])
    day.commit(pair[1])
    return True
