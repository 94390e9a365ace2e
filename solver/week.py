"""The weekly layer above the day models: who may make which visit, each carer's daily share of
the weekly limit and contract, and small stable teams per client for continuity of care."""

from __future__ import annotations

from .day import Vehicle
from .problem import Carer, Problem, Visit


def can_do(problem: Problem, carer_index: int, visit: Visit) -> bool:
    """Skills held (for one of the places) and not excluded by the client."""
    return visit.qualifies(problem.carers[carer_index].skills) and carer_index not in visit.excluded_carers


def days_off(problem: Problem) -> dict[int, frozenset[int]]:
    """Days each carer is kept off so that no one works more than problem.max_working_days:
    the days where the carer is least needed (most carer-minutes per minute of care) go first."""
    if problem.max_working_days is None:
        return {}
    demand = [1] * 7
    for visit in problem.visits:
        demand[visit.day] += visit.duration * visit.carers_needed
    supply = [0] * 7
    for carer in problem.carers:
        for shift in carer.shifts:
            supply[shift.day] += shift.end - shift.start
    pinned_days: dict[int, set[int]] = {}
    for visit in problem.visits:
        for carer in visit.pinned_carers:
            pinned_days.setdefault(carer, set()).add(visit.day)
    result = {}
    for index, carer in enumerate(problem.carers):
        # A coordinator's pin is a decision: never choose that day as the carer's day off.
        days = sorted({s.day for s in carer.shifts} - pinned_days.get(index, set()))
        kept = len({s.day for s in carer.shifts}) - len(days)
        off: set[int] = set()
        while days and kept + len(days) - len(off) > problem.max_working_days and len(off) < len(days):
            day = max((d for d in days if d not in off), key=lambda d: (supply[d] / demand[d], d))
            off.add(day)
            supply[day] -= sum(s.end - s.start for s in carer.shifts if s.day == day)
        if off:
            result[index] = frozenset(off)
    return result


def reachable_shifts(problem: Problem, carer_index: int, visit: Visit, off=None) -> list[int]:
    """The carer's shifts in which the visit fits on its own, home to home (not on days off)."""
    carer = problem.carers[carer_index]
    if off and visit.day in off.get(carer_index, ()):
        return []
    travel = problem.travel[carer.mode]
    there = travel[carer.home][visit.location]
    back = travel[visit.location][carer.home]
    fits = []
    for position, shift in enumerate(carer.shifts):
        if shift.day != visit.day:
            continue
        start = max(visit.earliest, shift.start + there)
        if visit.pinned_start is not None:
            start = visit.pinned_start if visit.pinned_start >= shift.start + there else shift.end + 1
        if start <= visit.latest and start + visit.duration + back <= shift.end:
            fits.append(position)
    return fits


def day_budgets(carer: Carer) -> dict[int, tuple[int | None, int]]:
    """Per day with shifts: (cap, target) of work minutes, sharing the weekly limit and contract
    in proportion to the hours available that day, so that the days can be solved apart."""
    available: dict[int, int] = {}
    for shift in carer.shifts:
        available[shift.day] = available.get(shift.day, 0) + shift.end - shift.start
    total = sum(available.values()) or 1
    budgets = {}
    for day, minutes in available.items():
        cap = None
        if carer.max_week_minutes is not None and total > carer.max_week_minutes:
            cap = carer.max_week_minutes * minutes // total
        target = carer.contracted_minutes * minutes // total
        budgets[day] = (cap, target)
    return budgets


def vehicles_of_day(problem: Problem, day: int, off: dict[int, frozenset[int]]) -> list[Vehicle]:
    """One vehicle per carer-shift on the day (days off left out), in carer then shift order."""
    vehicles = []
    for carer_index, carer in enumerate(problem.carers):
        if day in off.get(carer_index, ()):
            continue
        budgets = day_budgets(carer)
        shifts = [p for p, s in enumerate(carer.shifts) if s.day == day]
        shifts.sort(key=lambda p: carer.shifts[p].start)
        for position in shifts:
            cap, target = budgets[day]
            shift = carer.shifts[position]
            share = target * (shift.end - shift.start) // max(1, sum(
                carer.shifts[p].end - carer.shifts[p].start for p in shifts))
            vehicles.append(Vehicle(carer_index, position, cap, share))
    return vehicles


def eligible_carers(problem: Problem, off: dict[int, frozenset[int]]) -> list[list[int]]:
    """Per visit: carers with the skills, not excluded, with a shift the visit fits in."""
    result = []
    for visit in problem.visits:
        result.append([c for c in range(len(problem.carers))
                       if can_do(problem, c, visit) and reachable_shifts(problem, c, visit, off)])
    return result


def client_teams(problem: Problem, eligible: list[list[int]], size: int) -> dict[int, set[int]]:
    """A few carers per client: preferred carers first, then the nearest eligible ones, until every
    visit of the client has at least twice the carers it needs in the team."""
    by_client: dict[int, list[int]] = {}
    for index, visit in enumerate(problem.visits):
        if visit.client is not None:
            by_client.setdefault(visit.client, []).append(index)
    teams = {}
    for client, visits in by_client.items():
        location = problem.visits[visits[0]].location
        preferred: list[int] = []
        for v in visits:
            preferred += [c for c in problem.visits[v].preferred_carers if c not in preferred]
        candidates = sorted(
            {c for v in visits for c in eligible[v]},
            key=lambda c: problem.travel[problem.carers[c].mode][problem.carers[c].home][location],
        )
        ranked = [c for c in preferred if c in candidates] + [c for c in candidates if c not in preferred]
        team: set[int] = set()
        for carer in ranked:
            short = [v for v in visits
                     if len(team & set(eligible[v])) < 2 * problem.visits[v].carers_needed]
            if not short and len(team) >= size:
                break
            if len(team) < size or any(carer in eligible[v] for v in short):
                team.add(carer)
        teams[client] = team
    return teams
