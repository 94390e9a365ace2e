"""`solve(problem, options) -> Solution`: the week as seven day models in parallel processes, with
the weekly rules (working-time limits, contracted hours, continuity teams) in a layer above."""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from .day import DayResult, DayTask, Vehicle, solve_day
from .problem import Problem
from .reasons import explain
from .schedule import Tour, plan_breaks, remove_half_served, to_routes
from .solution import Route, Solution, Status
from .stop import Progress, StoppingCriterion
from .week import client_teams, days_off, eligible_carers, reachable_shifts, vehicles_of_day


@dataclass(frozen=True, slots=True)
class Options:
    """How hard and how wide to search."""

    time_limit: float = 30.0
    """Seconds of wall time for the whole solve (the model building comes on top)."""
    workers: int = 2
    """Processes solving days side by side (one per core)."""
    team_size: int | None = None
    """Carers per client tried first, for continuity (None: everybody eligible from the start).
    Off by default: on the 650-hour demo, teams of 6 left far more visits uncovered than the
    repair pass could win back in the time."""
    repair_share: float = 0.3
    """Share of the time kept for re-solving days with everybody eligible when the teams left
    visits uncovered."""
    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    """OR-Tools first solution strategy name."""
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    """OR-Tools local search metaheuristic name."""


def solve(
    problem: Problem,
    options: Options = Options(),
    *,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StoppingCriterion | None = None,
) -> Solution:
    """Assign visits to carer-shifts day by day; never raises for an infeasible week."""
    began = time.monotonic()
    days = problem.days()
    off = days_off(problem)
    eligible = eligible_carers(problem, off)
    teams = client_teams(problem, eligible, options.team_size) if options.team_size else {}
    vehicles = {day: vehicles_of_day(problem, day, off) for day in days}

    def report(phase: str, done: int, uncovered: int) -> None:
        if on_progress is not None:
            on_progress(Progress(phase, done, len(days), uncovered, time.monotonic() - began))

    rounds = math.ceil(len(days) / max(1, options.workers)) or 1
    first_share = 1.0 - options.repair_share if teams else 1.0
    tasks = [
        _task(problem, day, vehicles[day], eligible, teams, off, options,
              options.time_limit * first_share / rounds)
        for day in days
    ]
    results = _run(problem, tasks, options.workers, stop, lambda n, u: report("day", n, u))
    stopped = stop is not None and stop()
    if teams and not stopped:
        retry = [r.day for r in results if _dropped(problem, tasks[days.index(r.day)], r)]
        if retry:
            repair_rounds = math.ceil(len(retry) / max(1, options.workers))
            seconds = max(1.0, (options.time_limit - (time.monotonic() - began)) / repair_rounds)
            repairs = [
                _task(problem, day, vehicles[day], eligible, {}, off, options, seconds)
                for day in retry
            ]
            better = _run(problem, repairs, options.workers, stop, lambda n, u: report("repair", n, u))
            for result in better:
                index = days.index(result.day)
                if result.found and _served(result) >= _served(results[index]):
                    results[index] = result
    solution = _assemble(problem, vehicles, results)
    stats = dict(solution.stats)
    stats.update(wall_seconds=time.monotonic() - began, days=len(days), stopped=float(bool(stop and stop())))
    report("done", len(days), len(solution.unassigned))
    return Solution(solution.status, solution.routes, solution.breaks, solution.unassigned,
                    solution.objective, solution.objective_parts, stats)


def _task(problem: Problem, day: int, vehicles: list[Vehicle], eligible, teams, off, options: Options,
          seconds: float) -> DayTask:
    visits = tuple(i for i, v in enumerate(problem.visits) if v.day == day)
    allowed = []
    for index in visits:
        visit = problem.visits[index]
        carers = set(eligible[index])
        team = teams.get(visit.client) if visit.client is not None else None
        if team:
            carers &= team
        shifts = {c: set(reachable_shifts(problem, c, visit, off)) for c in carers}
        allowed.append(tuple(p for p, v in enumerate(vehicles) if v.carer in carers and v.shift in shifts[v.carer]))
    return DayTask(day, visits, tuple(vehicles), tuple(allowed), seconds,
                   options.first_solution, options.metaheuristic)


def _served(result: DayResult) -> int:
    """Carer-places filled."""
    return sum(len(stops) for _, stops in result.routes)


def _dropped(problem: Problem, task: DayTask, result: DayResult) -> bool:
    """True if the day left a mandatory carer-place empty."""
    served: dict[int, int] = {}
    for _, stops in result.routes:
        for visit, _ in stops:
            served[visit] = served.get(visit, 0) + 1
    return any(
        served.get(v, 0) < problem.visits[v].carers_needed and not problem.visits[v].optional for v in task.visits
    )


_worker_problem: Problem | None = None
_worker_cancel = None


def _init_worker(problem: Problem, cancel) -> None:
    import signal

    # Ctrl-C is the parent's business: it cancels the pool and keeps the previous rota.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_problem, _worker_cancel
    _worker_problem, _worker_cancel = problem, cancel


