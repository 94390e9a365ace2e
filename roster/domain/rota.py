"""A rota: who makes which visit when, what breaks are planned, and what is left uncovered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class RotaStatus(str, Enum):
    """Where a rota is in its life."""

    DRAFT = "draft"
    PUBLISHED = "published"
    PLANTED = "planted"
    """Built by the demo generator to prove the week coverable."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """One carer making one visit. A double-up has two assignments with the same start."""

    visit_id: str
    """The visit."""
    carer_id: str
    """The carer."""
    date: dt.date
    """The visit's date."""
    start: int
    """Start of care, minutes since midnight of date."""
    end: int
    """End of care."""
    pinned: bool = False
    """A coordinator fixed this carer (and time) on this visit; solvers keep it."""


@dataclass(frozen=True, slots=True)
class Break:
    """A planned rest break in a carer's working day."""

    carer_id: str
    """Whose break."""
    date: dt.date
    """Which day."""
    start: int
    """Minutes since midnight."""
    minutes: int
    """Length."""


NOT_DUE_REASONS = frozenset({"client_in_hospital", "package_ended", "not_yet_home", "changed_once", "cancelled_once"})
"""Uncovered reasons meaning the visit is not due after an event, not that nobody could go."""


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A visit the rota leaves without (enough) carers, and why."""

    visit_id: str
    """The visit."""
    reason: str
    """Short code, e.g. 'no_skilled_carer'."""
    detail: str = ""
    """A sentence a coordinator understands."""

    @property
    def not_due(self) -> bool:
        """The visit was called off by an event (hospital, package ended...), not left undone."""
        return self.reason in NOT_DUE_REASONS


@dataclass(frozen=True, slots=True)
class Crew:
    """Two night carers sharing one car for one night; a crew never splits."""

    id: str
    """Stable identifier, e.g. N1@2026-11-23."""
    date: dt.date
    """The night starting that evening."""
    carer_ids: tuple[str, str]
    """The two carers."""

    def __post_init__(self) -> None:
        from .errors import require

        require(len(self.carer_ids) == 2, f"crew {self.id}", "carer_ids", "a crew is exactly two carers")
        require(self.carer_ids[0] != self.carer_ids[1], f"crew {self.id}", "carer_ids", "the two carers must differ")


@dataclass(frozen=True, slots=True)
class Rota:
    """The week's plan."""

    week_start: dt.date
    """Monday of the week."""
    assignments: tuple[Assignment, ...] = ()
    """Every carer-visit pairing."""
    breaks: tuple[Break, ...] = ()
    """Planned breaks."""
    uncovered: tuple[Uncovered, ...] = ()
    """Visits left without carers, each with a reason."""
    crews: tuple[Crew, ...] = ()
    """Night crews formed for the week."""
    status: RotaStatus = RotaStatus.DRAFT
    """Draft, published or planted."""

    def by_carer_day(self) -> dict[tuple[str, dt.date], list[Assignment]]:
        """Assignments grouped per carer and date, each list in start order."""
        groups: dict[tuple[str, dt.date], list[Assignment]] = {}
        for a in self.assignments:
            groups.setdefault((a.carer_id, a.date), []).append(a)
        for run in groups.values():
            run.sort(key=lambda a: (a.start, a.visit_id))
        return groups

    def carers_of(self) -> dict[str, list[str]]:
        """Visit id -> carer ids assigned."""
        result: dict[str, list[str]] = {}
        for a in self.assignments:
            result.setdefault(a.visit_id, []).append(a.carer_id)
        return result
