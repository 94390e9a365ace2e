"""A small provider with one of everything, built through the domain (generated names only)."""

import datetime as dt

import pytest

from roster.domain import (
    Absence, AbsenceKind, CallType, CarePackage, Carer, Client, Gender, Location, Provider, Referral,
    Service, Settings, Shift, Transport, VisitSchedule,
)

MONDAY = dt.date(2026, 5, 4)


def make_provider(n_carers: int = 2) -> Provider:
    carers = tuple(
        Carer(
            id=f"C{i:03d}", name=f"Carer {chr(65 + i)}", postcode="CV1 5FB", home=Location(52.405307, -1.500063),
            transport=Transport.CAR if i % 2 else Transport.FOOT, skills=frozenset({"medication", "hoist"}),
            availability=(Shift(0, 7 * 60, 14 * 60), Shift(0, 16 * 60 + 30, 22 * 60), Shift(2, 22 * 60, 30 * 60)),
            contracted_minutes=37 * 60 + 30, gender=Gender.FEMALE if i % 2 else Gender.MALE,
            night_worker=bool(i % 2), opted_out_48h=True, pay_pence_per_hour=1271,
        )
        for i in range(n_carers)
    )
    clients = (
        Client(
            id="P001", name="Client 001", postcode="CV2 4DX", location=Location(52.409962, -1.481032),
            access_notes="key safe 1234", declined_carers=frozenset({"C000"}), preferred_carers=("C001",),
            preferred_gender=Gender.FEMALE, gender_required=True,
        ),
    )
    packages = (
        CarePackage(id="K001", client_id="P001", start=MONDAY, planned_end=MONDAY + dt.timedelta(days=20),
                    referral=Referral.HOSPITAL_DISCHARGE, goals="wash and dress independently"),
    )
    schedules = (
        VisitSchedule(id="S001-1", package_id="K001", call_type=CallType.MORNING, weekdays=frozenset(range(7)),
                      window_start=7 * 60, window_end=10 * 60 + 30, duration=45, carers_needed=2,
                      skills=frozenset({"hoist"})),
        VisitSchedule(id="S001-2", package_id="K001", call_type=CallType.NIGHT, weekdays=frozenset({0, 2, 4}),
                      window_start=25 * 60, window_end=26 * 60, duration=30, service=Service.NIGHT,
                      valid_from=MONDAY, valid_to=MONDAY + dt.timedelta(days=6), optional=True),
    )
    absences = (
        Absence(id="A001", carer_id="C000", kind=AbsenceKind.LEAVE, start=dt.datetime(2026, 5, 5, 0, 0),
                end=dt.datetime(2026, 5, 7, 0, 0), note="booked"),
    )
    return Provider(carers=carers, clients=clients, packages=packages, schedules=schedules, absences=absences,
                    settings=(Settings(),))


@pytest.fixture
def provider() -> Provider:
    return make_provider()


@pytest.fixture
def provider_factory():
    return make_provider
