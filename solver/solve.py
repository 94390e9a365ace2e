"""`solve(problem, options) -> Solution`: the week built by insertion (double-ups placed whole,
every rule kept), a ruin-and-recreate search on any day with visits left out, then each day's
routes improved from them by string removal (`strings.py`) or OR-Tools' routing search (`day.py`),
days in parallel processes, and the routes the string searches met combined by set partitioning
(`partition.py`).
The weekly rules (working-time limit, contracted hours, continuity) live in the insertion layer;
a day's search only gets its share of the weekly limit and keeps each client's carers."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from .construct import Builder
from .day import DayResult, DayTask, Vehicle, solve_day
from .plan import Key, Plan
from .plan_workers import search_days
from .problem import Problem
from .reasons import explain
from .schedule import Tour, to_routes
from .solution import PlannedBreak, Reason, Route, Solution, Status, Unassigned
from .stop import Progress, StoppingCriterion
from .week import client_teams, days_off, eligible_carers, reachable_shifts, vehicles_of_day
from .workers import in_pool

ENGINES = ("strings", "routing")
"""The day searches: string removal and annealing (`strings.py`), OR-Tools' routing search (`day.py`)."""


@dataclass(frozen=True, slots=True)
class Search:
    """One way of running the search of a day."""

    engine: str = "strings"
    """"strings" (string removal from the insertion's routes, `strings.py`) or "routing"
    (OR-Tools' guided local search, `day.py`)."""
    warm: bool = True
    """Start from the insertion's routes (False: from OR-Tools' own first solution; routing only)."""
    first_solution: str = "PATH_CHEAPEST_ARC"
    """OR-Tools first solution strategy name (routing, when not warm)."""
    gls_lambda: float = 1.0
    """Guided local search penalty weight (routing)."""
    heat: float = 1.0
    """Start temperature (strings), times the mean cost of an arc of the first routes."""
    left_out: float | None = None
    """What the annealing charges for a visit left out (strings; `DayTask.left_out`)."""


@dataclass(frozen=True, slots=True)
class Options:
    """How hard and how wide to search."""

    time_limit: float = 30.0
    """Seconds of wall time for the whole solve."""
    workers: int = 2
    """Processes improving days side by side (one per core)."""
    team_size: int | None = None
    """Extra carers per client (nearest and preferred first) the routing search may try beyond
    those the insertion gave the client this week (None: none, so continuity never gets worse)."""
    repair_share: float = 0.4
    """Most of the time limit the coverage search may take before the routing search (it ends
    as soon as every day is covered)."""
    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    """OR-Tools first solution strategy name (used when the insertion gives no first solution)."""
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    """OR-Tools local search metaheuristic name."""
    engine: str = "strings"
    """Main search of each day: "strings" (string removal and simulated annealing, `strings.py`)
    or "routing" (OR-Tools' guided local search, `day.py`). On Solomon at 10 s the first came
    out about 2 points closer to the best known; see bench/RESULTS.md."""
    seed: int = 1
    """Seed of the coverage and string removal searches, so that a solve is repeatable for a given
    amount of work."""
    gls_lambda: float = 0.3
    """Guided local search penalty weight of the main search of each day (OR-Tools' default 0.1
    came out 1.7 points worse on Solomon at 10 s; see bench/RESULTS.md)."""
    spare_searches: tuple[Search, ...] = (Search("strings", left_out=5.0),)
    """With fewer days than workers (a one-day problem), the idle workers search the days again in
    these other ways, side by side with the main search; the best routes are kept. The default
    charges a visit left out 5 mean arcs, so that search can empty a route a tight day does not
    need; on the week's big days that costs travel, so the main search charges the full penalty
    (bench/RESULTS.md, bench/RESULTS-demo.md)."""
    rounds: int = 1
    """With spare searches: rounds the search time is cut into, each round's searches starting
    from the best routes of the one before."""
    tighten_share: float = 0.6
    """Where lateness is weighed: share of the time limit for the ruin and recreate over the
    plan that weighs travel, lateness and continuity together (`lns.tighten_day`), taken from
    the string searches, which weigh travel alone. At 0.6 the demo week at 650 hours came out
    with 14% less travel and 16% less lateness than without it, and the HHC instances of 200
    and 300 patients with about 40% of the paper's objective they had (bench/RESULTS-demo.md,
    bench/RESULTS-hhc.md)."""
    turns: int = 2
    """With spare searches: string searches each worker runs one after another in a round, each
    with its own seed and an equal share of the time, all pooled for the set partitioning. A
    string search settles in one region of a tight day, and four shorter searches find a good one
    more often than two long ones (bench/RESULTS.md)."""

    def __post_init__(self) -> None:
        for engine in (self.engine, *(s.engine for s in self.spare_searches)):
            if engine not in ENGINES:
                raise ValueError(f"Options: engine {engine!r} is not one of {', '.join(ENGINES)}")
        if not 0 <= self.tighten_share < 1:
            raise ValueError(f"Options: tighten_share must be at least 0 and below 1, not {self.tighten_share}")
        if self.turns < 1:
            raise ValueError(f"Options: turns must be at least 1, not {self.turns}")


