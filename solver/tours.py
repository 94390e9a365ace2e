"""Timing one carer-shift tour: when each visit starts, where the rest break goes, how long the
carer is out. The same timing is used to build tours, to repair them and to write the routes, so
a tour that passes here passes the rule checker's day rules.

A tour leaves home no earlier than the shift start and is home by its end; each visit starts in
its window (a double-up or a pinned start has a window of one minute). The start times chosen are
the most compact ones: the first visit as late as the rest allows (but, where lateness is weighed,
making no visit late that need not be), every later visit as early as it can, so waiting and the
working span are as short as the order allows. When the span of the
visits is longer than the break limit, a break is opened in the gap after some visit, after the
travel to the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Problem


@dataclass(frozen=True, slots=True)
class Timing:
    """The timed tour, and the bounds used to slot another visit in."""

    starts: tuple[int, ...]
    """Start of each visit, in tour order."""
    break_start: int | None
    """Start of the planned break (None when the tour needs none)."""
    leave: int
    """When the carer leaves home."""
    back: int
    """When the carer is home again."""
    early: tuple[int, ...]
    """Earliest start of each visit given the ones before it."""
    late: tuple[int, ...]
    """Latest start of each visit that still lets every later one (and the way home) fit."""
    travel: int = 0
    """Travel minutes of the tour, home to home."""
    distance: int = 0
    """Distance of the tour, home to home."""
    load: int = 0
    """Load carried (VRPTW capacity)."""

    @property
    def minutes(self) -> int:
        """Leaving home to getting back: never less than the rule checker counts as work."""
        return self.back - self.leave


def window(problem: Problem, visit: int, fixed: dict[int, int]) -> tuple[int, int]:
    """Where the visit may start: its fixed start (double-up, pin, follow-up) or its window, cut
    to keep the gap to its partner's start when that is fixed."""
    start = fixed.get(visit)
    if start is not None:
        return start, start
    v = problem.visits[visit]
    if v.pinned_start is not None:
        return v.pinned_start, v.pinned_start
    partner = problem.partner(visit)
    if partner is not None and partner in fixed:
        low, high = problem.gap_window(visit, fixed[partner])
        return max(v.earliest, low), min(v.latest, high)
    return v.earliest, v.latest


def time_tour(problem: Problem, carer: int, shift: int, stops: list[int], fixed: dict[int, int]) -> Timing | None:
    """The compact timing of the tour with its break, or None if no timing keeps every rule."""
    person = problem.carers[carer]
    bounds = person.shifts[shift]
    travel = problem.travel[person.mode]
    visits = problem.visits
    n = len(stops)
    if n == 0:
        return Timing((), None, bounds.start, bounds.start, (), ())
    locations = [visits[v].location for v in stops]
    durations = [visits[v].duration for v in stops]
    windows = [window(problem, v, fixed) for v in stops]
    legs = [travel[a][b] for a, b in zip(locations, locations[1:])]
    out, home = travel[person.home][locations[0]], travel[locations[-1]][person.home]
    early = [0] * n
    clock = bounds.start + out
    for k in range(n):
        if k:
            clock = early[k - 1] + durations[k - 1] + legs[k - 1]
        early[k] = max(windows[k][0], clock)
        if early[k] > windows[k][1]:
            return None
    late = [0] * n
    due = bounds.end - home - durations[-1]
    for k in reversed(range(n)):
        if k < n - 1:
            due = late[k + 1] - legs[k] - durations[k]
        late[k] = min(windows[k][1], due)
        if late[k] < early[k]:
            return None
    starts = _forward(_first_start(problem, stops, early, late, durations, legs), windows, durations, legs, 0, [])
    limit = problem.break_after
    break_start = None
    if limit is not None and starts[-1] + durations[-1] - starts[0] > limit:
        best = None
        for k in range(n - 1):
            # The latest start of visit k that leaves room for the break and the travel after it.
            cap = late[k + 1] - problem.break_minutes - legs[k] - durations[k]
            if cap < early[k]:
                continue
            prefix = starts[: k + 1]
            if prefix[k] > cap:
                prefix[k] = cap
                for j in reversed(range(k)):
                    prefix[j] = min(prefix[j], prefix[j + 1] - legs[j] - durations[j])
            free = prefix[k] + durations[k] + legs[k]
            after = _forward(free + problem.break_minutes, windows, durations, legs, k + 1, prefix)
            span = after[-1] + durations[-1] - after[0]
            if best is None or span < best[0]:
                best = (span, after, free)
        if best is None:
            return None
        _, starts, break_start = best
    return Timing(tuple(starts), break_start, starts[0] - out, starts[-1] + durations[-1] + home,
                  tuple(early), tuple(late), out + sum(legs) + home, _distance(problem, person.home, locations),
                  sum(visits[v].load for v in stops))


def _first_start(problem: Problem, stops: list[int], early: list[int], late: list[int], durations, legs) -> int:
    """The first visit waits as long as the rest allows, so the carer's day is short; where
    lateness is weighed, only as long as no visit then starts after its preferred start (or its
    earliest possible start, when that is later already)."""
    if not problem.weights.lateness_minute:
        return late[0]
    visits = problem.visits
    n = len(stops)
    limit = min(late[-1], max(early[-1], visits[stops[-1]].target_start))
    for k in reversed(range(n - 1)):
        limit = min(late[k], max(early[k], visits[stops[k]].target_start), limit - legs[k] - durations[k])
    return limit


def _distance(problem: Problem, home: int, locations: list[int]) -> int:
    metres = problem.distance
    points = [home, *locations, home]
    return sum(metres[a][b] for a, b in zip(points, points[1:]))


def _forward(ready: int, windows, durations, legs, first: int, prefix: list[int]) -> list[int]:
    """Starts from visit `first` on, each as early as its window and the one before allow."""
    starts = list(prefix)
    clock = ready
    for k in range(first, len(windows)):
        if k > first:
            clock = starts[k - 1] + durations[k - 1] + legs[k - 1]
        starts.append(max(windows[k][0], clock))
    return starts
