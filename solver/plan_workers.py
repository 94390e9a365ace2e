"""The ruin and recreate searches over the plan, day by day, on every core: covering the places
left empty (`lns.DayCover`) and lowering the whole day cost (`lns.tighten_day`). Each worker
rebuilds the plan from its tours and searches its share of the days (with fewer days than
workers, every worker all of them, each with its own seed), and a day comes back into the plan
only when it is no worse there (`lns.whole_cost`).

Days are independent but for the weekly limit, so each worker may give a carer only its share of
what is left of the carer's week: a share by the carer's shifts on its days. The plan checks the
limit again as each day comes back."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from .construct import Builder
from .lns import DayCover, tighten_day, whole_cost
from .plan import Key, Plan
from .problem import Problem
from .workers import in_pool

SLICE = 1.0
"""Seconds a search spends on one day before turning to the next, so a hard day does not starve
the others."""

POOL_START = 2.0
"""Seconds of search below which it stays in the calling process: starting the workers and
rebuilding the plan in each takes a fraction of a second (more under spawn)."""

DaySearch = Callable[[Callable[[], bool]], bool]
"""One day's search, one slice at a time: search(stop) -> whether the day has more to do."""


def _cover(builder: Builder, day: int, rng: random.Random) -> DaySearch:
    covering = DayCover(builder, day, rng)
    return lambda stop: covering.search(stop) > 0


def _tighten(builder: Builder, day: int, rng: random.Random) -> DaySearch:
    """A day with places still empty is covered first: the tightening only keeps them."""
    covering = DayCover(builder, day, rng)

    def search(stop: Callable[[], bool]) -> bool:
        if builder.plan.day_cost(day)[0]:
            covering.search(stop)
            return True
        return tighten_day(builder, day, stop, rng)

    return search


SEARCHES: dict[str, Callable[[Builder, int, random.Random], DaySearch]] = {
    "cover": _cover,
    "tighten": _tighten,
}
"""Per search: the day's search, made once per day so it can go on where the last slice left it
(covering starts over from time to time, and keeps its best day meanwhile)."""


@dataclass(frozen=True, slots=True)
class DaysTask:
    """One worker's share: the plan as tours, the search, its days, and until when."""

    search: str
    """A key of SEARCHES."""
    days: tuple[int, ...]
    """Days this worker searches."""
    tours: tuple[tuple[Key, tuple[int, ...]], ...]
    """Every tour of the week with visits, in the order they were loaded."""
    fixed: tuple[tuple[int, int], ...]
    """(visit, start) of the starts the plan holds fixed (double-ups, follow-ups, pins)."""
    held_back: tuple[tuple[int, int], ...]
    """(carer, minutes) of the weekly limit left to the other workers' days."""
    seed: int
    """Seed of this worker's search."""
    deadline: float
    """time.monotonic() by which the worker returns."""


@dataclass(frozen=True, slots=True)
class SearchedDay:
    """A day as a worker left it."""

    day: int
    cost: tuple[int, int]
    """`lns.whole_cost` of the day in the worker's plan."""
    tours: tuple[tuple[Key, tuple[int, ...]], ...]
    """The day's tours with visits."""
    fixed: tuple[tuple[int, int], ...]
    """(visit, start) of the day's fixed starts."""


def search_days(search: str, builder: Builder, days, workers: int, keys, stop: Callable[[], bool], until: float,
                seed: int, tick: Callable[[], None] = lambda: None) -> None:
    """Search the days until `until` (cover: only those with places left empty), in worker
    processes when the time is worth starting them; tick() as the search goes on.

    Covering ends on most days within a slice, but now and then a day takes many times longer
    than with another seed (demo week at 2,600 hours: 11 to over 55 s for one seed or another), so
    the days still open after a slice here go to every worker, each with its own seed, and the
    first to cover them all stops the others."""
    plan = builder.plan
    rng = random.Random(seed)
    if search == "cover":
        first = min(until, time.monotonic() + SLICE)
        in_turn(search, builder, [d for d in days if plan.day_cost(d)[0]],
                lambda: stop() or time.monotonic() > first, rng, tick)
        days = [d for d in days if plan.day_cost(d)[0]]
    if not days or stop():
        return
    tick()
    if workers > 1 and until - time.monotonic() > POOL_START:
        tasks = shares(search, plan, days, workers, seed, until)
        found = in_pool(search_in_worker, builder.problem, (plan.keys_of_day, keys), tasks, workers, stop,
                        lambda n: tick(), enough=lambda share: search == "cover" and _covered(share))
        take_in(builder, [day for share in found for day in share])
    else:
        in_turn(search, builder, days, lambda: stop() or time.monotonic() > until, rng, tick)


