"""python -m bench.vrptw: our routing core beside PyVRP and VROOM on Solomon or Homberger.

Every solver gets the same scaled integer data and time limit in the same run; every answer is
checked and its distance recomputed in double precision before it is compared with the BKS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .instance import read_vrptw
from .report import markdown, summary_lines, text_table
from .run import solve_instance
from .sets import SETS
from .solvers import NAMES, unavailable


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.vrptw", description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="solomon")
    parser.add_argument("--instances", help="comma-separated names, e.g. C101,R101 (default: the whole set)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance and solver")
    parser.add_argument("--solvers", default=",".join(NAMES), help=f"comma-separated subset of {','.join(NAMES)}")
    parser.add_argument("--seeds", type=seed_list, default=(1,),
                        help="seeds of our solver, one run of it each, e.g. 1-8 or 3,5 (default 1; the peers run once)")
    parser.add_argument("--json", type=Path, help="write every outcome and the run's settings here")
    parser.add_argument("--markdown", type=Path, help="write a markdown summary and table here")
    return parser.parse_args(argv)


def seed_list(text: str) -> tuple[int, ...]:
    """"1-8" or "3,5" (or both, "1-4,9") as seeds."""
    seeds: list[int] = []
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            seeds += range(int(first), int(last or first) + 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seeds: {text!r} is not like 1-8 or 3,5") from None
    if not seeds:
        raise argparse.ArgumentTypeError(f"--seeds: {text!r} names no seed")
    return tuple(dict.fromkeys(seeds))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench_set = SETS[args.set]
    paths = {p.stem.upper(): p for p in bench_set.instance_paths()}
    wanted = [n.strip().upper() for n in args.instances.split(",")] if args.instances else list(paths)
    unknown = [n for n in wanted if n not in paths]
    if unknown:
        print(f"unknown {args.set} instances: {', '.join(unknown)}", file=sys.stderr)
        return 2
    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    bad = [s for s in solvers if s not in NAMES]
    if bad:
        print(f"unknown solvers: {', '.join(bad)} (choose from {', '.join(NAMES)})", file=sys.stderr)
        return 2
    runnable = []
    for name in solvers:
        note = unavailable(name)
        if note:
            print(note, file=sys.stderr)
        else:
            runnable.append(name)
    if not runnable:
        print("no solver can run", file=sys.stderr)
        return 2
    bks = bench_set.bks()
    outcomes = []
    for name in wanted:
        instance = read_vrptw(paths[name])
        found = solve_instance(instance, runnable, args.time_limit, bks.get(name), args.seeds)
        outcomes += found
        for o in found:
            shown = f"{o.distance:.2f}" if o.feasible else "infeasible"
            run = o.solver if o.seed is None else f"{o.solver} (seed {o.seed})"
            print(f"{o.instance} {run}: {shown} in {o.seconds:.1f} s", file=sys.stderr, flush=True)
    print(text_table(outcomes))
    print(f"\n{bench_set.convention}; time limit {args.time_limit:g} s per solver and instance")
    for line in summary_lines(outcomes):
        print(line)
    settings = run_settings(args, runnable, bench_set.bks_file)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"settings": settings, "outcomes": [o.to_json() for o in outcomes]}, indent=1))
    if args.markdown:
        preamble = [
            f"Command: `{settings['command']}`",
            "",
            f"Run {settings['finished']} on {settings['cores']} cores ({settings['machine']}), "
            f"versions: {', '.join(f'{k} {v}' for k, v in settings['versions'].items())}.",
            "",
            f"Gap: {bench_set.convention}. Distances are recomputed from each solver's routes and "
            "every solution is checked (each customer once, windows, capacity, fleet size, depot "
            "closing time) by bench/vrptw/check.py.",
        ]
        args.markdown.write_text(markdown(outcomes, f"VRPTW benchmark: {args.set}", preamble))
    return 0


def run_settings(args: argparse.Namespace, solvers: list[str], bks_file: str) -> dict:
    """What someone needs to reproduce or judge the run."""
    versions = {}
    for package in ("ortools", "pyvrp", "pyvroom"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return {
        "command": "python -m bench.vrptw " + " ".join(sys.argv[1:]),
        "set": args.set,
        "bks_file": bks_file,
        "time_limit": args.time_limit,
        "seeds": list(args.seeds),
        "solvers": solvers,
        "versions": versions,
        "cores": os.cpu_count(),
        "machine": platform.platform(),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


if __name__ == "__main__":
    sys.exit(main())
