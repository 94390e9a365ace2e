"""`roster check`: run the rule checker over a week's rota; exit 7 if it breaks a hard rule."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit

VIOLATION_COLUMNS = ("severity", "rule", "date", "carer", "visit", "message")


def violation_rows(report) -> list[dict]:
    """One row per violation, hard first."""
    return [
        {
            "severity": "hard" if v.hard else "soft", "rule": v.rule, "date": v.date.isoformat() if v.date else "",
            "carer": v.carer_id or "", "visit": v.visit_id or "", "message": v.message,
        }
        for v in report.violations
    ]


def measure_rows(measures) -> list[dict]:
    """The measures a coordinator reads first, as (measure, value) rows."""
    m = measures
    hours = lambda minutes: f"{minutes / 60:.1f}h"  # noqa: E731
    rows = [
        ("visits covered", f"{m.covered} of {m.visits}"),
        ("uncovered (mandatory / optional)", f"{m.uncovered_mandatory} / {m.uncovered_optional}"),
        ("hours delivered / commissioned", f"{hours(m.delivered_minutes)} / {hours(m.commissioned_minutes)}"),
        ("travel between visits", f"{hours(m.travel_minutes)}, {m.travel_metres / 1000:.1f} km"),
        ("travel from and to home", f"{hours(m.home_travel_minutes)}, {m.home_travel_metres / 1000:.1f} km"),
        ("late visits (minutes after preferred time)", f"{m.late_visits} ({m.lateness_minutes} min)"),
        ("visits under 30 min not agreed", str(m.short_visits_not_agreed)),
        ("distinct carers per client (mean)", f"{m.mean_distinct_carers:.2f}"),
        ("visits by a preferred carer", f"{m.preferred_carer_share:.0%}"),
        ("gender preference missed", str(m.gender_preference_missed)),
        ("hours away from contracts (sum)", hours(m.contract_gap_minutes)),
        ("compensatory rest owed", hours(m.compensatory_rest_minutes)),
        ("UCR hours / budget", f"{hours(m.ucr_minutes)} / {hours(m.ucr_budget_minutes)}"),
    ]
    return [{"measure": name, "value": value} for name, value in rows]


def report_document(week_label: str, status: str, report) -> dict:
    """The whole report as one JSON-ready value."""
    return {
        "week": week_label,
        "status": status,
        "clean": report.is_clean,
        "hard": len(report.hard),
        "soft": len(report.soft),
        "violations": violation_rows(report),
        "measures": dataclasses.asdict(report.measures),
    }


@click.command("check")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--status", type=click.Choice(["draft", "published", "planted"]), default="draft", show_default=True,
              help="Which rota of the week to check (published: the latest version).")
@output_options
@db_option
def check(week: str | None, status: str, fmt: str, db_path: str) -> None:
    """Check a week's rota against every rule: print the violations and a summary of the measures.

    Exit 0 if no hard rule is broken, 7 if one is, 6 if there is no such rota."""
    from roster.domain import RotaStatus
    from roster.domain.clock import week_label
    from roster.rules import check_rota
    from roster.store import load_provider, load_rota, open_db

    monday = week_argument(week)
    label = week_label(monday)
    if not Path(db_path).exists():
        fail(f"no database at {db_path} (run `roster init` or pass --db)", Exit.NOT_FOUND)
    db = open_db(db_path)
    rota = load_rota(db, monday, RotaStatus(status))
    if rota is None:
        fail(f"no {status} rota for {label}", Exit.NOT_FOUND)
    report = check_rota(load_provider(db), rota)
    if fmt == "json":
        click.echo(json.dumps(report_document(label, status, report), indent=2, default=str))
    elif fmt == "csv":
        emit_rows(violation_rows(report), fmt, VIOLATION_COLUMNS)
    else:
        emit_rows(violation_rows(report), fmt, VIOLATION_COLUMNS)
        click.echo()
        emit_rows(measure_rows(report.measures), fmt)
    verdict = "clean" if report.is_clean else f"{len(report.hard)} hard violation(s)"
    click.echo(f"{label} {status}: {verdict}, {len(report.soft)} soft", err=True)
    if not report.is_clean:
        raise SystemExit(int(Exit.VIOLATIONS))


commands = [check]
