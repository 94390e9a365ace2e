"""`roster batch` over many demo problems: wall time with 1 and 2 worker processes.

    python -m bench.batch [--problems 20] [--hours 80] [--time-limit 3] [--json bench/results/batch.json]

Writes the problem files from the demo generator (seeds 1..N) into a temporary folder, runs the
batch twice (1 worker, then 2) on the same files, prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

from roster.demo import generate
from roster.planning.batch import problem_files, run_batch, write_json_atomically
from roster.scripting.problem import problem_document

MONDAY = dt.date(2026, 11, 23)


def write_problems(folder: Path, count: int, hours: int) -> None:
    for seed in range(1, count + 1):
        week = generate(seed, hours, MONDAY)
        write_json_atomically(folder / f"demo-{hours}h-seed{seed:02d}.json", problem_document(week.provider, MONDAY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=20)
    parser.add_argument("--hours", type=int, default=80, help="Demo hours per week of each problem.")
    parser.add_argument("--time-limit", type=float, default=3.0, help="Seconds of search per problem.")
    parser.add_argument("--json", type=Path, default=Path("bench/results/batch.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_problems(folder, args.problems, args.hours)
        files = problem_files(folder)
        runs = {}
        for workers in (1, 2):
            began = time.perf_counter()
            rows = run_batch(files, folder / f"solutions-{workers}", workers=workers, time_limit=args.time_limit)
            runs[workers] = {
                "wall_seconds": round(time.perf_counter() - began, 1),
                "median_file_seconds": statistics.median(r.wall_seconds for r in rows),
                "statuses": {s: sum(r.status == s for r in rows) for s in sorted({r.status for r in rows})},
                "visits": sum(r.visits for r in rows),
                "uncovered": sum(r.uncovered for r in rows),
            }
    print(f"{args.problems} demo problems of {args.hours} h/week, {args.time_limit} s search each")
    print(f"{'workers':>7}  {'wall s':>7}  {'median file s':>13}  {'visits':>6}  {'uncovered':>9}  statuses")
    for workers, r in runs.items():
        print(f"{workers:>7}  {r['wall_seconds']:>7}  {r['median_file_seconds']:>13}  {r['visits']:>6}  "
              f"{r['uncovered']:>9}  {r['statuses']}")
    speedup = runs[1]["wall_seconds"] / runs[2]["wall_seconds"]
    print(f"speed-up with 2 workers: {speedup:.2f}x")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"problems": args.problems, "hours_per_week": args.hours,
                                     "time_limit": args.time_limit, "runs": runs,
                                     "speedup_2_workers": round(speedup, 2)}, indent=2) + "\n")


if __name__ == "__main__":
    main()
