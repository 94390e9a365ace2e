"""Carers: who they are, what they can do, and when they can work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .clock import WEEKDAYS, hhmm
from .errors import require
from .location import Location


class Transport(str, Enum):
    """How a carer gets from one visit to the next."""

    CAR = "car"
    PUBLIC = "public_transport"
    FOOT = "foot"


class Gender(str, Enum):
    """Recorded so that a client's preferred carer gender can be honoured."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Shift:
    """One stretch of a carer's weekly availability, e.g. Monday 07:00-14:00."""

    weekday: int
    """0 is Monday, 6 is Sunday."""
    start: int
    """Minutes since midnight."""
    end: int
    """Minutes since midnight; may pass 1440 for a night shift."""

    def __post_init__(self) -> None:
        require(0 <= self.weekday <= 6, "shift", "weekday", f"{self.weekday} is not 0 (Mon) to 6 (Sun)")
        require(
            self.end > self.start,
            "shift",
            "end",
            f"{WEEKDAYS[self.weekday]} shift ends before it starts ({hhmm(self.start)}-{hhmm(self.end)})",
        )

    @property
    def minutes(self) -> int:
        """Length of the shift."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Carer:
    """A member of care staff who can be given visits."""

    id: str
    """Stable identifier, e.g. C017."""
    name: str
    """Display name."""
    postcode: str
    """Home postcode."""
    home: Location
    """Where the carer's day starts and ends."""
    transport: Transport
    """Car, public transport or on foot."""
    skills: frozenset[str] = frozenset()
    """What the carer is trained for, e.g. medication, hoist."""
    availability: tuple[Shift, ...] = ()
    """Weekly pattern of shifts; several per weekday for split shifts."""
    contracted_minutes: int = 0
    """Contracted minutes per week (a target, not a cap)."""
    gender: Gender = Gender.OTHER
    """Used for clients' preferred carer gender."""
    night_worker: bool = False
    """Works for the Mobile Night Carers."""
    opted_out_48h: bool = False
    """Signed out of the 48-hour average week."""
    pay_pence_per_hour: int = 1300
    """Hourly pay rate in pence, paid for visit, travel and waiting time."""
    day_worker: bool = True
    """Can be given daytime visits."""

    def __post_init__(self) -> None:
        record = f"carer {self.id}"
        require(bool(self.id.strip()), "carer", "id", "is empty")
        require(bool(self.name.strip()), record, "name", "is empty")
        require(self.contracted_minutes >= 0, record, "contracted_hours", "is negative")
        require(self.pay_pence_per_hour > 0, record, "pay_rate", "must be positive")
        by_day: dict[int, list[Shift]] = {}
        for shift in self.availability:
            by_day.setdefault(shift.weekday, []).append(shift)
        for day, shifts in by_day.items():
            shifts.sort(key=lambda s: s.start)
            for a, b in zip(shifts, shifts[1:]):
                require(
                    b.start >= a.end,
                    record,
                    "availability",
                    f"{WEEKDAYS[day]} shifts overlap ({hhmm(a.start)}-{hhmm(a.end)} and {hhmm(b.start)}-{hhmm(b.end)})",
                )

    def shifts_on(self, weekday: int) -> tuple[Shift, ...]:
        """This carer's shifts on a weekday, earliest first."""
        return tuple(sorted((s for s in self.availability if s.weekday == weekday), key=lambda s: s.start))


class AbsenceKind(str, Enum):
    """Why a carer is away."""

    LEAVE = "leave"
    SICKNESS = "sickness"
    TRAINING = "training"


@dataclass(frozen=True, slots=True)
class Absence:
    """A carer away from work over a span of whole days or part of a day."""

    id: str
    """Stable identifier."""
    carer_id: str
    """Whose absence."""
    kind: AbsenceKind
    """Leave, sickness or training."""
    start: dt.datetime
    """First moment away."""
    end: dt.datetime
    """First moment back."""
    note: str = ""
    """Free text; keep health details out of it."""

    def __post_init__(self) -> None:
        require(self.end > self.start, f"absence {self.id}", "end", f"ends before it starts ({self.start} - {self.end})")

    def covers(self, start: dt.datetime, end: dt.datetime) -> bool:
        """True if the absence overlaps [start, end)."""
        return self.start < end and start < self.end
