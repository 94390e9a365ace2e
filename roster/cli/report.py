"""`roster report`: the week in figures for commissioners, managers and payroll."""

from __future__ import annotations

import json

import click

from roster.reports.tables import SECTIONS

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit


@click.command("report")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--status", type=click.Choice(["draft", "published", "planted"]), default="draft", show_default=True,
              help="Which rota of the week to report on.")
@click.option("--section", type=click.Choice(SECTIONS), default="summary", show_default=True,
              help="Which table to print with --table/--csv (--json prints them all).")
@click.option("--pay-basis", type=click.Choice(["contact", "worked"]), default="contact", show_default=True,
              help="Carers paid per hour of care only (contact) or for all working time (worked).")
@output_options
@db_option
def report(week: str | None, status: str, section: str, pay_basis: str, fmt: str, db_path: str) -> None:
    """Hours against commissioned, coverage, travel, continuity, short visits, UCR, hours against
    contract, Working Time Regulations, effective pay and cost per delivered hour."""
    from roster.domain import RotaStatus
    from roster.planning.report import week_report
    from roster.reports.tables import report_document, section_rows
    from roster.reports.week import PayBasis
    from roster.store import open_db

    monday = week_argument(week)
    db = open_db(db_path)
    try:
        result = week_report(db, monday, RotaStatus(status), pay_basis=PayBasis(pay_basis))
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    if fmt == "json":
        click.echo(json.dumps(report_document(result), indent=2))
    else:
        emit_rows(section_rows(result, section), fmt)



def _status_option(func):
    return click.option("--status", type=click.Choice(["draft", "published", "planted"]), default="published",
                        show_default=True, help="Which rota of the week.")(func)


def _load(db_path: str, week: str | None, status: str):
    """(provider, rota, week label) of a stored week, or exit NOT_FOUND."""
    from roster.domain import RotaStatus
    from roster.domain.clock import week_label
    from roster.planning.report import load_week
    from roster.store import open_db

    monday = week_argument(week)
    db = open_db(db_path)
    try:
        provider, rota = load_week(db, monday, RotaStatus(status))
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    finally:
        db.close()
    return provider, rota, week_label(monday)


def _carers_to_print(provider, rota, carer_id: str | None) -> list[str]:
    working = sorted({a.carer_id for a in rota.assignments})
    if carer_id is None:
        return working
    try:
        provider.carer(carer_id)
    except KeyError:
        fail(f"no carer {carer_id}", Exit.NOT_FOUND)
    return [carer_id]


@click.command("runsheet")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--carer", "carer_id", help="One carer (default: every carer with visits).")
@click.option("--html", "as_html", is_flag=True, help="Printable HTML instead of plain text.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False),
              help="Write one file per carer into this folder instead of stdout.")
@_status_option
@db_option
def runsheet(week: str | None, carer_id: str | None, as_html: bool, out_dir: str | None, status: str,
             db_path: str) -> None:
    """Each carer's run sheet: visits in order with times, postcode, access notes, call type,
    double-up partner and travel."""
    from pathlib import Path

    from roster.exports.runsheet import run_sheet_html, run_sheet_text
    from roster.reports.runs import carer_runs

    provider, rota, label = _load(db_path, week, status)
    runs = carer_runs(provider, rota)
    render = run_sheet_html if as_html else run_sheet_text
    for cid in _carers_to_print(provider, rota, carer_id):
        sheet = render(provider, cid, [r for r in runs if r.carer_id == cid], label)
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            (Path(out_dir) / f"{label}-{cid}.{'html' if as_html else 'txt'}").write_text(sheet, encoding="utf-8")
        else:
            click.echo(sheet)


@click.command("calendar")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--carer", "carer_id", help="One carer (default: every carer with visits).")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder for the .ics files, one per carer.")
@_status_option
@db_option
def calendar(week: str | None, carer_id: str | None, out_dir: str, status: str, db_path: str) -> None:
    """An iCalendar (.ics) file per carer with the week's visits."""
    from pathlib import Path

    from roster.exports.calendar import carer_calendar
    from roster.reports.runs import carer_runs

    provider, rota, label = _load(db_path, week, status)
    runs = carer_runs(provider, rota)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    for cid in _carers_to_print(provider, rota, carer_id):
        path = Path(out_dir) / f"{label}-{cid}.ics"
        path.write_bytes(carer_calendar(provider, cid, [r for r in runs if r.carer_id == cid], label))
        click.echo(str(path), err=True)


@click.command("payroll")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--pay-basis", type=click.Choice(["contact", "worked"]), default="contact", show_default=True,
              help="Carers paid per hour of care only (contact) or for all working time (worked).")
@_status_option
@output_options
@db_option
def payroll(week: str | None, pay_basis: str, status: str, fmt: str, db_path: str) -> None:
    """Per carer: worked hours (care, travel, waiting), hours paid, mileage and gross pay. Use --csv for payroll."""
    from roster.exports.payroll import COLUMNS, payroll_rows
    from roster.planning.report import report_of
    from roster.reports.week import PayBasis

    provider, rota, _ = _load(db_path, week, status)
    emit_rows(payroll_rows(provider, report_of(provider, rota, pay_basis=PayBasis(pay_basis))), fmt, COLUMNS)


@click.command("export-problem")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Problem file (default: stdout).")
@click.option("--pseudonymise", is_flag=True,
              help="Replace ids and names, drop postcodes and notes, move every home; ship the true travel.")
@click.option("--seed", type=int, help="No effect, kept for old scripts: every export draws secret randomness.")
@click.option("--jitter-m", type=click.FloatRange(min=500), default=1000.0, show_default=True,
              help="Largest distance a home is moved, metres (each moves between half this and this).")
@click.option("--rota", "rota_out", type=click.Path(dir_okay=False),
              help="Also write the week's rota (see --status) as a solution file.")
@click.option("--status", type=click.Choice(["draft", "published", "planted"]), default="draft", show_default=True,
              help="Which rota --rota writes.")
@db_option
def export_problem(week: str | None, output: str | None, pseudonymise: bool, seed: int | None, jitter_m: float,
                   rota_out: str | None, status: str, db_path: str) -> None:
    """The week as a problem file for `roster solve-file` (pseudonymised for sharing)."""
    from roster.domain import RotaStatus
    from roster.exports.pseudonymise import pseudonymise as strip, true_travel
    from roster.planning.batch import write_json_atomically
    from roster.planning.report import report_of
    from roster.rules import check_rota
    from roster.scripting.problem import problem_document
    from roster.scripting.solution import solution_document
    from roster.store import load_provider, load_rota, open_db

    monday = week_argument(week)
    db = open_db(db_path)
    try:
        provider = load_provider(db)
        rota = load_rota(db, monday, RotaStatus(status)) if rota_out else None
    finally:
        db.close()
    if rota_out and rota is None:
        fail(f"no {status} rota for the week of {monday}", Exit.NOT_FOUND)
    if seed is not None:
        # A seed once made the export replayable, and so reversible; it no longer does anything.
        click.echo("note: --seed has no effect: a pseudonymised export is never reproducible", err=True)
    travel = None
    if pseudonymise:
        provider, rota, names = strip(provider, rota, jitter_m=jitter_m)
        travel = true_travel(names, provider.settings_for(monday))
    document = problem_document(provider, monday, travel)
    if output:
        write_json_atomically(output, document)
    else:
        click.echo(json.dumps(document, indent=2))
    if rota is not None:
        write_json_atomically(rota_out, solution_document(rota, check_rota(provider, rota, travel=travel),
                                                          report_of(provider, rota, travel=travel)))


commands = [report, runsheet, calendar, payroll, export_problem]
