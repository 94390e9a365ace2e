"""`roster export`: the provider's records as the same files `roster import` reads."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

from roster.store import load_provider

from .formats import KINDS, formats
from .write import csv_text, json_text


def export_provider(db: Database, directory: Path, fmt: str = "csv") -> dict[str, int]:
    """Write carers, clients, packages, schedules and absences files; returns counts by kind.

    Files are private to their owner, like the database (they hold health data)."""
    provider = load_provider(db)
    fmts = formats(provider.settings[-1].skills)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind in KINDS:
        records = getattr(provider, kind)
        text = json_text(fmts[kind], records) if fmt == "json" else csv_text(fmts[kind], records)
        _write_private(directory / f"{kind}.{fmt}", text)
        counts[kind] = len(records)
    return counts


def _write_private(path: Path, text: str) -> None:
    """Write beside, then rename, so a reader never sees half a file."""
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.chmod(partial, 0o600)
    os.replace(partial, path)
