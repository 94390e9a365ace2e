"""python -m bench.hhc: our solver on the Mankowska et al. (2014) home-health-care instances,
scored with the paper's objective and checked against the paper's rules."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from bench.data import BENCHMARKS

from .check import evaluate
from .instance import read_hhc
from .ours import to_problem, to_services

HEADER = ("instance", "patients", "staff", "objective", "distance", "tardiness", "max tard.", "uncovered", "violations", "seconds")


def solve_one(path: Path, time_limit: float) -> dict:
    """Map, solve, map back, evaluate: one row of the table."""
    from solver.solve import Options, solve

    instance = read_hhc(path)
    began = time.perf_counter()
    problem, mapping = to_problem(instance)
    solution = solve(problem, Options(time_limit=time_limit))
    seconds = time.perf_counter() - began
    result = evaluate(instance, to_services(instance, mapping, solution))
    return {
        "instance": instance.name,
        "patients": len(instance.patients),
        "staff": instance.staff,
        "objective": result.objective,
        "distance": result.distance,
        "total_tardiness": result.total_tardiness,
        "max_tardiness": result.max_tardiness,
        "uncovered": len(solution.unassigned),
        "violations": list(result.violations),
        "seconds": seconds,
    }


def row(r: dict) -> tuple[str, ...]:
    scored = not r["violations"]
    number = (lambda v: f"{v:.2f}") if scored else (lambda v: "-")
    return (r["instance"], str(r["patients"]), str(r["staff"]), number(r["objective"]), f"{r['distance']:.2f}",
            number(r["total_tardiness"]), number(r["max_tardiness"]), str(r["uncovered"]),
            str(len(r["violations"])), f"{r['seconds']:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hhc", description=__doc__.splitlines()[0])
    parser.add_argument("--instances", help="comma-separated file stems or suffixes, e.g. 10_1,25_3 (default: all 70)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    parser.add_argument("--json", type=Path, help="write every row, with all violations, here")
    args = parser.parse_args(argv)
    paths = sorted((BENCHMARKS / "hhc").glob("*.txt"), key=_order)
    if args.instances:
        wanted = [w.strip() for w in args.instances.split(",")]
        chosen = [p for p in paths if any(p.stem == w or p.stem.endswith(f"_HCSRP_{w}") for w in wanted)]
        if len(chosen) < len(wanted):
            print(f"some of {args.instances} match no instance in {BENCHMARKS / 'hhc'}", file=sys.stderr)
            return 2
        paths = chosen
    try:
        import solver.solve  # noqa: F401
    except ImportError as exc:
        print(f"our solver is not importable: {exc}", file=sys.stderr)
        return 2
    results = []
    for path in paths:
        results.append(solve_one(path, args.time_limit))
        print(" ".join(row(results[-1])), file=sys.stderr, flush=True)
    body = [HEADER, *map(row, results)]
    widths = [max(len(r[c]) for r in body) for c in range(len(HEADER))]
    for r in body:
        print("  ".join(cell.ljust(w) if c == 0 else cell.rjust(w) for c, (cell, w) in enumerate(zip(r, widths))))
    clean = [r for r in results if not r["violations"]]
    print(f"\nobjective = (distance + total tardiness + max tardiness) / 3 (Mankowska et al. 2014); "
          f"{len(clean)} of {len(results)} solutions pass every rule; time limit {args.time_limit:g} s")
    if clean:
        print(f"median objective over those: {statistics.median(r['objective'] for r in clean):.2f}")
    for r in results:
        for v in r["violations"][:3]:
            print(f"{r['instance']}: {v}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"time_limit": args.time_limit, "results": results}, indent=1))
    return 0


def _order(path: Path) -> tuple[int, int]:
    """Size then number, so 10_2 comes before 10_10."""
    size, number = path.stem.split("_")[-2:]
    return int(size), int(number)


if __name__ == "__main__":
    sys.exit(main())
