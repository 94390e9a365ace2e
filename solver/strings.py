"""String removal and recreate for one day's routes, after Christiaens and Vanden Berghe's SISR
(Transportation Science, 2020): cut a few strings of neighbouring visits out of nearby routes,
put them back by cheapest insertion that now and then skips a place ("blinks"), and keep the
result by simulated annealing.

It improves the routes of a `DayTask` that already has a first solution (the insertion's). It
moves single-carer visits only: a double-up stays with the two carers and the start they agreed,
as a stop with a fixed time. It keeps every rule the day's routing model keeps (windows, shift
bounds, who may make each visit, load, the day's share of the weekly limit, the longest day) and
minimises the travel cost alone; the caller takes the routes back only when the whole objective
is no worse. Along the way it pools the carers' routes of the good solutions it accepts, for the
set partitioning that combines searches (`partition.py`).
"""

from __future__ import annotations

import math
import random
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .day import Column, DayResult, DayTask
from .problem import Problem

AVERAGE_REMOVED = 10
"""Visits cut out per step on average (the paper's c-bar)."""
LONGEST_STRING = 10
"""Most visits cut from one route per step (the paper's L-max)."""
BLINK = 0.01
"""Chance of skipping a place while looking for the cheapest one."""
KEEP = 0.01
"""Chance of stopping to grow the run a split string keeps (the paper's alpha)."""
WHOLE_ROUTE = 0.02
"""Chance that a step empties a whole route (a short one more often) instead of cutting strings:
string cuts alone rarely take a route from a tour with one route too many (Solomon C206)."""
COOLED = 0.1
"""End temperature of the annealing, times the mean cost of an arc of the first routes."""
POOL_WINDOW = 1.01
"""A solution the search accepts at most this many times the best's cost gives its changed
carers' routes to the pool (`Column`). At 1.02, two 10 s searches of a Solomon day pooled 2,000
to 4,600 columns, which SCIP often could not partition within a second."""
MOST_COLUMNS = 20_000
"""Most carers' routes one search pools."""



