"""`roster init`, `roster import`, `roster export`: the provider's data in and out."""

from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, fail
from .exit_codes import Exit
from .interrupt import interrupted, settle


@click.command("init")
@db_option
def init(db_path: str) -> None:
    """Create (or migrate) the database, private to its owner."""
    from roster.store import open_db

    open_db(db_path)
    click.echo(f"database ready: {db_path}", err=True)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Each kind given a file ends up holding exactly that file's records (default: add or update by id).")
@db_option
def import_(paths: tuple[Path, ...], replace: bool, db_path: str) -> None:
    """Import carers, clients, packages, schedules and absences from CSV or JSON files.

    PATHS are files named carers, clients, packages, schedules or absences (.csv or .json), or
    directories holding them. Everything is checked first; if anything is wrong, every problem
    is printed as FILE:LINE: FIELD: MESSAGE and nothing is written (exit code 4). Ctrl-C exits
    130 with nothing written (or, if it came as the records were being written, all of them).
    """
    from roster.io import import_files
    from roster.store import data_revision, open_db

    db = open_db(db_path)
    before = data_revision(db)
    try:
        report = import_files(db, list(paths), replace=replace)
    except KeyboardInterrupt:
        settle(db)
        if data_revision(db) != before:
            interrupted("interrupted as the records were written; all of them were imported")
        interrupted("interrupted; nothing imported")
    if not report.ok:
        for problem in report.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(report.problems)} problem(s) found; nothing was imported", Exit.BAD_INPUT)
    click.echo(f"{report.summary()} into {db_path}", err=True)


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="File format to write.")
@db_option
def export(directory: Path, fmt: str, db_path: str) -> None:
    """Write carers, clients, packages, schedules and absences to DIRECTORY, in the format
    `roster import` reads (files private to their owner)."""
    from roster.io import export_provider
    from roster.io.formats import KINDS
    from roster.store import open_db

    if not Path(db_path).exists():
        fail(f"no database at {db_path}", Exit.NOT_FOUND)
    other = "json" if fmt == "csv" else "csv"
    stale = [directory / f"{kind}.{other}" for kind in KINDS]
    stale = [p.name for p in stale if p.exists()]
    counts = export_provider(open_db(db_path), directory, fmt)
    click.echo("exported " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" to {directory}", err=True)
    if stale:
        click.echo(f"note: {directory} also holds {', '.join(stale)}; importing the directory reads both", err=True)


commands = [init, import_, export]
