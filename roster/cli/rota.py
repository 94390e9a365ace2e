"""`roster rota export` / `roster rota import`: the solved rota out as a table, and a rota made
elsewhere in as the week's draft, to be checked, reported and compared with a solve."""

from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit


@click.group("rota")
def rota() -> None:
    """A week's rota as a table: one row per carer per visit."""


@rota.command("export")
@click.option("--week", "week", help="ISO week, e.g. 2026-W48 (default: next week).")
@click.option("--status", type=click.Choice(["draft", "published", "planted"]), default="draft", show_default=True,
              help="Which rota of the week (published: the latest version).")
@output_options
@db_option
def export(week: str | None, status: str, fmt: str, db_path: str) -> None:
    """Print the week's rota, one row per carer per visit: date, carer, client, visit, call,
    planned start and end, travel before the visit, the break planned before it, double-up
    partner. `roster rota import` reads the CSV and JSON forms back."""
    from roster.domain import RotaStatus
    from roster.domain.clock import week_label
    from roster.exports.rota_table import COLUMNS, rota_rows
    from roster.store import load_provider, load_rota, open_db

    monday = week_argument(week)
    if not Path(db_path).exists():
        fail(f"no database at {db_path} (run `roster init` or pass --db)", Exit.NOT_FOUND)
    db = open_db(db_path)
    found = load_rota(db, monday, RotaStatus(status))
    if found is None:
        fail(f"no {status} rota for {week_label(monday)}", Exit.NOT_FOUND)
    emit_rows(rota_rows(load_provider(db), found), fmt, COLUMNS)


@rota.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--week", "week", required=True, help="ISO week the rota is for, e.g. 2026-W48.")
@click.option("--replace", is_flag=True, help="Replace the week's draft if it has one (default: refuse).")
@db_option
def import_(path: Path, week: str, replace: bool, db_path: str) -> None:
    """Bring a rota made elsewhere in as the week's draft (CSV or JSON in the form `roster rota
    export` writes; date, carer, visit, start and end are required). Visits it leaves out are
    uncovered. Every problem is printed as FILE:LINE: FIELD: MESSAGE and nothing is written
    (exit 4) if there is any; then `roster check` and `roster report` show what it costs and breaks."""
    from roster.domain.clock import week_label
    from roster.exports.rota_table import rota_from_rows
    from roster.io.read import decode, read_csv, read_json
    from roster.store import draft_revision, load_provider, open_db, save_rota

    monday = week_argument(week)
    if not Path(db_path).exists():
        fail(f"no database at {db_path} (run `roster init` or pass --db)", Exit.NOT_FOUND)
    text, problems = decode(path.read_bytes(), path.name)
    rows: list[tuple[int, dict[str, str]]] = []
    if text is not None:
        raw = read_json(text, path.name) if path.suffix.lower() == ".json" else read_csv(text, path.name)
        problems += raw.problems
        rows = [(r.line, {k: "" if v is None else str(v) for k, v in r.values.items()}) for r in raw.records]
    db = open_db(db_path)
    revision = draft_revision(db, monday)
    if revision and not replace:
        fail(f"{week_label(monday)} already has a draft; --replace to put this rota in its place", Exit.BAD_INPUT)
    if not problems:
        draft, problems = rota_from_rows(load_provider(db), monday, path.name, rows)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        fail(f"{len(problems)} problem(s) found; nothing was imported", Exit.BAD_INPUT)
    save_rota(db, draft, expected_revision=revision, note=f"imported from {path.name}")
    click.echo(f"{week_label(monday)} draft: {len(draft.assignments)} assignments from {path.name}, "
               f"{len(draft.uncovered)} visits uncovered", err=True)


commands = [rota]