class _Day:
    """The day's data in flat lists, indexed by stop number (free visits first, then the fixed
    copies of double-ups) and by vehicle position."""

    def __init__(self, problem: Problem, task: DayTask) -> None:
        carers = problem.carers
        weights = problem.weights
        agreed = dict(task.starts)
        self.free: list[int] = []
        """Stop numbers of the visits this search may move."""
        self.visit: list[int] = []
        self.loc: list[int] = []
        self.early: list[int] = []
        self.late: list[int] = []
        self.dur: list[int] = []
        self.load: list[int] = []
        self.allowed: list[frozenset[int]] = []
        self.penalty: list[int] = []
        self.fixed_stop: dict[tuple[int, int], int] = {}
        """(visit, vehicle position) -> stop number of a double-up's copy on that vehicle."""
        vehicle_of: dict[int, list[int]] = {}
        for position, visits in task.routes:
            for visit in visits:
                vehicle_of.setdefault(visit, []).append(position)
        self.solvable = True
        for visit_index, allowed in zip(task.visits, task.allowed):
            visit = problem.visits[visit_index]
            fixed = agreed.get(visit_index, visit.pinned_start)
            if visit.carers_needed == 1:
                self.free.append(self._add(visit_index, visit, fixed, allowed, weights))
                continue
            for position in vehicle_of.get(visit_index, ()):
                if fixed is None:
                    self.solvable = False
                self.fixed_stop[(visit_index, position)] = self._add(visit_index, visit, fixed, (position,), weights)
        for stop, visit_index in enumerate(self.visit):
            pins = problem.visits[visit_index].pinned_carers
            if pins and problem.visits[visit_index].carers_needed == 1:
                self.allowed[stop] = frozenset(p for p in self.allowed[stop] if task.vehicles[p].carer in pins)
        self.home = [carers[v.carer].home for v in task.vehicles]
        self.mode = [carers[v.carer].mode for v in task.vehicles]
        shifts = [carers[v.carer].shifts[v.shift] for v in task.vehicles]
        self.open = [s.start for s in shifts]
        self.close = [s.end for s in shifts]
        big = sum(self.load) + 1
        self.capacity = [big if (cap := carers[v.carer].capacity) is None else cap for v in task.vehicles]
        self.carer = [v.carer for v in task.vehicles]
        self.work_cap = [v.work_cap for v in task.vehicles]
        self.max_day = problem.max_day_minutes
        self.vehicles_of_carer: dict[int, list[int]] = {}
        for position, vehicle in enumerate(task.vehicles):
            self.vehicles_of_carer.setdefault(vehicle.carer, []).append(position)
        self.limited = [self._limited(p) for p in range(len(task.vehicles))]
        kinds: dict[tuple, int] = {}
        self.kind = [kinds.setdefault(
            (self.home[p], self.mode[p], self.open[p], self.close[p], self.capacity[p], self.limited[p]), len(kinds))
            for p in range(len(task.vehicles))]
        """Per vehicle, a number shared by the vehicles whose empty routes are the same to insert into."""
        # The matrices cut down to the day's places (homes and visits), renumbered from 0, with
        # their columns too: the insertion reads "from anywhere to here" in its inner loop.
        places = sorted(set(self.home) | set(self.loc))
        local = {place: k for k, place in enumerate(places)}
        self.home = [local[h] for h in self.home]
        self.loc = [local[p] for p in self.loc]
        self.travel, self.cost, self.travel_in, self.cost_in = {}, {}, {}, {}
        for m in set(self.mode):
            travel = [[problem.travel[m][a][b] for b in places] for a in places]
            distance = [[problem.distance[a][b] for b in places] for a in places]
            self.travel[m] = travel
            self.cost[m] = [[weights.travel_minute * t + weights.distance_metre * d for t, d in zip(trow, drow)]
                            for trow, drow in zip(travel, distance)]
            self.travel_in[m] = [list(column) for column in zip(*travel)]
            self.cost_in[m] = [list(column) for column in zip(*self.cost[m])]
        self.movable = set(self.free)
        self.free_index = {s: i for i, s in enumerate(self.free)}
        self.neighbours = self._neighbours(problem.distance, places)
        self.far = [min((self.cost[self.mode[p]][self.home[p]][self.loc[s]] for p in self.allowed[s]), default=0)
                    for s in range(len(self.visit))]
        """Per stop: the cost from the nearest home of a carer allowed to make it."""

    def _add(self, visit_index, visit, fixed, allowed, weights) -> int:
        self.visit.append(visit_index)
        self.loc.append(visit.location)
        self.early.append(visit.earliest if fixed is None else fixed)
        self.late.append(visit.latest if fixed is None else fixed)
        self.dur.append(visit.duration)
        self.load.append(visit.load)
        self.allowed.append(frozenset(allowed))
        self.penalty.append(weights.miss_cost(visit))
        return len(self.visit) - 1

    def _limited(self, position: int) -> bool:
        """Whether a tour of this vehicle can break the work cap or the longest day."""
        carer = self.carer[position]
        mine = self.vehicles_of_carer[carer]
        available = sum(self.close[p] - self.open[p] for p in mine)
        cap = self.work_cap[position]
        if cap is not None and cap < available:
            return True
        reach = max(self.close[p] for p in mine) - min(self.open[p] for p in mine)
        return self.max_day is not None and self.max_day < reach

    def _neighbours(self, distance, places: list[int]) -> list[list[int]]:
        """Per free stop: the other free stops, nearest first."""
        free, loc = self.free, self.loc
        return [sorted((b for b in free if b != a), key=lambda b: distance[places[loc[a]]][places[loc[b]]])
                for a in free]


