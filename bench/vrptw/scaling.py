"""Integer data for solvers that need it: everything x 1000, arc costs rounded, travel times
rounded *up*, so a route feasible in integers stays feasible in float."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .instance import VrptwInstance

SCALE = 1000
"""Units per instance unit (distance and time)."""


@dataclass(frozen=True)
class IntegerData:
    """An instance in scaled integers, node 0 the depot."""

    cost: tuple[tuple[int, ...], ...]
    """Arc cost: distance x SCALE, rounded to nearest."""
    travel: tuple[tuple[int, ...], ...]
    """Arc travel time: distance x SCALE, rounded up."""
    ready: tuple[int, ...]
    """Earliest start of service per node, scaled."""
    due: tuple[int, ...]
    """Latest start of service per node, scaled (the depot's: latest return)."""
    service: tuple[int, ...]
    """Service duration per node, scaled."""


def to_integers(instance: VrptwInstance) -> IntegerData:
    """Scale an instance; windows and service times are whole numbers in both public sets, so they
    scale exactly (floor/ceil keep any fractional ones on the safe side)."""
    nodes = range(len(instance.x))
    distance = [[instance.distance(i, j) * SCALE for j in nodes] for i in nodes]
    return IntegerData(
        cost=tuple(tuple(round(d) for d in row) for row in distance),
        travel=tuple(tuple(math.ceil(d) for d in row) for row in distance),
        ready=tuple(math.ceil(v * SCALE) for v in instance.ready),
        due=tuple(math.floor(v * SCALE) for v in instance.due),
        service=tuple(math.ceil(v * SCALE) for v in instance.service),
    )
