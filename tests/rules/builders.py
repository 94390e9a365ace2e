"""A small provider and rota built by hand for rule tests: generated names, Coventry coordinates."""

from __future__ import annotations

import datetime as dt
import math
import string

from roster.domain import (
    Absence, AbsenceKind, Assignment, Break, CallType, CarePackage, Carer, Client, Crew, Gender,
    Location, Provider, Referral, Rota, Service, Settings, Shift, Transport, Uncovered, Visit,
    VisitSchedule,
)
from roster.domain.clock import parse_hhmm

MONDAY = dt.date(2026, 11, 23)
"""Monday of 2026-W48."""
CENTRE = Location(52.40, -1.51)
"""Coventry city centre, roughly."""
NIGHT_SHIFT = ("22:00", "30:30")
"""The Mobile Night Carers' round: 22:00 to 06:30 next morning."""


def place(east_m: float = 0.0, north_m: float = 0.0) -> Location:
    """A point so many metres east and north of the centre."""
    return Location(
        CENTRE.lat + north_m / 111_320,
        CENTRE.lon + east_m / (111_320 * math.cos(math.radians(CENTRE.lat))),
    )


def minutes(value: int | str) -> int:
    """07:30 -> 450; ints pass through."""
    return parse_hhmm(value) if isinstance(value, str) else value


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: generated names, never real ones."""
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return letters


class World:
    """Carers, clients and one-off visits of the week of MONDAY, and rotas over them."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.carers: list[Carer] = []
        self.clients: list[Client] = []
        self.packages: list[CarePackage] = []
        self.schedules: list[VisitSchedule] = []
        self.absences: list[Absence] = []
        self._visits: dict[str, Visit] | None = None

    def carer(
        self,
        *,
        at: Location | None = None,
        skills: tuple[str, ...] = (),
        shifts: tuple[tuple[str, str], ...] = (("06:00", "23:00"),),
        days: tuple[int, ...] = tuple(range(7)),
        transport: Transport = Transport.CAR,
        gender: Gender = Gender.FEMALE,
        contracted_hours: int = 0,
        night_worker: bool = False,
        day_worker: bool = True,
        opted_out_48h: bool = False,
    ) -> str:
        """Add a carer available on `days` in each of `shifts`; returns the id."""
        n = len(self.carers)
        carer = Carer(
            id=f"C{n + 1:03d}",
            name=f"Carer {_letters(n)}",
            postcode="CV1 1AA",
            home=at or place(),
            transport=transport,
            skills=frozenset(skills),
            availability=tuple(Shift(d, minutes(a), minutes(b)) for d in days for a, b in shifts),
            contracted_minutes=contracted_hours * 60,
            gender=gender,
            night_worker=night_worker,
            day_worker=day_worker,
            opted_out_48h=opted_out_48h,
        )
        self.carers.append(carer)
        self._visits = None
        return carer.id

    def client(
        self,
        *,
        at: Location | None = None,
        declined: tuple[str, ...] = (),
        preferred: tuple[str, ...] = (),
        gender: Gender | None = None,
        gender_required: bool = False,
    ) -> str:
        """Add a client (default 500 m east of the centre); returns the id."""
        n = len(self.clients)
        client = Client(
            id=f"P{n + 1:03d}",
            name=f"Client {_letters(n)}",
            postcode="CV2 2BB",
            location=at or place(500, 0),
            declined_carers=frozenset(declined),
            preferred_carers=preferred,
            preferred_gender=gender,
            gender_required=gender_required,
        )
        self.clients.append(client)
        self._visits = None
        return client.id

    def visit(
        self,
        client_id: str,
        *,
        day: int = 0,
        window: tuple[int | str, int | str] = ("08:00", "09:00"),
        duration: int = 30,
        carers: int = 1,
        skills: tuple[str, ...] = (),
        service: Service = Service.DAY,
        referral: Referral = Referral.COMMUNITY,
        optional: bool = False,
        short_check: bool = False,
    ) -> str:
        """Add a one-off visit (a schedule on one weekday of the week); returns the visit id."""
        n = len(self.schedules)
        package = CarePackage(
            id=f"K{n + 1:03d}", client_id=client_id, start=MONDAY - dt.timedelta(days=7),
            planned_end=MONDAY + dt.timedelta(days=20), referral=referral,
            max_days=0 if service is Service.NIGHT else 42,
        )
        schedule = VisitSchedule(
            id=f"S{n + 1:03d}", package_id=package.id,
            call_type=CallType.NIGHT if service is Service.NIGHT else CallType.MORNING,
            weekdays=frozenset({day}), window_start=minutes(window[0]), window_end=minutes(window[1]),
            duration=duration, carers_needed=carers, skills=frozenset(skills), service=service,
            optional=optional, short_check_agreed=short_check,
        )
        self.packages.append(package)
        self.schedules.append(schedule)
        self._visits = None
        return f"{schedule.id}@{(MONDAY + dt.timedelta(days=day)).isoformat()}"

    def absence(self, carer_id: str, day: int, start: str = "00:00", end: str = "24:00") -> None:
        """The carer is away on that day between start and end."""
        midnight = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time())
        self.absences.append(
            Absence(
                id=f"A{len(self.absences) + 1:03d}", carer_id=carer_id, kind=AbsenceKind.SICKNESS,
                start=midnight + dt.timedelta(minutes=minutes(start)),
                end=midnight + dt.timedelta(minutes=minutes(end)),
            )
        )

    def provider(self) -> Provider:
        return Provider(
            carers=tuple(self.carers), clients=tuple(self.clients), packages=tuple(self.packages),
            schedules=tuple(self.schedules), absences=tuple(self.absences), settings=(self.settings,),
        )

    def visits(self) -> dict[str, Visit]:
        if self._visits is None:
            self._visits = {v.id: v for v in self.provider().visits_for_week(MONDAY)}
        return self._visits

    def assign(self, visit_id: str, carer_id: str, start: int | str | None = None) -> Assignment:
        """The carer on the visit at start (default: the window's start), for its duration."""
        visit = self.visits()[visit_id]
        begin = visit.window_start if start is None else minutes(start)
        return Assignment(visit_id, carer_id, visit.date, begin, begin + visit.duration)

    def rota(
        self,
        *assignments: Assignment,
        breaks: tuple[Break, ...] = (),
        uncovered: tuple[Uncovered, ...] = (),
        crews: tuple[Crew, ...] = (),
    ) -> Rota:
        return Rota(MONDAY, tuple(assignments), tuple(breaks), tuple(uncovered), tuple(crews))


def day(n: int) -> dt.date:
    """The date of weekday n of the week (0 is Monday)."""
    return MONDAY + dt.timedelta(days=n)


def brk(carer_id: str, weekday: int, start: str, length: int = 20) -> Break:
    """A planned break."""
    return Break(carer_id, day(weekday), minutes(start), length)


def crew(weekday: int, *carer_ids: str) -> Crew:
    """A night crew for the night starting on that weekday."""
    return Crew(f"N{'-'.join(carer_ids)}@{day(weekday).isoformat()}", day(weekday), tuple(carer_ids))


def rules_broken(report_or_violations) -> set[str]:
    """The names of the rules broken (hard or soft)."""
    violations = getattr(report_or_violations, "violations", report_or_violations)
    return {v.rule for v in violations}
