"""A small hand-made provider and draft rota, seeded through the store: six carers on split
shifts, eight clients, a double-up, a pinned visit, a sick carer, one on leave and one visit
left uncovered."""

from __future__ import annotations

import datetime as dt

from roster.domain import (
    Absence, AbsenceKind, Assignment, Break, CallType, CarePackage, Carer, Client, Gender, Location,
    Provider, Rota, Shift, Transport, Uncovered, VisitSchedule,
)
from roster.domain.visit import visit_id

MONDAY = dt.date(2026, 11, 23)
"""Week 2026-W48."""

CARER_NAMES = ("Avery Lark", "Blake Rowan", "Casey Moor", "Drew Fenn", "Emery Holt", "Finley Vale")
CLIENT_NAMES = ("Gale Ashby", "Harper Quill", "Indy Marsh", "Jules Brook", "Kit Arden", "Lane Cope",
                "Morgan Tate", "Noel Pike")


OFF_DAYS = ((5, 6), (0, 1), (1, 2), (3, 4), (2, 3), (4, 5))
"""Each carer's two consecutive days off, so everyone gets the weekly rest."""


def _shifts(carer_index: int) -> tuple[Shift, ...]:
    """Split shifts (exempt from the 11-hour daily rest, no break needed) on five days."""
    days = [d for d in range(7) if d not in OFF_DAYS[carer_index]]
    return tuple(s for d in days for s in (Shift(d, 6 * 60 + 30, 12 * 60), Shift(d, 15 * 60 + 30, 20 * 60)))


def make_provider() -> Provider:
    carers = tuple(
        Carer(
            id=f"C{i + 1:03d}", name=name, postcode=f"CV{i + 1} 1AA",
            home=Location(52.40 + i * 0.004, -1.51 + i * 0.006), transport=Transport.CAR,
            skills=frozenset({"medication", "hoist"} if i % 2 == 0 else {"medication"}),
            availability=_shifts(i), contracted_minutes=20 * 60,
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
        )
        for i, name in enumerate(CARER_NAMES)
    )
    clients = tuple(
        Client(id=f"P{i + 1:04d}", name=name, postcode=f"CV{i + 1} 2BB",
               location=Location(52.405 + i * 0.003, -1.50 + i * 0.004))
        for i, name in enumerate(CLIENT_NAMES)
    )
    packages = tuple(
        CarePackage(id=f"K{i + 1:04d}", client_id=c.id, start=MONDAY - dt.timedelta(days=3),
                    planned_end=MONDAY + dt.timedelta(days=20))
        for i, c in enumerate(clients)
    )
    schedules = []
    for i, package in enumerate(packages):
        schedules.append(VisitSchedule(
            id=f"S{i + 1:04d}-1", package_id=package.id, call_type=CallType.MORNING,
            weekdays=frozenset(range(7)), window_start=7 * 60 + 15 * i, window_end=10 * 60 + 30,
            duration=30, carers_needed=2 if i == 0 else 1, skills=frozenset({"hoist"}) if i == 0 else frozenset(),
        ))
        schedules.append(VisitSchedule(
            id=f"S{i + 1:04d}-2", package_id=package.id, call_type=CallType.TEA,
            weekdays=frozenset(range(7)), window_start=16 * 60 + 10 * i, window_end=18 * 60,
            duration=45 if i % 3 == 0 else 30,
        ))
    absences = (
        Absence("A1", "C006", AbsenceKind.SICKNESS, dt.datetime.combine(MONDAY + dt.timedelta(days=2), dt.time()),
                dt.datetime.combine(MONDAY + dt.timedelta(days=4), dt.time())),
        Absence("A2", "C005", AbsenceKind.LEAVE, dt.datetime.combine(MONDAY + dt.timedelta(days=5), dt.time()),
                dt.datetime.combine(MONDAY + dt.timedelta(days=7), dt.time())),
    )
    return Provider(carers=carers, clients=clients, packages=packages, schedules=tuple(schedules), absences=absences)