class _Routes:
    """The routes being searched, with each one's earliest schedule and latest starts."""

    def __init__(self, day: _Day, vehicles: int) -> None:
        self.day = day
        self.stops: list[list[int]] = [[] for _ in range(vehicles)]
        self.locs: list[list[int]] = [[] for _ in range(vehicles)]
        self.leave: list[list[int]] = [[] for _ in range(vehicles)]
        """Per route, per position 0..n: earliest time of leaving it (0 is home)."""
        self.latest: list[list[int]] = [[] for _ in range(vehicles)]
        """Per route, per position 1..n+1 (index 0 unused): latest start keeping the rest on time."""
        self.arc: list[list[int]] = [[] for _ in range(vehicles)]
        self.cost: list[int] = [0] * vehicles
        self.loaded: list[int] = [0] * vehicles
        self.route_of: dict[int, int] = {}
        self.saved: dict[int, tuple] = {}
        """Routes changed since the last `keep`, as they were then."""
        for position in range(vehicles):
            self.refresh(position)

    def change(self, r: int) -> None:
        """Note route r as it is before a change, for `undo`."""
        if r not in self.saved:
            self.saved[r] = (list(self.stops[r]), list(self.locs[r]), list(self.leave[r]), list(self.latest[r]),
                             list(self.arc[r]), self.cost[r], self.loaded[r])

    def keep(self) -> None:
        """Take the changes since the last keep."""
        self.saved.clear()

    def undo(self) -> None:
        """Put the routes changed since the last keep back as they were (a visit that was not on
        any route then is left to the caller)."""
        for r, (stops, locs, leave, latest, arc, cost, loaded) in self.saved.items():
            self.stops[r], self.locs[r], self.leave[r], self.latest[r], self.arc[r] = stops, locs, leave, latest, arc
            self.cost[r], self.loaded[r] = cost, loaded
            for s in stops:
                self.route_of[s] = r
        self.saved.clear()

    def refresh(self, r: int) -> bool:
        """Recompute route r's schedule; False if a stop cannot be reached in time."""
        d = self.day
        stops = self.stops[r]
        home = d.home[r]
        travel = d.travel[d.mode[r]]
        cost = d.cost[d.mode[r]]
        early, late, dur, where = d.early, d.late, d.dur, d.loc
        locs = [home, *(where[s] for s in stops), home]
        leave = [d.open[r]]
        ok = True
        time = leave[0]
        for k, s in enumerate(stops):
            time += travel[locs[k]][locs[k + 1]]
            if time < early[s]:
                time = early[s]
            if time > late[s]:
                ok = False
            time += dur[s]
            leave.append(time)
        n = len(stops)
        ok = ok and time + travel[locs[n]][home] <= d.close[r]
        latest = [0] * (n + 2)
        latest[n + 1] = limit = d.close[r]
        for k in range(n, 0, -1):
            s = stops[k - 1]
            limit -= dur[s] + travel[locs[k]][locs[k + 1]]
            if limit > late[s]:
                limit = late[s]
            latest[k] = limit
        arc = [cost[locs[k]][locs[k + 1]] for k in range(n + 1)]
        self.locs[r], self.leave[r], self.latest[r], self.arc[r] = locs, leave, latest, arc
        self.cost[r] = sum(arc) if stops else 0
        self.loaded[r] = sum(d.load[s] for s in stops)
        route_of = self.route_of
        for s in stops:
            route_of[s] = r
        return ok

    def put(self, r: int, k: int, s: int) -> None:
        """Insert stop s at position k of route r (known to fit), updating the schedule from k."""
        d = self.day
        self.change(r)
        stops, locs, leave, latest, arc = self.stops[r], self.locs[r], self.leave[r], self.latest[r], self.arc[r]
        travel = d.travel[d.mode[r]]
        cost = d.cost[d.mode[r]]
        early, late, dur = d.early, d.late, d.dur
        was_empty = not stops
        stops.insert(k, s)
        locs.insert(k + 1, d.loc[s])
        old = arc[k]
        arc[k:k + 1] = [cost[locs[k]][locs[k + 1]], cost[locs[k + 1]][locs[k + 2]]]
        self.cost[r] += arc[k] + arc[k + 1] - (0 if was_empty else old)
        self.loaded[r] += d.load[s]
        self.route_of[s] = r
        leave.insert(k + 1, 0)
        time = leave[k]
        for j in range(k + 1, len(stops) + 1):
            t = stops[j - 1]
            time += travel[locs[j - 1]][locs[j]]
            if time < early[t]:
                time = early[t]
            time += dur[t]
            if j > k + 1 and time == leave[j]:
                break
            leave[j] = time
        latest.insert(k + 1, 0)
        limit = latest[k + 2]
        for j in range(k + 1, 0, -1):
            t = stops[j - 1]
            limit -= dur[t] + travel[locs[j]][locs[j + 1]]
            if limit > late[t]:
                limit = late[t]
            if j <= k and limit == latest[j]:
                break
            latest[j] = limit

    def span(self, r: int) -> tuple[int, int]:
        """(leave home, back home) of route r on its earliest schedule, leaving as late as the
        first stop allows; (0, 0) for an empty route."""
        stops = self.stops[r]
        if not stops:
            return 0, 0
        d = self.day
        travel = d.travel[d.mode[r]]
        locs, leave = self.locs[r], self.leave[r]
        first_start = leave[1] - d.dur[stops[0]]
        return first_start - travel[locs[0]][locs[1]], leave[-1] + travel[locs[-2]][locs[-1]]

    def within_limits(self, carer: int) -> bool:
        """The carer's work today (home to home, waits included) within the cap and longest day."""
        d = self.day
        spans = [self.span(p) for p in d.vehicles_of_carer[carer] if self.stops[p]]
        if not spans:
            return True
        cap = d.work_cap[d.vehicles_of_carer[carer][0]]
        if cap is not None and sum(b - a for a, b in spans) > cap:
            return False
        return d.max_day is None or max(b for _, b in spans) - min(a for a, _ in spans) <= d.max_day


