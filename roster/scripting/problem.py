"""A provider's week as a problem file, and back: version 1 of the problem format, or version 2
when it carries a travel table (minutes and metres between its places, measured elsewhere: a
pseudonymised export ships the travel between the true homes beside moved points).

Reading checks the schema first, then builds the domain records (which check their own rules) and
the references between them; every failure names the field, e.g.
"carers[3].availability[0]: carer C004: availability: mon shifts overlap (07:00-14:00 and 13:00-18:00)".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from roster.domain import (
    Absence, AbsenceKind, CallType, CarePackage, Carer, Client, DomainError, Gender, Location, Provider,
    Referral, Service, Settings, Shift, Transport, VisitSchedule,
)
from roster.domain.clock import WEEKDAYS, hhmm, parse_hhmm, parse_week, week_label
from roster.domain.travel import MatrixTravel, TravelModel

from . import FORMAT_VERSION, PROBLEM_FORMAT, TRAVEL_VERSION
from .schema import PROBLEM_SCHEMA, validate


class ProblemFileError(ValueError):
    """The problem file is malformed; problems lists every message, each naming its field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _loc(location: Location) -> dict:
    return {"lat": location.lat, "lon": location.lon}


def _settings_overrides(settings: Settings) -> dict:
    default = Settings()
    overrides = {}
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if f.name != "effective_from" and value != getattr(default, f.name):
            overrides[f.name] = list(value) if isinstance(value, tuple) else value
    return overrides


def problem_document(provider: Provider, monday: dt.date, travel: TravelModel | None = None) -> dict:
    """The week starting monday as a problem document (the settings in force that week); with
    travel, the table of its minutes and metres between every carer's home and client's home
    (version 2), which readers then use instead of the points' distances."""
    document = _records(provider, monday)
    if travel is not None:
        document["version"] = TRAVEL_VERSION
        document["travel"] = _travel_table(provider, travel)
    return document


def _travel_modes(carers) -> list[Transport]:
    """The modes a table needs: each carer's, and car for night crews (who share one)."""
    used = {c.transport for c in carers} | {Transport.CAR}
    return [mode for mode in Transport if mode in used]


def _travel_table(provider: Provider, travel: TravelModel) -> dict:
    places = _places(provider)
    return {
        "minutes": {mode.value: [[travel.minutes(a, b, mode) for b in places] for a in places]
                    for mode in _travel_modes(provider.carers)},
        "metres": [[travel.metres(a, b) for b in places] for a in places],
    }


def _records(provider: Provider, monday: dt.date) -> dict:
    return {
        "format": PROBLEM_FORMAT,
        "version": FORMAT_VERSION,
        "week": week_label(monday),
        "settings": _settings_overrides(provider.settings_for(monday)),
        "carers": [
            {
                "id": c.id, "name": c.name, "postcode": c.postcode, "home": _loc(c.home),
                "transport": c.transport.value, "skills": sorted(c.skills),
                "availability": [{"day": WEEKDAYS[s.weekday], "start": hhmm(s.start), "end": hhmm(s.end)}
                                 for s in sorted(c.availability, key=lambda s: (s.weekday, s.start))],
                "contracted_minutes": c.contracted_minutes, "gender": c.gender.value,
                "night_worker": c.night_worker, "day_worker": c.day_worker, "opted_out_48h": c.opted_out_48h,
                "pay_pence_per_hour": c.pay_pence_per_hour,
            }
            for c in provider.carers
        ],
        "absences": [
            {"id": a.id, "carer_id": a.carer_id, "kind": a.kind.value, "start": a.start.isoformat(timespec="minutes"),
             "end": a.end.isoformat(timespec="minutes"), "note": a.note}
            for a in provider.absences
        ],
        "clients": [
            {
                "id": c.id, "name": c.name, "postcode": c.postcode, "location": _loc(c.location),
                "access_notes": c.access_notes, "declined_carers": sorted(c.declined_carers),
                "preferred_carers": list(c.preferred_carers),
                "preferred_gender": c.preferred_gender.value if c.preferred_gender else None,
                "gender_required": c.gender_required,
            }
            for c in provider.clients
        ],
        "packages": [
            {
                "id": p.id, "client_id": p.client_id, "start": p.start.isoformat(),
                "planned_end": p.planned_end.isoformat(), "referral": p.referral.value, "goals": p.goals,
                "max_days": p.max_days, "ended": p.ended.isoformat() if p.ended else None,
            }
            for p in provider.packages
        ],
        "schedules": [
            {
                "id": s.id, "package_id": s.package_id, "call_type": s.call_type.value,
                "weekdays": [WEEKDAYS[d] for d in sorted(s.weekdays)],
                "window_start": hhmm(s.window_start), "window_end": hhmm(s.window_end), "duration": s.duration,
                "carers_needed": s.carers_needed, "skills": sorted(s.skills),
                "valid_from": s.valid_from.isoformat() if s.valid_from else None,
                "valid_to": s.valid_to.isoformat() if s.valid_to else None,
                "fixed_time": s.fixed_time, "service": s.service.value,
                "short_check_agreed": s.short_check_agreed, "optional": s.optional,
            }
            for s in provider.schedules
        ],
    }


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _carer(row: dict) -> Carer:
    return Carer(
        id=row["id"], name=row["name"], postcode=row.get("postcode", ""),
        home=Location(row["home"]["lat"], row["home"]["lon"]), transport=Transport(row["transport"]),
        skills=frozenset(row.get("skills", ())),
        availability=tuple(Shift(WEEKDAYS.index(s["day"]), parse_hhmm(s["start"]), parse_hhmm(s["end"]))
                           for s in row.get("availability", ())),
        contracted_minutes=row.get("contracted_minutes", 0), gender=Gender(row.get("gender", "other")),
        night_worker=row.get("night_worker", False), day_worker=row.get("day_worker", True),
        opted_out_48h=row.get("opted_out_48h", False), pay_pence_per_hour=row.get("pay_pence_per_hour", 1300),
    )


