"""Ctrl-C: every command exits 130 with one line on stderr saying what was kept, never click's
`Aborted!` (exit 1) nor a traceback.

A command that writes tells the truth from the database, not from where it was interrupted: Ctrl-C
can come just as the write commits, and the write is all or nothing either way."""

from __future__ import annotations

import signal
import sys
import threading

import click

from .common import fail
from .exit_codes import Exit

CLEAR_LINE = "\r\x1b[K"
"""On a terminal: back to the start of the line and clear it (a progress line is left open)."""


def interrupted(message: str) -> None:
    """Exit 130 with `error: message` (in place of any progress line); a second Ctrl-C meanwhile
    is ignored (it would print a traceback from wherever the exit had got to)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.stderr.isatty():
        click.echo(CLEAR_LINE, err=True, nl=False)
    fail(message, Exit.INTERRUPTED)


def settle(db) -> None:
    """Roll back a transaction Ctrl-C left open, so what is read next is what is stored."""
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def draft_interrupted(db, monday, label: str, revision: int | None) -> None:
    """Exit 130 saying whether the week's draft is unchanged or was saved whole: revision is the
    draft's as read before planning (None: not read yet, so nothing was saved)."""
    from roster.store import draft_revision

    settle(db)
    if revision is not None and draft_revision(db, monday) != revision:
        interrupted(f"interrupted as the new draft for {label} was saved; it was saved whole")
    interrupted(f"interrupted; the draft for {label} is unchanged")


class InterruptibleGroup(click.Group):
    """The `roster` group: Ctrl-C in a command that does not say more exits 130, not 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupted("interrupted")
