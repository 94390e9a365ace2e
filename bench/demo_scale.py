"""Our own scale: the demo provider at 650 and 2,600 hours a week, solved by `roster.planning`.

Reports coverage, travel minutes against the planted rota, visits starting after the client's
preferred time (and the minutes), distinct carers per client, wall time
and peak memory (this process and its day workers), and the rule checker's hard violations.

    python -m bench.demo_scale --hours 650 2600 --time-limit 30 120 --json bench/results/demo_scale.json

`--runs N` solves each size N times, the search's seed 1..N, and adds a row of medians per size
(the searches are timed, so even one seed differs run to run on a shared machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import time

MONDAY = dt.date(2026, 11, 23)


def _travel_minutes(provider, rota, visits) -> int:
    """Travel between consecutive day visits plus home legs, as the checker's travel model counts."""
    from roster.domain.travel import TravelModel

    travel = TravelModel(provider.settings_for(rota.week_start))
    total = 0
    for (carer_id, _), runs in rota.by_carer_day().items():
        runs = [a for a in runs if a.visit_id in visits]
        if not runs:
            continue
        carer = provider.carer(carer_id)
        points = [carer.home] + [visits[a.visit_id].location for a in runs] + [carer.home]
        total += sum(travel.minutes(a, b, carer.transport) for a, b in zip(points, points[1:]))
    return total


def _carers_per_client(rota, visits) -> float:
    seen: dict[str, set[str]] = {}
    for a in rota.assignments:
        if a.visit_id in visits:
            seen.setdefault(visits[a.visit_id].client_id, set()).add(a.carer_id)
    return statistics.mean(len(s) for s in seen.values()) if seen else 0.0


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def run(hours: int, time_limit: float, seed: int, search_seed: int = 1) -> dict:
    from roster.demo import generate
    from roster.planning.solve import day_visits, solve_week
    from roster.rules.check import check_rota

    demo = generate(seed=seed, hours_per_week=hours, week_start=MONDAY)
    provider = demo.provider
    visits = {v.id: v for v in day_visits(provider, MONDAY)}
    began = time.monotonic()
    rota, solution = solve_week(provider, MONDAY, time_limit=time_limit, seed=search_seed)
    wall = time.monotonic() - began
    # Night visits belong to the night rounds, solved elsewhere: judge the day service here.
    report = check_rota(provider, rota)
    hard = [v for v in report.violations if v.hard and (v.visit_id is None or v.visit_id in visits)]
    uncovered = [u for u in rota.uncovered if u.visit_id in visits]
    return {
        "hours": hours, "run": search_seed, "seed": seed, "time_limit": time_limit,
        "day_visits": len(visits), "carers": sum(c.day_worker for c in provider.carers),
        "uncovered": len(uncovered),
        "uncovered_by_reason": {r: sum(u.reason == r for u in uncovered) for r in sorted({u.reason for u in uncovered})},
        "travel_min": _travel_minutes(provider, rota, visits),
        "planted_travel_min": _travel_minutes(provider, demo.planted, visits),
        "late_visits": report.measures.late_visits, "late_min": report.measures.lateness_minutes,
        "carers_per_client": round(_carers_per_client(rota, visits), 2),
        "planted_carers_per_client": round(_carers_per_client(demo.planted, visits), 2),
        "wall_s": round(wall, 1), "peak_mib": round(_peak_mib()),
        "hard_violations": len(hard), "first_violations": [v.message for v in hard[:5]],
    }


COLUMNS = ("hours", "run", "day_visits", "carers", "uncovered", "travel_min", "planted_travel_min", "late_visits",
           "late_min", "carers_per_client", "planted_carers_per_client", "wall_s", "peak_mib", "hard_violations")


def _medians(runs: list[dict]) -> dict:
    """One row of medians over runs of one size: the figure to quote."""
    row = {c: statistics.median(r[c] for r in runs) for c in COLUMNS if c != "run"}
    return {**row, "run": "median", "uncovered_by_reason": {}, "first_violations": []}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=int, nargs="+", default=[650, 2600])
    parser.add_argument("--time-limit", type=float, nargs="+", default=[30.0, 120.0],
                        help="One per --hours value (the last repeats).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="Solves per size, search seeds 1..N; adds medians.")
    parser.add_argument("--json", dest="json_path", help="Write the rows as JSON here.")
    args = parser.parse_args(argv)
    rows = []
    for i, hours in enumerate(args.hours):
        limit = args.time_limit[min(i, len(args.time_limit) - 1)]
        runs = [run(hours, limit, args.seed, search_seed) for search_seed in range(1, args.runs + 1)]
        rows += runs + ([_medians(runs)] if args.runs > 1 else [])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS}
    print("  ".join(c.rjust(widths[c]) for c in COLUMNS))
    for r in rows:
        print("  ".join(str(r[c]).rjust(widths[c]) for c in COLUMNS))
    for r in rows:
        if r["uncovered_by_reason"] or r["first_violations"]:
            print(f"{r['hours']} h: uncovered {r['uncovered_by_reason']}; violations {r['first_violations']}")
    if args.json_path:
        with open(args.json_path, "w") as out:
            json.dump(rows, out, indent=2)


if __name__ == "__main__":
    main()
