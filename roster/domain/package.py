"""Care packages and the recurring visit schedules inside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .clock import hhmm
from .errors import require

FIXED_TIME_TOLERANCE = 15
"""A fixed-time visit (e.g. insulin) may start this many minutes either side."""

MAX_REABLEMENT_DAYS = 42
"""Reablement lasts at most six weeks by default."""

DURATIONS = (15, 30, 45, 60, 90, 120)


class Referral(str, Enum):
    """Where a package came from."""

    HOSPITAL_DISCHARGE = "hospital_discharge"
    """Step-down: home after a hospital stay."""
    COMMUNITY = "community"
    """Step-up: to avoid a hospital stay."""
    UCR = "ucr"
    """An urgent visit for the Urgent Community Response."""


class Funder(str, Enum):
    """Who pays for a package: the commissioner's budget it is counted against."""

    COUNCIL_CORE = "council_core"
    """The council's core adult social care budget."""
    HOSPITAL_DISCHARGE_GRANT = "hospital_discharge_grant"
    """The grant that pays for getting people home from hospital without delay."""
    HEALTH_BOARD = "health_board"
    """The integrated care board (health funding)."""
    UCR = "ucr"
    """The community trust's Urgent Community Response budget."""


USUAL_FUNDER = {
    Referral.HOSPITAL_DISCHARGE: Funder.HOSPITAL_DISCHARGE_GRANT,
    Referral.COMMUNITY: Funder.COUNCIL_CORE,
    Referral.UCR: Funder.UCR,
}
"""Who pays for a package when it does not say: its referral's usual budget."""


class Service(str, Enum):
    """Which part of the provider delivers the visits."""

    DAY = "day"
    NIGHT = "night"


class CallType(str, Enum):
    """The kind of call a visit is."""

    MORNING = "morning"
    LUNCH = "lunch"
    TEA = "tea"
    BED = "bed"
    NIGHT = "night"
    URGENT = "urgent"
    CHECK = "check"


@dataclass(frozen=True, slots=True)
class CarePackage:
    """A client's package of care: what it is for and how long it runs."""

    id: str
    """Stable identifier, e.g. K0042."""
    client_id: str
    """Who receives it."""
    start: dt.date
    """First day of care."""
    planned_end: dt.date
    """Last planned day of care."""
    referral: Referral = Referral.COMMUNITY
    """Hospital discharge (step-down), community (step-up) or UCR."""
    goals: str = ""
    """Reablement goals, e.g. 'wash and dress independently'."""
    max_days: int = MAX_REABLEMENT_DAYS
    """Longest the package may run; 0 for no limit (night care)."""
    ended: dt.date | None = None
    """Set if the package ended early."""
    funder: Funder | None = None
    """Who pays; None: the usual funder of its referral (see paid_by)."""

    def __post_init__(self) -> None:
        record = f"package {self.id}"
        require(
            self.planned_end >= self.start,
            record,
            "planned_end",
            f"ends before it starts ({self.start} - {self.planned_end})",
        )
        if self.max_days:
            days = (self.planned_end - self.start).days + 1
            require(
                days <= self.max_days,
                record,
                "planned_end",
                f"runs {days} days, more than the {self.max_days}-day reablement limit",
            )

    @property
    def paid_by(self) -> Funder:
        """The funder, given or the usual one of the referral."""
        return self.funder or USUAL_FUNDER[self.referral]

    def active_on(self, day: dt.date) -> bool:
        """True if care is due on day."""
        last = min(self.planned_end, self.ended) if self.ended else self.planned_end
        return self.start <= day <= last


@dataclass(frozen=True, slots=True)
class VisitSchedule:
    """A recurring visit inside a package: 'morning call, daily, 07:00-10:30, 45 min, 2 carers'."""

    id: str
    """Stable identifier, e.g. S0042-1."""
    package_id: str
    """The package it belongs to."""
    call_type: CallType
    """Morning, lunch, tea, bed, night..."""
    weekdays: frozenset[int]
    """Days it recurs on; 0 is Monday."""
    window_start: int
    """Earliest start, minutes since midnight (past 1440 for after-midnight night visits)."""
    window_end: int
    """Latest start, minutes since midnight."""
    duration: int
    """Minutes of care."""
    carers_needed: int = 1
    """1, or 2 for a double-up (both carers together for the whole visit)."""
    skills: frozenset[str] = frozenset()
    """Skills every carer on the visit must have."""
    valid_from: dt.date | None = None
    """First date it applies; None means the package start."""
    valid_to: dt.date | None = None
    """Last date it applies; None means the package end."""
    fixed_time: bool = False
    """A time-critical visit (e.g. insulin): window is preferred time ±15 min."""
    service: Service = Service.DAY
    """Day service or Mobile Night Carers."""
    short_check_agreed: bool = False
    """A visit under 30 minutes was agreed as a short check (NICE NG21)."""
    optional: bool = False
    """May be left uncovered if the rota cannot fit it (explicit, never silent)."""

    def __post_init__(self) -> None:
        record = f"schedule {self.id}"
        require(bool(self.weekdays), record, "weekdays", "is empty")
        require(
            self.window_end >= self.window_start,
            record,
            "window_end",
            f"window ends before it starts ({hhmm(self.window_start)}-{hhmm(self.window_end)})",
        )
        require(self.duration > 0, record, "duration", f"{self.duration} must be positive")
        require(self.duration <= 240, record, "duration", f"{self.duration} minutes is longer than a visit can be")
        require(self.carers_needed in (1, 2), record, "carers_needed", f"{self.carers_needed} must be 1 or 2")
        if self.valid_from and self.valid_to:
            require(
                self.valid_to >= self.valid_from,
                record,
                "valid_to",
                f"ends before it starts ({self.valid_from} - {self.valid_to})",
            )

    @property
    def preferred_start(self) -> int:
        """The time the client expects: the middle of a fixed-time window, else its start."""
        if self.fixed_time:
            return (self.window_start + self.window_end) // 2
        return self.window_start
