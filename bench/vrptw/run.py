"""Solve instances with several solvers under one time limit and check every answer."""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass

from .check import check_routes
from .instance import BestKnown, VrptwInstance
from .scaling import to_integers
from .solvers import solve_fn

WORSE_THAN_VROOM = 0.5
"""Percent by which ours may trail VROOM on an instance before it counts against the target."""


@dataclass(frozen=True)
class Outcome:
    """One solver on one instance, as measured by our checker (not as the solver reports)."""

    instance: str
    """Instance name."""
    solver: str
    """"ours", "pyvrp" or "vroom"."""
    vehicles: int
    """Routes used."""
    distance: float | None
    """Recomputed double-precision distance; None when there is no feasible solution."""
    gap: float | None
    """Percent above the matching BKS distance; None when infeasible or no BKS."""
    seconds: float
    """Wall time of the solve call, including model building."""
    violations: tuple[str, ...]
    """What the checker found wrong (empty when feasible)."""
    note: str = ""
    """An error the solver raised, if any."""
    seed: int | None = None
    """Seed of our solver's run (None for the peers, which run once per instance)."""

    @property
    def feasible(self) -> bool:
        """Checked and no rule broken."""
        return self.distance is not None

    def to_json(self) -> dict:
        """Plain data for the JSON output."""
        return asdict(self) | {"violations": list(self.violations)}


def solve_instance(
    instance: VrptwInstance, solvers: list[str], time_limit: float, bks: BestKnown | None,
    seeds: tuple[int, ...] = (1,),
) -> list[Outcome]:
    """Run each solver in turn on the same scaled data, ours once per seed; a solver that raises
    is recorded, not fatal."""
    data = to_integers(instance)
    outcomes = []
    runs = [(name, seed) for name in solvers for seed in (seeds if name == "ours" else (None,))]
    for name, seed in runs:
        began = time.perf_counter()
        note = ""
        try:
            solve = solve_fn(name)
            routes = solve(instance, data, time_limit) if seed is None else solve(instance, data, time_limit, seed)
        except Exception as exc:  # a crashing peer must not end the whole benchmark run
            routes = []
            note = f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - began
        check = check_routes(instance, routes)
        distance = check.distance if check.feasible else None
        gap = 100 * (distance - bks.distance) / bks.distance if distance is not None and bks else None
        outcomes.append(Outcome(instance.name, name, check.vehicles, distance, gap, seconds, check.violations, note,
                                seed))
    return outcomes


@dataclass(frozen=True)
class SolverSummary:
    """One solver over the whole run."""

    solver: str
    """Solver name."""
    instances: int
    """Instances attempted."""
    feasible: int
    """Instances with a checked feasible solution."""
    mean_gap: float | None
    """Mean gap over the feasible ones."""
    median_seconds: float
    """Median wall time per instance."""


def summarise(outcomes: list[Outcome]) -> list[SolverSummary]:
    """Mean gap and feasibility count per solver, in order of first appearance."""
    names = list(dict.fromkeys(o.solver for o in outcomes))
    summaries = []
    for name in names:
        mine = [o for o in outcomes if o.solver == name]
        gaps = [o.gap for o in mine if o.gap is not None]
        summaries.append(
            SolverSummary(
                name,
                len(mine),
                sum(o.feasible for o in mine),
                statistics.fmean(gaps) if gaps else None,
                statistics.median(o.seconds for o in mine),
            )
        )
    return summaries


def worse_than_vroom(outcomes: list[Outcome]) -> list[tuple[Outcome, float | None]]:
    """Our runs more than WORSE_THAN_VROOM % longer than VROOM's checked distance on the same
    instance (or infeasible while VROOM is feasible, shown as None)."""
    vroom = {o.instance: o for o in outcomes if o.solver == "vroom" and o.feasible}
    worse = []
    for ours in outcomes:
        theirs = vroom.get(ours.instance)
        if ours.solver != "ours" or theirs is None:
            continue
        if not ours.feasible:
            worse.append((ours, None))
            continue
        excess = 100 * (ours.distance - theirs.distance) / theirs.distance
        if excess > WORSE_THAN_VROOM:
            worse.append((ours, excess))
    return worse
