"""`roster init`, `roster import`, `roster export`: the provider's data in and out."""

from __future__ import annotations

import click

from .common import db_option


@click.command("init")
@db_option
def init(db_path: str) -> None:
    """Create (or migrate) the database, private to its owner."""
    from roster.store import open_db

    open_db(db_path)
    click.echo(f"database ready: {db_path}", err=True)


commands = [init]
