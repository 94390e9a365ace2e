"""A small hand-made provider and draft rota, seeded through the store: six carers, eight
clients, a double-up, a pinned visit, a sick carer and one visit left uncovered."""

from __future__ import annotations

import datetime as dt

from roster.domain import (
    Absence, AbsenceKind, Assignment, CallType, CarePackage, Carer, Client, Gender, Location,
    Provider, Rota, Shift, Transport, Uncovered, VisitSchedule,
)
from roster.domain.visit import visit_id

MONDAY = dt.date(2026, 11, 23)
"""Week 2026-W48."""

CARER_NAMES = ("Avery Lark", "Blake Rowan", "Casey Moor", "Drew Fenn", "Emery Holt", "Finley Vale")
CLIENT_NAMES = ("Gale Ashby", "Harper Quill", "Indy Marsh", "Jules Brook", "Kit Arden", "Lane Cope",
                "Morgan Tate", "Noel Pike")


def _shifts(days=range(7), start=7 * 60, end=22 * 60) -> tuple[Shift, ...]:
    return tuple(Shift(d, start, end) for d in days)


def make_provider() -> Provider:
    carers = tuple(
        Carer(
            id=f"C{i + 1:03d}", name=name, postcode=f"CV{i + 1} 1AA",
            home=Location(52.40 + i * 0.004, -1.51 + i * 0.006), transport=Transport.CAR,
            skills=frozenset({"medication", "hoist"} if i % 2 == 0 else {"medication"}),
            availability=_shifts(), contracted_minutes=30 * 60,
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


def make_rota(provider: Provider) -> Rota:
    """Client i's visits go to carer i % 4 (the double-up also to the next carer); the last
    client's tea visit on Monday is left uncovered; client 2's Monday morning visit is pinned."""
    assignments = []
    uncovered = []
    visits = provider.visits_for_week(MONDAY)
    for visit in visits:
        index = int(visit.client_id[1:]) - 1
        if visit.id == visit_id(f"S{len(CLIENT_NAMES):04d}-2", MONDAY):
            uncovered.append(Uncovered(visit.id, "no_available_carer", "every carer is busy at tea time"))
            continue
        start = visit.window_start if index < 4 else visit.window_start + 60
        carers = [index % 4, (index + 1) % 4] if visit.carers_needed == 2 else [index % 4]
        for c in carers:
            assignments.append(Assignment(
                visit.id, f"C{c + 1:03d}", visit.date, start, start + visit.duration,
                pinned=visit.id == visit_id("S0002-1", MONDAY),
            ))
    return Rota(week_start=MONDAY, assignments=tuple(assignments), uncovered=tuple(uncovered))
