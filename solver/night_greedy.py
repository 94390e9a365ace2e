"""Rounds by hand-rule: earliest-start timing of a visit order, and cheapest insertion.

The ruin-and-recreate engine starts from these rounds and reuses the insertion; responsive-call
insertion reuses the timing.
"""

from __future__ import annotations

from .night_problem import HOUR, NightProblem, hour_caps, overlap


def earliest_starts(
    problem: NightProblem, crew_index: int, order: list[int], *, reserve: bool = True,
) -> list[int] | None:
    """Start times for the visits in order, each as early as travel and its window allow; None if a
    window is missed, the crew is back after the round, or (with reserve) an hour is over-booked.

    Starting as early as possible is best for a fixed order: an earlier visit only leaves more of
    the later hours, where the rest of the round falls, free.
    """
    crew = problem.crews[crew_index]
    caps = hour_caps(crew.start, crew.end, problem.reserve_per_hour) if reserve else []
    first_hour = caps[0][0] if caps else 0
    room = [cap for _, _, cap in caps]
    clock, here, starts = crew.start, crew.base, []
    for i in order:
        v = problem.visits[i]
        start = max(v.window_start, clock + problem.travel[here][v.place])
        if caps:
            start = _push_for_reserve(start, v.duration, first_hour, room)
        if start is None or start > v.window_end:
            return None
        for h in range((start - first_hour) // HOUR, (start + v.duration - 1 - first_hour) // HOUR + 1) if caps else ():
            lo = first_hour + h * HOUR
            room[h] -= overlap(start, start + v.duration, lo, lo + HOUR)
        starts.append(start)
        clock, here = start + v.duration, v.place
    if clock + problem.travel[here][crew.base] > crew.end:
        return None
    if problem.break_after and starts and clock - starts[0] > problem.break_after and \
            break_gap(problem, order, starts) is None:
        return None
    return starts


def break_gap(problem: NightProblem, order: list[int], starts: list[int]) -> int | None:
    """Index i of the first pair of visits (i, i+1) with room for the break after the drive, or None."""
    visits = problem.visits
    for i in range(len(order) - 1):
        a, b = visits[order[i]], visits[order[i + 1]]
        if starts[i] + a.duration + problem.travel[a.place][b.place] + problem.break_minutes <= starts[i + 1]:
            return i
    return None


def _push_for_reserve(start: int, duration: int, first_hour: int, room: list[int]) -> int | None:
    """The earliest start from `start` on at which the visit fits in every hour's remaining room."""
    h = (start - first_hour) // HOUR
    while h < len(room):
        lo = first_hour + h * HOUR
        if start >= lo + HOUR:
            h += 1
            continue
        if min(start + duration, lo + HOUR) - max(start, lo) > room[h]:
            start = lo + HOUR - room[h]  # leave only what still fits in this hour
            h += 1 if room[h] == 0 else 0
            continue
        if start + duration <= lo + HOUR:
            return start
        h += 1
    return None if start + duration > first_hour + len(room) * HOUR else start


def route_drive(problem: NightProblem, crew_index: int, order: list[int]) -> int:
    """Driving minutes of a round, base to base."""
    crew = problem.crews[crew_index]
    places = [crew.base] + [problem.visits[i].place for i in order] + [crew.base]
    return sum(problem.travel[a][b] for a, b in zip(places, places[1:])) if order else 0


def cheapest_place(problem: NightProblem, orders: list[list[int]], i: int) -> tuple[int, int, int] | None:
    """(added driving, crew, position) of the feasible place for visit i that adds least driving."""
    best, visit = None, problem.visits[i]
    for k, crew in enumerate(problem.crews):
        if not crew.can_make(visit):
            continue
        order = orders[k]
        places = [crew.base] + [problem.visits[j].place for j in order] + [crew.base]
        for pos in range(len(order) + 1):
            a, b = places[pos], places[pos + 1]
            added = problem.travel[a][visit.place] + problem.travel[visit.place][b]
            added -= problem.travel[a][b] if order else 0
            if best is not None and added >= best[0]:
                continue
            if earliest_starts(problem, k, order[:pos] + [i] + order[pos:]) is not None:
                best = (added, k, pos)
    return best


def greedy_rounds(problem: NightProblem) -> list[list[int]]:
    """Visit orders per crew: visits taken tightest-window first, each put where it adds least driving."""
    orders: list[list[int]] = [[] for _ in problem.crews]
    visits = problem.visits
    todo = sorted(range(len(visits)), key=lambda i: (
        visits[i].optional, visits[i].window_end - visits[i].window_start, visits[i].window_start))
    for i in todo:
        place = cheapest_place(problem, orders, i)
        if place:
            orders[place[1]].insert(place[2], i)
    return orders
