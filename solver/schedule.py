"""From timed visit sequences to routes: arrival, start, end, travel and distance of every stop.
(The timing itself, breaks included, is `tours.time_tour`.)"""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Problem
from .solution import Route, Stop


@dataclass(slots=True)
class Tour:
    """A carer-shift's visits and starts while the week is being put together (mutable)."""

    carer: int
    shift: int
    day: int
    stops: list[tuple[int, int]]
    """(visit index, start) in order."""


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


def to_routes(problem: Problem, tours: list[Tour]) -> list[Route]:
    """Timed routes of the non-empty tours, by day, carer and shift."""
    routes = []
    for tour in sorted(tours, key=lambda t: (t.day, t.carer, problem.carers[t.carer].shifts[t.shift].start)):
        if not tour.stops:
            continue
        carer = problem.carers[tour.carer]
        legs, home = _legs(problem, tour)
        distance = problem.distance
        here, stops = carer.home, []
        clock: int | None = None
        for (visit, start), leg in zip(tour.stops, legs):
            v = problem.visits[visit]
            arrival = start - leg if clock is None else clock + leg
            stops.append(Stop(visit, arrival, start, start + v.duration, leg, distance[here][v.location]))
            clock, here = start + v.duration, v.location
        assert clock is not None  # the tour has stops
        routes.append(
            Route(
                carer=tour.carer, day=tour.day, shift=tour.shift,
                leave=stops[0].start - legs[0], back=clock + home,
                stops=tuple(stops), travel_home=home, distance_home=distance[here][carer.home],
            )
        )
    return routes
