"""Building the week by insertion, and repairing it: every visit goes where it costs least (travel,
a carer new to the client, a preferred carer, hours past contract) among the tours where every
rule still holds. A double-up's two carers are placed together at one start, or not at all; so
are a visit and its follow-up, the gap between them kept.

Days are built in order, so a carer who met a client on Monday is the cheap choice on Tuesday:
continuity of care comes from the cost, not from fixed teams. Visits the first pass could not
place get a second chance by moving one visit out of the way (`repair`).
"""

from __future__ import annotations

from collections.abc import Callable

from .plan import Key, Opening, Plan
from .problem import Problem

PAIR_FIRST_CARERS = 30
"""How many of the cheapest openings to try as the first carer of a double-up (and for each
visit of a follow-up pair)."""
PAIR_STARTS = 90
"""Most (opening, start) places tried for the first visit of a follow-up pair."""
EJECT_TOURS = 12
"""How many tours to try emptying a place in, per visit left out."""


class Builder:
    """Places visits into a Plan; `keys[v]` are the tours that may make visit v."""

    def __init__(self, plan: Plan, keys: list[list[Key]]) -> None:
        self.plan = plan
        self.problem: Problem = plan.problem
        self.keys = keys

    def cost(self, visit: int, opening: Opening) -> int:
        """The objective's view of one carer making one visit at the opening."""
        problem, plan = self.problem, self.plan
        weights = problem.weights
        v = problem.visits[visit]
        carer = opening.key[0]
        total = weights.travel_minute * opening.added_travel
        if weights.distance_metre:
            total += weights.distance_metre * plan.added_distance(visit, opening)
        if v.client is not None and carer not in plan.met.get(v.client, {}):
            total += weights.new_carer_for_client
        if carer in v.preferred_carers:
            total -= weights.preferred_carer_bonus
        over = plan.worked.get(carer, 0) + v.duration - problem.carers[carer].contracted_minutes
        if over > 0:
            total += weights.contract_gap_minute * min(over, v.duration)
        return total

    def build(self, visits: list[int], stop: Callable[[], bool] | None = None) -> list[int]:
        """Insert the visits day by day, hardest first; returns those left out."""
        left = []
        for visit in sorted(visits, key=self._difficulty):
            if stop is not None and stop():
                left.append(visit)
            elif not self.insert(visit):
                left.append(visit)
        return left

    def replace_day(self, day: int, tours, starts: dict[int, int], cost: Callable[[], tuple]) -> bool:
        """Replace the day's tours with these (visits in order per tour, double-up and other fixed
        starts as given), visits a tour cannot take back in by insertion, unless `cost()` comes
        out worse than before; whether they were taken."""
        plan = self.plan
        before = cost()
        saved = plan.snapshot(day)
        for visit in plan.visits_of_day.get(day, ()):
            plan.remove(visit)
        for key, visits in tours:
            # A tour that breaks a rule here (no room for a break, the weekly limit) is dropped;
            # its visits go back in by insertion below.
            plan.load(key, list(visits), {v: starts[v] for v in visits if v in starts})
        for visit in plan.halves(day):
            plan.remove(visit)
        self.build([v for v in plan.visits_of_day.get(day, ()) if not plan.served(v)])
        if cost() > before:
            plan.rollback(saved)
            return False
        return True

    def _difficulty(self, visit: int) -> tuple:
        """Pins first, then the visits with the least choice: few tours times a narrow window,
        a double-up counting as four times harder (it needs two tours free at once)."""
        v = self.problem.visits[visit]
        pinned = bool(v.pinned_carers) or v.pinned_start is not None
        choice = len(self.keys[visit]) * (v.latest - v.earliest + 30) / v.carers_needed ** 2
        return (v.day, not pinned, choice, v.earliest)

    def insert(self, visit: int) -> bool:
        """Give the visit all the carers it needs (a double-up both at once); False if it cannot."""
        v = self.problem.visits[visit]
        missing = v.carers_needed - self.plan.served(visit)
        if missing <= 0:
            return True
        if missing == 1:
            partner = self.problem.partner(visit)
            if partner is not None:
                return self._at_earliest(visit) if self.plan.served(partner) else self._follow_up_pair(visit)
            return self._single(visit, self.plan.fixed.get(visit) if self.plan.served(visit) else None)
        return self._pair(visit)

    def _tours(self, visit: int, copy: int = 0) -> list[Key]:
        """Tours for one carer-place: a pinned carer's tours for the pinned places."""
        v = self.problem.visits[visit]
        pins = [c for c in v.pinned_carers if c not in self.plan.carers_of(visit)]
        if pins and copy < len(pins):
            return [k for k in self.plan.keys_of_day.get(v.day, ()) if k[0] == pins[copy]]
        return self.keys[visit]

    def _options(self, visit: int, keys: list[Key], start: int | None = None) -> list[tuple[int, Opening]]:
        """The openings for one more carer of the visit, cheapest first, counting its lateness
        at `start` or as early as the opening lets it start."""
        plan = self.plan
        taken = plan.carers_of(visit)
        options = [
            (self.cost(visit, o) + self._lateness(visit, o.earliest if start is None else start), o)
            for key in keys if all(self.problem.may_pair(visit, key[0], c) for c in taken)
            for o in plan.openings(visit, key, start)
        ]
        options.sort(key=lambda co: (co[0], co[1].key, co[1].position))
        return options

    def _single(self, visit: int, start: int | None) -> bool:
        plan = self.plan
        for _, opening in self._options(visit, self._tours(visit), start):
            timing = plan.fits(visit, opening, start)
            if timing is not None:
                plan.place(visit, opening, timing, start)
                return True
        return False

    def _pair(self, visit: int) -> bool:
        """Both carers at one start: the cheapest pair of openings that overlap in time."""
        plan = self.plan
        v = self.problem.visits[visit]
        firsts = self._options(visit, self._tours(visit, 0))
        seconds = self._options(visit, self._tours(visit, 1)) if v.pinned_carers else firsts
        for i, (cost_a, a) in enumerate(firsts[:PAIR_FIRST_CARERS]):
            pairs = [
                (cost_a + cost_b, b) for j, (cost_b, b) in enumerate(seconds)
                if self.problem.may_pair(visit, a.key[0], b.key[0]) and (seconds is not firsts or j > i)
                and max(a.earliest, b.earliest) <= min(a.latest, b.latest)
            ]
            pairs.sort(key=lambda cb: (cb[0], cb[1].key, cb[1].position))
            for _, b in pairs:
                start = max(a.earliest, b.earliest)
                timing_a = plan.fits(visit, a, start)
                if timing_a is None:
                    break
                timing_b = plan.fits(visit, b, start)
                if timing_b is not None:
                    plan.place(visit, a, timing_a, start)
                    plan.place(visit, b, timing_b, start)
                    return True
        return False

    def _follow_up_pair(self, visit: int) -> bool:
        """A visit and its follow-up together. The first starts at one of its cheapest openings,
        as early as it can there or as early as lets the follow-up start at one of its own
        cheapest openings; these starts are tried by the cost of both visits, lateness counted,
        and the follow-up goes where it then costs least."""
        plan = self.plan
        first, then = self.problem.in_order(visit)
        low, high = self.problem.visits[then].gap
        late = self._lateness
        seconds = self._options(then, self._tours(then))[:PAIR_FIRST_CARERS]
        tried: dict[tuple[Key, int, int], tuple[int, Opening]] = {}
        for cost_a, a in self._options(first, self._tours(first))[:PAIR_FIRST_CARERS]:
            cost_a -= late(first, a.earliest)
            for cost_b, b in seconds:
                start = max(a.earliest, b.earliest - high)
                if start > min(a.latest, b.latest - low):
                    continue
                then_start = max(b.earliest, start + low)
                total = cost_a + late(first, start) + cost_b - late(then, b.earliest) + late(then, then_start)
                where = (a.key, a.position, start)
                if where not in tried or total < tried[where][0]:
                    tried[where] = (total, a)
        for (_, _, start), (_, a) in sorted(tried.items(), key=lambda t: (t[1][0], t[0]))[:PAIR_STARTS]:
            timing = plan.fits(first, a, start)
            if timing is None:
                continue
            plan.place(first, a, timing, start)
            if self._at_earliest(then):
                return True
            plan.remove(first)
        return False

    def _at_earliest(self, visit: int) -> bool:
        """A visit whose start stays fixed once placed (its partner's window hangs on it): at the
        opening that costs least with its lateness, as early as it can start there."""
        plan = self.plan
        for _, opening in self._options(visit, self._tours(visit)):
            timing = plan.fits(visit, opening, opening.earliest)
            if timing is not None:
                plan.place(visit, opening, timing, opening.earliest)
                return True
        return False

    def _lateness(self, visit: int, start: int) -> int:
        return self.problem.weights.late_cost(self.problem.visits[visit], start)

    def repair(self, visits: list[int], stop: Callable[[], bool] | None = None) -> list[int]:
        """Insert what is left out, moving one visit of a tour elsewhere to make room when the
        visit fits nowhere as things are; returns what is still left out."""
        left = []
        for visit in sorted(visits, key=self._difficulty):
            if stop is not None and stop():
                left.append(visit)
                continue
            if self.insert(visit) or self.eject(visit):
                continue
            left.append(visit)
        return left

    def eject(self, visit: int) -> bool:
        """Move one single-carer visit out of a tour so this one fits there, if the moved visit
        fits somewhere else."""
        plan, problem = self.plan, self.problem
        v = problem.visits[visit]
        if v.carers_needed != 1 or plan.served(visit):
            return False
        tours = sorted(self._tours(visit), key=lambda k: len(plan.stops[k]))[:EJECT_TOURS]
        for key in tours:
            for other in list(plan.stops[key]):
                o = problem.visits[other]
                if o.carers_needed != 1 or o.pinned_carers or o.pinned_start is not None:
                    continue
                if not self._overlaps(v, o):
                    continue
                position = plan.stops[key].index(other)
                plan.remove(other)
                if self._single(visit, None) and key in plan.where.get(visit, ()) and self.insert(other):
                    return True
                plan.remove(visit)
                self._restore(other, key, position)
        return False

    @staticmethod
    def _overlaps(a, b) -> bool:
        """Two visits compete for the same time if their possible spans overlap."""
        return a.earliest < b.latest + b.duration and b.earliest < a.latest + a.duration

    def _restore(self, visit: int, key: Key, position: int) -> None:
        plan = self.plan
        for opening in plan.openings(visit, key):
            if opening.position == position:
                timing = plan.fits(visit, opening)
                if timing is not None:
                    plan.place(visit, opening, timing)
                    return
        # The tour is as it was before, so this is not expected; keep the visit rather than lose it.
        self.insert(visit)
