"""What happens on the day, recorded with who and when: a carer off sick, a client admitted to
hospital and back home, a package starting at short notice or ending early, an urgent UCR call,
a one-off change to one visit.

Each event is stored together with the provider records it adds or changes (an absence, a
package, a one-off schedule), all or nothing. What no provider record can say (visits not due
while a client is in hospital, the rest of today after a package ends, an occurrence replaced by
a one-off change) is worked out from the events by `cancellations`; a repair lists those visits
as uncovered with the reason, so nothing disappears silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from roster.domain import (
    Absence, AbsenceKind, CallType, CarePackage, Client, DomainError, Duplicate, NotFound, Provider, Referral,
    Service, Uncovered, Visit, VisitSchedule,
)
from roster.domain.clock import hhmm, monday_of
from roster.store import load_provider
from roster.store.events_repo import EventRecord, load_events, record_event

UCR_RESPONSE_MINUTES = 120
"""UCR answers within two hours."""
UCR_OPENS = 8 * 60
"""UCR visits start from 08:00..."""
UCR_CLOSES = 20 * 60
"""...and no later than 20:00."""

ABSENCE = "absence"
SUSPENSION = "suspension"
RETURN = "return"
NEW_PACKAGE = "new_package"
PACKAGE_ENDED = "package_ended"
UCR = "ucr"
VISIT_CHANGE = "visit_change"
KINDS = (ABSENCE, SUSPENSION, RETURN, NEW_PACKAGE, PACKAGE_ENDED, UCR, VISIT_CHANGE)


def _minute(moment: dt.datetime) -> int:
    return moment.hour * 60 + moment.minute


def _changes(**records) -> Provider:
    """A provider holding only the records an event writes (settings untouched)."""
    return Provider(settings=(), **records)


def _week(moment: dt.datetime) -> dt.date:
    return monday_of(moment.date())


# -- recording -------------------------------------------------------------------------------


def record_absence(db, carer_id: str, start: dt.datetime, end: dt.datetime, *, by: str,
                   kind: AbsenceKind = AbsenceKind.SICKNESS, note: str = "") -> EventRecord:
    """A carer away from start to end (sickness by default)."""
    provider = load_provider(db)
    if carer_id not in {c.id for c in provider.carers}:
        raise NotFound(f"carer {carer_id}", "id", "no such carer")
    same = next((a for a in provider.absences if a.carer_id == carer_id and a.kind is kind
                 and a.start < end and start < a.end), None)
    if same is not None:
        raise Duplicate(f"carer {carer_id}", "absence",
                        f"already away ({kind.value}) {same.start:%a %d %b %H:%M} to {same.end:%a %d %b %H:%M}, "
                        f"overlapping {start:%a %d %b %H:%M} to {end:%a %d %b %H:%M} (absence {same.id})")
    taken = {a.id for a in provider.absences}
    number = len(taken) + 1
    while f"EV-A{number}" in taken:
        number += 1
    absence = Absence(f"EV-A{number}", carer_id, kind, start, end, note)
    summary = f"carer {carer_id} away ({kind.value}) {start:%a %d %b %H:%M} to {end:%a %d %b %H:%M}"
    return record_event(
        db,
        EventRecord(ABSENCE, _week(start), start, by, summary,
                    {"carer_id": carer_id, "absence_id": absence.id, "kind": kind.value, "end": end.isoformat()}),
        _changes(absences=(absence,)),
    )


def _known_client(provider: Provider, client_id: str) -> Client:
    try:
        return provider.client(client_id)
    except KeyError:
        raise NotFound(f"client {client_id}", "id", "no such client") from None


def record_suspension(db, client_id: str, at: dt.datetime, *, by: str) -> EventRecord:
    """A client admitted to hospital: their visits stop from `at` until they return."""
    _known_client(load_provider(db), client_id)
    if suspended_since(load_events(db), client_id, at) is not None:
        raise DomainError(f"client {client_id}", "suspension", "is already in hospital")
    return record_event(db, EventRecord(SUSPENSION, _week(at), at, by, f"client {client_id} admitted to hospital",
                                        {"client_id": client_id}))


def record_return(db, client_id: str, at: dt.datetime, *, by: str) -> EventRecord:
    """A client home from hospital: visits due from `at` are back."""
    _known_client(load_provider(db), client_id)
    if suspended_since(load_events(db), client_id, at) is None:
        raise DomainError(f"client {client_id}", "return", "is not in hospital at that time")
    return record_event(db, EventRecord(RETURN, _week(at), at, by, f"client {client_id} home from hospital",
                                        {"client_id": client_id}))


def suspended_since(events: list[EventRecord], client_id: str, at: dt.datetime) -> dt.datetime | None:
    """When the client's current stay in hospital began, if they are in hospital at `at`."""
    since = None
    for event in sorted(events, key=lambda e: (e.effective_at, e.id or 0)):
        if event.details.get("client_id") != client_id or event.effective_at > at:
            continue
        if event.kind == SUSPENSION:
            since = event.effective_at
        elif event.kind == RETURN:
            since = None
    return since


