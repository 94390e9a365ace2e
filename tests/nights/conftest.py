"""Hand-made night-service fixtures: generated names, made-up postcodes, points around a city."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from roster.domain import (
    CallType, CarePackage, Carer, Client, Location, Provider, Service, Settings, Shift, Transport, VisitSchedule,
)

MONDAY = dt.date(2026, 11, 23)
CENTRE = (52.4068, -1.5197)


def night_shifts(days=range(7)) -> tuple[Shift, ...]:
    return tuple(Shift(d, 22 * 60, 30 * 60 + 30) for d in days)


def night_carer(n: int, skills=(), days=range(7), **extra) -> Carer:
    rng = random.Random(n)
    home = Location(CENTRE[0] + rng.uniform(-0.02, 0.02), CENTRE[1] + rng.uniform(-0.03, 0.03))
    fields = dict(id=f"C{n:03d}", name=f"Night Carer {n}", postcode=f"CV{n % 9 + 1} 1AA", home=home,
                  transport=Transport.CAR, skills=frozenset(skills), availability=night_shifts(days),
                  night_worker=True, day_worker=False)
    fields.update(extra)
    return Carer(**fields)


def night_client(n: int, times: tuple[int, ...], *, duration=30, skills=(), window=30, carers_needed=1):
    """A client with one nightly schedule per time (window starts there, `window` minutes wide)."""
    rng = random.Random(1000 + n)
    client = Client(f"P{n:03d}", f"Client {n}", f"CV{n % 9 + 1} 2BB",
                    Location(CENTRE[0] + rng.uniform(-0.02, 0.02), CENTRE[1] + rng.uniform(-0.03, 0.03)),
                    access_notes=f"key safe {n:04d}")
    package = CarePackage(f"K{n:03d}", client.id, MONDAY - dt.timedelta(days=10), MONDAY + dt.timedelta(days=60),
                          goals="stay at home safely at night", max_days=0)
    schedules = tuple(
        VisitSchedule(f"S{n:03d}-{i}", package.id, CallType.NIGHT, frozenset(range(7)), t, t + window, duration,
                      carers_needed=carers_needed, skills=frozenset(skills), service=Service.NIGHT)
        for i, t in enumerate(times)
    )
    return client, package, schedules


def make_provider(carers, clients, settings: Settings | None = None, absences=()) -> Provider:
    return Provider(
        carers=tuple(carers),
        clients=tuple(c for c, _, _ in clients),
        packages=tuple(p for _, p, _ in clients),
        schedules=tuple(s for _, _, ss in clients for s in ss),
        absences=tuple(absences),
        settings=(settings or Settings(),),
    )


@pytest.fixture
def small_provider() -> Provider:
    return build_small_provider()


def build_small_provider() -> Provider:
    """Ten night carers (three with catheter care), six clients with three visits a night, spread
    from 22:30 to 06:00 with hour-long windows: two or three crews a night cover them."""
    carers = [night_carer(i, skills=("catheter",) if i in (1, 2, 6) else ()) for i in range(1, 11)]
    clients = [night_client(i, (1350 + 25 * i, 1530 + 25 * i, 1710 + 10 * i), duration=20 if i % 2 else 30,
                            skills=("catheter",) if i == 3 else (), window=60)
               for i in range(1, 7)]
    return make_provider(carers, clients)
