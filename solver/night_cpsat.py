"""The CP-SAT engine for night rounds: one circuit per crew over the visits it is skilled for,
start times linked along used arcs, the reserve as care-overlap sums per crew and clock hour.
Exact: on small nights it proves the rounds optimal (or gives a bound for the gap)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from .interrupt import run_interruptibly
from .night_problem import NightProblem, NightSolution, hour_caps
from .night_routes import assemble


class _Model:
    """The CP-SAT model of one night, with the handles needed to hint and read it."""

    def __init__(self, problem: NightProblem, cover_all: bool = False):
        from ortools.sat.python import cp_model

        self.problem = problem
        # CP-SAT adds the CamelCase spellings used here at run time, out of mypy's sight.
        self.model = m = cast(Any, cp_model.CpModel())
        visits, travel = problem.visits, problem.travel
        self.start = [m.NewIntVar(v.window_start, v.window_end, f"s{i}") for i, v in enumerate(visits)]
        self.on = {}  # (crew, visit) -> bool: the crew makes the visit
        self.arcs = {}  # (crew, from, to) -> bool, with -1 as the base
        drive_terms = []
        for k, crew in enumerate(problem.crews):
            circuit = [(0, 0, m.NewBoolVar(f"idle{k}"))]
            node: dict[int, int] = {}  # visit -> circuit node
            for i, v in enumerate(visits):
                first = max(v.window_start, crew.start + travel[crew.base][v.place])
                if not crew.can_make(v) or first > v.window_end or \
                        first + v.duration + travel[v.place][crew.base] > crew.end:
                    continue
                node[i] = len(node) + 1
                self.on[k, i] = on = m.NewBoolVar(f"on{k}_{i}")
                circuit.append((node[i], node[i], on.Not()))
            for i in node:
                v = visits[i]
                out = m.NewBoolVar(f"a{k}_b_{i}")
                circuit.append((0, node[i], out))
                self.arcs[k, -1, i] = out
                m.Add(self.start[i] >= crew.start + travel[crew.base][v.place]).OnlyEnforceIf(out)
                drive_terms.append(travel[crew.base][v.place] * out)
                back = m.NewBoolVar(f"a{k}_{i}_b")
                circuit.append((node[i], 0, back))
                self.arcs[k, i, -1] = back
                m.Add(self.start[i] + v.duration + travel[v.place][crew.base] <= crew.end).OnlyEnforceIf(back)
                drive_terms.append(travel[v.place][crew.base] * back)
                for j in node:
                    w = visits[j]
                    gap = v.duration + travel[v.place][w.place]
                    if j == i or v.window_start + gap > w.window_end:
                        continue
                    arc = m.NewBoolVar(f"a{k}_{i}_{j}")
                    circuit.append((node[i], node[j], arc))
                    self.arcs[k, i, j] = arc
                    m.Add(self.start[j] >= self.start[i] + gap).OnlyEnforceIf(arc)
                    drive_terms.append(travel[v.place][w.place] * arc)
            m.AddCircuit(circuit)
            if problem.break_after:
                self._add_break(k, node)
        self.missed = []
        for i, v in enumerate(visits):
            crews_on = [self.on[k, i] for k in range(len(problem.crews)) if (k, i) in self.on]
            missed = m.NewBoolVar(f"miss{i}")
            m.Add(sum(crews_on) + missed == 1)
            if cover_all and not v.optional:
                # Known to be coverable: leaving the choice open only weakens the bound.
                m.Add(missed == 0)
            self.missed.append(missed)
        self._add_reserve(cp_model)
        m.Minimize(
            sum(problem.miss_cost(v) * self.missed[i] for i, v in enumerate(visits))
            + problem.weight_travel_minute * sum(drive_terms)
        )

    def _add_break(self, k: int, node: dict[int, int]) -> None:
        """A round spanning longer than break_after has one arc with room for the break."""
        m, problem = self.model, self.problem
        horizon = max(c.end for c in problem.crews)
        first = m.NewIntVar(0, horizon, f"first{k}")
        last = m.NewIntVar(0, horizon, f"last{k}")
        for i in node:
            m.Add(first <= self.start[i]).OnlyEnforceIf(self.on[k, i])
            m.Add(last >= self.start[i] + problem.visits[i].duration).OnlyEnforceIf(self.on[k, i])
        long = m.NewBoolVar(f"long{k}")
        m.Add(last - first <= problem.break_after).OnlyEnforceIf(long.Not())
        rests = []
        for (kk, i, j), arc in self.arcs.items():
            if kk != k or i < 0 or j < 0:
                continue
            v, w = problem.visits[i], problem.visits[j]
            rest = m.NewBoolVar("")
            m.AddImplication(rest, arc)
            gap = v.duration + problem.travel[v.place][w.place] + problem.break_minutes
            m.Add(self.start[j] >= self.start[i] + gap).OnlyEnforceIf(rest)
            rests.append(rest)
        m.Add(sum(rests) >= 1).OnlyEnforceIf(long)

    def _add_reserve(self, cp_model) -> None:
        m, problem = self.model, self.problem
        inside = {}  # (visit, hour start) -> care minutes of the visit inside that clock hour
        for k, crew in enumerate(problem.crews):
            for lo, hi, cap in hour_caps(crew.start, crew.end, problem.reserve_per_hour):
                near = [i for i, v in enumerate(problem.visits)
                        if (k, i) in self.on and v.window_start < hi and v.window_end + v.duration > lo]
                if sum(min(problem.visits[i].duration, hi - lo) for i in near) <= cap:
                    continue
                shares = []
                for i in near:
                    v, s = problem.visits[i], self.start[i]
                    if (i, lo) not in inside:
                        until = m.NewIntVar(min(v.window_start + v.duration, hi), hi, "")
                        m.AddMinEquality(until, [s + v.duration, hi])
                        since = m.NewIntVar(lo, max(lo, v.window_end), "")
                        m.AddMaxEquality(since, [s, lo])
                        part = m.NewIntVar(0, min(v.duration, hi - lo), "")
                        m.AddMaxEquality(part, [until - since, 0])
                        inside[i, lo] = part
                    share = m.NewIntVar(0, min(v.duration, hi - lo), "")
                    m.Add(share >= inside[i, lo]).OnlyEnforceIf(self.on[k, i])
                    shares.append(share)
                m.Add(sum(shares) <= cap)

    def hint(self, solution: NightSolution) -> None:
        """Start the search from a known set of rounds."""
        index = {v.id: i for i, v in enumerate(self.problem.visits)}
        used: set[tuple[int | str, int, int]] = set()
        for k, route in enumerate(solution.routes):
            order = [index[s.visit_id] for s in route.stops]
            for stop in route.stops:
                self.model.AddHint(self.start[index[stop.visit_id]], stop.start)
            for a, b in zip([-1] + order, order + [-1]):
                if order:
                    used.add((k, a, b))
            for i in order:
                used.add(("on", k, i))
        for key, arc in self.arcs.items():
            self.model.AddHint(arc, key in used)
        for (k, i), on in self.on.items():
            self.model.AddHint(on, ("on", k, i) in used)

    def read(self, solver) -> tuple[list[list[int]], dict[int, int]]:
        """Visit orders per crew and start times from a solved model."""
        orders = []
        for k in range(len(self.problem.crews)):
            nxt = {a: b for (kk, a, b), arc in self.arcs.items() if kk == k and solver.Value(arc)}
            order, here = [], nxt.get(-1, -1)
            while here != -1:
                order.append(here)
                here = nxt[here]
            orders.append(order)
        starts = {i: solver.Value(s) for i, s in enumerate(self.start)}
        return orders, starts


def solve_cpsat(
    problem: NightProblem,
    time_limit_s: float,
    workers: int = 2,
    *,
    hint: NightSolution | None = None,
    on_progress: Callable[[str, int], None] | None = None,
    stop=None,
) -> NightSolution:
    """Best rounds CP-SAT finds within the limit; status 'optimal' once proved."""
    from ortools.sat.python import cp_model

    began = time.perf_counter()
    covered = hint is not None and not any(
        not v.optional for v in problem.visits if v.id in {u.visit_id for u in hint.unserved})
    built = _Model(problem, cover_all=covered)
    if hint is not None:
        built.hint(hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit_s - (time.perf_counter() - began))
    solver.parameters.num_workers = workers
    solver.parameters.catch_sigint_signal = False  # Ctrl-C is the caller's (`interrupt.py`)

    class Watch(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if on_progress:
                on_progress("cpsat", int(self.ObjectiveValue()))
            if stop is not None and stop.stop:
                self.StopSearch()

    code = run_interruptibly(lambda: solver.Solve(built.model, Watch()), solver.StopSearch)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        orders, starts = built.read(solver)
    else:  # out of time before even the empty rounds: report every visit left out, with reasons
        orders, starts = [[] for _ in problem.crews], {}
    status = "optimal" if code == cp_model.OPTIMAL else "feasible"
    if stop is not None and stop.stop and status != "optimal":
        status = "interrupted"
    return assemble(problem, orders, starts, status, "cpsat", began, bound=int(solver.BestObjectiveBound()),
                    stats={"branches": solver.NumBranches(), "cpsat_status": solver.StatusName(code)})
