"""Our routing core on a VRPTW instance: one day, the fleet as identical carers living at the
depot with one shift [depot opens, depot closes], customers as visits with windows, service
times and a load against the carers' capacity; the objective is scaled distance alone."""

from __future__ import annotations

from .instance import VrptwInstance
from .scaling import IntegerData

UNCOVERED_PENALTY = 10**12
"""Cost of leaving a customer out: above any route's scaled distance, so dropping is a last resort."""


def to_problem(instance: VrptwInstance, data: IntegerData):
    """The VRPTW instance as our solver's Problem (location 0 = depot = every carer's home)."""
    from solver.problem import Carer, Problem, Shift, Visit, Weights

    shift = Shift(day=0, start=data.ready[0], end=data.due[0])
    carers = tuple(
        Carer(home=0, shifts=(shift,), capacity=instance.capacity, label=f"vehicle {v}")
        for v in range(instance.vehicles)
    )
    visits = tuple(
        Visit(
            location=node,
            day=0,
            earliest=data.ready[node],
            latest=data.due[node],
            duration=data.service[node],
            load=instance.demand[node],
            label=f"customer {node}",
        )
        for node in range(1, len(instance.x))
    )
    weights = Weights(
        uncovered=UNCOVERED_PENALTY,
        optional_uncovered=UNCOVERED_PENALTY,
        travel_minute=0,
        distance_metre=1,
        new_carer_for_client=0,
        preferred_carer_bonus=0,
        lateness_minute=0,
        contract_gap_minute=0,
    )
    return Problem(
        travel=(data.travel,),
        distance=data.cost,
        visits=visits,
        carers=carers,
        weights=weights,
        break_after=None,
        max_day_minutes=None,
    )


def routes_of(solution) -> list[list[int]]:
    """Customer numbers per route; visit i is customer i + 1."""
    return [[stop.visit + 1 for stop in route.stops] for route in solution.routes]
