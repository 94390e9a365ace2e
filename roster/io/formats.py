"""The five file formats: which columns each has, how a row becomes a domain record and how a
record becomes a row. Column names follow the domain dataclasses; docs/formats.md documents them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import (
    Absence, AbsenceKind, CallType, CarePackage, Carer, Client, Funder, Gender, Referral, Service, Transport,
    VisitSchedule,
)

from . import cells


@dataclass(frozen=True)
class Column:
    """One column of a file."""

    name: str
    """Header name in CSV, key in JSON."""
    read: Callable[[object], object]
    """Cell -> domain value; raises CellError."""
    attr: str | None = None
    """Domain field it fills (None: combined by the format, e.g. postcode, lat, lon)."""
    required: bool = False
    """The column must be present and the cell not empty."""


@dataclass(frozen=True)
class RecordFormat:
    """A file kind: carers, clients, packages, schedules or absences."""

    kind: str
    """File stem and plural noun, e.g. 'carers' for carers.csv / carers.json."""
    noun: str
    """Singular, for messages."""
    record_type: type
    """The domain dataclass built from each row."""
    columns: tuple[Column, ...]
    """Every column, in file order."""
    to_cells: Callable[[object], dict[str, object]]
    """Record -> JSON-native values by column name."""
    location_attr: str | None = None
    """Domain field filled from postcode or lat/lon, for records with an address."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def missing_columns(self, present: set[str]) -> list[str]:
        """Required columns not in a header (an address needs postcode, or lat and lon)."""
        missing = [c.name for c in self.columns if c.required and c.name not in present]
        if self.location_attr and "postcode" not in present and not {"lat", "lon"} <= present:
            missing.append("postcode")
        return missing


def _carer_cells(c: Carer) -> dict[str, object]:
    return {
        "id": c.id, "name": c.name, "postcode": c.postcode, "lat": c.home.lat, "lon": c.home.lon,
        "transport": c.transport.value, "skills": sorted(c.skills),
        "availability": cells.dump_availability(c.availability),
        "contracted_hours": cells.dump_hours(c.contracted_minutes), "gender": c.gender.value,
        "night_worker": c.night_worker, "day_worker": c.day_worker, "opted_out_48h": c.opted_out_48h,
        "pay_rate": cells.dump_pounds(c.pay_pence_per_hour),
    }


def _client_cells(c: Client) -> dict[str, object]:
    return {
        "id": c.id, "name": c.name, "postcode": c.postcode, "lat": c.location.lat, "lon": c.location.lon,
        "access_notes": c.access_notes, "declined_carers": sorted(c.declined_carers),
        "preferred_carers": list(c.preferred_carers),
        "preferred_gender": c.preferred_gender.value if c.preferred_gender else None,
        "gender_required": c.gender_required,
    }


def _package_cells(p: CarePackage) -> dict[str, object]:
    return {
        "id": p.id, "client_id": p.client_id, "start": cells.dump_date(p.start),
        "planned_end": cells.dump_date(p.planned_end), "referral": p.referral.value, "goals": p.goals,
        "max_days": p.max_days, "ended": cells.dump_date(p.ended), "funder": p.funder.value if p.funder else None,
    }


def _schedule_cells(s: VisitSchedule) -> dict[str, object]:
    return {
        "id": s.id, "package_id": s.package_id, "call_type": s.call_type.value,
        "weekdays": cells.dump_weekdays(s.weekdays), "window_start": cells.dump_time(s.window_start),
        "window_end": cells.dump_time(s.window_end), "duration": s.duration, "carers_needed": s.carers_needed,
        "skills": sorted(s.skills), "valid_from": cells.dump_date(s.valid_from),
        "valid_to": cells.dump_date(s.valid_to), "fixed_time": s.fixed_time, "service": s.service.value,
        "short_check_agreed": s.short_check_agreed, "optional": s.optional,
    }


def _absence_cells(a: Absence) -> dict[str, object]:
    return {
        "id": a.id, "carer_id": a.carer_id, "kind": a.kind.value, "start": a.start.isoformat(),
        "end": a.end.isoformat(), "note": a.note,
    }


