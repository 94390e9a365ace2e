"""`roster solve`: build the week's draft rota in one command.

The draft is written all or nothing; Ctrl-C leaves the previous draft as it was."""

from __future__ import annotations

import json
import sys

import click

from .common import db_option, fail, week_argument
from .exit_codes import Exit
from .interrupt import draft_interrupted


def _night_printer():
    """A line per night planned on stderr, only for a person watching a terminal."""
    if not sys.stderr.isatty():
        return None
    return lambda line: click.echo(f"nights:  {line}", err=True)


def _progress_printer():
    """Progress on stderr, only for a person watching a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(progress) -> None:
        click.echo(
            f"\r{progress.phase + ':':<9}{progress.days_done}/{progress.days_total} days  "
            f"{progress.uncovered:>4} visits uncovered  {progress.elapsed:5.1f} s",
            err=True, nl=progress.phase == "done",
        )

    return show


def _report(plan, week: str, rota_id: int, engine: str, seed: int) -> dict:
    rota, solution = plan.rota, plan.day
    return {
        "week": week,
        "rota_id": rota_id,
        "engine": engine,
        "seed": seed,
        "status": "covered" if plan.all_covered else "uncovered",
        "assignments": len(rota.assignments),
        "breaks": len(rota.breaks),
        "crews": len(rota.crews),
        "day_travel_minutes": sum(r.travel for r in solution.routes),
        "day_objective": solution.objective,
        "day_objective_parts": solution.objective_parts,
        "wall_seconds": round(solution.stats.get("wall_seconds", 0.0), 1),
        "uncovered": [
            {"visit_id": u.visit_id, "reason": u.reason, "detail": u.detail} for u in rota.uncovered if not u.not_due
        ],
    }


@click.command("solve")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--time-limit", type=click.FloatRange(min=1.0), default=30.0, show_default=True,
              help="Seconds of search for the whole week.")
@click.option("--engine", type=click.Choice(["strings", "routing"]), default="strings", show_default=True,
              help="Search of each day: string removal with annealing, or OR-Tools' guided local search.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed of the search; another seed tries other routes (the search stops on time, so "
                   "one seed need not give the same rota twice).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
@db_option
def solve(week: str | None, time_limit: float, engine: str, seed: int, as_json: bool, db_path: str) -> None:
    """Solve the week (day visits, then the night rounds) and write the draft rota.

    Exit status: 0 every visit covered, 3 some uncovered (listed with reasons), 4 bad data,
    5 the draft or the data it is solved from changed meanwhile (nothing written), 130
    interrupted (previous draft kept, or the new one saved whole if Ctrl-C came as it was saved)."""
    from roster.domain import DomainError
    from roster.domain.clock import week_label
    from roster.planning.solve import apply
    from roster.planning.week import plan_week
    from roster.store import StaleDraft, data_revision, draft_revision, load_provider, load_rota, open_db
    from solver.problem import ProblemError

    monday = week_argument(week)
    label = week_label(monday)
    db = open_db(db_path)
    revision = None
    try:
        # Revisions first: a change made while the rest is read then shows at the save.
        data = data_revision(db)
        revision = draft_revision(db, monday)
        provider = load_provider(db)
        previous = load_rota(db, monday)
        plan = plan_week(provider, monday, time_limit=time_limit, pins_from=previous,
                         on_progress=_progress_printer(), engine=engine, seed=seed, on_night=_night_printer())
        rota_id = apply(db, plan.rota, expected_revision=revision, expected_data_revision=data)
        _show(_report(plan, label, rota_id, engine, seed), plan, label, as_json)
    except KeyboardInterrupt:
        draft_interrupted(db, monday, label, revision)
    except (DomainError, ProblemError) as exc:
        fail(f"bad data, nothing written: {exc}", Exit.BAD_INPUT)
    except StaleDraft as exc:
        fail(f"nothing written: {exc}", Exit.STALE)
    finally:
        db.close()
    sys.exit(int(Exit.OK if plan.all_covered else Exit.UNCOVERED))


def _show(report: dict, plan, label: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(
        f"week {label}: draft written ({report['assignments']} assignments, {report['breaks']} breaks, "
        f"{report['crews']} night crews)"
    )
    click.echo("day: " + plan.day.summary())
    for u in report["uncovered"]:
        click.echo(f"  {u['visit_id']}: {u['detail']}")


commands = [solve]