def _absence(row: dict) -> Absence:
    return Absence(
        id=row["id"], carer_id=row["carer_id"], kind=AbsenceKind(row["kind"]),
        start=dt.datetime.fromisoformat(row["start"]), end=dt.datetime.fromisoformat(row["end"]),
        note=row.get("note", ""),
    )


def _client(row: dict) -> Client:
    gender = row.get("preferred_gender")
    return Client(
        id=row["id"], name=row["name"], postcode=row.get("postcode", ""),
        location=Location(row["location"]["lat"], row["location"]["lon"]),
        access_notes=row.get("access_notes", ""), declined_carers=frozenset(row.get("declined_carers", ())),
        preferred_carers=tuple(row.get("preferred_carers", ())),
        preferred_gender=Gender(gender) if gender else None, gender_required=row.get("gender_required", False),
    )


def _package(row: dict) -> CarePackage:
    extra = {"max_days": row["max_days"]} if "max_days" in row else {}
    return CarePackage(
        id=row["id"], client_id=row["client_id"], start=_date(row["start"]), planned_end=_date(row["planned_end"]),
        referral=Referral(row.get("referral", "community")), goals=row.get("goals", ""),
        ended=_date(row.get("ended")), **extra,
    )


def _schedule(row: dict) -> VisitSchedule:
    return VisitSchedule(
        id=row["id"], package_id=row["package_id"], call_type=CallType(row["call_type"]),
        weekdays=frozenset(WEEKDAYS.index(d) for d in row["weekdays"]),
        window_start=parse_hhmm(row["window_start"]), window_end=parse_hhmm(row["window_end"]),
        duration=row["duration"], carers_needed=row.get("carers_needed", 1), skills=frozenset(row.get("skills", ())),
        valid_from=_date(row.get("valid_from")), valid_to=_date(row.get("valid_to")),
        fixed_time=row.get("fixed_time", False), service=Service(row.get("service", "day")),
        short_check_agreed=row.get("short_check_agreed", False), optional=row.get("optional", False),
    )


def _build(document: dict, key: str, make, problems: list[str]) -> list:
    records = []
    for i, row in enumerate(document.get(key, ())):
        try:
            records.append(make(row))
        except (DomainError, ValueError) as exc:
            problems.append(f"{key}[{i}]: {exc}")
    return records


def _references(provider: Provider, problems: list[str]) -> None:
    """Ids that point at records which are not in the file, duplicate ids, unknown skills; provider
    holds the records in file order so that indexes match the file."""
    skills = set(provider.settings[0].skills)
    for key, records in (("carers", provider.carers), ("clients", provider.clients),
                         ("packages", provider.packages), ("schedules", provider.schedules),
                         ("absences", provider.absences)):
        seen: set[str] = set()
        for i, record in enumerate(records):
            if record.id in seen:
                problems.append(f"{key}[{i}].id: {record.id!r} appears twice")
            seen.add(record.id)
    carers = {c.id for c in provider.carers}
    clients = {c.id for c in provider.clients}
    packages = {p.id for p in provider.packages}
    for i, c in enumerate(provider.carers):
        for skill in sorted(c.skills - skills):
            problems.append(f"carers[{i}].skills: {skill!r} is not a known skill ({', '.join(sorted(skills))})")
    for i, a in enumerate(provider.absences):
        if a.carer_id not in carers:
            problems.append(f"absences[{i}].carer_id: no carer {a.carer_id!r}")
    for i, c in enumerate(provider.clients):
        for field, ids in (("declined_carers", c.declined_carers), ("preferred_carers", c.preferred_carers)):
            for carer_id in sorted(set(ids) - carers):
                problems.append(f"clients[{i}].{field}: no carer {carer_id!r}")
    for i, p in enumerate(provider.packages):
        if p.client_id not in clients:
            problems.append(f"packages[{i}].client_id: no client {p.client_id!r}")
    for i, s in enumerate(provider.schedules):
        if s.package_id not in packages:
            problems.append(f"schedules[{i}].package_id: no package {s.package_id!r}")
        for skill in sorted(s.skills - skills):
            problems.append(f"schedules[{i}].skills: {skill!r} is not a known skill ({', '.join(sorted(skills))})")