def _address_columns() -> tuple[Column, ...]:
    return (Column("postcode", cells.text), Column("lat", cells.number), Column("lon", cells.number))


def formats(skill_vocabulary: tuple[str, ...]) -> dict[str, RecordFormat]:
    """Every file kind by name; skills are checked against the settings' vocabulary."""
    skills = cells.skills(skill_vocabulary)
    carers = RecordFormat(
        "carers", "carer", Carer,
        (
            Column("id", cells.ident, "id", required=True),
            Column("name", cells.text, "name", required=True),
            *_address_columns(),
            Column("transport", cells.choice(Transport), "transport", required=True),
            Column("skills", skills, "skills"),
            Column("availability", cells.availability, "availability"),
            Column("contracted_hours", cells.hours, "contracted_minutes"),
            Column("gender", cells.choice(Gender), "gender"),
            Column("night_worker", cells.boolean, "night_worker"),
            Column("day_worker", cells.boolean, "day_worker"),
            Column("opted_out_48h", cells.boolean, "opted_out_48h"),
            Column("pay_rate", cells.pounds, "pay_pence_per_hour"),
        ),
        _carer_cells,
        location_attr="home",
    )
    clients = RecordFormat(
        "clients", "client", Client,
        (
            Column("id", cells.ident, "id", required=True),
            Column("name", cells.text, "name", required=True),
            *_address_columns(),
            Column("access_notes", cells.text, "access_notes"),
            Column("declined_carers", lambda v: frozenset(cells.id_list(v)), "declined_carers"),
            Column("preferred_carers", cells.id_list, "preferred_carers"),
            Column("preferred_gender", cells.choice(Gender), "preferred_gender"),
            Column("gender_required", cells.boolean, "gender_required"),
        ),
        _client_cells,
        location_attr="location",
    )
    packages = RecordFormat(
        "packages", "package", CarePackage,
        (
            Column("id", cells.ident, "id", required=True),
            Column("client_id", cells.ident, "client_id", required=True),
            Column("start", cells.date, "start", required=True),
            Column("planned_end", cells.date, "planned_end", required=True),
            Column("referral", cells.choice(Referral), "referral"),
            Column("goals", cells.text, "goals"),
            Column("max_days", cells.integer, "max_days"),
            Column("ended", cells.date, "ended"),
            Column("funder", cells.choice(Funder), "funder"),
        ),
        _package_cells,
    )
    schedules = RecordFormat(
        "schedules", "schedule", VisitSchedule,
        (
            Column("id", cells.ident, "id", required=True),
            Column("package_id", cells.ident, "package_id", required=True),
            Column("call_type", cells.choice(CallType), "call_type", required=True),
            Column("weekdays", cells.weekdays, "weekdays", required=True),
            Column("window_start", cells.time, "window_start", required=True),
            Column("window_end", cells.time, "window_end", required=True),
            Column("duration", cells.integer, "duration", required=True),
            Column("carers_needed", cells.integer, "carers_needed"),
            Column("skills", skills, "skills"),
            Column("valid_from", cells.date, "valid_from"),
            Column("valid_to", cells.date, "valid_to"),
            Column("fixed_time", cells.boolean, "fixed_time"),
            Column("service", cells.choice(Service), "service"),
            Column("short_check_agreed", cells.boolean, "short_check_agreed"),
            Column("optional", cells.boolean, "optional"),
        ),
        _schedule_cells,
    )
    absences = RecordFormat(
        "absences", "absence", Absence,
        (
            Column("id", cells.ident, "id", required=True),
            Column("carer_id", cells.ident, "carer_id", required=True),
            Column("kind", cells.choice(AbsenceKind), "kind", required=True),
            Column("start", cells.datetime, "start", required=True),
            Column("end", cells.datetime, "end", required=True),
            Column("note", cells.text, "note"),
        ),
        _absence_cells,
    )
    return {f.kind: f for f in (carers, clients, packages, schedules, absences)}


KINDS = ("carers", "clients", "packages", "schedules", "absences")
"""File kinds, parents before children (the order to read and report in)."""