class _Search:
    """Ruin, recreate, accept; the best routes seen are kept."""

    def __init__(self, day: _Day, routes: _Routes, rng: random.Random, left_out: float) -> None:
        self.day = day
        self.routes = routes
        self.rng = rng
        self.absent: set[int] = set(day.free) - set(routes.route_of)
        self.left_out = [min(p, left_out) for p in day.penalty]

    def total(self) -> int:
        """Travel plus the real penalty of each visit left out."""
        return sum(self.routes.cost) + sum(self.day.penalty[s] for s in self.absent)

    def annealed(self) -> float:
        """Travel plus what the annealing charges for each visit left out."""
        return sum(self.routes.cost) + sum(self.left_out[s] for s in self.absent)

    # --- ruin ----------------------------------------------------------------------------------

    def ruin(self) -> list[int]:
        """Cut strings out of routes near a random visit; returns the visits cut."""
        day, routes, rng = self.day, self.routes, self.rng
        touched: set[int] = set()
        placed = [s for s in day.free if s in routes.route_of]
        if not placed:
            return []
        used = [len(s) for s in routes.stops if s]
        if len(used) > 1 and rng.random() < WHOLE_ROUTE:
            return self._empty_route()
        longest = min(LONGEST_STRING, sum(used) / len(used))
        most_routes = 4 * AVERAGE_REMOVED / (1 + longest) - 1
        routes_to_ruin = int(rng.uniform(1, most_routes + 1))
        seed = rng.choice(placed)
        removed: list[int] = []
        for stop in [seed, *day.neighbours[day.free_index[seed]]]:
            if len(touched) >= routes_to_ruin:
                break
            r = routes.route_of.get(stop)
            if r is None or r in touched or stop in removed:
                continue
            touched.add(r)
            removed += self._cut(r, stop, int(rng.uniform(1, min(len(routes.stops[r]), longest) + 1)))
        return removed

    def _empty_route(self) -> list[int]:
        """Take every movable visit off one route, chosen with odds falling with its length."""
        routes = self.routes
        used = [r for r, stops in enumerate(routes.stops) if stops]
        r = self.rng.choices(used, weights=[1 / len(routes.stops[r]) for r in used])[0]
        removed = [s for s in routes.stops[r] if s in self.day.movable]
        return self._cut_out(r, removed)

    def _cut(self, r: int, stop: int, length: int) -> list[int]:
        """Remove a string of `length` movable visits holding `stop` from route r (or, half the
        time, a longer string with a run kept in its middle)."""
        routes, rng, day = self.routes, self.rng, self.day
        stops = routes.stops[r]
        at = stops.index(stop)
        kept = 0
        if rng.random() < 0.5 and length < len(stops):
            kept = 1
            while kept < len(stops) - length and rng.random() > KEEP:
                kept += 1
        span = min(len(stops), length + kept)
        first = rng.randint(max(0, at - span + 1), min(at, len(stops) - span))
        window = stops[first:first + span]
        if kept:
            skip = rng.randint(0, span - kept)
            window = window[:skip] + window[skip + kept:]
        return self._cut_out(r, [s for s in window if s in day.movable])

    def _cut_out(self, r: int, removed: list[int]) -> list[int]:
        routes = self.routes
        routes.change(r)
        gone = set(removed)
        routes.stops[r] = [s for s in routes.stops[r] if s not in gone]
        for s in removed:
            del routes.route_of[s]
        routes.refresh(r)
        return removed

    # --- recreate ------------------------------------------------------------------------------

    def recreate(self, removed: list[int]) -> None:
        """Put each visit back at its cheapest place (sometimes skipping one), in one of a few
        orders: at random, biggest, tightest window, earliest, farthest from the carers' homes or
        nearest to them first. A visit with no place stays absent.

        The far-first order (the paper's "far", with "close" less often) puts a remote visit in
        first, where it may open a route of its own: RC108's shortest day has a route of one
        visit. With these two orders, 5 of 32 runs of RC108 and 1 of 16 of RC204 ended more than
        0.5% behind VROOM, against 8 of 32 and 3 of 16 without (bench/RESULTS.md)."""
        day, rng = self.day, self.rng
        order = rng.random()
        if order < 0.35:
            rng.shuffle(removed)
        elif order < 0.6:
            removed.sort(key=lambda s: -day.load[s] - day.dur[s])
        elif order < 0.75:
            removed.sort(key=lambda s: day.late[s] - day.early[s])
        elif order < 0.85:
            removed.sort(key=lambda s: day.early[s])
        elif order < 0.95:
            removed.sort(key=lambda s: -day.far[s])
        else:
            removed.sort(key=lambda s: day.far[s])
        for stop in removed:
            if self.insert(stop):
                self.absent.discard(stop)
            else:
                self.absent.add(stop)

    def insert(self, s: int) -> bool:
        """Insert stop s at the cheapest place found; False if it has none."""
        day, routes = self.day, self.routes
        rand = self.rng.random
        early, late, dur, load = day.early[s], day.late[s], day.dur[s], day.load[s]
        need = early + dur
        loc = day.loc[s]
        all_stops, all_leave, all_latest = routes.stops, routes.leave, routes.latest
        best = None
        best_delta = math.inf
        limited = []
        empty_kinds = set()
        columns = {}
        for r in day.allowed[s]:
            if not all_stops[r]:
                kind = day.kind[r]
                if kind in empty_kinds:
                    continue
                empty_kinds.add(kind)
            leave, latest = all_leave[r], all_latest[r]
            # Both lists only grow along a route: the places worth trying are a band of it, often
            # none at all when windows are tight.
            first, last = bisect_left(latest, need, 1) - 1, bisect_right(leave, late)
            if first >= last:
                continue
            if routes.loaded[r] + load > day.capacity[r]:
                continue
            mode = day.mode[r]
            if mode not in columns:
                columns[mode] = (day.travel_in[mode][loc], day.cost_in[mode][loc],
                                 day.travel[mode][loc], day.cost[mode][loc])
            t_in, c_in, t_out, c_out = columns[mode]
            locs, arc = routes.locs[r], routes.arc[r]
            for k in range(first, last):
                prev, nxt = locs[k], locs[k + 1]
                delta = c_in[prev] + c_out[nxt] - arc[k]
                if delta >= best_delta:
                    continue
                start = leave[k] + t_in[prev]
                if start < early:
                    start = early
                if start > late or start + dur + t_out[nxt] > latest[k + 1] or rand() < BLINK:
                    continue
                if day.limited[r]:
                    limited.append((delta, r, k))
                else:
                    best, best_delta = (r, k), delta
        for delta, r, k in sorted(limited):
            if delta >= best_delta:
                break
            if self._fits_limits(r, k, s):
                best, best_delta = (r, k), delta
                break
        if best is None:
            return False
        routes.put(best[0], best[1], s)
        return True

    def _fits_limits(self, r: int, k: int, s: int) -> bool:
        """Whether the carer stays within the work cap and longest day with s at place k of r."""
        routes = self.routes
        routes.stops[r].insert(k, s)
        routes.refresh(r)
        fits = routes.within_limits(self.day.carer[r])
        del routes.stops[r][k]
        routes.refresh(r)
        routes.route_of.pop(s, None)
        return fits


