"""Solve one night's rounds: `solve_night(problem, options) -> NightSolution`.

Two engines, chosen by measurement (bench/nights.py): ruin and recreate around exact round timing
(night_lns) finds full-coverage rounds fast at any size; CP-SAT (night_cpsat) proves small nights
optimal once told the night is coverable. "auto" runs the first, then, on a night small enough,
lets CP-SAT start from its rounds and prove or improve them.

The OR-Tools routing solver was measured too and dropped: the hourly reserve is a side constraint
on start times, which its local search either ignores (cumul values left open) or, with start times
fixed by a finalizer, stalls on (no first solution, even from a feasible start).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from .night_problem import NightProblem, NightSolution
from .night_routes import assemble

CPSAT_MAX_VISITS = 40
"""Above this many visits CP-SAT rarely proves a night within seconds on two cores (bench)."""


@dataclass(frozen=True, slots=True)
class NightOptions:
    """How to solve a night."""

    engine: str = "auto"
    """'auto', 'lns' or 'cpsat'."""
    time_limit_s: float = 10.0
    """Wall-time budget for the whole night."""
    workers: int = 2
    """CP-SAT search workers (the machine is shared: keep it small)."""
    until_covered: bool = False
    """Stop as soon as every mandatory visit is covered (a quick probe of whether crews suffice)."""


class StopToken:
    """A stopping token: set `.stop = True` from another thread to end the search early."""

    def __init__(self) -> None:
        self.stop = False


def solve_night(
    problem: NightProblem,
    options: NightOptions = NightOptions(),
    *,
    on_progress: Callable[[str, int], None] | None = None,
    stop: StopToken | None = None,
) -> NightSolution:
    """Plan the night's rounds: cover every visit, keep the reserve, then drive least."""
    began = time.perf_counter()
    engine = options.engine
    if engine == "auto":
        engine = "lns" if len(problem.visits) > CPSAT_MAX_VISITS else "both"
    if engine not in ("lns", "cpsat", "both"):
        raise ValueError(f"engine {options.engine!r} is not auto, lns or cpsat")
    if not problem.crews or not problem.visits:
        return assemble(problem, [[] for _ in problem.crews], {}, "optimal", "lns", began)
    if engine == "cpsat":
        from .night_cpsat import solve_cpsat

        return solve_cpsat(problem, options.time_limit_s, options.workers, on_progress=on_progress, stop=stop)
    from .night_lns import solve_lns

    share = options.time_limit_s if engine == "lns" else max(1.0, options.time_limit_s * 0.3)
    first = solve_lns(problem, share, until_covered=options.until_covered, on_progress=on_progress, stop=stop)
    if engine == "lns" or options.until_covered or (stop and stop.stop):
        return first
    from .night_cpsat import solve_cpsat

    left = max(0.5, options.time_limit_s - (time.perf_counter() - began))
    exact = solve_cpsat(problem, left, options.workers, hint=first, on_progress=on_progress, stop=stop)
    best = exact if exact.objective <= first.objective else first
    if best is first and exact.bound is not None:
        status = "optimal" if exact.bound >= first.objective else first.status
        best = replace(first, status=status, bound=exact.bound)
    return replace(best, seconds=time.perf_counter() - began)
