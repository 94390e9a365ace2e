"""Solving problem files without a database: one document (solve-file), or a folder of them in
parallel (batch), on a local process pool or, when asked and installed, a Ray cluster."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roster.reports.week import PayBasis
from roster.scripting.problem import ProblemFileError, read_problem, read_travel
from roster.scripting.solution import solution_document

from .report import report_of
from .solve import solve_week


def solve_document(
    document: object,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    pay_basis: PayBasis = PayBasis.CONTACT,
    on_progress: Callable | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict:
    """The solution document of a problem document; ProblemFileError if it is malformed."""
    from roster.rules import check_rota

    provider, monday = read_problem(document)
    travel = read_travel(document, provider, monday)
    began = time.monotonic()
    rota, solution = _solve(provider, monday, time_limit, workers, on_progress, stop, travel)
    wall = time.monotonic() - began
    check = check_rota(provider, rota, travel=travel)
    report = report_of(provider, rota, pay_basis=pay_basis, travel=travel)
    return solution_document(rota, check, report, {
        "wall_seconds": round(wall, 2),
        "time_limit_seconds": time_limit,
        "solver_status": solution.status.value,
        "objective": solution.objective,
    })


def _solve(provider, monday, time_limit, workers, on_progress=None, stop=None, travel=None):
    rota, solution = solve_week(provider, monday, time_limit=time_limit, workers=workers,
                                on_progress=on_progress, stop=stop, travel=travel)
    return _with_nights(provider, monday, rota, time_limit, travel), solution


def solve_in_memory(provider, monday, *, time_limit: float = 30.0, workers: int = 2):
    """The week's rota, days and nights, solved without touching a database."""
    return _solve(provider, monday, time_limit, workers)[0]


def _with_nights(provider, monday, rota, time_limit: float, travel=None):
    """The rota with the Mobile Night Carers' rounds planned, if the week has night visits; the
    nights get about as long again as the day (each night a fourteenth of the time limit)."""
    from roster.domain import Service

    from .nights import merge_into_rota, plan_week_nights

    night_ids = {v.id for v in provider.visits_for_week(monday) if v.service is Service.NIGHT}
    if not night_ids:
        return rota
    plan = plan_week_nights(provider, monday, rota, time_limit_s=max(1.0, time_limit / 14), travel=travel)
    return merge_into_rota(rota, monday, plan, night_ids, provider.settings_for(monday))


def read_json(path: Path) -> object:
    """A JSON file; ProblemFileError naming line and column if it is not JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ProblemFileError([f"line {exc.lineno} column {exc.colno}: {exc.msg}"]) from exc
    except UnicodeDecodeError as exc:
        raise ProblemFileError([f"not UTF-8 text: {exc.reason}"]) from exc


def write_json_atomically(path: Path, document: object) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one rename."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    except BaseException:  # Ctrl-C too: no half file left behind
        partial.unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One problem file's outcome in a batch."""

    problem: str
    """The problem file's name."""
    status: str
    """covered, uncovered, violations, or bad_input."""
    visits: int
    """Visits due."""
    uncovered: int
    """Visits left uncovered."""
    hours_scheduled: float
    """Carer hours of care on the rota."""
    travel_hours: float
    """Travel between visits."""
    mean_distinct_carers: float
    """Continuity."""
    cost_per_hour_gbp: float
    """Carer pay per delivered hour."""
    wall_seconds: float
    """Time to read, solve, check and write this file."""
    detail: str = ""
    """What was wrong, for bad input."""


def solve_one_file(path: str, out_dir: str, time_limit: float, solver_workers: int) -> BatchRow:
    """Solve one problem file into out_dir/<name>.solution.json; never raises for bad input."""
    began = time.monotonic()
    source = Path(path)
    try:
        solution = solve_document(read_json(source), time_limit=time_limit, workers=solver_workers)
    except ProblemFileError as exc:
        return BatchRow(source.name, "bad_input", 0, 0, 0.0, 0.0, 0.0, 0.0,
                        round(time.monotonic() - began, 2), exc.problems[0])
    name = source.name.removesuffix(".json").removesuffix(".problem")
    write_json_atomically(Path(out_dir) / f"{name}.solution.json", solution)
    summary = solution["report"]["summary"]
    return BatchRow(
        problem=source.name,
        status=solution["status"],
        visits=summary["visits"],
        uncovered=summary["visits_uncovered"],
        hours_scheduled=summary["hours_scheduled"],
        travel_hours=summary["travel_hours"],
        mean_distinct_carers=summary["mean_distinct_carers_per_client"],
        cost_per_hour_gbp=summary["cost_per_delivered_hour_gbp"],
        wall_seconds=round(time.monotonic() - began, 2),
    )


def problem_files(folder: Path) -> list[Path]:
    """The problem files of a folder: *.json that are not solutions, by name."""
    return sorted(p for p in Path(folder).glob("*.json") if not p.name.endswith(".solution.json"))


def run_batch(
    files: list[Path],
    out_dir: Path,
    *,
    workers: int = 2,
    time_limit: float = 10.0,
    ray_address: str | None = None,
    on_done: Callable[[BatchRow], None] | None = None,
) -> list[BatchRow]:
    """Solve every file, workers at a time (each solve single-process so that the pool owns the
    cores), in file order in the result."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    args = [(str(f), str(out_dir), time_limit, 1) for f in files]
    if ray_address is not None:
        return _run_on_ray(args, ray_address, on_done)
    if workers <= 1:
        rows = []
        for a in args:
            rows.append(solve_one_file(*a))
            if on_done:
                on_done(rows[-1])
        return rows
    import multiprocessing

    from solver.workers import end_with_parent, start_method

    rows: list[BatchRow | None] = [None] * len(args)
    # Leaving the block (done, Ctrl-C or an error) terminates the workers: a worker still
    # solving would otherwise hold the exit up for its whole time limit.
    with multiprocessing.get_context(start_method()).Pool(workers, initializer=end_with_parent) as pool:
        for i, row in pool.imap_unordered(_solve_numbered, list(enumerate(args))):
            rows[i] = row
            if on_done:
                on_done(row)
    return [r for r in rows if r is not None]


def _solve_numbered(numbered: tuple[int, tuple]) -> tuple[int, BatchRow]:
    i, args = numbered
    return i, solve_one_file(*args)


class RayMissing(RuntimeError):
    """Ray was asked for but is not installed."""


def _run_on_ray(args: list[tuple], address: str, on_done: Callable | None) -> list[BatchRow]:
    """The same solves as Ray tasks: address 'local' starts Ray on this machine."""
    try:
        import ray
    except ImportError as exc:
        raise RayMissing("Ray is not installed: pip install 'ray[default]' to use --ray, "
                         "or leave it out to use the local process pool") from exc
    started_here = not ray.is_initialized()
    ray.init(address=None if address == "local" else address, ignore_reinit_error=True, log_to_driver=False)
    try:
        remote = ray.remote(solve_one_file)
        rows = ray.get([remote.remote(*a) for a in args])
    finally:
        if started_here:
            ray.shutdown()
    if on_done:
        for row in rows:
            on_done(row)
    return rows
