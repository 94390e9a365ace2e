"""One day as one OR-Tools routing model: vehicles are carer-shifts (tours from home), visits are
optional nodes with a large penalty so the search always has a first solution.

A double-up is two nodes with equal start and different carers. When the week was built by
insertion first (`construct.py`), that solution is the search's starting point and the
double-ups keep the start their two carers agreed there. Travel goes in as matrices, one per
transport mode, never as Python callbacks (callbacks cost points of gap at equal time).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from .problem import Problem


@dataclass(frozen=True, slots=True)
class Vehicle:
    """One carer-shift of the day."""

    carer: int
    """Carer index."""
    shift: int
    """Index into the carer's shifts."""
    work_cap: int | None
    """Most visit-plus-travel minutes this carer may work today, summed over shifts."""
    work_target: int
    """Soft target of visit-plus-travel minutes for this shift (contracted share)."""


@dataclass(frozen=True, slots=True)
class DayTask:
    """What one worker solves: a day's visits, who may make each, and a time budget."""

    day: int
    """Day index."""
    visits: tuple[int, ...]
    """Visit indices of the day."""
    vehicles: tuple[Vehicle, ...]
    """Carer-shifts available."""
    allowed: tuple[tuple[int, ...], ...]
    """Per visit (same order as visits): vehicle positions that may make it."""
    seconds: float
    """Time budget for the search."""
    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    """routing_enums_pb2.FirstSolutionStrategy name."""
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    """routing_enums_pb2.LocalSearchMetaheuristic name."""
    routes: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """A first solution to improve: per vehicle position, its visits in order (empty: search
    from scratch)."""
    starts: tuple[tuple[int, int], ...] = ()
    """(visit, start) of double-ups whose start is already agreed: both carers keep it."""
    deadline: float | None = None
    """time.monotonic() by which the search must end, model building included (None: seconds)."""
    gls_lambda: float = 0.1
    """Guided local search penalty weight (OR-Tools' guided_local_search_lambda_coefficient)."""
    engine: str = "routing"
    """"routing" (OR-Tools' routing search) or "strings" (string removal, `strings.py`, which
    needs the routes of a first solution)."""
    seed: int = 0
    """Seed of the string removal search."""
    heat: float = 1.0
    """Start temperature of the string search, times the mean cost of an arc of the first routes
    (it cools to a tenth of that)."""
    left_out: float | None = None
    """What the string search's annealing charges for a visit left off the routes, times the mean
    cost of an arc of the first routes (never more than the visit's own penalty; None: that
    penalty). Well below the penalty, a step may empty a route and leave a visit or two to later
    steps; only routes leaving no more visits out are kept as the best."""
    cooling: tuple[float, float] = (0.0, 1.0)
    """The stretch of the string search's cooling, from hot (0) to cold (1), this task covers: a
    search cut into rounds cools on from where the round before stopped."""


@dataclass(frozen=True, slots=True)
class Column:
    """One carer's routes of the day as a search met them in a good solution: a candidate for the
    set partitioning that combines the searches' routes (`partition.py`)."""

    carer: int
    """Carer index."""
    routes: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]
    """Per vehicle position of the carer's (in task order): its stops (visit, start), maybe none."""
    cost: int
    """Travel cost of the routes, as the searches count it."""


@dataclass(frozen=True, slots=True)
class DayResult:
    """A day's routes as (vehicle position, [(visit index, start)]), and what it left out."""

    day: int
    """Day index."""
    routes: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]
    """Per used vehicle: its position in the task and its stops (visit, start) in order."""
    found: bool
    """False if the search ended without any solution."""
    seconds: float
    """Wall time spent."""
    columns: tuple[Column, ...] = ()
    """Carers' routes from the good solutions the search met, for `partition.combine`."""


