"""An HHCRSP instance as our solver's Problem, and our Solution back as the paper's services.

- staff are carers living at the depot, one long shift (the paper has no end of day);
- a single service is a visit needing that service's skill; its window opens at `e` (hard) and
  lateness after `l` is the soft lateness cost, i.e. the paper's tardiness;
- a simultaneous double service (gap 0/0) is our double-up: two different carers, equal start,
  the first qualified for one service and the second for the other (`Visit.second_skills`);
- a double service with a positive gap (precedence) becomes two single visits, the second a
  follow-up of the first (`Visit.follows`) starting mind..maxd after it, both from e on.
  (Until the solver had follow-ups, the pair's windows were cut so that any starts inside them
  kept the gap; on the busier instances that left 2-31 services uncovered.)

Times and distances are scaled by SCALE; travel is rounded up so every hard window that holds
in integers holds in float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .check import Service
from .instance import HhcInstance

SCALE = 100
"""Integer units per instance unit."""

UNCOVERED_PENALTY = 10**12
"""Cost of a service left out: far above any distance plus tardiness."""


@dataclass(frozen=True)
class Mapping:
    """What each visit of the Problem stands for."""

    services: tuple[tuple[int, tuple[int, ...]], ...]
    """Per visit: (patient node, the service(s) its carer(s) perform)."""


def to_problem(instance: HhcInstance):
    """The Problem, and the mapping from its visits back to patients and services."""
    from solver.problem import Carer, Problem, Shift, Visit, Weights

    horizon = math.ceil(10 * max(instance.late) * SCALE)
    carers = tuple(
        Carer(
            home=0,
            skills=frozenset(f"service {s}" for s in range(instance.services) if instance.qualified[c][s]),
            shifts=(Shift(day=0, start=0, end=horizon),),
            label=f"staff {c}",
        )
        for c in range(instance.staff)
    )
    visits, services = [], []

    def add(node: int, chosen: tuple[int, ...], earliest: float, latest: float | None, duration: float, **extra):
        start = math.ceil(earliest * SCALE)
        visits.append(
            Visit(
                location=node,
                day=0,
                earliest=start,
                latest=horizon if latest is None else max(start, math.floor(latest * SCALE)),
                duration=math.ceil(duration * SCALE),
                preferred_start=max(start, math.floor(instance.late[node] * SCALE)),
                label=f"patient {node} service {'+'.join(map(str, chosen))}",
                **extra,
            )
        )
        services.append((node, chosen))

    for node in instance.patients:
        needed = instance.services_of(node)
        e = instance.early[node]
        if node not in instance.double:
            add(node, needed, e, None, instance.processing[node][needed[0]],
                skills=frozenset({f"service {needed[0]}"}))
        elif instance.simultaneous(node):
            first, second = needed
            add(node, needed, e, None, max(instance.processing[node][s] for s in needed),
                carers_needed=2, skills=frozenset({f"service {first}"}), second_skills=frozenset({f"service {second}"}))
        else:
            first, second = needed
            # Inside the gap, rounded inwards, so that the scaled starts keep it in float too.
            gap = (math.ceil(instance.min_gap[node] * SCALE), math.floor(instance.max_gap[node] * SCALE))
            add(node, (first,), e, None, instance.processing[node][first], skills=frozenset({f"service {first}"}))
            add(node, (second,), e, None, instance.processing[node][second],
                skills=frozenset({f"service {second}"}), follows=len(visits) - 1, gap=gap)
    weights = Weights(
        uncovered=UNCOVERED_PENALTY,
        optional_uncovered=UNCOVERED_PENALTY,
        travel_minute=0,
        distance_metre=1,
        new_carer_for_client=0,
        preferred_carer_bonus=0,
        lateness_minute=1,
        contract_gap_minute=0,
    )
    nodes = range(instance.nodes)
    problem = Problem(
        travel=(tuple(tuple(math.ceil(instance.distance[i][j] * SCALE) for j in nodes) for i in nodes),),
        distance=tuple(tuple(round(instance.distance[i][j] * SCALE) for j in nodes) for i in nodes),
        visits=tuple(visits),
        carers=carers,
        weights=weights,
        break_after=None,
        max_day_minutes=None,
    )
    return problem, Mapping(tuple(services))


def to_services(instance: HhcInstance, mapping: Mapping, solution) -> list[list[Service]]:
    """Each staff member's services in order; a double-up's two services go to the carers so that
    each is qualified for the one they get, when the pair allows it."""
    routes: list[list[Service]] = [[] for _ in range(instance.staff)]
    first_carer: dict[int, int] = {}
    for route in solution.routes:
        for stop in route.stops:
            node, chosen = mapping.services[stop.visit]
            start = stop.start / SCALE
            if len(chosen) == 1:
                routes[route.carer].append(Service(node, chosen[0], start))
                continue
            partner = first_carer.setdefault(stop.visit, route.carer)
            if partner == route.carer:
                continue
            a, b = partner, route.carer
            s1, s2 = chosen
            if not (instance.qualified[a][s1] and instance.qualified[b][s2]):
                s1, s2 = s2, s1
            routes[a].append(Service(node, s1, start))
            routes[b].append(Service(node, s2, start))
    for route in routes:
        route.sort(key=lambda s: s.start)
    return routes
