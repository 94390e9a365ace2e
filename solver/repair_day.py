"""The day being repaired: a run per carer-shift, the timing and cost of a change to a run, and the
search for room (ejection chains) with an undo journal so that trial changes cost nothing.

Costs are deltas against the day as it stands, in the weights of `RepairWeights`: a visit taken
from a carer it had before the disruption, the minutes kept visits shift, the travel added, the
minutes a new visit starts after the time its client expects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .repair import RepairProblem

FAR = 10**6
"""A time no shift reaches: the bounds of visits kept outside today's availability."""
NEAR_MINUTES = 60
"""A visit is taken out to make room only if it lies within this of the one being placed."""
TRIALS = {1: 60, 2: 12, 3: 5}
"""Ways of making room tried at each level of a chain, by the levels left below it: wide at the
last level (placing the taken-out visit directly is cheap), narrow above it."""


@dataclass(frozen=True, slots=True)
class Stop:
    """One visit in a carer's run."""

    visit: int
    """Visit index."""
    start: int
    """Start time."""
    locked: bool = False
    """Started before now or pinned: neither carer nor time may change."""


@dataclass(slots=True)
class Run:
    """One carer-shift of the day and the visits in it, in start order."""

    carer: int
    shift: tuple[int, int] | None
    """None for visits outside today's availability: kept as they are, nothing added."""
    stops: list[Stop]


@dataclass(slots=True)
class Option:
    """One way of adding a visit to a run: its order and starts after, and what that costs."""

    cost: int
    run: Run
    order: list[int]
    starts: list[int]


@dataclass(slots=True)
class Step:
    """One link of a chain: take `out` from `run` (if any), then apply `option`."""

    run: Run | None
    out: int | None
    option: Option


