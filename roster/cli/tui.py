"""`roster tui`: open the week in the terminal app. Textual is imported only when it runs."""

from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, fail, week_argument
from .exit_codes import Exit


@click.command("tui")
@db_option
@click.option("--week", "week", default=None, help="ISO week like 2026-W48 (default: next week).")
def tui(db_path: str, week: str | None) -> None:
    """Open the week board: see the rota, change it, re-solve it."""
    if not Path(db_path).exists():
        fail(f"{db_path}: no such database (create one with `roster demo` or `roster import`)", Exit.NOT_FOUND)
    monday = week_argument(week)
    # Imported here so that Textual loads only when the app opens.
    from roster.tui.app import create_app

    create_app(db_path, monday).run()


commands = [tui]