def _solve_in_worker(task: DayTask) -> DayResult:
    assert _worker_problem is not None
    return solve_day(_worker_problem, task, _worker_cancel)


def _run(problem: Problem, tasks: list[DayTask], workers: int, stop, tick) -> list[DayResult]:
    """Solve the tasks, in worker processes when there is more than one; results in task order."""
    if workers <= 1 or len(tasks) <= 1:
        import threading

        cancel = threading.Event()
        results = []
        for task in tasks:
            if stop is not None and stop():
                cancel.set()
            results.append(_solve_watching(problem, task, cancel, stop))
            tick(len(results), 0)
        return results
    context = multiprocessing.get_context(_start_method())
    cancel = context.Event()
    # Longest days first so the last worker is not left with a big day alone.
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i].visits))
    results: dict[int, DayResult] = {}
    pool = ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context,
                               initializer=_init_worker, initargs=(problem, cancel))
    try:
        futures = {pool.submit(_solve_in_worker, tasks[i]): i for i in order}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                results[futures[future]] = future.result()
                tick(len(results), 0)
            if stop is not None and stop():
                cancel.set()
    except BaseException:
        cancel.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(tasks))]


def _start_method() -> str:
    """fork when this process is single-threaded (fast, and scripts need no __main__ guard);
    spawn under a threaded front end such as the TUI, where forking is unsafe."""
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _solve_watching(problem: Problem, task: DayTask, cancel, stop) -> DayResult:
    """In-process solve with a thread turning the stop criterion into a cancel."""
    import threading

    if stop is None:
        return solve_day(problem, task, cancel)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            if stop():
                cancel.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    try:
        return solve_day(problem, task, cancel)
    finally:
        done.set()


def _assemble(problem: Problem, vehicles: dict[int, list[Vehicle]], results: list[DayResult]) -> Solution:
    """Timed routes, breaks and reasons from the day results."""
    tours = []
    found_days = set()
    for result in results:
        if result.found:
            found_days.add(result.day)
        for position, stops in result.routes:
            vehicle = vehicles[result.day][position]
            tours.append(Tour(vehicle.carer, vehicle.shift, result.day, list(stops)))
    half = set(remove_half_served(problem, tours))
    breaks, _ = plan_breaks(problem, tours)
    # A visit taken out for a break may be one half of a double-up: take out its partner too.
    half |= set(remove_half_served(problem, tours))
    routes = to_routes(problem, tours)
    served: dict[int, int] = {}
    for route in routes:
        for stop in route.stops:
            served[stop.visit] = served.get(stop.visit, 0) + 1
    worked = _worked(problem, routes)
    unassigned = []
    for index, visit in enumerate(problem.visits):
        if served.get(index, 0) < visit.carers_needed:
            unassigned.append(explain(problem, index, worked, index in half))
    parts = _objective_parts(problem, routes, worked, unassigned)
    mandatory_missing = any(not problem.visits[u.visit].optional for u in unassigned)
    if problem.visits and not found_days:
        status = Status.NO_SOLUTION
    else:
        status = Status.UNCOVERED if mandatory_missing else Status.COVERED
    return Solution(status, tuple(routes), tuple(breaks), tuple(unassigned), sum(parts.values()), parts, {})


def _worked(problem: Problem, routes: list[Route]) -> dict[int, int]:
    """Visit plus travel minutes per carer over the week."""
    worked: dict[int, int] = {}
    for route in routes:
        minutes = route.travel + sum(s.end - s.start for s in route.stops)
        worked[route.carer] = worked.get(route.carer, 0) + minutes
    return worked


def _objective_parts(problem: Problem, routes: list[Route], worked: dict[int, int], unassigned) -> dict[str, int]:
    w = problem.weights
    uncovered = 0
    for u in unassigned:
        visit = problem.visits[u.visit]
        uncovered += w.optional_uncovered if visit.optional else w.uncovered
    travel = sum(w.travel_minute * r.travel + w.distance_metre * r.distance for r in routes)
    carers_of_client: dict[int, set[int]] = {}
    lateness = preferred = 0
    for route in routes:
        for stop in route.stops:
            visit = problem.visits[stop.visit]
            if visit.client is not None:
                carers_of_client.setdefault(visit.client, set()).add(route.carer)
            target = visit.preferred_start if visit.preferred_start is not None else visit.earliest
            lateness += w.lateness_minute * max(0, stop.start - target)
            if route.carer in visit.preferred_carers:
                preferred += w.preferred_carer_bonus
    continuity = sum(w.new_carer_for_client * (len(c) - 1) for c in carers_of_client.values())
    fairness = sum(
        w.contract_gap_minute * abs(worked.get(i, 0) - c.contracted_minutes)
        for i, c in enumerate(problem.carers) if c.contracted_minutes
    )
    return {"uncovered": uncovered, "travel": travel, "continuity": continuity - preferred,
            "lateness": lateness, "fairness": fairness}
