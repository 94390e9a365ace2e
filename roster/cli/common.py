"""Options and helpers shared by every command: the database, output formats, errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable

import click

from .exit_codes import Exit


def db_option(func: Callable) -> Callable:
    """--db PATH, defaulting to $ROSTER_DB or ./roster.db."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        envvar="ROSTER_DB",
        default="roster.db",
        show_default=True,
        help="SQLite database file (env ROSTER_DB).",
    )(func)


def output_options(func: Callable) -> Callable:
    """--json / --csv / --table, one shared set (data on stdout)."""
    func = click.option("--table", "fmt", flag_value="table", default=True, help="Aligned text table (default).")(func)
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV on stdout.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="JSON on stdout.")(func)
    return func


def emit_rows(rows: list[dict], fmt: str, columns: Iterable[str] | None = None) -> None:
    """Print rows as a table, CSV or JSON on stdout."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        widths = {c: max([len(c)] + [len(str(r.get(c, ""))) for r in rows]) for c in columns}
        click.echo("  ".join(c.ljust(widths[c]) for c in columns))
        for r in rows:
            click.echo("  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns))


def fail(message: str, code: Exit) -> None:
    """Print message on stderr and exit with code."""
    click.echo(f"error: {message}", err=True)
    sys.exit(int(code))


def week_argument(value: str | None) -> dt.date:
    """--week 2026-W48 (default: next week) -> its Monday."""
    from roster.domain.clock import monday_of, parse_week

    if not value:
        return monday_of(dt.date.today()) + dt.timedelta(days=7)
    try:
        return parse_week(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--week") from exc
