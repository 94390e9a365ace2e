"""`roster import`: find the files, read and check everything, then write all of it or nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from roster.domain import Provider
from roster.locations import postcode_location
from roster.store import load_provider, merge_provider, replace_provider

from .check import check_import, outcome
from .formats import KINDS, RecordFormat, formats
from .parse import Locate, Parsed, parse_file
from .problems import Problem
from .read import decode, read_csv, read_json

SUFFIXES = (".csv", ".json")


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did."""

    problems: tuple[Problem, ...] = ()
    """Everything wrong with the input; if any, nothing was written."""
    incoming: Provider = field(default_factory=lambda: Provider(settings=()))
    """The records read from the files (settings untouched)."""
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Kind -> (new, updated, removed)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line of counts, no names (names are personal data)."""
        parts = []
        for kind, (new, updated, removed) in self.counts.items():
            part = f"{new + updated} {kind} ({new} new, {updated} updated"
            parts.append(part + (f", {removed} removed)" if removed else ")"))
        return "imported " + ", ".join(parts) if parts else "nothing to import"


def find_files(paths: list[Path]) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """(kind, path) for each file to read: directories give every recognised file in them."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += [(f.stem, f) for f in sorted(path.iterdir()) if f.stem in KINDS and f.suffix.lower() in SUFFIXES]
        elif path.stem in KINDS and path.suffix.lower() in SUFFIXES:
            found.append((path.stem, path))
        else:
            problems.append(Problem(path.name, None, None, f"not a file to import (names: {', '.join(k + '.csv' for k in KINDS)}, or .json)"))
    if not found and not problems:
        problems.append(Problem(", ".join(p.name for p in paths) or ".", None, None, "no files to import here"))
    return found, problems


def import_files(
    db: Database,
    paths: list[Path],
    *,
    replace: bool = False,
    locate: Locate = postcode_location,
    today: dt.date | None = None,
) -> ImportReport:
    """Read, check and write; with problems, nothing is written.

    By default records are added or updated by id; with replace, each kind given a file ends up
    holding exactly that file's records (kinds without a file are kept as they are)."""
    files, problems = find_files(paths)
    existing = load_provider(db)
    vocabulary = existing.settings_for(today or dt.date.today()).skills
    fmts = formats(vocabulary)
    parsed: dict[str, list[Parsed]] = {}
    for kind in KINDS:
        for file_kind, path in files:
            if file_kind != kind:
                continue
            items, found = _read(path, fmts[kind], locate)
            parsed.setdefault(kind, []).extend(items)
            problems += found
    problems += check_import(parsed, existing, replace=replace)
    incoming = Provider(settings=(), **{k: tuple(p.record for p in v) for k, v in parsed.items()})
    if problems:
        return ImportReport(tuple(problems), incoming)
    counts = _counts(parsed, existing, replace)
    try:
        _write(db, parsed, existing, incoming, replace)
    except sqlite3.IntegrityError as exc:
        # Validation read the database before writing; someone else changed it in between.
        return ImportReport((Problem("database", None, None, f"changed during the import, nothing written ({exc})"),), incoming)
    return ImportReport((), incoming, counts)


def _read(path: Path, fmt: RecordFormat, locate: Locate) -> tuple[list[Parsed], list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(path.name, None, None, f"cannot be read ({exc.strerror})")]
    text, problems = decode(data, path.name)
    if text is None:
        return [], problems
    raw = read_json(text, path.name) if path.suffix.lower() == ".json" else read_csv(text, path.name)
    return parse_file(raw, fmt, locate)


def _counts(parsed: dict[str, list[Parsed]], existing: Provider, replace: bool) -> dict[str, tuple[int, int, int]]:
    counts = {}
    for kind, items in parsed.items():
        stored = {r.id for r in getattr(existing, kind)}
        ids = {p.record.id for p in items}
        counts[kind] = (len(ids - stored), len(ids & stored), len(stored - ids) if replace else 0)
    return counts


def _write(db: Database, parsed: dict[str, list[Parsed]], existing: Provider, incoming: Provider, replace: bool) -> None:
    if not replace:
        merge_provider(db, incoming)
        return
    after = outcome(parsed, existing, replace=True)
    stored_settings = existing.settings if db["settings"].count else ()
    replace_provider(db, Provider(settings=stored_settings, **{k: tuple(v.values()) for k, v in after.records.items()}))