class _Pool:
    """The carers' routes of good solutions met, as stop numbers per vehicle position."""

    def __init__(self, day: _Day, routes: _Routes) -> None:
        self.day = day
        self.routes = routes
        self.seen: set[tuple[tuple[int, tuple[int, ...]], ...]] = set()

    def note(self, changed) -> None:
        """Pool the routes of the carers of the changed routes, as they are now."""
        if len(self.seen) < MOST_COLUMNS:
            self._add(changed, self.routes.stops)

    def note_best(self, stops_per_route) -> None:
        """Pool the routes of the best solution, whatever the pool holds already: the set
        partitioning starts from them."""
        self._add([r for r, stops in enumerate(stops_per_route) if stops], stops_per_route)

    def _add(self, changed, stops_per_route) -> None:
        day = self.day
        for carer in {day.carer[r] for r in changed}:
            self.seen.add(tuple((p, tuple(stops_per_route[p])) for p in day.vehicles_of_carer[carer]))

    def columns(self, vehicles: int) -> tuple[Column, ...]:
        """The pooled routes timed and costed."""
        day = self.day
        scratch = _Routes(day, vehicles)
        out = []
        for key in self.seen:
            routes = []
            for p, stops in key:
                scratch.stops[p] = list(stops)
                scratch.refresh(p)
                routes.append((p, _timed(scratch, p)))
            out.append(Column(day.carer[key[0][0]], tuple(routes), sum(scratch.cost[p] for p, _ in key)))
        return tuple(out)


