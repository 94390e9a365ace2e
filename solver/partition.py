"""Set partitioning over the routes a day's searches met (`Column`): pick one set of routes per
carer so that each visit is made at most once and every visit the best search made is made, at
the least travel (any other visit left out is charged its penalty). Carers who could make one
another's routes as they are (same home, transport, shifts, limits and allowed visits, as a
benchmark's fleet) share their routes, so two good routes met on one carer can both be kept.

A string search settles in one region and rarely leaves it, and the searches of one day settle
in different ones; the pool of good routes from all of them (and from the moments each passed
through) often holds a better day than any search ended with. SCIP, through OR-Tools' linear solver
wrapper, combines them: first over a shortlist of the columns the linear relaxation (GLOP) likes
best, then over longer lists, until the relaxation's reduced costs prove that no column left out
could make a cheaper day. CP-SAT took seconds on the same models.
"""

from __future__ import annotations

import time
from typing import Any

from .day import Column, DayResult, DayTask
from .interrupt import run_interruptibly
from .problem import Problem

SHORTLIST = 400
"""Columns of the first, small partitioning: those with the least reduced cost in the linear
relaxation. Each next one doubles the shortlist and starts from the last one's best, until the
reduced costs prove no column left out can make a cheaper day, or time runs out. On R112's pools
(about 2,000 choices) SCIP given them all at once ran to its 1.3 s limit in 14 of 60 runs,
cutting at the root, and in 9 returned the best search's day (nearly) unchanged, 3.5-4.4 units
longer than the best the pool held. The first list of 400 takes about 0.25 s, and on eight such
pools the lists of 800 found the pool's best day within the 1.3 s (bench/RESULTS.md)."""


def combine(problem: Problem, task: DayTask, results: list[DayResult], seconds: float) -> DayResult | None:
    """The best routes the pooled columns of the day's results make together, or None when there
    is nothing to combine or no solution within the seconds."""
    began = time.monotonic()
    columns = list({(c.carer, c.routes): c for result in results for c in result.columns}.values())
    if len({c.carer for c in columns}) == len(columns):
        return None
    positions = _positions(task)
    incumbent = _incumbent(task, positions, columns, results)
    made = {visit for c in columns if (c.carer, c.routes) in incumbent for _, stops in c.routes for visit, _ in stops}
    kind_of = _kinds(problem, task, positions, columns)
    carers_of_kind: dict[tuple, list[int]] = {}
    for carer, kind in kind_of.items():
        carers_of_kind.setdefault(kind, []).append(carer)

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
    program = _Program(problem, choices, made, {kind: len(carers) for kind, carers in carers_of_kind.items()})
    picked = program.best(hinted, began + seconds)
    if picked is None:
        return None
    return DayResult(task.day, _placed(positions, [choices[key] for key in picked], kind_of, carers_of_kind),
                     True, time.monotonic() - began)


