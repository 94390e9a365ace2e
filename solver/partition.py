"""Set partitioning over the routes a day's searches met (`Column`): pick one set of routes per
carer so that each visit is made at most once and every visit the best search made is made, at
the least travel (any other visit left out is charged its penalty).

A string search settles in one region and rarely leaves it, and two searches of one day settle
in different ones; the pool of good routes from both (and from the moments each passed through)
often holds a better day than either search ended with. SCIP, through OR-Tools' linear solver
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
    incumbent = _incumbent(task, columns, results)
    made = {visit for c in columns if (c.carer, c.routes) in incumbent for _, stops in c.routes for visit, _ in stops}
    chosen = [solver.BoolVar(f"column{k}") for k in range(len(columns))]
    by_visit: dict[int, list] = {}
    by_carer: dict[int, list] = {}
    must_work: set[int] = set()
    value = []
    for column, x in zip(columns, chosen):
        by_carer.setdefault(column.carer, []).append(x)
        saved = 0
        for _, stops in column.routes:
            for visit, _ in stops:
                if problem.visits[visit].carers_needed > 1:
                    # A double-up stays with the carers and start its searches agreed.
                    must_work.add(column.carer)
                    continue
                by_visit.setdefault(visit, []).append(x)
                if visit not in made:
                    saved += problem.weights.miss_cost(problem.visits[visit])
        value.append(column.cost - saved)
    # A visit the best search made stays made: its penalty (10**12 on Solomon) in the objective
    # would drown the travel in the solver's tolerances.
    for visit, xs in by_visit.items():
        solver.Add(sum(xs) == 1 if visit in made else sum(xs) <= 1)
    for carer, xs in by_carer.items():
        solver.Add(sum(xs) == 1 if carer in must_work else sum(xs) <= 1)
    solver.Minimize(sum(v * x for v, x in zip(value, chosen)))
    solver.SetHint(chosen, [1.0 if (c.carer, c.routes) in incumbent else 0.0 for c in columns])
    solver.SetTimeLimit(max(1, int(1000 * (seconds - (time.monotonic() - began)))))
    exact = pywraplp.MPSolverParameters()
    exact.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
    if solver.Solve(exact) not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    routes = sorted((position, stops) for column, x in zip(columns, chosen) if x.solution_value() > 0.5
                    for position, stops in column.routes if stops)
    return DayResult(task.day, tuple(routes), True, time.monotonic() - began)


def _incumbent(task: DayTask, columns: list[Column], results: list[DayResult]) -> set[tuple]:
    """The columns of the result that makes the most visits, at the least travel."""
    positions: dict[int, list[int]] = {}
    for position, vehicle in enumerate(task.vehicles):
        positions.setdefault(vehicle.carer, []).append(position)
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
