"""Independent float checker for VRPTW routes: it trusts nothing a solver reports, only the
visiting order, and recomputes distance and times in double precision from the instance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .instance import VrptwInstance

TOLERANCE = 1e-6
"""Slack for float comparisons of times and loads."""


@dataclass(frozen=True)
class RouteCheck:
    """Outcome of checking a set of routes against an instance."""

    distance: float
    """Total Euclidean distance, depot to depot, in double precision."""
    vehicles: int
    """Non-empty routes."""
    violations: tuple[str, ...]
    """Every broken rule, each naming the route and customer."""

    @property
    def feasible(self) -> bool:
        """True when no rule is broken."""
        return not self.violations


def check_routes(instance: VrptwInstance, routes: list[list[int]]) -> RouteCheck:
    """Check that every customer is served once, within its window and the vehicle's capacity,
    by at most the fleet size, each route back at the depot before it closes."""
    violations: list[str] = []
    routes = [list(route) for route in routes if route]
    if len(routes) > instance.vehicles:
        violations.append(f"{len(routes)} routes, fleet is {instance.vehicles}")
    seen = Counter(customer for route in routes for customer in route)
    for customer in range(1, instance.customers + 1):
        if seen[customer] == 0:
            violations.append(f"customer {customer}: not served")
        elif seen[customer] > 1:
            violations.append(f"customer {customer}: served {seen[customer]} times")
    for customer in seen.keys() - set(range(1, instance.customers + 1)):
        violations.append(f"customer {customer}: not in the instance")
    total = 0.0
    for number, route in enumerate(routes):
        distance, route_violations = _check_route(instance, route)
        total += distance
        violations.extend(f"route {number}: {message}" for message in route_violations)
    return RouteCheck(distance=total, vehicles=len(routes), violations=tuple(violations))


def _check_route(instance: VrptwInstance, route: list[int]) -> tuple[float, list[str]]:
    violations = []
    valid = [c for c in route if 1 <= c <= instance.customers]
    load = sum(instance.demand[c] for c in valid)
    if load > instance.capacity:
        violations.append(f"load {load} over capacity {instance.capacity}")
    time, distance, previous = instance.ready[0], 0.0, 0
    for customer in valid:
        leg = instance.distance(previous, customer)
        distance += leg
        start = max(time + leg, instance.ready[customer])
        if start > instance.due[customer] + TOLERANCE:
            violations.append(
                f"customer {customer}: service starts at {start:.3f}, window closes at {instance.due[customer]:g}"
            )
        time = start + instance.service[customer]
        previous = customer
    leg = instance.distance(previous, 0)
    distance += leg
    if time + leg > instance.due[0] + TOLERANCE:
        violations.append(f"back at the depot at {time + leg:.3f}, depot closes at {instance.due[0]:g}")
    return distance, violations
