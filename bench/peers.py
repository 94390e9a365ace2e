"""The peers we measure against, side by side in the same run: PyVRP and VROOM (pyvroom).
Both are optional bench dependencies; `available()` says which can be imported, and why not."""

from __future__ import annotations

import importlib.util
from datetime import timedelta

from bench.vrptw.instance import VrptwInstance
from bench.vrptw.scaling import IntegerData

MODULES = {"pyvrp": "pyvrp", "vroom": "vroom"}
"""Solver name -> the module it needs."""


def available(name: str) -> str | None:
    """None when the peer can run, else a note saying what is missing."""
    module = MODULES[name]
    if importlib.util.find_spec(module) is None:
        return f"{name} skipped: module {module!r} not importable (pip install -e '.[bench]')"
    return None


def solve_pyvrp(instance: VrptwInstance, data: IntegerData, time_limit: float) -> list[list[int]]:
    """PyVRP's hybrid genetic search, distance objective, no fixed vehicle cost."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    model = Model()
    locations = [model.add_location(x, y) for x, y in zip(instance.x, instance.y)]
    depot = model.add_depot(locations[0], tw_early=data.ready[0], tw_late=data.due[0])
    model.add_vehicle_type(
        num_available=instance.vehicles,
        capacity=instance.capacity,
        start_depot=depot,
        end_depot=depot,
        tw_early=data.ready[0],
        tw_late=data.due[0],
    )
    for node in range(1, len(locations)):
        model.add_client(
            locations[node],
            delivery=instance.demand[node],
            service_duration=data.service[node],
            tw_early=data.ready[node],
            tw_late=data.due[node],
            name=str(node),
        )
    for i, frm in enumerate(locations):
        for j, to in enumerate(locations):
            if i != j:
                model.add_edge(frm, to, distance=data.cost[i][j], duration=data.travel[i][j])
    result = model.solve(stop=MaxRuntime(time_limit), seed=1, display=False)
    # Activities index clients from 0 in the order added, i.e. customer node - 1.
    return [[act.idx + 1 for act in route if act.is_client()] for route in result.best.routes()]


def solve_vroom(instance: VrptwInstance, data: IntegerData, time_limit: float) -> list[list[int]]:
    """VROOM at its highest exploration level on both cores, costs = scaled distance."""
    import numpy
    import vroom

    problem = vroom.Input()
    problem.set_durations_matrix("car", numpy.array(data.travel, dtype=numpy.uint32))
    problem.set_costs_matrix("car", numpy.array(data.cost, dtype=numpy.uint32))
    for vehicle in range(instance.vehicles):
        problem.add_vehicle(
            vroom.Vehicle(
                vehicle,
                start=0,
                end=0,
                capacity=vroom.Amount([instance.capacity]),
                time_window=vroom.TimeWindow(data.ready[0], data.due[0]),
            )
        )
    for node in range(1, len(instance.x)):
        problem.add_job(
            vroom.Job(
                node,
                location=node,
                delivery=vroom.Amount([instance.demand[node]]),
                default_service=data.service[node],
                time_windows=[vroom.TimeWindow(data.ready[node], data.due[node])],
            )
        )
    solution = problem.solve(exploration_level=5, nb_threads=2, timeout=timedelta(seconds=time_limit))
    routes = solution.routes
    jobs = routes[routes["type"] == "job"]
    return [list(group["id"]) for _, group in jobs.groupby("vehicle_id", sort=True)]


SOLVERS = {"pyvrp": solve_pyvrp, "vroom": solve_vroom}
"""Peer name -> function (instance, integer data, seconds) -> routes of customer numbers."""
