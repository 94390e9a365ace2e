"""Night rounds benchmark: per night the visits, crews, travel, reserve held, time to solve, the gap
to CP-SAT's proven optimum where CP-SAT can prove one, and the engine choice: our night solver as
`roster nights solve` runs it (auto), the ruin-and-recreate engine alone and CP-SAT alone in the
same time; and the time to answer a responsive call.

    python -m bench.nights [--time-limit 10] [--prove-limit 60] [--quick] [--json out.json]

Nights: planted synthetic nights (solver/night_synthetic.py: coverable by construction) from 12
visits and 2 crews up to 60 visits and 4 crews, and the demo week's nights (roster.demo, crews
formed by roster.planning.nights). Run from the repository root.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass

from solver.night_cpsat import solve_cpsat
from solver.night_insert import insert_call
from solver.night_lns import solve_lns
from solver.night_problem import NightProblem, NightVisit, least_free_minutes
from solver.night_rounds import NightOptions, solve_night
from solver.night_routes import route_errors
from solver.night_synthetic import synthetic_night

SYNTHETIC = ((12, 2, 2), (20, 2, 2), (30, 3, 2), (40, 3, 1), (60, 4, 3))
"""(visits, crews, seeds)."""
QUICK = ((12, 2, 1), (30, 3, 1), (60, 4, 1))
PROVE_MAX_VISITS = 40


@dataclass
class Row:
    """One night's numbers."""

    night: str
    visits: int
    crews: int
    covered: int
    travel_min: int
    least_free_min: int
    solve_s: float
    status: str
    lns_travel_min: int
    optimum_travel_min: int | None
    gap_pct: float | None
    prove_s: float | None
    cpsat_alone_covered: int
    cpsat_alone_travel: int
    insert_ms: float
    errors: int


def bench_night(name: str, problem: NightProblem, time_limit: float, prove_limit: float, compare: bool) -> Row:
    ours = solve_night(problem, NightOptions(time_limit_s=time_limit))  # what `roster nights solve` runs
    lns = solve_lns(problem, time_limit)  # the scaling engine alone, for the engine choice
    errors = sum(len(route_errors(problem, k, r)) for k, sol in ((0, ours), (0, lns))
                 for k, r in enumerate(sol.routes))
    optimum = gap = prove_s = None
    if len(problem.visits) <= PROVE_MAX_VISITS:
        began = time.perf_counter()
        exact = solve_cpsat(problem, prove_limit, hint=ours if ours.objective <= lns.objective else lns)
        prove_s = round(time.perf_counter() - began, 2)
        if exact.status == "optimal":
            optimum = exact.travel_minutes
            gap = round(100 * (ours.objective - exact.objective) / exact.objective, 2) if exact.objective else 0.0
    alone = solve_cpsat(problem, time_limit) if compare else None
    rng = random.Random(len(problem.visits))
    place = rng.choice([v.place for v in problem.visits]) if problem.visits else 0
    call = NightVisit("call", place, 1570, 1690, 30)
    began = time.perf_counter()
    insert_call(problem, ours.routes, call)
    insert_ms = round(1000 * (time.perf_counter() - began), 2)
    return Row(
        name, len(problem.visits), len(problem.crews), sum(len(r.stops) for r in ours.routes), ours.travel_minutes,
        least_free_minutes(problem, ours), round(ours.seconds, 2), ours.status, lns.travel_minutes, optimum, gap, prove_s,
        sum(len(r.stops) for r in alone.routes) if alone else -1, alone.travel_minutes if alone else -1,
        insert_ms, errors,
    )


def demo_nights(seed: int, hours: int, time_limit: float):
    """(name, problem) for each night of a demo week, crews as the night planner forms them."""
    from roster.demo import generate
    from roster.domain import Rota, Service
    from roster.planning.nights import night_problem, plan_week_nights

    monday = dt.date(2026, 11, 23)
    demo = generate(seed=seed, hours_per_week=hours, week_start=monday)
    provider = demo.provider
    night_ids = {v.id for v in provider.visits_for_week(monday) if v.service is Service.NIGHT}
    day_part = Rota(monday, tuple(a for a in demo.planted.assignments if a.visit_id not in night_ids))
    plan = plan_week_nights(provider, monday, day_part, time_limit_s=min(time_limit, 1.0), engine="lns")
    visits = [v for v in provider.visits_for_week(monday) if v.service is Service.NIGHT]
    for night in plan.nights:
        tonight = [v for v in visits if v.date == night.day]
        problem, _ = night_problem(provider, night.day, list(night.crews), tonight)
        yield f"demo{hours}h {night.day:%a}", problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per night for our engine")
    parser.add_argument("--prove-limit", type=float, default=60.0, help="seconds for CP-SAT to prove a night")
    parser.add_argument("--quick", action="store_true", help="fewer nights, no demo week")
    parser.add_argument("--no-compare", action="store_true", help="skip CP-SAT alone in the same time")
    parser.add_argument("--demo-hours", type=int, default=650)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args(argv)
    nights = [(f"synthetic {n}v/{k}c s{s}", synthetic_night(n, k, s))
              for n, k, seeds in (QUICK if args.quick else SYNTHETIC) for s in range(seeds)]
    if not args.quick:
        nights += list(demo_nights(1, args.demo_hours, args.time_limit))
    rows = []
    for name, problem in nights:
        row = bench_night(name, problem, args.time_limit, args.prove_limit, not args.no_compare)
        rows.append(row)
        print(_line(row), flush=True)
    gaps = [r.gap_pct for r in rows if r.gap_pct is not None]
    summary = {
        "nights": len(rows),
        "all_covered": all(r.covered == r.visits for r in rows),
        "proved": len(gaps),
        "median_gap_pct": statistics.median(gaps) if gaps else None,
        "max_gap_pct": max(gaps) if gaps else None,
        "median_insert_ms": statistics.median(r.insert_ms for r in rows),
        "rule_errors": sum(r.errors for r in rows),
    }
    print(json.dumps(summary))
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as out:
            json.dump({"args": vars(args), "rows": [asdict(r) for r in rows], "summary": summary}, out, indent=2)
    return 0


HEADER = (f"{'night':<24} {'vis':>4} {'crw':>3} {'cov':>4} {'trav':>5} {'free':>4} {'secs':>6} {'status':>8} "
          f"{'lns_tr':>6} "
          f"{'opt_tr':>6} {'gap%':>5} {'prove_s':>7} {'cp_cov':>6} {'cp_trav':>7} {'ins_ms':>7} {'err':>3}")


def _line(r: Row) -> str:
    if not hasattr(_line, "shown"):
        print(HEADER)
        _line.shown = True
    dash = "-"
    return (f"{r.night:<24} {r.visits:>4} {r.crews:>3} {r.covered:>4} {r.travel_min:>5} {r.least_free_min:>4} "
            f"{r.solve_s:>6} {r.status:>8} {r.lns_travel_min:>6} "
            f"{r.optimum_travel_min if r.optimum_travel_min is not None else dash:>6} "
            f"{r.gap_pct if r.gap_pct is not None else dash:>5} {r.prove_s if r.prove_s is not None else dash:>7} "
            f"{r.cpsat_alone_covered:>6} {r.cpsat_alone_travel:>7} {r.insert_ms:>7} {r.errors:>3}")


if __name__ == "__main__":
    sys.exit(main())
