"""Checks across records: duplicate ids, references to carers, clients and packages that do not
exist, and visits needing skills no carer has. Run against the files plus the database, as the
database will be after the import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roster.domain import Provider

from .formats import KINDS
from .parse import Parsed
from .problems import Problem

_REFERENCES = (
    # (child kind, field, parent kind, noun): stored with a foreign key, so a dangling one cannot be written
    ("absences", "carer_id", "carers", "carer"),
    ("packages", "client_id", "clients", "client"),
    ("schedules", "package_id", "packages", "package"),
)


@dataclass(frozen=True)
class Outcome:
    """What the database will hold, per kind, if the import goes ahead."""

    records: dict[str, dict[str, object]]
    """Kind -> id -> record (kinds are also the Provider's field names)."""
    replaced: frozenset[str]
    """Kinds whose stored records are dropped first (--replace with a file of that kind)."""


def outcome(parsed: dict[str, list[Parsed]], existing: Provider, *, replace: bool) -> Outcome:
    """The database after the import: stored records, minus replaced kinds, updated by id."""
    replaced = frozenset(parsed) if replace else frozenset()
    records: dict[str, dict[str, object]] = {}
    for kind in KINDS:
        current = {} if kind in replaced else {r.id: r for r in getattr(existing, kind)}
        current.update((p.record.id, p.record) for p in parsed.get(kind, ()))
        records[kind] = current
    return Outcome(records, replaced)


def check_import(parsed: dict[str, list[Parsed]], existing: Provider, *, replace: bool) -> list[Problem]:
    """Every problem that only shows when records are looked at together."""
    after = outcome(parsed, existing, replace=replace)
    problems = _duplicates(parsed)
    problems += _dangling_in_files(parsed, after)
    problems += _dangling_in_database(existing, after)
    problems += _skills_nobody_has(parsed.get("schedules", ()), after.records["carers"].values())
    return problems


def _duplicates(parsed: dict[str, list[Parsed]]) -> list[Problem]:
    problems = []
    for items in parsed.values():
        first: dict[str, Parsed] = {}
        for item in items:
            seen = first.setdefault(item.record.id, item)
            if seen is not item:
                where = f"line {seen.origin.line}" if seen.origin.source == item.origin.source else (
                    f"{seen.origin.source}:{seen.origin.line}"
                )
                problems.append(Problem(item.origin.source, item.origin.line, "id",
                                        f"{item.record.id} is a duplicate (first on {where})"))
    return problems


def _dangling_in_files(parsed: dict[str, list[Parsed]], after: Outcome) -> list[Problem]:
    problems = []
    for child, field, parent, noun in _REFERENCES:
        for item in parsed.get(child, ()):
            ref = getattr(item.record, field)
            if ref not in after.records[parent]:
                problems.append(_missing(item, field, noun, ref))
    for item in parsed.get("clients", ()):
        for field in ("declined_carers", "preferred_carers"):
            for ref in sorted(set(getattr(item.record, field))):
                if ref not in after.records["carers"]:
                    problems.append(_missing(item, field, "carer", ref))
    return problems


def _missing(item: Parsed, field: str, noun: str, ref: str) -> Problem:
    return Problem(item.origin.source, item.origin.line, field, f"{noun} {ref} is not in the import or the database")


def _dangling_in_database(existing: Provider, after: Outcome) -> list[Problem]:
    """With --replace, stored records kept as they are must not lose their carer, client or package."""
    problems = []
    for child, field, parent, noun in _REFERENCES:
        if parent not in after.replaced or child in after.replaced:
            continue
        for record in getattr(existing, child):
            ref = getattr(record, field)
            if ref not in after.records[parent]:
                problems.append(Problem(
                    "database", None, field,
                    f"{child[:-1]} {record.id} refers to {noun} {ref}, which --replace would remove "
                    f"(import {child} as well, or keep {noun} {ref})",
                ))
    return problems


def _skills_nobody_has(schedules: Iterable[Parsed], carers: Iterable[object]) -> list[Problem]:
    carer_skills = [c.skills for c in carers]
    problems = []
    for item in schedules:
        schedule = item.record
        if not schedule.skills:
            continue
        able = sum(1 for skills in carer_skills if schedule.skills <= skills)
        if able >= schedule.carers_needed:
            continue
        wanted = ", ".join(sorted(schedule.skills))
        message = (
            f"no carer has {wanted}" if able == 0
            else f"the visit needs {schedule.carers_needed} carers with {wanted} but only {able} has"
        )
        problems.append(Problem(item.origin.source, item.origin.line, "skills", message))
    return problems