def make_rota(provider: Provider, uncovered_visit: str = visit_id("S0008-2", MONDAY)) -> Rota:
    """A greedy hand-made rota: each visit to the least busy free carer with the skills, 20
    minutes after their previous visit; one tea visit left uncovered on purpose; the second
    client's Monday morning visit pinned."""
    busy_until: dict[tuple[str, dt.date], int] = {}
    load: dict[tuple[str, dt.date], int] = {}
    assignments, uncovered = [], []
    absent = {(a.carer_id, a.start.date() + dt.timedelta(days=d))
              for a in provider.absences for d in range((a.end - a.start).days)}
    for visit in provider.visits_for_week(MONDAY):
        if visit.id == uncovered_visit:
            uncovered.append(Uncovered(visit.id, "no_available_carer", "every carer is busy at tea time"))
            continue
        free = []
        for carer in provider.carers:
            key = (carer.id, visit.date)
            start = max(visit.window_start, busy_until.get(key, 0) + 20)
            in_shift = any(s.start + 20 <= start and start + visit.duration <= s.end
                           for s in carer.shifts_on(visit.date.weekday()))
            if in_shift and key not in absent and visit.skills <= carer.skills and start <= visit.window_end:
                free.append((load.get(key, 0), start, carer.id))
        free.sort()
        if len(free) < visit.carers_needed:
            uncovered.append(Uncovered(visit.id, "no_available_carer", "no carer free in the window"))
            continue
        chosen = free[:visit.carers_needed]
        start = max(s for _, s, _ in chosen)
        for _, _, carer_id in chosen:
            key = (carer_id, visit.date)
            busy_until[key] = start + visit.duration
            load[key] = load.get(key, 0) + 1
            assignments.append(Assignment(
                visit.id, carer_id, visit.date, start, start + visit.duration,
                pinned=visit.id == visit_id("S0002-1", MONDAY),
            ))
    # Everyone working both halves of a split shift gets a planned break at 13:00.
    days = {(a.carer_id, a.date) for a in assignments}
    breaks = tuple(Break(carer_id, day, 13 * 60, 20) for carer_id, day in sorted(days))
    return Rota(week_start=MONDAY, assignments=tuple(assignments), breaks=breaks, uncovered=tuple(uncovered))


def add_nights(provider: Provider, rota: Rota) -> tuple[Provider, Rota]:
    """Two night carers in one crew every night, making two visits to one client (22:30 and
    02:00), except Sunday night, left without a crew."""
    import dataclasses

    from roster.domain import Crew, Service

    night_shifts = tuple(Shift(d, 22 * 60, 30 * 60 + 30) for d in range(7))
    carers = tuple(
        Carer(id=f"C{n:03d}", name=name, postcode="CV2 3CC", home=Location(52.41, -1.49), transport=Transport.CAR,
              availability=night_shifts, contracted_minutes=30 * 60, night_worker=True, day_worker=False)
        for n, name in ((7, "Quinn Ashdown"), (8, "Rory Bellamy"))
    )
    client = Client(id="P0009", name="Sage Whitlow", postcode="CV3 4DD", location=Location(52.395, -1.52),
                    access_notes="key safe 1234")
    package = CarePackage(id="K0009", client_id=client.id, start=MONDAY, planned_end=MONDAY + dt.timedelta(days=30),
                          max_days=0)
    schedules = tuple(
        VisitSchedule(id=f"S0009-{i}", package_id=package.id, call_type=CallType.NIGHT,
                      weekdays=frozenset(range(7)), window_start=start, window_end=start + 30, duration=30,
                      service=Service.NIGHT)
        for i, start in ((1, 22 * 60 + 30), (2, 26 * 60))
    )
    provider = dataclasses.replace(
        provider, carers=provider.carers + carers, clients=provider.clients + (client,),
        packages=provider.packages + (package,), schedules=provider.schedules + schedules,
    )
    crews, assignments, uncovered = [], [], []
    for d in range(7):
        day = MONDAY + dt.timedelta(days=d)
        ids = [visit_id(s.id, day) for s in schedules]
        if d == 6:
            uncovered += [Uncovered(v, "no_crew", "no crew formed for Sunday night") for v in ids]
            continue
        crews.append(Crew(f"N1@{day.isoformat()}", day, ("C007", "C008")))
        for v, s in zip(ids, schedules):
            assignments += [Assignment(v, c, day, s.window_start, s.window_start + 30) for c in ("C007", "C008")]
    rota = dataclasses.replace(rota, assignments=rota.assignments + tuple(assignments),
                               uncovered=rota.uncovered + tuple(uncovered), crews=tuple(crews))
    return provider, rota