@dataclass(frozen=True, slots=True)
class Call:
    """One recurring visit of a new package, as a coordinator states it."""

    call_type: CallType
    """Morning, lunch, tea or bed."""
    window_start: int
    """Earliest start, minutes since midnight."""
    window_end: int
    """Latest start."""
    duration: int
    """Minutes of care."""
    carers_needed: int = 1
    """1, or 2 for a double-up."""
    skills: frozenset[str] = frozenset()
    """Skills each carer needs."""
    weekdays: frozenset[int] = frozenset(range(7))
    """Days it recurs on."""


def _next_number(ids: set[str], prefix: str) -> int:
    number = 1
    while f"{prefix}{number:04d}" in ids:
        number += 1
    return number


def record_new_package(db, client: Client | str, at: dt.datetime, calls: list[Call], *, by: str,
                       days: int = 14, referral: Referral = Referral.HOSPITAL_DISCHARGE,
                       goals: str = "") -> EventRecord:
    """A package starting at short notice (e.g. a hospital discharge at `at`): visits today whose
    window closes before `at` are not due."""
    provider = load_provider(db)
    if not calls:
        raise DomainError("new package", "calls", "needs at least one call")
    new_clients: tuple[Client, ...] = ()
    if isinstance(client, str):
        client = _known_client(provider, client)
    elif client.id in {c.id for c in provider.clients}:
        raise DomainError(f"client {client.id}", "id", "already exists: give its id instead")
    else:
        new_clients = (client,)
    package_id = f"KD{_next_number({p.id for p in provider.packages}, 'KD'):04d}"
    package = CarePackage(package_id, client.id, at.date(), at.date() + dt.timedelta(days=days - 1), referral, goals)
    schedules = tuple(
        VisitSchedule(
            id=f"{package_id}-{i}", package_id=package_id, call_type=call.call_type, weekdays=call.weekdays,
            window_start=call.window_start, window_end=call.window_end, duration=call.duration,
            carers_needed=call.carers_needed, skills=call.skills,
        )
        for i, call in enumerate(calls, start=1)
    )
    summary = f"package {package_id} for client {client.id} starts {at:%a %d %b %H:%M} ({len(calls)} calls a day)"
    return record_event(
        db,
        EventRecord(NEW_PACKAGE, _week(at), at, by, summary, {"client_id": client.id, "package_id": package_id}),
        _changes(clients=new_clients, packages=(package,), schedules=schedules),
    )


def record_package_end(db, package_id: str, at: dt.datetime, *, by: str) -> EventRecord:
    """A package ended early: no visits from `at` on."""
    provider = load_provider(db)
    package = next((p for p in provider.packages if p.id == package_id), None)
    if package is None:
        raise NotFound(f"package {package_id}", "id", "no such package")
    if not package.start <= at.date() <= package.planned_end:
        raise DomainError(f"package {package_id}", "ended",
                          f"{at.date()} is outside the package ({package.start} - {package.planned_end})")
    ended = dataclasses.replace(package, ended=at.date())
    return record_event(
        db,
        EventRecord(PACKAGE_ENDED, _week(at), at, by, f"package {package_id} ended {at:%a %d %b %H:%M}",
                    {"package_id": package_id, "client_id": package.client_id}),
        _changes(packages=(ended,)),
    )