RESERVE = 0.08
"""Share of the time limit kept after the routing search for taking its routes back (at most)."""
RESERVE_SECONDS = (0.25, 0.003)
"""...and at most this many seconds, fixed plus per visit: taking back a small problem's routes
takes milliseconds, so a one-day problem does not leave a tenth of its search time unused."""


def solve(
    problem: Problem,
    options: Options = Options(),
    *,
    on_progress: Callable[[Progress], None] | None = None,
    stop: StoppingCriterion | None = None,
) -> Solution:
    """Assign visits to carer-shifts for the week; never raises for an infeasible week."""
    began = time.monotonic()
    deadline = began + options.time_limit
    days = problem.days()
    off = days_off(problem)
    eligible = eligible_carers(problem, off)
    keys = _tours_of_visits(problem, eligible, off)
    keys_of_day: dict[int, list[Key]] = {}
    for carer_index, carer in enumerate(problem.carers):
        for shift_index, shift in enumerate(carer.shifts):
            if shift.day not in off.get(carer_index, ()):
                keys_of_day.setdefault(shift.day, []).append((carer_index, shift_index))

    def report(phase: str, done: int) -> None:
        if on_progress is not None:
            uncovered = sum(len(plan.short(day)) for day in plan.visits_of_day)
            on_progress(Progress(phase, done, len(days), uncovered, time.monotonic() - began))

    def stopped() -> bool:
        return stop is not None and stop()

    plan = Plan(problem, keys_of_day)
    builder = Builder(plan, keys)
    tried = set(range(len(problem.visits)))
    left = builder.build(sorted(tried), stopped)
    if stopped():
        tried -= set(left)
    else:
        builder.repair(left, stopped)
    report("build", 0)
    cover_until = began + options.time_limit * options.repair_share
    search_days("cover", builder, days, options.workers, keys, stopped, cover_until, options.seed)
    report("cover", 0)
    fixed, per_visit = RESERVE_SECONDS
    improve_until = deadline - min(RESERVE * options.time_limit, fixed + per_visit * len(problem.visits))
    # Where lateness is weighed the string searches (travel alone) get only part of the time.
    tighten_until = improve_until
    if problem.weights.lateness_minute:
        # Taking the tightened days back takes a fraction of a second, not the time kept for routes.
        tighten_until = deadline - TIGHTEN_RESERVE * options.time_limit
        improve_until -= options.tighten_share * options.time_limit
    if not stopped() and time.monotonic() < improve_until and any(plan.stops.values()):
        rounds = options.rounds if len(days) < options.workers and options.spare_searches else 1
        pooled = "strings" in (options.engine, *(s.engine for s in options.spare_searches))
        partition_seconds = PARTITION_SHARE * options.time_limit / rounds if pooled else 0.0
        for done in range(rounds):
            until = time.monotonic() + (improve_until - time.monotonic()) / (rounds - done) - partition_seconds
            tasks = _improve_tasks(problem, plan, days, off, eligible, options, until, (done, rounds))
            results = _run(problem, tasks, options.workers, stop, lambda n, u: report("day", min(n, len(days))))
            # Each result replaces the day's routes only when it is no worse, so of several
            # searches of one day the best wins, and the next round starts from it.
            for task, result in zip(tasks, results):
                if result.found:
                    _take_back(builder, task, result)
            if stopped():
                break
            kept = PARTITION_RESERVE * (deadline - tighten_until) if done == rounds - 1 else 0.0
            _partition_days(builder, tasks, results, partition_seconds + kept)
    search_days("tighten", builder, days, options.workers, keys, stopped, tighten_until, options.seed + 2,
                lambda: report("tighten", len(days)))
    search_days("cover", builder, days, options.workers, keys, stopped, deadline, options.seed + 1)
    for day in days:
        for visit in plan.halves(day):
            plan.remove(visit)
    solution = _assemble(builder, tried)
    stats = dict(solution.stats)
    stats.update(wall_seconds=time.monotonic() - began, days=len(days), stopped=float(stopped()))
    report("done", len(days))
    return Solution(solution.status, solution.routes, solution.breaks, solution.unassigned,
                    solution.objective, solution.objective_parts, stats)


