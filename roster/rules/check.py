"""The checker's entry points: the whole rota, or one carer-day after a manual move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from roster.domain import Provider, Rota, Visit
from roster.domain.travel import TravelModel

from . import carers, crews, visits as visit_rules, working_time
from .context import RotaIndex, Week
from .measures import measure, ucr_budget
from .model import CheckReport, Violation

VISIT_RULES = visit_rules.VISIT_RULES + crews.VISIT_RULES
ASSIGNMENT_RULES = visit_rules.ASSIGNMENT_RULES + carers.ASSIGNMENT_RULES
DAY_RULES = carers.DAY_RULES + working_time.DAY_RULES
WEEK_RULES = working_time.WEEK_RULES + crews.WEEK_RULES


def _week(provider: Provider, rota: Rota, visits: list[Visit] | None, travel: TravelModel | None,
          week: Week | None) -> Week:
    if week is not None:
        return week
    return Week(provider, rota.week_start, visits=visits, travel=travel)


def _ordered(violations: Iterable[Violation]) -> tuple[Violation, ...]:
    """Hard first, then by date, carer, visit and rule, so reports read in rota order."""
    return tuple(
        sorted(
            violations,
            key=lambda v: (not v.hard, v.date or dt.date.min, v.carer_id or "", v.visit_id or "", v.rule),
        )
    )


def check_rota(
    provider: Provider,
    rota: Rota,
    *,
    visits: list[Visit] | None = None,
    travel: TravelModel | None = None,
    week: Week | None = None,
) -> CheckReport:
    """Every hard violation and soft breach of the rota, and its soft measures.

    visits default to the provider's visits for the rota's week, travel to the default estimate;
    pass a prebuilt Week to skip expanding the visits again."""
    week = _week(provider, rota, visits, travel, week)
    index = RotaIndex(week, rota)
    found: list[Violation] = list(visit_rules.known_records(week, index))
    for visit in week.visits.values():
        for rule in VISIT_RULES:
            found.extend(rule(week, index, visit))
    for a in rota.assignments:
        visit, carer = week.visits.get(a.visit_id), week.carers.get(a.carer_id)
        if visit is not None and carer is not None:
            for rule in ASSIGNMENT_RULES:
                found.extend(rule(week, a, visit, carer))
    days_by_carer: dict[str, list] = {}
    for carer_id, day in index.carer_keys():
        days_by_carer.setdefault(carer_id, []).append(index.day(carer_id, day))
    for carer_id, days in days_by_carer.items():
        for day in days:
            for rule in DAY_RULES:
                found.extend(rule(week, day))
        for rule in WEEK_RULES:
            found.extend(rule(week, week.carers[carer_id], days))
    found.extend(crews.crew_membership(week, index))
    for crew in rota.crews:
        for rule in crews.CREW_RULES:
            found.extend(rule(week, index, crew))
    found.extend(ucr_budget(week, index))
    return CheckReport(_ordered(found), measure(week, index))


def check_carer_day(
    provider: Provider,
    rota: Rota,
    carer_id: str,
    date: dt.date,
    *,
    visits: list[Visit] | None = None,
    travel: TravelModel | None = None,
    week: Week | None = None,
) -> tuple[Violation, ...]:
    """The violations touching one carer-day: its visits (including a double-up partner's start),
    the day's travel, breaks and length, the carer's weekly limits, and the carer's crew that night.
    Pass a prebuilt Week for speed (the TUI keeps one per week shown)."""
    week = _week(provider, rota, visits, travel, week)
    return carer_day_violations(week, RotaIndex(week, rota), carer_id, date)


def carer_day_violations(week: Week, index: RotaIndex, carer_id: str, date: dt.date) -> tuple[Violation, ...]:
    """check_carer_day over an index already built."""
    carer = week.carers.get(carer_id)
    if carer is None:
        return (Violation("known_records", True, f"carer {carer_id} does not exist", None, carer_id, date),)
    found: list[Violation] = []
    for a in index.by_carer_day.get((carer_id, date), []):
        found.extend(visit_rules.known_assignment(week, a))
        visit = week.visits.get(a.visit_id)
        if visit is None:
            continue
        for rule in VISIT_RULES:
            found.extend(rule(week, index, visit))
        for rule in ASSIGNMENT_RULES:
            found.extend(rule(week, a, visit, carer))
    for rule in DAY_RULES:
        found.extend(rule(week, index.day(carer_id, date)))
    days = index.days_of(carer_id)
    for rule in WEEK_RULES:
        found.extend(rule(week, carer, days))
    found.extend(v for v in crews.crew_membership(week, index) if v.carer_id == carer_id and v.date == date)
    for crew in index.crews_of.get((carer_id, date), ()):
        for rule in crews.CREW_RULES:
            found.extend(rule(week, index, crew))
    return _ordered(dict.fromkeys(found))
