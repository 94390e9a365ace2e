"""Rules about a carer's day: working when available and not away, time to get from home to the
first visit and back, and time to travel between visits."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Assignment, Carer, Service, Visit

from .context import CarerDay, Week, at, day_label, shift_containing
from .model import Violation


def service_allowed(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """Day visits go to day workers, night visits to night workers."""
    if visit.service is Service.NIGHT and not carer.night_worker:
        yield Violation(
            "service_allowed", True, f"visit {visit.id}: carer {carer.id} does not work nights",
            visit.id, carer.id, a.date,
        )
    if visit.service is Service.DAY and not carer.day_worker:
        yield Violation(
            "service_allowed", True, f"visit {visit.id}: carer {carer.id} does not work day visits",
            visit.id, carer.id, a.date,
        )


def in_shift(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """The visit lies inside one of the carer's shifts for that weekday."""
    if shift_containing(carer, a.date, a.start, a.end) is None:
        shifts = carer.shifts_on(a.date.weekday())
        have = ", ".join(f"{at(s.start)}-{at(s.end)}" for s in shifts) or "none"
        yield Violation(
            "in_shift", True,
            f"visit {visit.id}: carer {carer.id} is not available {at(a.start)}-{at(a.end)} on "
            f"{day_label(a.date)} (shifts: {have})",
            visit.id, carer.id, a.date,
        )


def not_absent(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """The carer is not on leave, sick or training during the visit."""
    absence = week.absence_during(carer.id, a.date, a.start, a.end)
    if absence is not None:
        yield Violation(
            "not_absent", True,
            f"visit {visit.id}: carer {carer.id} is away ({absence.kind.value}) at {at(a.start)} on {day_label(a.date)}",
            visit.id, carer.id, a.date,
        )


def home_travel(week: Week, day: CarerDay) -> Iterator[Violation]:
    """Each day shift is a tour from home: time to reach the first visit after the shift starts and
    to get home from the last before it ends. (A night crew's round starts from its car.)"""
    carer = day.carer
    for block in day.blocks:
        if block.night or block.shift is None or not block.runs:
            continue
        first, last = block.runs[0], block.runs[-1]
        out = week.minutes(carer.home, day.visits[first].location, carer.transport)
        back = week.minutes(day.visits[last].location, carer.home, carer.transport)
        a, z = day.runs[first], day.runs[last]
        if a.start < block.shift.start + out:
            yield Violation(
                "home_travel", True,
                f"visit {a.visit_id}: carer {carer.id} starts at {at(a.start)} but needs {out} min from home "
                f"after the shift starts at {at(block.shift.start)}",
                a.visit_id, carer.id, day.date,
            )
        if z.end + back > block.shift.end:
            yield Violation(
                "home_travel", True,
                f"visit {z.visit_id}: carer {carer.id} ends at {at(z.end)} and needs {back} min to get home "
                f"before the shift ends at {at(block.shift.end)}",
                z.visit_id, carer.id, day.date,
            )


def travel_between(week: Week, day: CarerDay) -> Iterator[Violation]:
    """Consecutive visits leave time to travel from one to the next; none overlap."""
    carer = day.carer
    for i, leg in enumerate(day.legs):
        prev, nxt = day.runs[i], day.runs[i + 1]
        if nxt.start < prev.end:
            yield Violation(
                "travel_between", True,
                f"visit {nxt.visit_id}: carer {carer.id} starts at {at(nxt.start)} while still on visit "
                f"{prev.visit_id} until {at(prev.end)}",
                nxt.visit_id, carer.id, day.date,
            )
        elif nxt.start < prev.end + leg:
            yield Violation(
                "travel_between", True,
                f"visit {nxt.visit_id}: carer {carer.id} starts at {at(nxt.start)} but needs {leg} min from "
                f"visit {prev.visit_id} ending {at(prev.end)}",
                nxt.visit_id, carer.id, day.date,
            )


ASSIGNMENT_RULES = (service_allowed, in_shift, not_absent)
DAY_RULES = (home_travel, travel_between)