def improve_day(problem: Problem, task: DayTask, cancel: threading.Event | None = None) -> DayResult:
    """Search the day from the task's routes until its deadline (or its seconds) or a cancel."""
    began = time.monotonic()
    until = began + task.seconds
    if task.deadline is not None:
        until = min(until, task.deadline)
    day = _Day(problem, task)
    if not day.solvable or not task.routes:
        return DayResult(task.day, (), False, time.monotonic() - began)
    routes = _Routes(day, len(task.vehicles))
    free_of_visit = {day.visit[s]: s for s in day.free}
    for position, visits in task.routes:
        routes.stops[position] = [
            free_of_visit[v] if v in free_of_visit else day.fixed_stop[(v, position)] for v in visits
        ]
        if not routes.refresh(position):
            return DayResult(task.day, (), False, time.monotonic() - began)
    arcs = sum(len(s) + 1 for s in routes.stops if s) or 1
    mean_arc = sum(routes.cost) / arcs
    hot, cold = (max(1e-6, t * mean_arc) for t in (task.heat, COOLED))
    left_out = math.inf if task.left_out is None else task.left_out * mean_arc
    rng = random.Random(task.seed)
    search = _Search(day, routes, rng, left_out)
    search.recreate(sorted(search.absent))
    routes.keep()
    current = search.annealed()
    accepted = [list(s) for s in routes.stops]
    best, best_stops = search.total(), accepted
    pool = _Pool(day, routes)
    cooled, to = task.cooling
    temperature = hot * (cold / hot) ** cooled
    steps = 0
    while True:
        steps += 1
        if steps % 16 == 0:
            now = time.monotonic()
            if now >= until or (cancel is not None and cancel.is_set()):
                break
            temperature = hot * (cold / hot) ** (cooled + (to - cooled) * (now - began) / max(1e-9, until - began))
        absent = set(search.absent)
        search.recreate(search.ruin() + sorted(absent))
        candidate = search.annealed()
        if candidate < current - temperature * math.log(1.0 - rng.random()):
            current = candidate
            accepted = [list(routes.stops[r]) if r in routes.saved else s for r, s in enumerate(accepted)]
            if not search.absent and current <= best * POOL_WINDOW:
                pool.note(routes.saved)
            routes.keep()
            total = search.total()
            if total < best:
                best, best_stops = total, accepted
        else:
            routes.undo()
            for s in absent - search.absent:
                del routes.route_of[s]
            search.absent = absent
    pool.note_best(best_stops)
    result = _result(task, day, best_stops, time.monotonic() - began)
    return replace(result, columns=pool.columns(len(task.vehicles))) if result.found else result


def _result(task: DayTask, day: _Day, stops_per_route, seconds: float) -> DayResult:
    """The routes timed from scratch, each stop at its earliest start; a route that does not
    time (which would be a bug here) makes the search decline the day rather than return it."""
    routes = _Routes(day, len(task.vehicles))
    out = []
    for r, stops in enumerate(stops_per_route):
        if not stops:
            continue
        routes.stops[r] = list(stops)
        if not routes.refresh(r):
            return DayResult(task.day, (), False, seconds)
        out.append((r, _timed(routes, r)))
    return DayResult(task.day, tuple(out), True, seconds)


def _timed(routes: _Routes, r: int) -> tuple[tuple[int, int], ...]:
    """Route r's stops as (visit, start), each at its earliest start."""
    day = routes.day
    stops = routes.stops[r]
    return tuple((day.visit[s], leave - day.dur[s]) for leave, s in zip(routes.leave[r][1:], stops))
