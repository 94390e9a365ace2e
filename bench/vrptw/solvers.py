"""The solvers a VRPTW run can compare: ours and the two peers, each a function
(instance, integer data, seconds) -> routes of customer numbers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from bench import peers

from .instance import VrptwInstance
from .scaling import IntegerData

SolveFn = Callable[[VrptwInstance, IntegerData, float], list[list[int]]]

NAMES = ("ours", "pyvrp", "vroom")
"""Every solver the runner knows, in table order."""


def solve_ours(instance: VrptwInstance, data: IntegerData, time_limit: float, seed: int = 1) -> list[list[int]]:
    """Our routing core through its public entry point (the seed of its searches given)."""
    from solver.solution import Status
    from solver.solve import Options, solve

    from .ours import routes_of, to_problem

    solution = solve(to_problem(instance, data), Options(time_limit=time_limit, seed=seed))
    if solution.status is Status.NO_SOLUTION:
        return []
    return routes_of(solution)


def unavailable(name: str) -> str | None:
    """None when the solver can run here, else a note saying why it is skipped."""
    if name == "ours":
        if importlib.util.find_spec("solver.solve") is None:
            return "ours skipped: solver.solve not importable (the core is not there yet)"
        return None
    return peers.available(name)


def solve_fn(name: str) -> SolveFn:
    """The function that runs a named solver."""
    return solve_ours if name == "ours" else peers.SOLVERS[name]
