"""Dated visits: one occurrence of a schedule on one day, generated for a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .client import Client
from .location import Location
from .package import CallType, CarePackage, Referral, Service, VisitSchedule


@dataclass(frozen=True, slots=True)
class Visit:
    """One visit to one client on one date."""

    id: str
    """'<schedule id>@<date>', stable across re-generation."""
    schedule_id: str
    """The schedule it comes from."""
    package_id: str
    """The package it belongs to."""
    client_id: str
    """Who is visited."""
    date: dt.date
    """The day (for night visits: the night starting that evening)."""
    window_start: int
    """Earliest start, minutes since midnight of date."""
    window_end: int
    """Latest start, minutes since midnight of date."""
    preferred_start: int
    """The time the client expects."""
    duration: int
    """Minutes of care."""
    carers_needed: int
    """1, or 2 for a double-up."""
    skills: frozenset[str]
    """Skills each carer on the visit needs."""
    call_type: CallType
    """Morning, lunch, tea, bed, night, urgent..."""
    service: Service
    """Day service or Mobile Night Carers."""
    location: Location
    """The client's home."""
    referral: Referral = Referral.COMMUNITY
    """UCR visits count against the UCR weekly budget."""
    fixed_time: bool = False
    """Time-critical."""
    optional: bool = False
    """May be left uncovered when nothing fits (reported, never silent)."""
    short_check_agreed: bool = False
    """Under 30 minutes by agreement."""

    @property
    def is_double_up(self) -> bool:
        """Needs two carers together."""
        return self.carers_needed == 2

    @property
    def datetime_window(self) -> tuple[dt.datetime, dt.datetime]:
        """The start window as datetimes."""
        midnight = dt.datetime.combine(self.date, dt.time())
        return (midnight + dt.timedelta(minutes=self.window_start), midnight + dt.timedelta(minutes=self.window_end))


def visit_id(schedule_id: str, day: dt.date) -> str:
    """The stable id of a schedule's occurrence on a day."""
    return f"{schedule_id}@{day.isoformat()}"


def expand_visits(
    dates: Iterable[dt.date],
    schedules: Iterable[VisitSchedule],
    packages: dict[str, CarePackage],
    clients: dict[str, Client],
) -> list[Visit]:
    """Every visit due on the given dates, ordered by date, window start and id."""
    dates = list(dates)
    visits = []
    for schedule in schedules:
        package = packages[schedule.package_id]
        client = clients[package.client_id]
        for day in dates:
            if day.weekday() not in schedule.weekdays or not package.active_on(day):
                continue
            if schedule.valid_from and day < schedule.valid_from:
                continue
            if schedule.valid_to and day > schedule.valid_to:
                continue
            visits.append(
                Visit(
                    id=visit_id(schedule.id, day),
                    schedule_id=schedule.id,
                    package_id=package.id,
                    client_id=client.id,
                    date=day,
                    window_start=schedule.window_start,
                    window_end=schedule.window_end,
                    preferred_start=schedule.preferred_start,
                    duration=schedule.duration,
                    carers_needed=schedule.carers_needed,
                    skills=schedule.skills,
                    call_type=schedule.call_type,
                    service=schedule.service,
                    location=client.location,
                    referral=package.referral,
                    fixed_time=schedule.fixed_time,
                    optional=schedule.optional,
                    short_check_agreed=schedule.short_check_agreed,
                )
            )
    visits.sort(key=lambda v: (v.date, v.window_start, v.id))
    return visits
