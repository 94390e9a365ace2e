"""Why a visit is uncovered, in words a coordinator understands. Checked from the most to the least
fundamental cause: nobody has the skill, the client declined everyone who has, nobody is on
shift then, everybody who is has reached a limit, no second carer for a double-up, or the
qualified carers' days are simply full."""

from __future__ import annotations

from .problem import Problem
from .solution import Reason, Unassigned
from .week import can_do, reachable_shifts

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _names(skills: frozenset[str]) -> str:
    return ", ".join(sorted(skills)) or "no particular skill"


def explain(problem: Problem, visit_index: int, worked: dict[int, int], half_served: bool) -> Unassigned:
    """The reason visit_index is uncovered; worked is each carer's work minutes this week."""
    visit = problem.visits[visit_index]
    needed = visit.carers_needed
    skills = _names(visit.skills)
    if visit.second_skills is not None:
        skills = f"{skills} (a second carer: {_names(visit.second_skills)})"
    when = f"{DAYS[visit.day]} {_hhmm(visit.earliest)}-{_hhmm(visit.latest)}"
    optional = "optional visit left out: " if visit.optional else ""

    def made(reason: Reason, text: str) -> Unassigned:
        return Unassigned(visit_index, reason, optional + text)

    def enough(carers: list[int]) -> bool:
        if needed == 1:
            return bool(carers)
        return any(problem.may_pair(visit_index, a, b) for a in carers for b in carers)

    carers = range(len(problem.carers))
    skilled = [c for c in carers if visit.qualifies(problem.carers[c].skills)]
    if not skilled:
        return made(Reason.NO_SKILLED_CARER, f"no carer has the skills needed ({skills})")
    if not enough(skilled):
        return made(Reason.NO_SECOND_CARER, f"no two carers have {skills}: no second carer for this double-up")
    allowed = [c for c in skilled if can_do(problem, c, visit)]
    if not enough(allowed):
        return made(Reason.EXCLUDED, f"the client declined (or ruled out by gender) every carer with {skills}")
    for carer in visit.pinned_carers:
        if not reachable_shifts(problem, carer, visit):
            return made(Reason.PIN_IMPOSSIBLE,
                        f"pinned to {problem.carer_name(carer)}, who is not on shift to make it {when}")
    free = [c for c in allowed if reachable_shifts(problem, c, visit)]
    if not free:
        return made(Reason.NO_CARER_FREE, f"no carer with {skills} is on shift {when}")
    if not enough(free):
        return made(Reason.NO_SECOND_CARER, f"no two carers with {skills} are on shift {when} for this double-up")
    room = [c for c in free if (cap := problem.carers[c].max_week_minutes) is None
            or worked.get(c, 0) + visit.duration <= cap]
    if not enough(room):
        return made(Reason.AT_LIMIT, f"every carer with {skills} on shift {when} is at the weekly working-time limit")
    if half_served:
        return made(Reason.NO_SECOND_CARER,
                    f"no second carer with {skills} could be there at the same time {when}")
    if problem.partner(visit_index) is not None:
        first, then = problem.in_order(visit_index)
        low, high = problem.visits[then].gap
        return made(Reason.NO_ROOM, f"no carers with room for {problem.visit_name(first)} and its follow-up "
                                    f"{problem.visit_name(then)} {low}-{high} minutes later {when}")
    if visit.pinned_start is not None or visit.pinned_carers:
        return made(Reason.PIN_IMPOSSIBLE, f"the pinned carer or time cannot be kept {when} without breaking a rule")
    return made(Reason.NO_ROOM, f"every carer with {skills} on shift {when} is already fully booked")