class _Program:
    """The set partitioning of one day's choices of routes: each visit the best search made made
    once, any other at most once, each kind of carer given at most as many routes as it has
    carers (exactly one when it has a double-up), at the least travel less the penalties saved."""

    def __init__(self, problem: Problem, choices: dict[tuple, Column], made: set[int],
                 carers_per_kind: dict[tuple, int]) -> None:
        self.value: dict[tuple, int] = {}
        self.by_visit: dict[int, list[tuple]] = {}
        self.by_kind: dict[tuple, list[tuple]] = {}
        self.made = made
        self.carers_per_kind = carers_per_kind
        self.must_work: set[tuple] = set()
        for key, column in choices.items():
            kind = key[0]
            self.by_kind.setdefault(kind, []).append(key)
            saved = 0
            for _, stops in column.routes:
                for visit, _ in stops:
                    if problem.visits[visit].carers_needed > 1:
                        # A double-up stays with the carers and start its searches agreed.
                        self.must_work.add(kind)
                        continue
                    self.by_visit.setdefault(visit, []).append(key)
                    if visit not in made:
                        saved += problem.weights.miss_cost(problem.visits[visit])
            self.value[key] = column.cost - saved

    def best(self, hinted: set[tuple], until: float) -> set[tuple] | None:
        """The cheapest choices found by `until`, starting from the hinted ones: over a shortlist
        by reduced cost first, then over shortlists twice as long, until one is proved enough."""
        relaxed = self._relaxation(until)
        reduced: dict[tuple, float]
        if relaxed is None:
            ranked, reduced, bound = list(self.value), {}, None
        else:
            reduced, bound = relaxed
            ranked = sorted(self.value, key=reduced.__getitem__)
        picked, size = None, SHORTLIST
        while time.monotonic() < until:
            start = picked or hinted
            solved = self._solve(set(ranked[:size]) | start, start, until)
            if solved is not None:
                picked, value, optimal = solved
                if not optimal or (size < len(ranked) and bound is not None
                                   and reduced[ranked[size]] >= value - bound):
                    break
            if size >= len(ranked):
                break
            size *= 2
        return picked

    def _relaxation(self, until: float) -> tuple[dict[tuple, float], float] | None:
        """Per choice its reduced cost in the linear relaxation, and the relaxation's value: a
        day using a choice costs at least the value plus the choice's reduced cost (None when
        not solved by `until`)."""
        from ortools.linear_solver import pywraplp

        solver = pywraplp.Solver.CreateSolver("GLOP")
        if solver is None:
            return None
        chosen = self._build(solver, self.value, lambda name: solver.NumVar(0.0, 1.0, name))
        solver.SetTimeLimit(max(1, int(1000 * (until - time.monotonic()))))
        if solver.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        return {key: x.reduced_cost() for key, x in chosen.items()}, solver.Objective().Value()

    def _solve(self, keys: set[tuple], hint: set[tuple], until: float) -> tuple[set[tuple], float, bool] | None:
        """(choices picked, their value, proved optimal) over the given choices, or None."""
        from ortools.linear_solver import pywraplp

        solver = scip()
        if solver is None:
            return None
        chosen = self._build(solver, keys, solver.BoolVar)
        solver.SetHint(list(chosen.values()), [1.0 if key in hint else 0.0 for key in chosen])
        solver.SetTimeLimit(max(1, int(1000 * (until - time.monotonic()))))
        exact = pywraplp.MPSolverParameters()
        exact.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
        status = run_interruptibly(lambda: solver.Solve(exact), solver.InterruptSolve)
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None
        picked = {key for key, x in chosen.items() if x.solution_value() > 0.5}
        return picked, solver.Objective().Value(), status == pywraplp.Solver.OPTIMAL

    def _build(self, solver, keys, variable) -> dict[tuple, Any]:
        """The program over the given choices in the solver, with `variable(name)` per choice.
        Rows and the objective are set coefficient by coefficient: the natural API's sums took
        2 s to build a program of 40,000 columns (HHC 300_1), over the time limit."""
        chosen = {key: variable(f"column{k}") for k, key in enumerate(keys)}

        def row(options, low: float, high: float) -> None:
            xs = [chosen[key] for key in options if key in chosen]
            if xs or low > 0:
                constraint = solver.RowConstraint(low, high, "")
                for x in xs:
                    constraint.SetCoefficient(x, 1)

        # A visit the best search made stays made: its penalty (10**12 on Solomon) in the objective
        # would drown the travel in the solver's tolerances.
        for visit, options in self.by_visit.items():
            row(options, 1 if visit in self.made else 0, 1)
        for kind, options in self.by_kind.items():
            row(options, 1 if kind in self.must_work else 0, 1 if kind in self.must_work else self.carers_per_kind[kind])
        objective = solver.Objective()
        for key, x in chosen.items():
            objective.SetCoefficient(x, self.value[key])
        objective.SetMinimization()
        return chosen


def scip():
    """OR-Tools' SCIP solver leaving Ctrl-C to the caller (`interrupt.py`), or None if missing."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("SCIP")
    if solver is not None:
        solver.SetSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n")
    return solver


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
    kinds: dict[int, tuple] = {}
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
