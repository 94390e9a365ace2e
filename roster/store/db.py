"""Open the provider's database: private file, WAL, foreign keys, migrations applied."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from .migrations import migrations

ENV_VAR = "ROSTER_DB"
DEFAULT_NAME = "roster.db"


def default_path() -> Path:
    """$ROSTER_DB if set, else ./roster.db in the working directory."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_NAME)


def _create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (health data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_db(path: Path | str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at path ("memory" for in-memory)."""
    if path == ":memory:":
        db = Database(memory=True)
    else:
        path = Path(path) if path else default_path()
        if not path.exists():
            _create_private(path)
        # WAL and SHM side files take the main file's permissions only with a private umask.
        old_umask = os.umask(0o077)
        try:
            db = Database(sqlite3.connect(str(path), timeout=10, isolation_level=None))
            db.execute("PRAGMA journal_mode=WAL")
        finally:
            os.umask(old_umask)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


@contextmanager
def transaction(db: Database):
    """All writes inside commit together or not at all (BEGIN IMMEDIATE takes the write lock now)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
