"""Rounds as the engines hand them back: times, the objective, the rules a round must keep."""

from __future__ import annotations

import time

from .night_problem import NightProblem, NightRoute, NightSolution, NightVisit, Stop, hour_caps, overlap
from .night_reasons import why_unserved


def build_route(problem: NightProblem, crew_index: int, order: list[int], starts: dict[int, int]) -> NightRoute:
    """A crew's route from visit indices in order and their start times."""
    crew = problem.crews[crew_index]
    here = crew.base
    clock = crew.start
    stops = []
    for i in order:
        v = problem.visits[i]
        drive = problem.travel[here][v.place]
        start = starts[i]
        stops.append(Stop(v.id, clock + drive, start, start + v.duration, drive))
        clock, here = start + v.duration, v.place
    home = problem.travel[here][crew.base] if order else 0
    return NightRoute(crew.id, tuple(stops), home)


def objective_of(problem: NightProblem, routes: list[NightRoute]) -> int:
    """The objective: missed visits, then driving."""
    served = {s.visit_id for r in routes for s in r.stops}
    missed = sum(problem.miss_cost(v) for v in problem.visits if v.id not in served)
    return missed + problem.weight_travel_minute * sum(r.travel_minutes for r in routes)


def reserve_breaches(problem: NightProblem, crew_index: int, route: NightRoute) -> list[tuple[int, int, int]]:
    """(hour start, care minutes, most allowed) for every clock hour whose reserve is eaten into."""
    crew = problem.crews[crew_index]
    found = []
    for lo, hi, cap in hour_caps(crew.start, crew.end, problem.reserve_per_hour):
        care = sum(overlap(s.start, s.end, lo, hi) for s in route.stops)
        if care > cap:
            found.append((lo, care, cap))
    return found


def route_errors(problem: NightProblem, crew_index: int, route: NightRoute) -> list[str]:
    """Every way the route breaks the night's rules (empty when it holds); used to check engines."""
    crew = problem.crews[crew_index]
    by_id = {v.id: v for v in problem.visits}
    errors = []
    clock, here = crew.start, crew.base
    for stop in route.stops:
        v = by_id[stop.visit_id]
        if not crew.can_make(v):
            errors.append(f"{v.id}: crew {crew.id} lacks skills")
        if not v.window_start <= stop.start <= v.window_end:
            errors.append(f"{v.id}: starts {stop.start} outside {v.window_start}-{v.window_end}")
        if stop.start < clock + problem.travel[here][v.place]:
            errors.append(f"{v.id}: starts before the crew can get there")
        clock, here = stop.end, v.place
    if route.stops and clock + problem.travel[here][crew.base] > crew.end:
        errors.append(f"crew {crew.id}: back at base after the round ends")
    if problem.break_after and route.stops and route.stops[-1].end - route.stops[0].start > problem.break_after:
        pairs = zip(route.stops, route.stops[1:])
        if not any(b.start - a.end - b.travel_before >= problem.break_minutes for a, b in pairs):
            errors.append(f"crew {crew.id}: no room for a {problem.break_minutes}-minute break")
    errors += [f"crew {crew.id}: hour {lo}: {care} min of care, at most {cap}"
               for lo, care, cap in reserve_breaches(problem, crew_index, route)]
    return errors


def assemble(
    problem: NightProblem,
    orders: list[list[int]],
    starts: dict[int, int],
    status: str,
    engine: str,
    began: float,
    bound: int | None = None,
    stats: dict | None = None,
) -> NightSolution:
    """Turn engine output (visit orders per crew, start times) into a NightSolution."""
    routes = [build_route(problem, k, order, starts) for k, order in enumerate(orders)]
    served = {i for order in orders for i in order}
    missed = [i for i in range(len(problem.visits)) if i not in served]
    unserved = tuple(why_unserved(problem, i, routes) for i in missed)
    return NightSolution(
        status=status,
        engine=engine,
        routes=tuple(routes),
        unserved=unserved,
        objective=objective_of(problem, routes),
        bound=bound,
        seconds=time.perf_counter() - began,
        stats=stats or {},
    )


def allowed_crews(problem: NightProblem, visit: NightVisit) -> list[int]:
    """Crews whose skills cover the visit."""
    return [k for k, c in enumerate(problem.crews) if c.can_make(visit)]
