"""Rules about visits: every visit covered or reported, the right number of carers, inside its
window, and made by carers the client can have (skills, declined carers, required gender)."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Assignment, Carer, Service, Visit

from .context import RotaIndex, Week, at
from .model import Violation


def known_records(week: Week, index: RotaIndex) -> Iterator[Violation]:
    """Every assignment names a visit of this week and a known carer; every uncovered entry a visit."""
    for a in index.rota.assignments:
        yield from known_assignment(week, a)
    for u in index.rota.uncovered:
        if u.visit_id not in week.visits:
            yield Violation(
                "known_records", True, f"uncovered list names visit {u.visit_id}, which is not due this week",
                u.visit_id,
            )


def known_assignment(week: Week, a: Assignment) -> Iterator[Violation]:
    """The assignment's visit is due this week and its carer exists."""
    if a.visit_id not in week.visits:
        yield Violation(
            "known_records", True,
            f"assignment of carer {a.carer_id} on {a.date}: visit {a.visit_id} is not due this week",
            a.visit_id, a.carer_id, a.date,
        )
    if a.carer_id not in week.carers:
        yield Violation(
            "known_records", True, f"visit {a.visit_id}: carer {a.carer_id} does not exist",
            a.visit_id, a.carer_id, a.date,
        )


def coverage(week: Week, index: RotaIndex, visit: Visit) -> Iterator[Violation]:
    """A visit is either assigned or listed as uncovered with a reason: nothing dropped silently."""
    assigned = index.by_visit.get(visit.id, ())
    listed = index.uncovered.get(visit.id, ())
    if not assigned and not listed:
        yield Violation(
            "coverage", True, f"visit {visit.id}: has no carer and is not listed as uncovered",
            visit.id, None, visit.date,
        )
    elif assigned and listed:
        yield Violation(
            "coverage", True, f"visit {visit.id}: is assigned but also listed as uncovered ({listed[0].reason})",
            visit.id, None, visit.date,
        )
    elif listed and not all(u.reason.strip() for u in listed):
        yield Violation(
            "coverage", True, f"visit {visit.id}: is listed as uncovered without a reason",
            visit.id, None, visit.date,
        )


def carer_count(week: Week, index: RotaIndex, visit: Visit) -> Iterator[Violation]:
    """A day visit has exactly the carers it needs, all different; a double-up's two start together."""
    if visit.service is Service.NIGHT:
        return
    assigned = index.by_visit.get(visit.id, ())
    if not assigned:
        return
    carers = [a.carer_id for a in assigned]
    if len(set(carers)) != len(carers):
        yield Violation(
            "carer_count", True, f"visit {visit.id}: carer {_repeated(carers)} is assigned twice",
            visit.id, _repeated(carers), visit.date,
        )
    if len(carers) != visit.carers_needed:
        what = "a double-up needs both carers or neither" if visit.is_double_up else "needs exactly 1 carer"
        yield Violation(
            "carer_count", True, f"visit {visit.id}: has {len(carers)} carer(s) ({', '.join(carers)}); {what}",
            visit.id, None, visit.date,
        )
    starts = {a.start for a in assigned}
    if len(starts) > 1:
        times = ", ".join(f"{a.carer_id} at {at(a.start)}" for a in assigned)
        yield Violation(
            "carer_count", True, f"visit {visit.id}: double-up carers must start together ({times})",
            visit.id, None, visit.date,
        )


def _repeated(items: list[str]) -> str:
    seen = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return ""


def window(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """Starts inside the visit's window, lasts its duration, on its date."""
    if a.date != visit.date:
        yield Violation(
            "window", True, f"visit {visit.id}: carer {carer.id} is booked on {a.date}, not on {visit.date}",
            visit.id, carer.id, a.date,
        )
    if not visit.window_start <= a.start <= visit.window_end:
        yield Violation(
            "window", True,
            f"visit {visit.id}: carer {carer.id} starts at {at(a.start)}, outside the window "
            f"{at(visit.window_start)}-{at(visit.window_end)}",
            visit.id, carer.id, a.date,
        )
    if a.end != a.start + visit.duration:
        yield Violation(
            "window", True,
            f"visit {visit.id}: carer {carer.id} is booked {a.end - a.start} min, the visit needs {visit.duration} min",
            visit.id, carer.id, a.date,
        )


def _pair_skills_suffice(visit: Visit) -> bool:
    """A single-carer night visit is made by a whole crew: the pair's skills together must cover it
    (issue 4); a double-up needs the skills in each carer."""
    return visit.service is Service.NIGHT and not visit.is_double_up


def skills(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """The carer has every skill the visit needs (for a single night visit: see crew_skills)."""
    if _pair_skills_suffice(visit):
        return
    for skill in sorted(visit.skills - carer.skills):
        yield Violation(
            "skills", True, f"visit {visit.id}: carer {carer.id} lacks skill {skill}", visit.id, carer.id, a.date
        )


def crew_skills(week: Week, index: RotaIndex, visit: Visit) -> Iterator[Violation]:
    """A single night visit's skills are held by at least one of the crew carers making it."""
    if not _pair_skills_suffice(visit):
        return
    made_by = [week.carers[a.carer_id] for a in index.by_visit.get(visit.id, ()) if a.carer_id in week.carers]
    if not made_by:
        return
    held = frozenset().union(*(c.skills for c in made_by))
    for skill in sorted(visit.skills - held):
        yield Violation(
            "skills", True,
            f"visit {visit.id}: no carer of the crew ({', '.join(c.id for c in made_by)}) has skill {skill}",
            visit.id, None, visit.date,
        )


def declined(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """The client has not declined the carer."""
    client = week.clients.get(visit.client_id)
    if client is not None and carer.id in client.declined_carers:
        yield Violation(
            "declined", True, f"visit {visit.id}: client {client.id} declined carer {carer.id}",
            visit.id, carer.id, a.date,
        )


def gender_required(week: Week, a: Assignment, visit: Visit, carer: Carer) -> Iterator[Violation]:
    """Where a client requires a carer gender, only carers of that gender visit."""
    client = week.clients.get(visit.client_id)
    if client is not None and client.gender_required and carer.gender != client.preferred_gender:
        assert client.preferred_gender is not None  # a Client requiring a gender names it
        yield Violation(
            "gender_required", True,
            f"visit {visit.id}: client {client.id} requires a {client.preferred_gender.value} carer, "
            f"carer {carer.id} is {carer.gender.value}",
            visit.id, carer.id, a.date,
        )


VISIT_RULES = (coverage, carer_count, crew_skills)
ASSIGNMENT_RULES = (window, skills, declined, gender_required)
