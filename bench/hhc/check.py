"""The paper's rules and objective for an HHCRSP solution, independent of any solver: it takes
each carer's services in order with their start times and recomputes everything in float."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .instance import HhcInstance

TOLERANCE = 1e-6
"""Slack for float comparisons of times."""


@dataclass(frozen=True)
class Service:
    """One service performed by one carer."""

    node: int
    """Patient node."""
    service: int
    """Service type performed."""
    start: float
    """When it starts."""


@dataclass(frozen=True)
class Evaluation:
    """The paper's objective, its parts, and every rule the solution breaks."""

    distance: float
    """Total travel distance, depot to depot, over all carers."""
    total_tardiness: float
    """Sum over services of the start's lateness after the patient's window closes."""
    max_tardiness: float
    """Largest such lateness."""
    violations: tuple[str, ...]
    """Broken rules, each naming the carer, patient and service."""

    @property
    def objective(self) -> float:
        """Mankowska et al. (2014): distance, total and maximal tardiness, each weighted 1/3."""
        return (self.distance + self.total_tardiness + self.max_tardiness) / 3

    @property
    def feasible(self) -> bool:
        """True when no rule is broken."""
        return not self.violations


def evaluate(instance: HhcInstance, routes: list[list[Service]]) -> Evaluation:
    """Check services required/done once, qualifications, windows opening, travel and processing
    between consecutive starts, and the double-service gaps; then compute the objective."""
    violations: list[str] = []
    if len(routes) > instance.staff:
        violations.append(f"{len(routes)} routes for {instance.staff} staff")
    done = Counter((s.node, s.service) for route in routes for s in route)
    starts: dict[tuple[int, int], tuple[int, float]] = {}
    for carer, route in enumerate(routes):
        for s in route:
            starts[(s.node, s.service)] = (carer, s.start)
    for node in instance.patients:
        for service in instance.services_of(node):
            if done[(node, service)] != 1:
                violations.append(f"patient {node} service {service}: done {done[(node, service)]} times, needs 1")
    for node, service in done.keys():
        if node not in instance.patients or service not in instance.services_of(node):
            violations.append(f"patient {node} service {service}: not required")
    distance = 0.0
    tardiness: list[float] = []
    end = instance.nodes - 1
    for carer, route in enumerate(routes):
        time, previous = instance.early[0], 0
        for s in route:
            label = f"carer {carer} patient {s.node} service {s.service}"
            if not instance.qualified[carer][s.service]:
                violations.append(f"{label}: carer not qualified")
            leg = instance.distance[previous][s.node]
            distance += leg
            if s.start + TOLERANCE < max(time + leg, instance.early[s.node]):
                violations.append(
                    f"{label}: starts at {s.start:.2f}, cannot start before "
                    f"{max(time + leg, instance.early[s.node]):.2f}"
                )
            tardiness.append(max(0.0, s.start - instance.late[s.node]))
            time, previous = s.start + instance.processing[s.node][s.service], s.node
        if route:
            distance += instance.distance[previous][end]
    for node in instance.double:
        first, second = instance.services_of(node)
        if (node, first) not in starts or (node, second) not in starts:
            continue
        (carer_a, a), (carer_b, b) = starts[(node, first)], starts[(node, second)]
        if carer_a == carer_b:
            violations.append(f"patient {node}: both services by carer {carer_a}, needs two carers")
        low, high = instance.min_gap[node], instance.max_gap[node]
        if not low - TOLERANCE <= b - a <= high + TOLERANCE:
            violations.append(f"patient {node}: second service starts {b - a:.2f} after the first, allowed {low:g}-{high:g}")
    return Evaluation(distance, sum(tardiness), max(tardiness, default=0.0), tuple(violations))
