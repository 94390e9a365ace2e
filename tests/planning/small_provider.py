"""A small hand-built provider around Coventry (lat 52.40, lon -1.51): generated names only."""

from __future__ import annotations

import datetime as dt
import random

from roster.domain import (
    CallType, CarePackage, Carer, Client, Gender, Location, Provider, Shift, Transport, VisitSchedule,
)

MONDAY = dt.date(2026, 11, 23)
BANDS = {
    CallType.MORNING: (7 * 60, 10 * 60 + 30),
    CallType.LUNCH: (11 * 60 + 30, 14 * 60),
    CallType.TEA: (16 * 60, 18 * 60),
    CallType.BED: (19 * 60, 22 * 60),
}


def _point(rng: random.Random) -> Location:
    return Location(52.40 + rng.uniform(-0.03, 0.03), -1.51 + rng.uniform(-0.05, 0.05))


def make_carer(i: int, rng: random.Random, **changes) -> Carer:
    fields = dict(
        id=f"C{i:03d}", name=f"Carer {i:03d}", postcode="CV1 1AA", home=_point(rng),
        transport=rng.choice([Transport.CAR, Transport.CAR, Transport.FOOT]),
        skills=frozenset({"medication", "hoist"} if i % 2 == 0 else {"medication"}),
        availability=tuple(Shift(d, 7 * 60, 14 * 60) for d in range(7))
        + tuple(Shift(d, 16 * 60, 22 * 60) for d in range(7)),
        contracted_minutes=30 * 60, gender=Gender.FEMALE if i % 3 else Gender.MALE,
    )
    fields.update(changes)
    return Carer(**fields)


def make_provider(carers: int = 8, clients: int = 12, seed: int = 1, double_ups: bool = True) -> Provider:
    """Clients with two to four calls a day, every day; some double-ups needing hoist carers."""
    rng = random.Random(seed)
    staff = tuple(make_carer(i, rng) for i in range(1, carers + 1))
    people, packages, schedules = [], [], []
    for i in range(1, clients + 1):
        client = Client(id=f"P{i:03d}", name=f"Client {i:03d}", postcode="CV2 2BB", location=_point(rng))
        people.append(client)
        package = CarePackage(id=f"K{i:03d}", client_id=client.id, start=MONDAY - dt.timedelta(days=3),
                              planned_end=MONDAY + dt.timedelta(days=20))
        packages.append(package)
        calls = rng.sample(list(BANDS), rng.randint(2, 4))
        for n, call in enumerate(calls):
            start, end = BANDS[call]
            pair = double_ups and i % 5 == 0 and n == 0
            schedules.append(VisitSchedule(
                id=f"S{i:03d}-{n}", package_id=package.id, call_type=call, weekdays=frozenset(range(7)),
                window_start=start, window_end=end, duration=rng.choice([30, 30, 45, 60]),
                carers_needed=2 if pair else 1, skills=frozenset({"hoist"}) if pair else frozenset(),
            ))
    return Provider(carers=staff, clients=tuple(people), packages=tuple(packages), schedules=tuple(schedules))
