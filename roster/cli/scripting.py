"""`roster solve-file`, `roster batch`, `roster schema`: solving without a database, for scripts.

Data goes to stdout or the output file, progress and problems to stderr; exit codes as for
`roster solve` (0 covered, 3 uncovered, 4 bad input with nothing written, 7 hard violations,
130 interrupted with nothing written)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit
from .interrupt import interrupted

STATUS_EXIT = {"covered": Exit.OK, "uncovered": Exit.UNCOVERED, "violations": Exit.VIOLATIONS}


def _progress(quiet: bool):
    """One line per phase on stderr (rewritten in place on a terminal)."""
    if quiet:
        return None
    live = sys.stderr.isatty()

    def show(progress) -> None:
        if live or progress.phase == "done":
            click.echo(f"\r{progress.phase + ':':<9}{progress.days_done}/{progress.days_total} days  "
                       f"{progress.elapsed:5.1f} s", err=True, nl=not live or progress.phase == "done")

    return show


@click.command("solve-file")
@click.argument("problem", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the solution here (default: stdout). Written whole or not at all.")
@click.option("--time-limit", type=click.FloatRange(min=1.0), default=30.0, show_default=True,
              help="Seconds of search for the whole week.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Solver processes.")
@click.option("--pay-basis", type=click.Choice(["contact", "worked"]), default="contact", show_default=True,
              help="Pay assumption of the report's money figures.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def solve_file(problem: Path, output: Path | None, time_limit: float, workers: int, pay_basis: str,
               quiet: bool) -> None:
    """Solve a problem file (docs/schema/problem.schema.json) into a solution file
    (docs/schema/solution.schema.json), with no database."""
    from roster.planning.batch import read_json, solve_document, write_json_atomically
    from roster.reports.week import PayBasis
    from roster.scripting.problem import ProblemFileError

    try:
        document = read_json(problem)
        solution = solve_document(document, time_limit=time_limit, workers=workers,
                                  pay_basis=PayBasis(pay_basis), on_progress=_progress(quiet))
    except ProblemFileError as exc:
        for message in exc.problems:
            click.echo(f"{problem.name}: {message}", err=True)
        fail(f"{problem.name} is not a valid problem file; nothing written", Exit.BAD_INPUT)
    except KeyboardInterrupt:
        interrupted("interrupted; nothing written")
    if output is None:
        click.echo(json.dumps(solution, indent=2))
    else:
        write_json_atomically(output, solution)
    summary = solution["report"]["summary"]
    if not quiet:
        click.echo(f"{solution['week']}: {solution['status']}, {summary['visits_covered']}/{summary['visits']} visits, "
                   f"{len(solution['uncovered'])} uncovered, {summary['travel_hours']} h travel", err=True)
    sys.exit(int(STATUS_EXIT[solution["status"]]))


@click.command("batch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the solution files go (default: FOLDER/solutions).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Problems solved side by side in local processes.")
@click.option("--time-limit", type=click.FloatRange(min=1.0), default=10.0, show_default=True,
              help="Seconds of search per problem.")
@click.option("--ray", "ray_address", metavar="ADDRESS",
              help="Run on a Ray cluster ('local' starts one here); needs the optional ray package.")
@click.option("--json", "fmt", flag_value="json", help="JSON on stdout.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV on stdout.")
@click.option("--table", "fmt", flag_value="table", default=True, help="Aligned text table (default).")
def batch(folder: Path, out_dir: Path | None, workers: int, time_limit: float, ray_address: str | None,
          fmt: str) -> None:
    """Solve every problem file in FOLDER; one summary row per file.

    Exit status: 0 all covered, 3 some file left visits uncovered, 4 some file was malformed
    (the others are still solved), 7 hard violations."""
    from dataclasses import asdict

    from roster.planning.batch import RayMissing, problem_files, run_batch

    files = problem_files(folder)
    if not files:
        fail(f"no problem files (*.json) in {folder}", Exit.NOT_FOUND)

    def done(row) -> None:
        click.echo(f"{row.problem}: {row.status} ({row.wall_seconds} s)", err=True)

    try:
        rows = run_batch(files, out_dir or folder / "solutions", workers=workers, time_limit=time_limit,
                         ray_address=ray_address, on_done=done)
    except RayMissing as exc:
        fail(str(exc), Exit.USAGE)
    except KeyboardInterrupt:
        interrupted("interrupted; finished solution files are kept")
    emit_rows([asdict(r) for r in rows], fmt)
    statuses = {r.status for r in rows}
    for status, code in (("bad_input", Exit.BAD_INPUT), ("violations", Exit.VIOLATIONS),
                         ("uncovered", Exit.UNCOVERED)):
        if status in statuses:
            sys.exit(int(code))


def _percent(text: str) -> int:
    try:
        return int(text.strip().rstrip("%"))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a percentage like +10%", param_hint="--demand") from None


def _count_pair(text: str, option: str) -> tuple[str, int]:
    name, _, count = text.partition(":")
    try:
        return name.strip(), int(count)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not NAME:COUNT", param_hint=option) from None


@click.command("scenario")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--demand", "demand", multiple=True, metavar="+N%", help="Demand up (or down) N percent of clients.")
@click.option("--carers", "carers", multiple=True, type=int, metavar="-N", help="N day carers fewer (e.g. -5).")
@click.option("--skill", "skill", multiple=True, metavar="SKILL:+N",
              help="N more (or fewer) carers with a skill, e.g. hoist:-3.")
@click.option("--new-area", "new_area", multiple=True, metavar="DISTRICT:N",
              help="N new clients in a postcode district, e.g. CV7:10.")
@click.option("--time-limit", type=click.FloatRange(min=1.0), default=20.0, show_default=True,
              help="Seconds of search for each variant.")
@click.option("--seed", type=int, default=0, show_default=True, help="Which clients and carers are picked.")
@output_options
@db_option
def scenario(week: str | None, demand: tuple[str, ...], carers: tuple[int, ...], skill: tuple[str, ...],
             new_area: tuple[str, ...], time_limit: float, seed: int, fmt: str, db_path: str) -> None:
    """What if: each change solved on a copy of the week beside the unchanged week; the reports
    side by side. Nothing is written to the database."""
    from roster.planning.scenario import Scenario, run_scenarios, side_by_side
    from roster.store import load_provider, open_db

    scenarios = [Scenario(demand_percent=_percent(d), seed=seed) for d in demand]
    scenarios += [Scenario(carers_fewer=abs(n), seed=seed) for n in carers]
    for text in skill:
        name, change = _count_pair(text, "--skill")
        scenarios.append(Scenario(skill=name, skill_change=change, seed=seed))
    for text in new_area:
        district, count = _count_pair(text, "--new-area")
        scenarios.append(Scenario(new_area=district.upper(), new_area_clients=count, seed=seed))
    if not scenarios:
        fail("say what changes: --demand, --carers, --skill or --new-area", Exit.USAGE)
    monday = week_argument(week)
    db = open_db(db_path)
    try:
        provider = load_provider(db)
    finally:
        db.close()
    click.echo(f"solving {len(scenarios) + 1} variants, {time_limit:.0f} s each", err=True)
    try:
        results = run_scenarios(provider, monday, scenarios, time_limit=time_limit)
    except ValueError as exc:
        fail(str(exc), Exit.BAD_INPUT)
    except KeyboardInterrupt:
        interrupted("interrupted")
    emit_rows(side_by_side(results), fmt)


@click.command("schema")
@click.argument("which", type=click.Choice(["problem", "solution"]))
def schema(which: str) -> None:
    """Print the JSON Schema of the problem or solution file."""
    from roster.scripting.schema import SCHEMAS

    click.echo(json.dumps(SCHEMAS[which], indent=2))


commands = [solve_file, batch, scenario, schema]