TIGHTEN_RESERVE = 0.03
"""Share of the time limit kept after the ruin and recreate over the whole cost."""
PARTITION_SHARE = 0.1
"""Share of the time limit for combining the day searches' routes by set partitioning."""
PARTITION_RESERVE = 0.5
"""Share of the time kept after the searches (`RESERVE`) the last partitioning may use as well:
it takes its routes back itself, and what follows it takes milliseconds (10 ms of the 2.4 s kept
on the demo week at 650 hours). On Solomon days SCIP proves most pools in 0.1-0.8 s, but a few
need 1.1-1.4 s, and stopped at 1 s the best it has can be 0.6% longer (R112)."""


def _partition_days(builder: Builder, tasks: list[DayTask], results: list[DayResult], seconds: float) -> None:
    """Per day, the best combination of the routes its searches met, taken back when no worse."""
    if seconds <= 0:
        return
    from .partition import combine

    by_day: dict[int, tuple[DayTask, list[DayResult]]] = {}
    for task, result in zip(tasks, results):
        if result.found:
            by_day.setdefault(task.day, (task, []))[1].append(result)
    for task, day_results in by_day.values():
        combined = combine(builder.problem, task, day_results, seconds / len(by_day))
        if combined is not None:
            _take_back(builder, task, combined)


def _tours_of_visits(problem: Problem, eligible: list[list[int]], off) -> list[list[Key]]:
    """Per visit: the carer-shifts it fits in on its own."""
    return [
        [(c, s) for c in eligible[index] for s in reachable_shifts(problem, c, visit, off)]
        for index, visit in enumerate(problem.visits)
    ]