def ucr_window(referral: dt.datetime) -> tuple[int, int]:
    """(earliest, latest start) of an urgent visit: within two hours of the referral, inside
    08:00-20:00 (a referral before 08:00 is answered from 08:00)."""
    begins = max(_minute(referral), UCR_OPENS)
    if begins > UCR_CLOSES:
        raise DomainError(
            "UCR referral", "time",
            f"{referral:%H:%M} is after UCR closes at {hhmm(UCR_CLOSES)}: pass it to the night service",
        )
    return begins, min(begins + UCR_RESPONSE_MINUTES, UCR_CLOSES)


def record_ucr(db, client: Client | str, referral: dt.datetime, *, by: str, duration: int = 60,
               carers_needed: int = 1, skills: frozenset[str] = frozenset()) -> EventRecord:
    """An urgent UCR call: one visit within two hours of the referral, counted against the UCR
    budget."""
    provider = load_provider(db)
    earliest, latest = ucr_window(referral)
    client_id = client if isinstance(client, str) else client.id
    # Two calls for one client within one response window are one urgent need recorded twice.
    window = dt.timedelta(minutes=UCR_RESPONSE_MINUTES)
    same = next((e for e in load_events(db) if e.kind == UCR and e.details.get("client_id") == client_id
                 and abs(e.effective_at - referral) < window), None)
    if same is not None:
        raise Duplicate(f"client {client_id}", "ucr",
                        f"a UCR call at {same.effective_at:%a %d %b %H:%M} is recorded already (event #{same.id}, "
                        f"visit {same.details.get('visit_id')}); a call within 2 hours of it is the same call")
    new_clients: tuple[Client, ...] = ()
    if isinstance(client, str):
        client = _known_client(provider, client)
    elif client.id in {c.id for c in provider.clients}:
        raise DomainError(f"client {client.id}", "id", "already exists: give its id instead")
    else:
        new_clients = (client,)
    number = _next_number({p.id for p in provider.packages}, "KU")
    package = CarePackage(f"KU{number:04d}", client.id, referral.date(), referral.date(), Referral.UCR)
    schedule = VisitSchedule(
        id=f"SU{number:04d}", package_id=package.id, call_type=CallType.URGENT,
        weekdays=frozenset({referral.weekday()}), window_start=earliest, window_end=latest, duration=duration,
        carers_needed=carers_needed, skills=skills, valid_from=referral.date(), valid_to=referral.date(),
    )
    visit = f"{schedule.id}@{referral.date().isoformat()}"
    summary = f"UCR call for client {client.id} at {referral:%a %d %b %H:%M}: visit {visit} by {hhmm(latest)}"
    return record_event(
        db,
        EventRecord(UCR, _week(referral), referral, by, summary,
                    {"client_id": client.id, "package_id": package.id, "visit_id": visit,
                     "deadline": hhmm(latest)}),
        _changes(clients=new_clients, packages=(package,), schedules=(schedule,)),
    )


def _find_visit(provider: Provider, visit_id: str) -> Visit:
    _, _, day = visit_id.partition("@")
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise DomainError(f"visit {visit_id}", "id", "is not like S0001-1@2026-11-24") from None
    for visit in provider.visits_for_week(monday_of(date)):
        if visit.id == visit_id:
            return visit
    raise NotFound(f"visit {visit_id}", "id", "is not due on that date")


