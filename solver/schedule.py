"""From visit sequences to timed routes: arrival, start, end and travel of every stop, half-served
double-ups taken apart, and a rest break planned into every carer-day longer than the limit."""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Problem
from .solution import PlannedBreak, Route, Stop


@dataclass(slots=True)
class Tour:
    """A carer-shift's visits and starts while the week is being put together (mutable)."""

    carer: int
    shift: int
    day: int
    stops: list[tuple[int, int]]
    """(visit index, start) in order."""


def remove_half_served(problem: Problem, tours: list[Tour]) -> list[int]:
    """Take out double-ups that got only one carer; returns the visits taken out."""
    carers: dict[int, set[int]] = {}
    for tour in tours:
        for visit, _ in tour.stops:
            carers.setdefault(visit, set()).add(tour.carer)
    half = {v for v, who in carers.items() if len(who) < problem.visits[v].carers_needed}
    for tour in tours:
        tour.stops = [(v, s) for v, s in tour.stops if v not in half]
    return sorted(half)


def _legs(problem: Problem, tour: Tour) -> tuple[list[int], int]:
    """Travel into each stop (from home for the first) and from the last stop home."""
    carer = problem.carers[tour.carer]
    travel = problem.travel[carer.mode]
    legs, here = [], carer.home
    for visit, _ in tour.stops:
        location = problem.visits[visit].location
        legs.append(travel[here][location])
        here = location
    return legs, travel[here][carer.home]


def _window(problem: Problem, visit: int, start: int) -> tuple[int, int]:
    """Where a stop may move: nowhere for double-ups and pinned starts (they are synchronised)."""
    v = problem.visits[visit]
    if v.carers_needed > 1 or v.pinned_start is not None:
        return start, start
    return v.earliest, v.latest


def _span(problem: Problem, tour: Tour) -> tuple[int, int]:
    """First visit start to last visit end: the working day the break rule measures."""
    last_visit, last_start = tour.stops[-1]
    return tour.stops[0][1], last_start + problem.visits[last_visit].duration


def _home_span(problem: Problem, tour: Tour) -> tuple[int, int]:
    """Leaving home to getting back."""
    legs, home = _legs(problem, tour)
    first, last = _span(problem, tour)
    return first - legs[0], last + home


def _gap_with_break(problem: Problem, tour: Tour) -> int | None:
    """Shift stops (inside their windows) to open a break between two stops; returns its start."""
    if len(tour.stops) < 2:
        return None
    shift = problem.carers[tour.carer].shifts[tour.shift]
    legs, home = _legs(problem, tour)
    n = len(tour.stops)
    duration = [problem.visits[v].duration for v, _ in tour.stops]
    windows = [_window(problem, v, s) for v, s in tour.stops]
    early = [0] * n
    for k in range(n):
        ready = shift.start + legs[0] if k == 0 else early[k - 1] + duration[k - 1] + legs[k]
        early[k] = max(windows[k][0], ready)
    late = [0] * n
    for k in reversed(range(n)):
        due = shift.end - home - duration[k] if k == n - 1 else late[k + 1] - legs[k + 1] - duration[k]
        late[k] = min(windows[k][1], due)
    for k in range(n - 1):
        free_from = early[k] + duration[k] + legs[k + 1]
        if late[k + 1] - free_from >= problem.break_minutes:
            starts = early[: k + 1] + late[k + 1:]
            # Keep the tour as close as it was: only move what must move to open this gap.
            current = [s for _, s in tour.stops]
            if current[k + 1] - (current[k] + duration[k] + legs[k + 1]) >= problem.break_minutes:
                return current[k] + duration[k] + legs[k + 1]
            tour.stops = [(v, s) for (v, _), s in zip(tour.stops, starts)]
            return free_from
    return None


def plan_breaks(problem: Problem, tours: list[Tour]) -> tuple[list[PlannedBreak], list[int]]:
    """A break for every carer-day over the limit: between shifts if there is room, else inside a
    tour; when no gap can be opened, the tour's last visit is taken out and we try again.
    Returns the breaks and the visits taken out."""
    if problem.break_after is None:
        return [], []
    by_carer_day: dict[tuple[int, int], list[Tour]] = {}
    for tour in tours:
        if tour.stops:
            by_carer_day.setdefault((tour.carer, tour.day), []).append(tour)
    breaks, removed = [], []
    for (carer, day), day_tours in sorted(by_carer_day.items()):
        day_tours.sort(key=lambda t: problem.carers[carer].shifts[t.shift].start)
        while True:
            live = [t for t in day_tours if t.stops]
            if not live:
                break
            spans = [_span(problem, t) for t in live]
            if spans[-1][1] - spans[0][0] <= problem.break_after:
                break
            start = _break_between(problem, [_home_span(problem, t) for t in live])
            if start is None:
                for tour in sorted(live, key=lambda t: -len(t.stops)):
                    start = _gap_with_break(problem, tour)
                    if start is not None:
                        break
            if start is not None:
                breaks.append(PlannedBreak(carer, day, start, problem.break_minutes))
                break
            longest = max(live, key=lambda t: _span(problem, t)[1] - _span(problem, t)[0])
            visit, _ = longest.stops.pop()
            removed.append(visit)
    return breaks, removed


def _break_between(problem: Problem, spans: list[tuple[int, int]]) -> int | None:
    for (_, back), (leave, _) in zip(spans, spans[1:]):
        if leave - back >= problem.break_minutes:
            return back
    return None


def to_routes(problem: Problem, tours: list[Tour]) -> list[Route]:
    """Timed routes of the non-empty tours, by day, carer and shift."""
    routes = []
    for tour in sorted(tours, key=lambda t: (t.day, t.carer, problem.carers[t.carer].shifts[t.shift].start)):
        if not tour.stops:
            continue
        carer = problem.carers[tour.carer]
        legs, home = _legs(problem, tour)
        distance = problem.distance
        here, clock, stops = carer.home, None, []
        for (visit, start), leg in zip(tour.stops, legs):
            v = problem.visits[visit]
            arrival = start - leg if clock is None else clock + leg
            stops.append(Stop(visit, arrival, start, start + v.duration, leg, distance[here][v.location]))
            clock, here = start + v.duration, v.location
        routes.append(
            Route(
                carer=tour.carer, day=tour.day, shift=tour.shift,
                leave=stops[0].start - legs[0], back=clock + home,
                stops=tuple(stops), travel_home=home, distance_home=distance[here][carer.home],
            )
        )
    return routes