def solve_day(problem: Problem, task: DayTask, cancel: threading.Event | None = None) -> DayResult:
    """Search the day with the task's engine (the routing model when the string search declines);
    stops early when cancel is set."""
    if task.engine == "strings":
        from .strings import improve_day

        result = improve_day(problem, task, cancel)
        # It declines at once a day it cannot start from (no first routes, a double-up without
        # an agreed start): the routing search takes the day instead.
        if result.found or (cancel is not None and cancel.is_set()):
            return result
    began = time.monotonic()
    routes = _DayModel(problem, task).search(cancel)
    return DayResult(task.day, routes or (), routes is not None, time.monotonic() - began)


class _DayModel:
    """The routing model of one day; nodes are homes first, then one node per carer-place."""

    def __init__(self, problem: Problem, task: DayTask) -> None:
        self.problem = problem
        self.task = task
        carers = problem.carers
        homes = sorted({carers[v.carer].home for v in task.vehicles})
        self.home_node = {home: node for node, home in enumerate(homes)}
        self.node_location = list(homes)
        self.node_service = [0] * len(homes)
        self.node_visit: list[int | None] = [None] * len(homes)
        self.copies: dict[int, list[int]] = {}
        for visit_index in task.visits:
            visit = problem.visits[visit_index]
            for _ in range(visit.carers_needed):
                self.copies.setdefault(visit_index, []).append(len(self.node_location))
                self.node_location.append(visit.location)
                self.node_service.append(visit.duration)
                self.node_visit.append(visit_index)
        starts = [self.home_node[carers[v.carer].home] for v in task.vehicles]
        self.manager = pywrapcp.RoutingIndexManager(len(self.node_location), len(task.vehicles), starts, starts)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._build()

    def _build(self) -> None:
        problem, task, routing = self.problem, self.task, self.routing
        weights = problem.weights
        carers = problem.carers
        locations = self.node_location
        service = self.node_service
        modes = sorted({carers[v.carer].mode for v in task.vehicles})
        time_index, cost_index = {}, {}
        for mode in modes:
            travel = problem.travel[mode]
            rows = [travel[a] for a in locations]
            time_index[mode] = routing.RegisterTransitMatrix(
                [[service[i] + row[b] for b in locations] for i, row in enumerate(rows)]
            )
            dist_rows = [problem.distance[a] for a in locations]
            cost_index[mode] = routing.RegisterTransitMatrix(
                [
                    [weights.travel_minute * row[b] + weights.distance_metre * drow[b] for b in locations]
                    for row, drow in zip(rows, dist_rows)
                ]
            )
        vehicle_modes = [carers[v.carer].mode for v in task.vehicles]
        for position, mode in enumerate(vehicle_modes):
            routing.SetArcCostEvaluatorOfVehicle(cost_index[mode], position)
        transits = [time_index[m] for m in vehicle_modes]
        horizon = self._horizon()
        routing.AddDimensionWithVehicleTransits(transits, horizon, horizon, False, "time")
        self.time = time = routing.GetDimensionOrDie("time")
        self._shift_limits(time)
        self._capacity()
        self._visits(time)
        for position in range(len(task.vehicles)):
            routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(position)))
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(position)))

    def _horizon(self) -> int:
        """Upper bound on any time in the model: the last shift end or visit end of the day."""
        problem = self.problem
        ends = [problem.carers[v.carer].shifts[v.shift].end for v in self.task.vehicles]
        ends += [problem.visits[i].latest + problem.visits[i].duration for i in self.task.visits]
        return max(ends, default=0) + 1

    def _shift_limits(self, time) -> None:
        """Shift bounds, the day's share of the weekly limit and contract, the longest day.

        Work is counted home to home including waits: never less than the rule checker counts."""
        problem, task, routing = self.problem, self.task, self.routing
        solver = routing.solver()
        by_carer: dict[int, list[int]] = {}
        for position, vehicle in enumerate(task.vehicles):
            shift = problem.carers[vehicle.carer].shifts[vehicle.shift]
            start, end = routing.Start(position), routing.End(position)
            time.CumulVar(start).SetRange(shift.start, shift.end)
            time.CumulVar(end).SetRange(shift.start, shift.end)
            if vehicle.work_target and problem.weights.contract_gap_minute:
                time.SetSoftSpanUpperBoundForVehicle(
                    pywrapcp.BoundCost(vehicle.work_target, problem.weights.contract_gap_minute), position
                )
            by_carer.setdefault(vehicle.carer, []).append(position)
        for carer, positions in by_carer.items():
            cap = task.vehicles[positions[0]].work_cap
            if cap is not None:
                spans = [time.CumulVar(routing.End(p)) - time.CumulVar(routing.Start(p)) for p in positions]
                solver.Add(solver.Sum(spans) <= cap)
            if problem.max_day_minutes is not None:
                first, last = positions[0], positions[-1]
                solver.Add(
                    time.CumulVar(routing.End(last)) - time.CumulVar(routing.Start(first)) <= problem.max_day_minutes
                )

    def _capacity(self) -> None:
        problem, task, routing = self.problem, self.task, self.routing
        loads = [0 if v is None else problem.visits[v].load for v in self.node_visit]
        if not any(loads):
            return
        demand = routing.RegisterUnaryTransitVector(loads)
        big = sum(loads)
        capacities = [
            big if problem.carers[v.carer].capacity is None else problem.carers[v.carer].capacity
            for v in task.vehicles
        ]
        routing.AddDimensionWithVehicleCapacity(demand, 0, capacities, True, "load")

    def _visits(self, time) -> None:
        problem, task, routing, manager = self.problem, self.task, self.routing, self.manager
        solver = routing.solver()
        weights = problem.weights
        agreed = dict(task.starts)
        for visit_index, allowed in zip(task.visits, task.allowed):
            visit = problem.visits[visit_index]
            penalty = weights.miss_cost(visit)
            nodes = self.copies[visit_index]
            fixed = agreed.get(visit_index, visit.pinned_start)
            for copy, node in enumerate(nodes):
                index = manager.NodeToIndex(node)
                cumul = time.CumulVar(index)
                if fixed is not None:
                    cumul.SetRange(fixed, fixed)
                else:
                    cumul.SetRange(visit.earliest, visit.latest)
                preferred = visit.target_start
                if weights.lateness_minute and visit.latest > preferred:
                    time.SetCumulVarSoftUpperBound(index, preferred, weights.lateness_minute)
                routing.AddDisjunction([index], penalty)
                vehicles = self._vehicles_for_copy(visit, copy, allowed)
                if not vehicles:
                    routing.ActiveVar(index).SetValue(0)
                else:
                    routing.VehicleVar(index).SetValues([-1, *vehicles])
            if len(nodes) == 2:
                a, b = (manager.NodeToIndex(n) for n in nodes)
                # With the start agreed both cumuls are fixed already; the equality would only
                # slow down (or, in 9.15, hang) reading the first solution.
                if fixed is None:
                    solver.Add(time.CumulVar(a) == time.CumulVar(b))
                different = solver.IsDifferentVar(routing.VehicleVar(a), routing.VehicleVar(b))
                dropped = solver.IsEqualCstVar(routing.VehicleVar(a), -1)
                solver.Add(different + dropped >= 1)
                # Symmetry: the first copy takes the lower vehicle unless pins or the places'
                # skills say which copy goes where.
                if not visit.pinned_carers and visit.second_skills is None:
                    solver.Add(
                        solver.IsLessVar(routing.VehicleVar(a), routing.VehicleVar(b))
                        + solver.IsEqualCstVar(routing.VehicleVar(b), -1)
                        >= 1
                    )

    def _vehicles_for_copy(self, visit, copy: int, allowed: tuple[int, ...]) -> list[int]:
        """Vehicle positions that may take this copy: a pinned carer's shifts if pinned, and
        carers with the skills of the copy's place."""
        vehicles = self.task.vehicles
        if copy < len(visit.pinned_carers):
            carer = visit.pinned_carers[copy]
            allowed = tuple(p for p, v in enumerate(vehicles) if v.carer == carer)
        if visit.second_skills is None:
            return list(allowed)
        skills = visit.place_skills(copy)
        return [p for p in allowed if skills <= self.problem.carers[vehicles[p].carer].skills]

    def search(self, cancel: threading.Event | None):
        """Run the search; return routes or None when nothing was found."""
        task, routing = self.task, self.routing
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, task.first_solution)
        params.local_search_metaheuristic = getattr(
            routing_enums_pb2.LocalSearchMetaheuristic, task.metaheuristic
        )
        params.guided_local_search_lambda_coefficient = task.gls_lambda
        seconds = 0.1 if cancel is not None and cancel.is_set() else task.seconds
        if task.deadline is not None:
            seconds = min(seconds, task.deadline - time.monotonic())
        params.time_limit.FromMilliseconds(max(100, int(seconds * 1000)))
        watcher = _watch(cancel, routing)
        try:
            first = None
            if task.routes:
                routing.CloseModelWithParameters(params)
                first = routing.ReadAssignmentFromRoutes(self._index_routes(), True)
            if first is not None:
                solution = routing.SolveFromAssignmentWithParameters(first, params)
            else:
                solution = routing.SolveWithParameters(params)
        finally:
            if watcher:
                watcher.set()
        if solution is None:
            return None
        return self._routes(solution)

    def _index_routes(self) -> list[list[int]]:
        """The task's first solution as routing indices: a double-up's first copy on the lower
        vehicle (the symmetry rule), or on the pinned carer's."""
        task, manager = self.task, self.manager
        vehicles_of: dict[int, list[int]] = {}
        for position, visits in task.routes:
            for visit in visits:
                vehicles_of.setdefault(visit, []).append(position)
        node_of: dict[tuple[int, int], int] = {}
        for visit, positions in vehicles_of.items():
            copies = self.copies[visit]
            v = self.problem.visits[visit]
            pins = v.pinned_carers
            if pins:
                order = sorted(positions, key=lambda p: (task.vehicles[p].carer not in pins,
                                                         pins.index(task.vehicles[p].carer)
                                                         if task.vehicles[p].carer in pins else 0))
            else:
                order = sorted(positions)
                # The first copy is the first place: its carer must hold that place's skills.
                if v.second_skills is not None and not v.skills <= self.problem.carers[task.vehicles[order[0]].carer].skills:
                    order.reverse()
            for copy, position in zip(copies, order):
                node_of[(visit, position)] = copy
        routes: list[list[int]] = [[] for _ in task.vehicles]
        for position, visits in task.routes:
            routes[position] = [manager.NodeToIndex(node_of[(v, position)]) for v in visits]
        return routes

    def _routes(self, solution) -> tuple:
        routing, manager, time = self.routing, self.manager, self.time
        routes = []
        for position in range(len(self.task.vehicles)):
            index = solution.Value(routing.NextVar(routing.Start(position)))
            stops = []
            while not routing.IsEnd(index):
                node = manager.IndexToNode(index)
                stops.append((self.node_visit[node], solution.Min(time.CumulVar(index))))
                index = solution.Value(routing.NextVar(index))
            if stops:
                routes.append((position, tuple(stops)))
        return tuple(routes)


def _watch(cancel: threading.Event | None, routing) -> threading.Event | None:
    """A thread that cancels the search when cancel is set; returns the event that ends it."""
    if cancel is None:
        return None
    done = threading.Event()

    def run() -> None:
        # Keep cancelling: a cancel that lands before the search starts would be forgotten.
        while not done.wait(0.1):
            if cancel.is_set():
                routing.CancelSearch()

    threading.Thread(target=run, daemon=True).start()
    return done