def _covered(share: list[SearchedDay]) -> bool:
    return bool(share) and not any(day.cost[0] for day in share)


def in_turn(search: str, builder: Builder, days, stop: Callable[[], bool], rng: random.Random,
            tick: Callable[[], None] = lambda: None) -> None:
    """Search the days a slice of time each in turn until stopped or none has more to do;
    tick() after each slice."""
    searches = {day: SEARCHES[search](builder, day, rng) for day in days}
    left = list(days)
    while left and not stop():
        for day in list(left):
            until = time.monotonic() + SLICE
            if not searches[day](lambda: stop() or time.monotonic() > until):
                left.remove(day)
            tick()


def shares(search: str, plan: Plan, days, workers: int, seed: int, deadline: float) -> list[DaysTask]:
    """The days dealt out to the workers, biggest first to the least loaded; to cover, or with
    fewer days than workers, every worker gets every day."""
    if search == "cover" or len(days) < workers:
        dealt = [list(days) for _ in range(workers)]
    else:
        dealt = [[] for _ in range(workers)]
        for day in sorted(days, key=lambda d: -len(plan.visits_of_day.get(d, ()))):
            min(dealt, key=lambda mine: sum(len(plan.visits_of_day.get(d, ())) for d in mine)).append(day)
    tours = tuple((key, tuple(stops)) for key, stops in plan.stops.items() if stops)
    fixed = tuple(plan.fixed.items())
    return [DaysTask(search, tuple(mine), tours, fixed, _held_back(plan, days, mine), seed + k, deadline)
            for k, mine in enumerate(dealt)]


def _held_back(plan: Plan, days, mine) -> tuple[tuple[int, int], ...]:
    """Per carer with a weekly limit: what is left of it, less this worker's share."""
    problem = plan.problem
    held = []
    for carer_index, carer in enumerate(problem.carers):
        if carer.max_week_minutes is None:
            continue
        left = carer.max_week_minutes - plan.worked.get(carer_index, 0)
        shifts = [s.day for s in carer.shifts if s.day in days]
        if left <= 0 or not shifts:
            continue
        share = sum(d in mine for d in shifts) / len(shifts)
        held.append((carer_index, left - int(left * share)))
    return tuple(held)


def search_in_worker(problem: Problem, shared, task: DaysTask, cancel) -> list[SearchedDay]:
    """A worker's share searched in its own copy of the plan (`workers.in_pool` work)."""
    keys_of_day, keys = shared
    plan = Plan(problem, keys_of_day)
    fixed = dict(task.fixed)
    for key, stops in task.tours:
        if not plan.load(key, list(stops), {v: fixed[v] for v in stops if v in fixed}):
            return []
    for carer, minutes in task.held_back:
        plan.worked[carer] = plan.worked.get(carer, 0) + minutes
    builder = Builder(plan, keys)
    in_turn(task.search, builder, task.days, lambda: cancel.is_set() or time.monotonic() > task.deadline,
            random.Random(task.seed))
    out = []
    for day in task.days:
        tours = tuple((key, tuple(plan.stops[key])) for key in plan.keys_of_day.get(day, ()) if plan.stops[key])
        starts = tuple((v, plan.fixed[v]) for v in plan.visits_of_day.get(day, ()) if v in plan.fixed)
        out.append(SearchedDay(day, whole_cost(plan, day), tours, starts))
    return out


def take_in(builder: Builder, searched: list[SearchedDay]) -> None:
    """Each day the workers made better taken into the plan when it is no worse there (the best
    of several workers' versions of a day first)."""
    plan = builder.plan
    for found in sorted(searched, key=lambda t: t.cost):
        if found.cost < whole_cost(plan, found.day):
            builder.replace_day(found.day, found.tours, dict(found.fixed), lambda: whole_cost(plan, found.day))