class Day:
    """The runs of the day and the evaluation of changes to them."""

    def __init__(self, problem: RepairProblem, deadline: float | None = None):
        self.p = p = problem
        self.w = problem.weights
        self.evaluations = 0
        self.deadline = deadline
        self.budget: int | None = None
        """Evaluations allowed for the visit being placed (None: no cap)."""
        self.runs: dict[int, list[Run]] = {}
        self.original: dict[int, int] = {}
        self.carers_of: dict[int, list[int]] = {}
        self.orphans = set(problem.orphans)
        self._journal: list[tuple[str, Any, Any]] = []  # ("stops", run, stops) or ("carers", visit, carers)
        self._options: dict[tuple, tuple] = {}
        self._travel: dict[tuple[int, int, int], int] = {}
        self.duration = [v.duration for v in p.visits]
        self.earliest = [v.earliest for v in p.visits]
        self.latest = [v.latest for v in p.visits]
        self.location = [v.location for v in p.visits]
        for c, (carer, stops) in enumerate(zip(p.carers, p.plan)):
            runs = [Run(c, shift, []) for shift in carer.shifts]
            loose = Run(c, None, [])
            for stop in sorted(stops, key=lambda s: s.start):
                self.original.setdefault(stop.visit, stop.start)
                self.carers_of.setdefault(stop.visit, []).append(c)
                end = stop.start + self.duration[stop.visit]
                home = next((r for r, (start, finish) in zip(runs, carer.shifts)
                             if start <= stop.start and end <= finish), loose)
                home.stops.append(stop)
            self.runs[c] = runs + ([loose] if loose.stops else [])
        self.planned_carers = {v: tuple(cs) for v, cs in self.carers_of.items()}
        self.want = [
            self.original.get(v, visit.target if visit.target is not None else visit.earliest)
            for v, visit in enumerate(p.visits)
        ]
        self.worked_before = {c: self.worked(c) for c in self.runs}

    # -- journal -------------------------------------------------------------------------------

    def mark(self) -> int:
        """A point to undo back to."""
        return len(self._journal)

    def undo(self, mark: int) -> None:
        """Put back every change made since the mark."""
        journal = self._journal
        while len(journal) > mark:
            kind, key, old = journal.pop()
            if kind == "stops":
                key.stops = old
            elif old is None:
                self.carers_of.pop(key, None)
            else:
                self.carers_of[key] = old

    def settle(self) -> None:
        """Forget the journal and what was learnt on the way: what is on the day now stays."""
        self._journal.clear()
        self._options.clear()

    def _set_stops(self, run: Run, stops: list[Stop]) -> None:
        self._journal.append(("stops", run, run.stops))
        run.stops = stops

    def _set_carers(self, v: int, carers: list[int]) -> None:
        self._journal.append(("carers", v, self.carers_of.get(v)))
        self.carers_of[v] = carers

    def commit(self, option: Option) -> None:
        """Apply an option to its run."""
        run = option.run
        locked = {s.visit for s in run.stops if s.locked}
        self._set_stops(run, [Stop(v, s, v in locked) for v, s in zip(option.order, option.starts)])
        for v in option.order:
            carers = self.carers_of.get(v, [])
            if run.carer not in carers:
                self._set_carers(v, carers + [run.carer])

    def take_out(self, run: Run, v: int) -> None:
        """Take visit v out of the run."""
        self._set_stops(run, [s for s in run.stops if s.visit != v])
        self._set_carers(v, [c for c in self.carers_of.get(v, []) if c != run.carer])

    def replay(self, steps: list[Step]) -> None:
        """Apply a chain found by `search` (its options were priced in this very sequence)."""
        for step in steps:
            if step.out is not None:
                assert step.run is not None  # a step taking a visit out names its run
                self.take_out(step.run, step.out)
            self.commit(step.option)

    # -- budget --------------------------------------------------------------------------------

    def spent(self) -> bool:
        """The search for the current visit has used its evaluations or the repair its time."""
        if self.budget is not None and self.evaluations >= self.budget:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    # -- measures ------------------------------------------------------------------------------

    def minutes(self, carer: int, a: int, b: int) -> int:
        mode = self.p.carers[carer].mode
        key = (mode, a, b)
        value = self._travel.get(key)
        if value is None:
            value = self._travel[key] = self.p.travel(mode, a, b)
        return value

    def run_travel(self, run: Run, order: list[int]) -> int:
        if not order:
            return 0
        carer, loc = run.carer, self.location
        home = self.p.carers[carer].home
        total = self.minutes(carer, home, loc[order[0]]) + self.minutes(carer, loc[order[-1]], home)
        return total + sum(self.minutes(carer, loc[a], loc[b]) for a, b in zip(order, order[1:]))

    def _span_minutes(self, order: list[int], starts: list[int]) -> int:
        if not order:
            return 0
        span = starts[-1] + self.duration[order[-1]] - starts[0]
        if self.p.break_after is not None and span > self.p.break_after:
            span -= self.p.break_minutes
        return span

    def worked(self, carer: int, replace: tuple[Run, list[int], list[int]] | None = None) -> int:
        total = 0
        for run in self.runs[carer]:
            if replace is not None and run is replace[0]:
                total += self._span_minutes(replace[1], replace[2])
            else:
                total += self._span_minutes([s.visit for s in run.stops], [s.start for s in run.stops])
        return total

    def day_span_ok(self, carer: int, run: Run, order: list[int], starts: list[int]) -> bool:
        """The carer's day stays within the longest day and the week within its limit."""
        limit = self.p.max_day_minutes
        if limit is not None:
            first, last = FAR, -FAR
            for other in self.runs[carer]:
                if other is run:
                    if order:
                        first = min(first, starts[0])
                        last = max(last, starts[-1] + self.duration[order[-1]])
                elif other.stops:
                    first = min(first, other.stops[0].start)
                    last = max(last, other.stops[-1].start + self.duration[other.stops[-1].visit])
            if last - first > limit:
                return False
        left = self.p.carers[carer].minutes_left
        if left is not None:
            after = self.worked(carer, (run, order, starts))
            if after > max(left, self.worked_before[carer]):
                return False
        return True

    # -- timing a run --------------------------------------------------------------------------

    def times(self, run: Run, order: list[int], fixed: dict[int, int], window: dict[int, tuple[int, int]] | None = None,
              pause_after: int | None = None) -> list[int] | None:
        """Starts for the visits of a run in this order, each kept as near its planned (or
        expected) start as the others allow; None if the order cannot work."""
        self.evaluations += 1
        n = len(order)
        if n == 0:
            return []
        p, carer = self.p, run.carer
        minutes, loc, duration = self.minutes, self.location, self.duration
        legs = [minutes(carer, loc[a], loc[b]) for a, b in zip(order, order[1:])]
        if pause_after is not None:
            legs[pause_after] += p.break_minutes
        if run.shift is not None:
            home = p.carers[carer].home
            reach = run.shift[0] + minutes(carer, home, loc[order[0]])
            back = run.shift[1] - minutes(carer, loc[order[-1]], home)
        else:
            reach, back = -FAR, FAR
        lo = [0] * n
        for i, v in enumerate(order):
            if v in fixed:
                t = fixed[v]
                if reach > t:
                    return None
            else:
                earliest, latest = window[v] if window and v in window else (self.earliest[v], self.latest[v])
                t = max(reach, earliest, p.now)
                if t > latest:
                    return None
            lo[i] = t
            if i < n - 1:
                reach = t + duration[v] + legs[i]
        hi = [0] * n
        limit = back - duration[order[-1]]
        for i in range(n - 1, -1, -1):
            v = order[i]
            if i < n - 1:
                limit = hi[i + 1] - legs[i] - duration[v]
            if v in fixed:
                if limit < fixed[v]:
                    return None
                hi[i] = fixed[v]
            else:
                _, latest = window[v] if window and v in window else (self.earliest[v], self.latest[v])
                hi[i] = min(limit, latest)
                if hi[i] < lo[i]:
                    return None
        starts: list[int] = []
        want = self.want
        for i, v in enumerate(order):
            low = lo[i]
            if i:
                low = max(low, starts[-1] + duration[order[i - 1]] + legs[i - 1])
            starts.append(min(max(want[v], low), hi[i]))
        return starts

    def _has_pause(self, carer: int, order: list[int], starts: list[int]) -> bool:
        p = self.p
        if p.break_after is None or not order:
            return True
        if starts[-1] + self.duration[order[-1]] - starts[0] <= p.break_after:
            return True
        loc = self.location
        return any(
            starts[i + 1] - starts[i] - self.duration[order[i]] - self.minutes(carer, loc[order[i]], loc[order[i + 1]])
            >= p.break_minutes
            for i in range(len(order) - 1)
        )

    def fit(self, run: Run, order: list[int], fixed: dict[int, int],
            window: dict[int, tuple[int, int]] | None = None) -> tuple[int, list[int]] | None:
        """(cost added, starts) of the run in this order with its break, or None if it cannot work."""
        starts = self.times(run, order, fixed, window)
        if starts is None:
            return None
        if not self._has_pause(run.carer, order, starts):
            best = None
            for i in range(len(order) - 1):
                trial = self.times(run, order, fixed, window, pause_after=i)
                if trial is not None:
                    cost = self.shift_cost(order, trial)
                    if best is None or cost < best[0]:
                        best = (cost, trial)
            if best is None:
                return None
            starts = best[1]
        if not self.day_span_ok(run.carer, run, order, starts):
            return None
        old_order = [s.visit for s in run.stops]
        cost = (self.shift_cost(order, starts) - self.shift_cost(old_order, [s.start for s in run.stops])
                + self.w.travel_minute * (self.run_travel(run, order) - self.run_travel(run, old_order)))
        return cost, starts

    def shift_cost(self, order: list[int], starts: list[int]) -> int:
        """Planned visits: minutes away from their planned start; new ones: minutes late."""
        cost = 0
        w, visits = self.w, self.p.visits
        for v, s in zip(order, starts):
            if v in self.original:
                cost += w.shift_minute * abs(s - self.original[v])
            else:
                visit = visits[v]
                target = visit.target if visit.target is not None else visit.earliest
                late = w.shift_minute if visit.urgent else w.lateness_minute
                cost += late * max(0, s - target)
        return cost

    def move_cost(self, v: int, carer: int) -> int:
        """What having visit v with this carer costs: a move unless they had it before."""
        previous = self.p.visits[v].previous_carers
        return self.w.move if previous and carer not in previous else 0

    def fixed_of(self, run: Run) -> dict[int, int]:
        """Visits of the run whose time may not change: locked ones and double-ups."""
        return {s.visit: s.start for s in run.stops
                if s.locked or self.p.visits[s.visit].carers_needed == 2}

    # -- placing one visit ---------------------------------------------------------------------

    def eligible(self, v: int) -> list[int]:
        visit = self.p.visits[v]
        on = self.carers_of.get(v, ())
        return [c for c, carer in enumerate(self.p.carers)
                if visit.skills <= carer.skills and c not in visit.excluded_carers and c not in on]

    def options(self, v: int, carer: int, forced: int | None = None, window=None, keep: int = 1,
                only: Run | None = None) -> list[Option]:
        """The cheapest ways of adding visit v to one of the carer's runs (or to `only`)."""
        runs = self.runs[carer]
        key = None
        if window is None:
            # The answer depends only on the carer's runs: a chain search asks the same question
            # many times. The key holds the run lists themselves, so their ids stay unique.
            key = (v, carer, forced, keep, only is not None and id(only),
                   tuple(id(r.stops) for r in runs), only is not None and id(only.stops))
            hit = self._options.get(key)
            if hit is not None:
                return hit[0]
        found = self._options_now(v, carer, forced, window, keep, only)
        if key is not None:
            self._options[key] = (found, [r.stops for r in runs], only and only.stops)
        return found

    def _options_now(self, v: int, carer: int, forced: int | None, window, keep: int,
                     only: Run | None) -> list[Option]:
        visit = self.p.visits[v]
        earliest, latest = (window or {}).get(v, (visit.earliest, visit.latest))
        if forced is not None:
            if forced < self.p.now:
                return []  # a carer cannot join a visit that began before now
            earliest = latest = forced
        latest_end = latest + visit.duration
        found: list[Option] = []
        runs = self.runs[carer]
        if not self.p.carers[carer].may_start and not any(r.stops for r in runs):
            return found
        move = self.move_cost(v, carer)
        for run in runs if only is None else (only,):
            if run.shift is None or run.shift[1] < earliest + visit.duration or run.shift[0] > latest_end:
                continue
            order_now = [s.visit for s in run.stops]
            fixed = self.fixed_of(run)
            if forced is not None:
                fixed[v] = forced
            for pos in range(len(order_now) + 1):
                if pos > 0 and run.stops[pos - 1].start > latest:
                    break
                if pos < len(order_now):
                    nxt = run.stops[pos]
                    nxt_latest = nxt.start if nxt.visit in fixed else self.latest[nxt.visit]
                    if nxt_latest < earliest + visit.duration:
                        continue
                order = order_now[:pos] + [v] + order_now[pos:]
                result = self.fit(run, order, fixed, window)
                if result is None:
                    continue
                found.append(Option(result[0] + move, run, order, result[1]))
        found.sort(key=lambda o: o.cost)
        return found[:keep]

    def best_single(self, v: int, forced: int | None = None, window=None) -> Option | None:
        """The cheapest place for visit v among the carers who could go, nothing else moving carer."""
        best = None
        for carer in self.eligible(v):
            for option in self.options(v, carer, forced, window):
                if best is None or option.cost < best.cost:
                    best = option
        return best

    def start_of(self, v: int) -> int | None:
        """Where a double-up already has one carer, the start the other must match."""
        for carer in self.carers_of.get(v, ()):
            for run in self.runs[carer]:
                for stop in run.stops:
                    if stop.visit == v:
                        return stop.start
        return None

    # -- making room ---------------------------------------------------------------------------

    def ejections(self, v: int, forced: int | None, banned: frozenset[int]) -> list[tuple[int, Run, int, Option]]:
        """Ways of making room for v by taking one visit u out of a run: (cost of v there, run,
        u, v's option), cheapest first. A taken-out double-up keeps its other carer's time."""
        visit = self.p.visits[v]
        earliest, latest = (forced, forced) if forced is not None else (visit.earliest, visit.latest)
        low, high = earliest - NEAR_MINUTES, latest + visit.duration + NEAR_MINUTES
        found = []
        for carer in self.eligible(v):
            for run in self.runs[carer]:
                if run.shift is None or run.shift[1] < earliest + visit.duration or run.shift[0] > latest + visit.duration:
                    continue
                for stop in run.stops:
                    u = stop.visit
                    if (stop.locked or u in banned or stop.start > high
                            or stop.start + self.duration[u] < low):
                        continue
                    saved = run.stops
                    run.stops = [s for s in saved if s.visit != u]
                    options = self.options(v, carer, forced, only=run)
                    run.stops = saved
                    if options:
                        found.append((options[0].cost - self.move_cost(u, carer), run, u, options[0]))
        found.sort(key=lambda t: t[0])
        return found

    def search(self, v: int, forced: int | None, depth: int, banned: frozenset[int],
               width: int = 1) -> tuple[int, list[Step]] | None:
        """The cheapest chain found that gives v a carer with at most `depth` visits taken out
        and placed again, each elsewhere (or elsewhere in its own run), trying `width` times the
        usual ways of making room at each level; nothing is changed."""
        direct = self.best_single(v, forced)
        if direct is not None:
            return direct.cost, [Step(None, None, direct)]
        if depth == 0 or self.spent():
            return None
        best: tuple[int, list[Step]] | None = None
        for cost, run, u, option in self.ejections(v, forced, banned)[:TRIALS[depth] * width]:
            if self.spent():
                break
            mark = self.mark()
            self.take_out(run, u)
            self.commit(option)
            rest = self.search(u, self.start_of(u), depth - 1, banned | {u}, width)
            self.undo(mark)
            if rest is not None and (best is None or cost + rest[0] < best[0]):
                best = cost + rest[0], [Step(run, u, option)] + rest[1]
        return best
