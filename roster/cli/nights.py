"""`roster nights solve|insert|sheet`: the Mobile Night Carers' rounds from the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit
from .interrupt import draft_interrupted


def _night_minutes(text: str) -> int:
    """'02:10' -> 1570 (after midnight belongs to the night before); '23:30' -> 1410."""
    from roster.domain.clock import parse_hhmm

    try:
        minutes = parse_hhmm(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from exc
    return minutes + 1440 if minutes < 12 * 60 else minutes


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise click.BadParameter(f"{text!r} is not a date like 2026-11-23", param_hint="--date") from exc


@click.group("nights")
def nights() -> None:
    """Plan the Mobile Night Carers' rounds: crews of two, planned night visits, room for calls."""


@nights.command("solve")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--time-limit", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds per night.")
@click.option("--engine", type=click.Choice(["auto", "lns", "cpsat"]), default="auto", show_default=True,
              help="auto: ruin-and-recreate, then CP-SAT proves small nights.")
@click.option("--keep-crews", is_flag=True, help="Keep the crews already in the draft (the supervisor's).")
@click.option("--crews", "crews", type=click.IntRange(1, 50),
              help="Crews each night (default: the fewest that cover the visits).")
@output_options
@db_option
def solve(week: str | None, time_limit: float, engine: str, keep_crews: bool, crews: int | None, fmt: str,
          db_path: str) -> None:
    """Form crews and plan every night of the week into the draft rota (day visits untouched).

    Exit status: 0 every night visit covered, 3 some uncovered, 4 bad data, 5 the draft or the data it is planned from changed meanwhile
    (nothing written), 130 interrupted (draft kept as it was, or saved whole)."""
    from roster.domain import DomainError
    from roster.domain.clock import week_label
    from roster.planning.nights import plan_nights
    from roster.store import StaleDraft, draft_revision, open_db

    monday = week_argument(week)
    progress = (lambda line: click.echo(line, err=True)) if sys.stderr.isatty() else None
    db = open_db(db_path)
    revision = None
    try:
        revision = draft_revision(db, monday)
        plan, _ = plan_nights(db, monday, time_limit_s=time_limit, keep_crews=keep_crews, engine=engine,
                              crews_per_night=crews, on_progress=progress)
    except KeyboardInterrupt:
        draft_interrupted(db, monday, week_label(monday), revision)
    except StaleDraft as exc:
        fail(f"nothing written: {exc}", Exit.STALE)
    except DomainError as exc:
        fail(str(exc), Exit.BAD_INPUT)
    finally:
        db.close()
    rows = [
        {"night": str(n.day), "visits": n.visits, "covered": n.covered, "crews": len(n.crews),
         "travel_min": n.travel_minutes, "least_free_min_per_hour": n.min_free_minutes, "status": n.status,
         "seconds": round(n.seconds, 2)}
        for n in plan.nights
    ]
    if fmt == "json":
        click.echo(json.dumps({
            "week": week_label(monday), "nights": rows,
            "crews": [{"id": c.id, "night": str(c.date), "carers": list(c.carer_ids)} for c in plan.crews],
            "uncovered": [{"visit": u.visit_id, "reason": u.reason, "detail": u.detail} for u in plan.uncovered],
        }, indent=2))
    else:
        emit_rows(rows, fmt)
        for u in plan.uncovered:
            click.echo(f"uncovered {u.visit_id}: {u.reason}: {u.detail}", err=True)
    if plan.uncovered:
        sys.exit(int(Exit.UNCOVERED))


@nights.command("insert")
@click.option("--date", "date_", required=True, help="The night's date (the evening it starts), e.g. 2026-11-23.")
@click.option("--client", "client_id", required=True, help="Client id of the caller.")
@click.option("--at", "at", required=True, help="When the call comes in, e.g. 02:10.")
@click.option("--duration", type=click.IntRange(5, 240), default=30, show_default=True, help="Minutes of care.")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True, help="Options to show.")
@output_options
@db_option
def insert(date_: str, client_id: str, at: str, duration: int, top: int, fmt: str, db_path: str) -> None:
    """Which crew answers a responsive call soonest, and what it does to the crew's planned visits."""
    from roster.domain.clock import clock_hhmm, monday_of
    from roster.planning.nights import answer_call
    from roster.store import load_provider, load_rota, open_db

    day, minutes = _date(date_), _night_minutes(at)
    db = open_db(db_path)
    provider = load_provider(db)
    rota = load_rota(db, monday_of(day))
    if rota is None or not any(c.date == day for c in rota.crews):
        fail(f"no night crews in the draft for {day}; run `roster nights solve` first", Exit.NOT_FOUND)
    if client_id not in {c.id for c in provider.clients}:
        fail(f"client {client_id}: no such client", Exit.NOT_FOUND)
    options = answer_call(provider, rota, day, client_id, minutes, duration)[:top]
    if not options:
        fail(f"no crew can reach client {client_id} within two hours of {at}", Exit.UNCOVERED)
    rows = [
        {"rank": n, "crew": o.crew_id, "after": o.after or "-", "arrive": clock_hhmm(o.arrival),
         "care": f"{clock_hhmm(o.start)}-{clock_hhmm(o.end)}", "late_visits": o.late_visits,
         "knock_on": "; ".join(f"{k.visit_id} {clock_hhmm(k.planned)}->{clock_hhmm(k.new_start)}"
                               + (f" ({k.past_window} min past window)" if k.past_window else "")
                               for k in o.knock_on) or "none",
         "overtime_min": o.overtime, "added_travel_min": o.added_travel}
        for n, o in enumerate(options, 1)
    ]
    emit_rows(rows, fmt)


@nights.command("sheet")
@click.option("--date", "date_", required=True, help="The night's date, e.g. 2026-11-23.")
@click.option("--crew", "crew_id", help="One crew (e.g. N1); default every crew that night.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Also write a printable HTML page.")
@db_option
def sheet(date_: str, crew_id: str | None, html_path: str | None, db_path: str) -> None:
    """Run sheet per crew: stops in order, times, postcodes, access notes, what each visit is for."""
    from pathlib import Path

    from roster.domain.clock import monday_of
    from roster.planning.nights import run_sheets
    from roster.runsheet.night_html import night_sheets_html
    from roster.runsheet.night_text import night_sheets_text
    from roster.store import load_provider, load_rota, open_db

    day = _date(date_)
    db = open_db(db_path)
    provider = load_provider(db)
    rota = load_rota(db, monday_of(day))
    sheets = run_sheets(provider, rota, day, crew_id) if rota else []
    if not sheets:
        fail(f"no crew {crew_id + ' ' if crew_id else ''}in the draft for the night of {day}", Exit.NOT_FOUND)
    click.echo(night_sheets_text(sheets), nl=False)
    if html_path:
        path = Path(html_path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(night_sheets_html(sheets), encoding="utf-8")
        tmp.replace(path)
        click.echo(f"wrote {path}", err=True)


commands = [nights]