def read_problem(document: object) -> tuple[Provider, dt.date]:
    """The provider and the Monday of the week a problem document describes; ProblemFileError
    listing every problem if it is malformed."""
    problems = validate(document, PROBLEM_SCHEMA)
    if problems:
        raise ProblemFileError(problems)
    assert isinstance(document, dict)
    try:
        monday = parse_week(document["week"])
    except ValueError as exc:
        raise ProblemFileError([f"week: {exc}"]) from exc
    try:
        settings = Settings(effective_from=monday, **{
            k: tuple(v) if isinstance(v, list) else v for k, v in document.get("settings", {}).items()
        })
    except (DomainError, ValueError) as exc:
        raise ProblemFileError([f"settings: {exc}"]) from exc
    carers = _build(document, "carers", _carer, problems)
    absences = _build(document, "absences", _absence, problems)
    clients = _build(document, "clients", _client, problems)
    packages = _build(document, "packages", _package, problems)
    schedules = _build(document, "schedules", _schedule, problems)
    if problems:
        raise ProblemFileError(problems)
    as_written = Provider(
        carers=tuple(carers), clients=tuple(clients), packages=tuple(packages), schedules=tuple(schedules),
        absences=tuple(absences), settings=(settings,),
    )
    _references(as_written, problems)
    if "travel" in document:
        _travel_problems(document, as_written, problems)
    if problems:
        raise ProblemFileError(problems)
    provider = Provider(
        carers=tuple(sorted(carers, key=lambda c: c.id)), clients=tuple(sorted(clients, key=lambda c: c.id)),
        packages=tuple(sorted(packages, key=lambda p: p.id)), schedules=tuple(sorted(schedules, key=lambda s: s.id)),
        absences=tuple(sorted(absences, key=lambda a: a.id)), settings=(settings,),
    )
    return provider, monday


def _place_names(provider: Provider) -> list[str]:
    return [f"carers[{i}]" for i in range(len(provider.carers))] + \
        [f"clients[{i}]" for i in range(len(provider.clients))]


def _travel_problems(document: dict, as_written: Provider, problems: list[str]) -> None:
    """A travel table that does not fit the file: the wrong version, a missing mode, a row or
    column too many or too few, or two records at one point whose travel differs."""
    if document["version"] < TRAVEL_VERSION:
        problems.append(f"travel: a travel table needs version {TRAVEL_VERSION} of the problem format")
    table = document["travel"]
    names = _place_names(as_written)
    for mode in _travel_modes(as_written.carers):
        if mode.value not in table["minutes"]:
            who = next((f"carers[{i}]" for i, c in enumerate(as_written.carers) if c.transport is mode), "night crews")
            problems.append(f"travel.minutes: no {mode.value!r} minutes, which {who} needs")
    matrices = [(f"travel.minutes.{mode}", rows) for mode, rows in table["minutes"].items()]
    matrices.append(("travel.metres", table["metres"]))
    for where, rows in matrices:
        if len(rows) != len(names):
            problems.append(f"{where}: {len(rows)} rows, {len(names)} expected (the carers, then the clients)")
            return
        for i, row in enumerate(rows):
            if len(row) != len(names):
                problems.append(f"{where}[{i}]: {len(row)} entries, {len(names)} expected")
                return
    first: dict[Location, int] = {}
    for j, place in enumerate(_places(as_written)):
        i = first.setdefault(place, j)
        if i != j and any(rows[i] != rows[j] or any(row[i] != row[j] for row in rows) for _, rows in matrices):
            problems.append(f"travel: {names[j]} is at the same point as {names[i]}, but its travel differs")


def _places(provider: Provider) -> list[Location]:
    """The places a travel table's rows and columns follow."""
    return [c.home for c in provider.carers] + [c.location for c in provider.clients]


def read_travel(document: dict, provider: Provider, monday: dt.date) -> TravelModel:
    """How the week read from document (by read_problem) travels: its travel table if it has one,
    else the estimate from its points."""
    settings = provider.settings_for(monday)
    if "travel" not in document:
        return TravelModel(settings)
    places = [_point(c["home"]) for c in document["carers"]] + [_point(c["location"]) for c in document["clients"]]
    table = document["travel"]
    minutes = {Transport(mode): tuple(tuple(row) for row in rows) for mode, rows in table["minutes"].items()}
    return MatrixTravel(settings, tuple(places), minutes, tuple(tuple(row) for row in table["metres"]))


def _point(row: dict) -> Location:
    return Location(row["lat"], row["lon"])
