"""Ruin and recreate over the plan: take out the visits that compete with one visit (same time,
tours that could make it, nearby clients), put it in first and the others back cheapest-first,
and keep the change when it is no worse. For coverage (`DayCover`), around a visit left out,
judged by the places left empty and then travel; for the whole cost (`tighten_day`), around a
visit drawn by its lateness, judged by the places, travel, lateness and continuity together.
Covering starts a day over when stuck, keeping the best day it found.
Seeded, so a solve is repeatable for a given amount of work."""

from __future__ import annotations

import random
from collections.abc import Callable

from .construct import Builder

RUIN_TOURS = 3
"""Tours emptied around the left-out visit at each step (at most)."""
RUIN_NEIGHBOURS = 8
"""Further visits of the same time, nearest first, taken out of other tours."""
SLACK = 0.0
"""Share of extra travel accepted for a change that leaves coverage as it was."""
RESTART_STEPS = 400
"""Steps without filling a place after which covering a day starts over from the day built
afresh (about 2 s at 2,600 hours a week). From one start a search covers a hard day within a few
hundred steps or, stuck where no single ruin helps, not in thousands: on the demo week at 2,600
hours, the five days the insertion left short x 5 seeds, 4 of 25 searches were still short after
20 s; starting over, 1 of 40 (x 8 seeds), most covered within 6 s."""


class DayCover:
    """Covering one day's empty places by ruin and recreate around a visit left out, judged by
    the places left empty and then travel; searched a slice at a time, starting over from the day
    built afresh when stuck (RESTART_STEPS). Between slices the plan shows the best day found."""

    def __init__(self, builder: Builder, day: int, rng: random.Random) -> None:
        self.builder, self.day, self.rng = builder, day, rng
        self.stuck = 0
        """Steps since a place was last filled."""
        self.kept: tuple[tuple[int, int], tuple] | None = None
        """(cost, snapshot) of a better day than the current search's, left when starting over."""
        self.resume: tuple | None = None
        """Snapshot of the current search while the plan shows the kept day between slices."""

    def search(self, stop: Callable[[], bool], max_steps: int = 100_000) -> int:
        """Go on until the day is covered, the stop says so or max_steps; returns empty places."""
        plan, day = self.builder.plan, self.day
        if self.resume is not None:
            assert self.kept is not None  # a search is only set aside while a kept day is shown
            kept = plan.snapshot(day)
            plan.rollback(self.resume)
            self.kept, self.resume = (self.kept[0], kept), None
        best = plan.day_cost(day)
        steps = 0
        while best[0] and steps < max_steps and not stop():
            steps += 1
            now = self._step(best)
            if now is None:
                break
            self.stuck = 0 if now[0] < best[0] else self.stuck + 1
            best = now
            if self.kept is not None and best < self.kept[0]:
                self.kept = None
            if self.stuck >= RESTART_STEPS:
                if self.kept is None or best < self.kept[0]:
                    self.kept = (best, plan.snapshot(day))
                self._start_over()
                best, self.stuck = plan.day_cost(day), 0
        if self.kept is not None and self.kept[0] < best:
            self.resume = plan.snapshot(day)
            plan.rollback(self.kept[1])
            best = self.kept[0]
        return best[0]

    def _step(self, best: tuple[int, int]) -> tuple[int, int] | None:
        """One ruin and recreate, kept when no worse than best; the day's cost after it (None
        when no visit is left out)."""
        builder, plan, rng = self.builder, self.builder.plan, self.rng
        left = plan.short(self.day)
        if not left:
            return None
        target = rng.choice(left)
        saved = plan.snapshot(self.day)
        removed = _ruin(builder, target, rng)
        for visit in left:
            if plan.served(visit):
                plan.remove(visit)
        order = [target] + sorted((v for v in left if v != target), key=builder._difficulty)
        rest = sorted(removed, key=lambda v: (builder._difficulty(v), rng.random()))
        builder.insert(target) or builder.eject(target)
        for visit in order[1:] + rest:
            builder.insert(visit)
        now = plan.day_cost(self.day)
        if now[0] < best[0] or (now[0] == best[0] and now[1] <= best[1] * (1 + SLACK)):
            return now
        plan.rollback(saved)
        return best

    def _start_over(self) -> None:
        """The day's movable visits taken out and built again, as the week's first pass did."""
        builder, plan = self.builder, self.builder.plan
        for visit in plan.visits_of_day[self.day]:
            if _movable(builder.problem, visit):
                plan.remove(visit)
        builder.repair(builder.build(plan.short(self.day)))


def _ruin(builder: Builder, target: int, rng: random.Random) -> list[int]:
    """Take out the visits standing in the target's way; returns them."""
    plan, problem = builder.plan, builder.problem
    v = problem.visits[target]
    tours = [k for k in builder.keys[target] if plan.stops[k]]
    rng.shuffle(tours)
    removed: set[int] = set()
    for key in tours[:RUIN_TOURS]:
        for other in plan.stops[key]:
            if _movable(problem, other) and Builder._overlaps(v, problem.visits[other]):
                removed.add(other)
    travel = problem.travel[0]
    near = [
        other for other in plan.visits_of_day[v.day]
        if other not in removed and other != target and plan.served(other) and _movable(problem, other)
        and Builder._overlaps(v, problem.visits[other])
    ]
    near.sort(key=lambda o: travel[v.location][problem.visits[o].location])
    removed.update(near[: rng.randint(1, RUIN_NEIGHBOURS)])
    for other in removed:
        plan.remove(other)
    return list(removed)


def _movable(problem, visit: int) -> bool:
    """A coordinator's pins stay where they are."""
    v = problem.visits[visit]
    return not v.pinned_carers and v.pinned_start is None


def tighten_day(builder: Builder, day: int, stop: Callable[[], bool], rng: random.Random) -> bool:
    """Ruin and recreate on a day for its whole cost: places left empty first, then travel,
    lateness and carers new to the day's clients (the string search weighs travel alone). Around
    a visit drawn by its lateness, take out what competes with it, put it back first and the
    others cheapest-first, keep the change when no worse. False if the day has nothing to move."""
    plan, problem = builder.plan, builder.problem
    weights = problem.weights
    best = whole_cost(plan, day)
    while not stop():
        late = []
        for key in plan.keys_of_day.get(day, ()):
            for visit, start in zip(plan.stops[key], plan.timing[key].starts):
                if _movable(problem, visit):
                    late.append((visit, 1 + weights.late_cost(problem.visits[visit], start)))
        if not late:
            return False
        target = rng.choices([v for v, _ in late], [w for _, w in late])[0]
        saved = plan.snapshot(day)
        removed = set(_ruin(builder, target, rng))
        plan.remove(target)
        for visit in plan.halves(day):
            plan.remove(visit)
            removed.add(visit)
        removed.discard(target)
        builder.insert(target)
        for visit in sorted(removed, key=lambda v: (builder._difficulty(v), rng.random())):
            builder.insert(visit)
        now = whole_cost(plan, day)
        if now <= best:
            best = now
        else:
            plan.rollback(saved)
    return True


def whole_cost(plan, day: int) -> tuple[int, int]:
    """(places left empty, travel + lateness + carers met by the day's clients) of the day."""
    problem = plan.problem
    empty, spent = plan.day_cost(day)
    clients = {problem.visits[v].client for v in plan.visits_of_day[day]} - {None}
    carers = sum(len(plan.met.get(c, ())) for c in clients)
    return empty, spent + problem.weights.new_carer_for_client * carers