def _improve_tasks(problem: Problem, plan: Plan, days, off, eligible, options: Options,
                   until: float, round_: tuple[int, int] = (0, 1)) -> list[DayTask]:
    """One routing task per day, started from the plan's routes, each client kept to the carers
    the plan gave them this week (plus team_size more), each carer's weekly limit shared out.
    `round_` is (this round, of how many)."""
    carers_of_client: dict[int, set[int]] = {}
    for visit, where in plan.where.items():
        client = problem.visits[visit].client
        if client is not None:
            carers_of_client.setdefault(client, set()).update(k[0] for k in where)
    extra = client_teams(problem, eligible, options.team_size) if options.team_size else {}
    caps = _day_caps(problem, plan)
    done, rounds = round_
    batches = math.ceil(len(days) / max(1, options.workers)) or 1
    seconds = max(0.5, (until - time.monotonic()) / batches)
    tasks = []
    for day in days:
        vehicles = [
            Vehicle(v.carer, v.shift, caps.get((v.carer, day), v.work_cap), v.work_target)
            for v in vehicles_of_day(problem, day, off)
        ]
        position = {(v.carer, v.shift): p for p, v in enumerate(vehicles)}
        visits = tuple(plan.visits_of_day.get(day, ()))
        allowed: list[tuple[int, ...]] = []
        for index in visits:
            visit = problem.visits[index]
            if problem.partner(index) is not None and index not in plan.fixed:
                # A follow-up pair not placed yet goes in by insertion, both at once, after.
                allowed.append(())
                continue
            carers = set(eligible[index])
            if visit.client is not None:
                carers &= carers_of_client.get(visit.client, set()) | extra.get(visit.client, set())
            carers |= {k[0] for k in plan.where.get(index, ())}
            allowed.append(tuple(position[k] for k in plan.keys_of_day.get(day, ())
                                 if k[0] in carers and k in position
                                 and k[1] in reachable_shifts(problem, k[0], visit, off)))
        routes = tuple((position[k], tuple(plan.stops[k])) for k in plan.keys_of_day.get(day, ()) if plan.stops[k])
        starts = tuple((v, plan.fixed[v]) for v in visits if v in plan.fixed)
        tasks.append(DayTask(day, visits, tuple(vehicles), tuple(allowed), seconds,
                             options.first_solution, options.metaheuristic, routes, starts, until,
                             options.gls_lambda, options.engine, seed=options.seed + done * options.workers,
                             cooling=(done / rounds, (done + 1) / rounds)))
    searches = tasks + _spare_tasks(tasks, options, again=done > 0)
    return _in_turn(searches, options.turns) if len(searches) > len(tasks) else searches


def _in_turn(tasks: list[DayTask], turns: int) -> list[DayTask]:
    """The string searches run `turns` times one after another, each time with a new seed and its
    share of the time; the other searches (deterministic) once, for the whole time."""
    first = [replace(t, seconds=t.seconds / turns) if t.engine == "strings" else t for t in tasks]
    again = [replace(t, seed=t.seed + 1000 * turn) for turn in range(1, turns) for t in first if t.engine == "strings"]
    return first + again


def _spare_tasks(tasks: list[DayTask], options: Options, again: bool = False) -> list[DayTask]:
    """Other searches of the same days for workers that would otherwise idle: GLS from one start
    is deterministic and often stuck in one region, so a second start finds a better day often.
    In a later round (`again`) every search starts from the best routes so far."""
    if not options.spare_searches or not tasks:
        return []
    spare = []
    for k in range(options.workers - len(tasks)):
        task = tasks[k % len(tasks)]
        search = options.spare_searches[k % len(options.spare_searches)]
        spare.append(replace(task, routes=task.routes if search.warm or again else (),
                             first_solution=search.first_solution, gls_lambda=search.gls_lambda,
                             engine=search.engine, seed=task.seed + 1 + k, heat=search.heat,
                             left_out=search.left_out))
    return spare


def _day_caps(problem: Problem, plan: Plan) -> dict[tuple[int, int], int]:
    """(carer, day) -> most minutes the day's search may give the carer: what the plan gives,
    plus a share of what is left of the weekly limit by the hours available that day."""
    used: dict[tuple[int, int], int] = {}
    for key, timing in plan.timing.items():
        carer = problem.carers[key[0]]
        if carer.max_week_minutes is not None:
            day = carer.shifts[key[1]].day
            used[(key[0], day)] = used.get((key[0], day), 0) + timing.minutes
    caps = {}
    for index, carer in enumerate(problem.carers):
        if carer.max_week_minutes is None:
            continue
        available: dict[int, int] = {}
        for shift in carer.shifts:
            available[shift.day] = available.get(shift.day, 0) + shift.end - shift.start
        total = sum(available.values()) or 1
        spare = max(0, carer.max_week_minutes - plan.worked.get(index, 0))
        for day, minutes in available.items():
            caps[(index, day)] = used.get((index, day), 0) + spare * minutes // total
    return caps


def _take_back(builder: Builder, task: DayTask, result: DayResult) -> None:
    """Replace the day's tours with the routing search's when that leaves no more places empty
    and no more travel."""
    tours = [((task.vehicles[p].carer, task.vehicles[p].shift), [v for v, _ in stops]) for p, stops in result.routes]
    builder.replace_day(task.day, tours, dict(task.starts), lambda: builder.plan.day_cost(task.day))


