"""Set partitioning over the routes a day's searches met (`Column`): pick one set of routes per
carer so that each visit is made at most once and every visit the best search made is made, at
the least travel (any other visit left out is charged its penalty). Carers who could make one
another's routes as they are (same home, transport, shifts, limits and allowed visits, as a
benchmark's fleet) share their routes, so two good routes met on one carer can both be kept.

A string search settles in one region and rarely leaves it, and the searches of one day settle
in different ones; the pool of good routes from all of them (and from the moments each passed
through) often holds a better day than any search ended with. SCIP, through OR-Tools' linear solver
wrapper, proves the best combination of a Solomon day's pool (about a thousand columns) in well
under a second; CP-SAT took seconds on the same models.
"""

from __future__ import annotations

import time

from .day import Column, DayResult, DayTask
from .problem import Problem


def combine(problem: Problem, task: DayTask, results: list[DayResult], seconds: float) -> DayResult | None:
    """The best routes the pooled columns of the day's results make together, or None when there
    is nothing to combine or no solution within the seconds."""
    from ortools.linear_solver import pywraplp

    began = time.monotonic()
    columns = list({(c.carer, c.routes): c for result in results for c in result.columns}.values())
    if len({c.carer for c in columns}) == len(columns):
        return None
    solver = pywraplp.Solver.CreateSolver("SCIP")
    if solver is None:
        return None
    positions = _positions(task)
    incumbent = _incumbent(task, positions, columns, results)
    made = {visit for c in columns if (c.carer, c.routes) in incumbent for _, stops in c.routes for visit, _ in stops}
    kind_of = _kinds(problem, task, positions, columns)

    def choice(column: Column) -> tuple:
        # Interchangeable carers share their routes, and of the routes that make the same visits
        # only the cheapest is worth choosing: one choice per kind of carer and set of visits.
        return kind_of[column.carer], frozenset(visit for _, stops in column.routes for visit, _ in stops)

    choices: dict[tuple, Column] = {}
    for column in columns:
        key = choice(column)
        if key not in choices or column.cost < choices[key].cost:
            choices[key] = column
    hinted = {choice(c) for c in columns if (c.carer, c.routes) in incumbent}
    chosen = {key: solver.BoolVar(f"column{k}") for k, key in enumerate(choices)}
    by_visit: dict[int, list] = {}
    by_kind: dict[tuple, list] = {}
    must_work: set[tuple] = set()
    value = []
    for key, column in choices.items():
        x, kind = chosen[key], key[0]
        by_kind.setdefault(kind, []).append(x)
        saved = 0
        for _, stops in column.routes:
            for visit, _ in stops:
                if problem.visits[visit].carers_needed > 1:
                    # A double-up stays with the carers and start its searches agreed.
                    must_work.add(kind)
                    continue
                by_visit.setdefault(visit, []).append(x)
                if visit not in made:
                    saved += problem.weights.miss_cost(problem.visits[visit])
        value.append((x, column.cost - saved))
    # A visit the best search made stays made: its penalty (10**12 on Solomon) in the objective
    # would drown the travel in the solver's tolerances.
    for visit, xs in by_visit.items():
        solver.Add(sum(xs) == 1 if visit in made else sum(xs) <= 1)
    carers_of_kind: dict[tuple, list[int]] = {}
    for carer, kind in kind_of.items():
        carers_of_kind.setdefault(kind, []).append(carer)
    for kind, xs in by_kind.items():
        solver.Add(sum(xs) == 1 if kind in must_work else sum(xs) <= len(carers_of_kind[kind]))
    solver.Minimize(sum(v * x for x, v in value))
    solver.SetHint(list(chosen.values()), [1.0 if key in hinted else 0.0 for key in chosen])
    solver.SetTimeLimit(max(1, int(1000 * (seconds - (time.monotonic() - began)))))
    exact = pywraplp.MPSolverParameters()
    exact.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
    if solver.Solve(exact) not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    picked = [column for key, column in choices.items() if chosen[key].solution_value() > 0.5]
    return DayResult(task.day, _placed(positions, picked, kind_of, carers_of_kind), True, time.monotonic() - began)


def _kinds(problem: Problem, task: DayTask, positions: dict[int, list[int]], columns: list[Column]) -> dict[int, tuple]:
    """Per carer of the task, a key shared by the carers that could make one another's routes just
    as they are: the same home, transport, shifts, capacity and limits, allowed the same visits.
    A carer with a double-up among its routes is a kind of its own (the double-up's other carer
    counts on it)."""
    allowed_at: dict[int, set[int]] = {}
    for k, allowed in enumerate(task.allowed):
        for position in allowed:
            allowed_at.setdefault(position, set()).add(k)
    pinned: dict[int, set[int]] = {}
    for k, visit in enumerate(task.visits):
        for carer in problem.visits[visit].pinned_carers:
            pinned.setdefault(carer, set()).add(k)
    doubled = {c.carer for c in columns for _, stops in c.routes for visit, _ in stops
               if problem.visits[visit].carers_needed > 1}
    kinds = {}
    for carer, mine in positions.items():
        person = problem.carers[carer]
        if carer in doubled:
            kinds[carer] = ("alone", carer)
            continue
        kinds[carer] = (person.home, person.mode, person.capacity, frozenset(pinned.get(carer, ())), tuple(
            (person.shifts[task.vehicles[p].shift], task.vehicles[p].work_cap, task.vehicles[p].work_target,
             frozenset(allowed_at.get(p, ()))) for p in mine))
    return kinds


def _placed(positions: dict[int, list[int]], picked: list[Column], kind_of: dict[int, tuple],
            carers_of_kind: dict[tuple, list[int]]) -> tuple:
    """The picked routes on the task's vehicles: each with the carer it was met on when that carer
    is free, else with another of the same kind."""
    taken = {column.carer for column in picked}
    placed, used = [], set()
    for column in picked:
        carer = column.carer
        if carer in used:
            carer = next(c for c in carers_of_kind[kind_of[carer]] if c not in taken)
            taken.add(carer)
        used.add(carer)
        placed += [(position, stops) for position, (_, stops) in zip(positions[carer], column.routes) if stops]
    return tuple(sorted(placed))


def _positions(task: DayTask) -> dict[int, list[int]]:
    """Per carer of the task, its vehicle positions in task order."""
    positions: dict[int, list[int]] = {}
    for position, vehicle in enumerate(task.vehicles):
        positions.setdefault(vehicle.carer, []).append(position)
    return positions


def _incumbent(task: DayTask, positions: dict[int, list[int]], columns: list[Column],
               results: list[DayResult]) -> set[tuple]:
    """The columns of the result that makes the most visits, at the least travel."""
    cost = {(c.carer, c.routes): c.cost for c in columns}
    best: set[tuple] = set()
    best_rank = None
    for result in results:
        stops = dict(result.routes)
        keys = {(carer, tuple((p, stops.get(p, ())) for p in positions[carer]))
                for carer in {task.vehicles[p].carer for p in stops}}
        if not keys <= cost.keys():
            continue  # a result without pooled routes (the routing search's)
        rank = (-sum(len(s) for s in stops.values()), sum(cost[k] for k in keys))
        if best_rank is None or rank < best_rank:
            best, best_rank = keys, rank
    return best
