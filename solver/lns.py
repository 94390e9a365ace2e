"""Ruin and recreate over the plan: take out the visits that compete with one visit (same time,
tours that could make it, nearby clients), put it in first and the others back cheapest-first,
and keep the change when it is no worse. For coverage (`cover_day`), around a visit left out,
judged by the places left empty and then travel; for the whole cost (`tighten_day`), around a
visit drawn by its lateness, judged by the places, travel, lateness and continuity together.
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


def cover_day(builder: Builder, day: int, stop: Callable[[], bool], rng: random.Random,
              max_steps: int = 100_000) -> int:
    """Search until the day is covered, the stop says so or max_steps; returns empty places left."""
    plan, problem = builder.plan, builder.problem
    best = plan.day_cost(day)
    steps = 0
    while best[0] and steps < max_steps and not stop():
        steps += 1
        left = [v for v in plan.visits_of_day[day] if plan.served(v) < problem.visits[v].carers_needed]
        if not left:
            break
        target = rng.choice(left)
        saved = plan.snapshot(day)
        removed = _ruin(builder, target, rng)
        for visit in left:
            if plan.served(visit):
                plan.remove(visit)
        order = [target] + sorted((v for v in left if v != target), key=builder._difficulty)
        rest = sorted(removed, key=lambda v: (builder._difficulty(v), rng.random()))
        builder.insert(target) or builder.eject(target)
        for visit in order[1:] + rest:
            builder.insert(visit)
        now = plan.day_cost(day)
        if now[0] < best[0] or (now[0] == best[0] and now[1] <= best[1] * (1 + SLACK)):
            best = now
        else:
            plan.rollback(saved)
    return best[0]


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