def _search_day(problem: Problem, shared, task: DayTask, cancel) -> DayResult:
    return solve_day(problem, task, cancel)


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
    # Longest days first so the last worker is not left with a big day alone.
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i].visits))
    found = in_pool(_search_day, problem, None, [tasks[i] for i in order], workers, stop, lambda n: tick(n, 0))
    by_task = dict(zip(order, found))
    return [by_task[i] for i in range(len(tasks))]


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


def _assemble(builder: Builder, tried: set[int]) -> Solution:
    """Timed routes, breaks and reasons from the plan."""
    plan, problem = builder.plan, builder.problem
    tours, breaks = [], []
    for key, stops in plan.stops.items():
        if not stops:
            continue
        timing = plan.timing[key]
        day = problem.carers[key[0]].shifts[key[1]].day
        tours.append(Tour(key[0], key[1], day, list(zip(stops, timing.starts))))
        if timing.break_start is not None:
            breaks.append(PlannedBreak(key[0], day, timing.break_start, problem.break_minutes))
    routes = to_routes(problem, tours)
    worked = _worked(problem, routes)
    unassigned = []
    for index, visit in enumerate(problem.visits):
        if plan.served(index) >= visit.carers_needed:
            continue
        if index not in tried:
            unassigned.append(Unassigned(index, Reason.NOT_SOLVED, "the solve was stopped before this visit was tried"))
        else:
            unassigned.append(explain(problem, index, worked, _one_carer_fits(builder, index)))
    parts = _objective_parts(problem, routes, worked, unassigned)
    mandatory_missing = any(not problem.visits[u.visit].optional for u in unassigned)
    if problem.visits and not routes and not tried:
        status = Status.NO_SOLUTION
    else:
        status = Status.UNCOVERED if mandatory_missing else Status.COVERED
    breaks.sort(key=lambda b: (b.day, b.carer, b.start))
    return Solution(status, tuple(routes), tuple(breaks), tuple(unassigned), sum(parts.values()), parts, {})


def _one_carer_fits(builder: Builder, visit: int) -> bool:
    """For a double-up left out: could one carer have made it (so the second was missing)?"""
    plan = builder.plan
    if builder.problem.visits[visit].carers_needed < 2:
        return False
    return any(plan.fits(visit, o) is not None for key in builder.keys[visit] for o in plan.openings(visit, key))


def _worked(problem: Problem, routes: list[Route]) -> dict[int, int]:
    """Visit plus travel minutes per carer over the week."""
    worked: dict[int, int] = {}
    for route in routes:
        minutes = route.travel + sum(s.end - s.start for s in route.stops)
        worked[route.carer] = worked.get(route.carer, 0) + minutes
    return worked


def _objective_parts(problem: Problem, routes: list[Route], worked: dict[int, int], unassigned) -> dict[str, int]:
    w = problem.weights
    uncovered = sum(w.miss_cost(problem.visits[u.visit]) for u in unassigned)
    travel = sum(w.travel_minute * r.travel + w.distance_metre * r.distance for r in routes)
    carers_of_client: dict[int, set[int]] = {}
    lateness = preferred = 0
    for route in routes:
        for stop in route.stops:
            visit = problem.visits[stop.visit]
            if visit.client is not None:
                carers_of_client.setdefault(visit.client, set()).add(route.carer)
            lateness += w.late_cost(visit, stop.start)
            if route.carer in visit.preferred_carers:
                preferred += w.preferred_carer_bonus
    continuity = sum(w.new_carer_for_client * (len(c) - 1) for c in carers_of_client.values())
    fairness = sum(
        w.contract_gap_minute * abs(worked.get(i, 0) - c.contracted_minutes)
        for i, c in enumerate(problem.carers) if c.contracted_minutes
    )
    return {"uncovered": uncovered, "travel": travel, "continuity": continuity - preferred,
            "lateness": lateness, "fairness": fairness}
