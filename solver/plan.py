"""The week's tours while they are being built or repaired: which visits each carer-shift makes,
in which order, timed by `tours.time_tour`, with the weekly and daily limits kept at every step.

Every change goes through `place`, which re-times the tour and checks the carer's longest day
and weekly limit, so a plan is always within the rules; a double-up's two carers share one
fixed start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from .problem import Problem
from .tours import Timing, time_tour, window

Key = tuple[int, int]
"""(carer, shift index): one tour."""


@dataclass(frozen=True, slots=True)
class Opening:
    """A place in a tour where a visit fits on time, before the longer checks."""

    key: Key
    """The tour."""
    position: int
    """Index in the tour's visits where the visit goes."""
    earliest: int
    """Earliest start there."""
    latest: int
    """Latest start there that keeps every later visit on time."""
    added_travel: int
    """Travel minutes the visit adds to the tour."""


class Plan:
    """Mutable tours of the week with their timings, limits and who has met which client."""

    def __init__(self, problem: Problem, keys_of_day: dict[int, list[Key]]) -> None:
        self.problem = problem
        self.keys_of_day = keys_of_day
        self.stops: dict[Key, list[int]] = {k: [] for keys in keys_of_day.values() for k in keys}
        # An empty tour always has a timing.
        self.timing: dict[Key, Timing] = {k: cast(Timing, time_tour(problem, *k, [], {})) for k in self.stops}
        self.fixed: dict[int, int] = {}
        """Start of each placed double-up (both carers), follow-up pair and pinned start."""
        self.where: dict[int, list[Key]] = {}
        self.worked: dict[int, int] = {}
        """Carer -> minutes out of home this week (the weekly limit counts these)."""
        self.met: dict[int, dict[int, int]] = {}
        """Client -> carer -> visits made."""
        self.visits_of_day: dict[int, list[int]] = {}
        for index, visit in enumerate(problem.visits):
            self.visits_of_day.setdefault(visit.day, []).append(index)

    # --- reading -------------------------------------------------------------------------------

    def served(self, visit: int) -> int:
        """Carers on the visit so far."""
        return len(self.where.get(visit, ()))

    def short(self, day: int) -> list[int]:
        """Visits of the day still short of carers (none yet, or one of a double-up's two)."""
        visits = self.problem.visits
        return [v for v in self.visits_of_day.get(day, ()) if self.served(v) < visits[v].carers_needed]

    def halves(self, day: int) -> list[int]:
        """Visits of the day made only in part: a double-up with one carer, a follow-up pair with
        one of its visits (both or neither)."""
        problem = self.problem
        out = []
        for visit in self.visits_of_day.get(day, ()):
            served = self.served(visit)
            partner = problem.partner(visit)
            if 0 < served < problem.visits[visit].carers_needed or (
                    served and partner is not None and not self.served(partner)):
                out.append(visit)
        return out

    def carers_of(self, visit: int) -> set[int]:
        return {k[0] for k in self.where.get(visit, ())}

    def openings(self, visit: int, key: Key, start: int | None = None) -> list[Opening]:
        """Positions in the tour where the visit (at `start`, if given) is on time and the carer
        still gets home by the shift end."""
        problem = self.problem
        carer = problem.carers[key[0]]
        bounds = carer.shifts[key[1]]
        travel = problem.travel[carer.mode]
        v = problem.visits[visit]
        lo, hi = (start, start) if start is not None else window(problem, visit, self.fixed)
        stops = self.stops[key]
        timing = self.timing[key]
        here, home = v.location, carer.home
        found = []
        for position in range(len(stops) + 1):
            if position:
                before = problem.visits[stops[position - 1]]
                ready = timing.early[position - 1] + before.duration
                came_from = before.location
            else:
                ready, came_from = bounds.start, home
            if ready > hi:
                break
            arrive = travel[came_from][here]
            earliest = max(lo, ready + arrive)
            if position < len(stops):
                after = problem.visits[stops[position]]
                due, going_to = timing.late[position], after.location
            else:
                due, going_to = bounds.end, home
            leave = travel[here][going_to]
            latest = min(hi, due - leave - v.duration)
            if earliest <= latest:
                found.append(Opening(key, position, earliest, latest,
                                     arrive + leave - travel[came_from][going_to]))
        return found

    def fits(self, visit: int, opening: Opening, start: int | None = None) -> Timing | None:
        """The tour's new timing with the visit in, if every rule still holds."""
        key = opening.key
        if key[0] in self.carers_of(visit):
            return None
        fixed = self.fixed
        if start is not None:
            fixed = dict(fixed)
            fixed[visit] = start
        stops = self.stops[key]
        trial = stops[: opening.position] + [visit] + stops[opening.position:]
        capacity = self.problem.carers[key[0]].capacity
        if capacity is not None and self.timing[key].load + self.problem.visits[visit].load > capacity:
            return None
        timing = time_tour(self.problem, *key, trial, fixed)
        if timing is None or not self._within_limits(key, timing):
            return None
        return timing

    def _within_limits(self, key: Key, timing: Timing) -> bool:
        problem = self.problem
        carer_index, shift_index = key
        carer = problem.carers[carer_index]
        old = self.timing[key]
        if carer.max_week_minutes is not None:
            if self.worked.get(carer_index, 0) - old.minutes + timing.minutes > carer.max_week_minutes:
                return False
        if problem.max_day_minutes is not None:
            day = carer.shifts[shift_index].day
            leave, back = timing.leave, timing.back
            for other in self.keys_of_day.get(day, ()):
                if other[0] == carer_index and other != key and self.stops[other]:
                    leave = min(leave, self.timing[other].leave)
                    back = max(back, self.timing[other].back)
            if back - leave > problem.max_day_minutes:
                return False
        return True

    def day_cost(self, day: int) -> tuple[int, int]:
        """(carer-places left empty, cost of travel and lateness) of the day: what the searches
        over the plan lower."""
        visits = self.problem.visits
        empty = sum(visits[v].carers_needed - self.served(v) for v in self.visits_of_day[day])
        weights = self.problem.weights
        cost = 0
        for key in self.keys_of_day.get(day, ()):
            timing = self.timing[key]
            cost += weights.travel_minute * timing.travel + weights.distance_metre * timing.distance
            if weights.lateness_minute:
                cost += sum(weights.late_cost(visits[v], start) for v, start in zip(self.stops[key], timing.starts))
        return empty, cost

    def added_distance(self, visit: int, opening: Opening) -> int:
        """Distance the visit adds to the tour at the opening."""
        problem = self.problem
        stops = self.stops[opening.key]
        home = problem.carers[opening.key[0]].home
        before = problem.visits[stops[opening.position - 1]].location if opening.position else home
        after = problem.visits[stops[opening.position]].location if opening.position < len(stops) else home
        here = problem.visits[visit].location
        metres = problem.distance
        return metres[before][here] + metres[here][after] - metres[before][after]

    def snapshot(self, day: int) -> tuple:
        """The day's tours, to roll back to once, even after other days changed."""
        visits = self.visits_of_day[day]
        return (
            day,
            {k: (list(self.stops[k]), self.timing[k]) for k in self.keys_of_day.get(day, ())},
            {v: list(self.where[v]) for v in visits if v in self.where},
            {v: self.fixed[v] for v in visits if v in self.fixed},
        )

    def rollback(self, snapshot: tuple) -> None:
        """Back to the snapshot of the day. The week's minutes and who met whom change by the
        day's difference only, so what other days did since stays."""
        day, tours, where, fixed = snapshot
        for key, (stops, timing) in tours.items():
            self.stops[key] = stops
            self._retime(key, timing)
        for v in self.visits_of_day[day]:
            self._meet(v, self.where.pop(v, ()), -1)
            self.fixed.pop(v, None)
        for v, keys in where.items():
            self.where[v] = keys
            self._meet(v, keys, 1)
        self.fixed.update(fixed)

    # --- changing ------------------------------------------------------------------------------

    def place(self, visit: int, opening: Opening, timing: Timing, start: int | None = None) -> None:
        """Put the visit in the tour with the timing `fits` returned."""
        key = opening.key
        self.stops[key].insert(opening.position, visit)
        self._retime(key, timing)
        if start is None and self.problem.partner(visit) is not None:
            # A follow-up pair keeps the starts it was placed at: each one's window is cut by the
            # other's start, so neither may move on its own later.
            start = timing.starts[opening.position]
        if start is not None:
            self.fixed[visit] = start
        self.where.setdefault(visit, []).append(key)
        self._meet(visit, (key,), 1)

    def remove(self, visit: int) -> list[Key]:
        """Take the visit out of every tour it is in (both carers of a double-up); returns them."""
        keys = self.where.pop(visit, [])
        for key in keys:
            stops = [v for v in self.stops[key] if v != visit]
            self.stops[key] = stops
            timing = time_tour(self.problem, *key, stops, self.fixed)
            # Taking a visit out never breaks a rule, but keep the old timing if it ever would.
            self._retime(key, timing or self.timing[key])
        self._meet(visit, keys, -1)
        self.fixed.pop(visit, None)
        return keys

    def load(self, key: Key, stops: list[int], starts: dict[int, int]) -> bool:
        """Set a whole tour (from the routing search), double-up starts as given; False (and the
        tour left empty) when it breaks a rule here."""
        fixed = dict(self.fixed)
        fixed.update(starts)
        timing = time_tour(self.problem, *key, stops, fixed)
        if timing is None or not self._within_limits(key, timing):
            return False
        self.fixed.update(starts)
        self.stops[key] = list(stops)
        self._retime(key, timing)
        for visit in stops:
            self.where.setdefault(visit, []).append(key)
            self._meet(visit, (key,), 1)
        return True

    def _meet(self, visit: int, keys, visits: int) -> None:
        """Count `visits` more (or fewer) visits to the visit's client by each tour's carer."""
        client = self.problem.visits[visit].client
        if client is None or not keys:
            return
        seen = self.met.setdefault(client, {})
        for key in keys:
            made = seen.get(key[0], 0) + visits
            if made:
                seen[key[0]] = made
            else:
                del seen[key[0]]
        if not seen:
            del self.met[client]

    def _retime(self, key: Key, timing: Timing) -> None:
        old = self.timing[key]
        self.timing[key] = timing
        carer = key[0]
        self.worked[carer] = self.worked.get(carer, 0) - old.minutes + timing.minutes
