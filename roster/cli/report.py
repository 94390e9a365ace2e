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


commands = [report]