def record_visit_change(db, visit_id: str, *, by: str, cancel: bool = False, window: tuple[int, int] | None = None,
                        duration: int | None = None, note: str = "") -> EventRecord:
    """A one-off change to one visit: cancel it, or give it another window or length (the
    occurrence is replaced by a one-off visit that stays with the same carer where possible)."""
    provider = load_provider(db)
    visit = _find_visit(provider, visit_id)
    at = dt.datetime.combine(visit.date, dt.time()) + dt.timedelta(minutes=visit.window_start)
    if cancel:
        return record_event(db, EventRecord(VISIT_CHANGE, monday_of(visit.date), at, by,
                                            f"visit {visit_id} cancelled", {"visit_id": visit_id, "note": note}))
    if window is None and duration is None:
        raise DomainError(f"visit {visit_id}", "change", "say what changes: cancel, window or duration")
    schedule = next(s for s in provider.schedules if s.id == visit.schedule_id)
    base = f"{schedule.id.split('~')[0]}~{visit.date:%m%d}"
    taken = {s.id for s in provider.schedules}
    new_id, n = base, 1
    while new_id in taken:
        n += 1
        new_id = f"{base}-{n}"
    start, end = window if window else (visit.window_start, visit.window_end)
    one_off = dataclasses.replace(
        schedule, id=new_id, weekdays=frozenset({visit.date.weekday()}), window_start=start, window_end=end,
        duration=duration or visit.duration, valid_from=visit.date, valid_to=visit.date, fixed_time=False,
    )
    replacement = f"{new_id}@{visit.date.isoformat()}"
    what = ", ".join(filter(None, [f"window {hhmm(start)}-{hhmm(end)}" if window else "",
                                   f"{duration} min" if duration else ""]))
    return record_event(
        db,
        EventRecord(VISIT_CHANGE, monday_of(visit.date), at, by, f"visit {visit_id} changed once ({what}) as {replacement}",
                    {"visit_id": visit_id, "replacement": replacement, "note": note}),
        _changes(schedules=(one_off,)),
    )


# -- what the events mean for a week's visits -------------------------------------------------


def cancellations(events: list[EventRecord], visits: list[Visit]) -> dict[str, Uncovered]:
    """Visits not due because of events, each as an uncovered entry with the reason."""
    result: dict[str, Uncovered] = {}
    ended = {e.details["package_id"]: e.effective_at for e in events if e.kind == PACKAGE_ENDED}
    starts = {e.details["package_id"]: e.effective_at for e in events if e.kind == NEW_PACKAGE}
    changed = {e.details["visit_id"]: e for e in events if e.kind == VISIT_CHANGE}
    clients = {e.details["client_id"] for e in events if e.kind == SUSPENSION}
    for visit in visits:
        if visit.service is not Service.DAY:
            continue
        due = dt.datetime.combine(visit.date, dt.time()) + dt.timedelta(minutes=visit.preferred_start)
        if visit.client_id in clients:
            since = suspended_since(events, visit.client_id, due)
            if since is not None:
                result[visit.id] = Uncovered(visit.id, "client_in_hospital",
                                             f"client {visit.client_id} in hospital since {since:%a %d %b %H:%M}")
                continue
        end = ended.get(visit.package_id)
        if end is not None and visit.date == end.date() and visit.preferred_start >= _minute(end):
            result[visit.id] = Uncovered(visit.id, "package_ended", f"package {visit.package_id} ended at {end:%H:%M}")
            continue
        start = starts.get(visit.package_id)
        if start is not None and visit.date == start.date() and visit.window_end < _minute(start):
            result[visit.id] = Uncovered(visit.id, "not_yet_home",
                                         f"package {visit.package_id} starts at {start:%H:%M}, after this call's window")
            continue
        change = changed.get(visit.id)
        if change is not None:
            if change.details.get("replacement"):
                result[visit.id] = Uncovered(visit.id, "changed_once",
                                             f"replaced by one-off visit {change.details['replacement']}")
            else:
                result[visit.id] = Uncovered(visit.id, "cancelled_once", "cancelled for this day only")
    return result


def replacements(events: list[EventRecord]) -> dict[str, str]:
    """One-off visit id -> the visit it replaces (so it stays with that visit's carer)."""
    return {e.details["replacement"]: e.details["visit_id"]
            for e in events if e.kind == VISIT_CHANGE and e.details.get("replacement")}
