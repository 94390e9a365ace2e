"""Soft measures of a rota: travel, continuity, lateness, short visits, hours against contract,
compensatory rest and UCR use. Named terms, so the rota can explain itself."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Referral, Service, Visit

from .context import CarerDay, RotaIndex, Week
from .model import CarerHours, ClientContinuity, Measures, Violation
from .working_time import rest_shortfalls

SHORT_VISIT_MINUTES = 30
"""NICE NG21: visits under 30 minutes only for agreed short checks."""


def ucr_budget(week: Week, index: RotaIndex) -> Iterator[Violation]:
    """UCR visits stay within the community trust's weekly budget (reported, not forbidden)."""
    used = _ucr_minutes(week, index)
    budget = week.settings.ucr_budget_minutes
    if used > budget:
        yield Violation(
            "ucr_budget", False, f"UCR visits use {used / 60:.1f}h this week, over the {budget / 60:.0f}h budget"
        )


def _ucr_minutes(week: Week, index: RotaIndex) -> int:
    return sum(
        a.end - a.start
        for a in index.rota.assignments
        if a.visit_id in week.visits and week.visits[a.visit_id].referral is Referral.UCR
    )


def carers_needed(visit: Visit) -> int:
    """Carers a visit needs to count as covered: a night visit takes its whole crew."""
    return 2 if visit.service is Service.NIGHT else visit.carers_needed


def home_legs(week: Week, day: CarerDay) -> list[tuple[int, int]]:
    """(minutes, metres) of each leg from home to a day shift's first visit and back from its last."""
    carer, legs = day.carer, []
    for block in day.blocks:
        if block.night or not block.runs:
            continue
        first, last = day.visits[block.runs[0]].location, day.visits[block.runs[-1]].location
        legs.append((week.minutes(carer.home, first, carer.transport), week.metres(carer.home, first)))
        legs.append((week.minutes(last, carer.home, carer.transport), week.metres(last, carer.home)))
    return legs


def day_travel_minutes(week: Week, day: CarerDay) -> int:
    """All travel of a carer-day: between visits at work and from and to home."""
    return day.travel_minutes + sum(m for m, _ in home_legs(week, day))


def measure(week: Week, index: RotaIndex) -> Measures:
    """Every soft measure of the rota, from the same carer-day groups the rules use."""
    travel_minutes = travel_metres = home_minutes = home_metres = 0
    night_legs: set[tuple[str, str]] = set()
    carers: list[CarerHours] = []
    by_carer: dict[str, list] = {}
    for carer_id, day in index.carer_keys():
        by_carer.setdefault(carer_id, []).append(index.day(carer_id, day))
    for carer in week.carers.values():
        days = by_carer.get(carer.id, [])
        carer_travel = 0
        for d in days:
            for i in d.working_legs:
                carer_travel += d.legs[i]
                before, after = d.visits[i], d.visits[i + 1]
                key = (before.id, after.id)
                if before.service is Service.NIGHT and after.service is Service.NIGHT:
                    if key in night_legs:
                        continue
                    night_legs.add(key)
                travel_metres += week.metres(before.location, after.location)
            for minutes, metres in home_legs(week, d):
                home_minutes += minutes
                home_metres += metres
        travel_minutes += carer_travel
        worked = sum(d.worked_minutes for d in days)
        if worked or carer.contracted_minutes:
            carers.append(
                CarerHours(
                    carer_id=carer.id,
                    worked_minutes=worked,
                    contracted_minutes=carer.contracted_minutes,
                    visit_minutes=sum(a.end - a.start for d in days for a in d.runs),
                    travel_minutes=carer_travel,
                    compensatory_rest_minutes=sum(owed for _, _, owed in rest_shortfalls(week, days)),
                )
            )
    carers.sort(key=lambda c: c.carer_id)

    covered = late = lateness = short = gender_missed = 0
    seen: dict[str, list[str]] = {}
    client_visits: dict[str, int] = {}
    for visit in week.visits.values():
        assigned = index.by_visit.get(visit.id, ())
        if len({a.carer_id for a in assigned}) < carers_needed(visit):
            continue
        covered += 1
        start = min(a.start for a in assigned)
        if start > visit.preferred_start:
            late += 1
            lateness += start - visit.preferred_start
        if visit.duration < SHORT_VISIT_MINUTES and not visit.short_check_agreed:
            short += 1
        client = week.clients.get(visit.client_id)
        client_visits[visit.client_id] = client_visits.get(visit.client_id, 0) + 1
        for a in assigned:
            seen.setdefault(visit.client_id, []).append(a.carer_id)
            carer = week.carers.get(a.carer_id)
            if client and carer and client.preferred_gender and not client.gender_required:
                gender_missed += carer.gender != client.preferred_gender

    clients = []
    preferred_made = preferred_total = 0
    for client_id in sorted(seen):
        made_by = seen[client_id]
        client = week.clients.get(client_id)
        preferred = set(client.preferred_carers) if client else set()
        hits = sum(c in preferred for c in made_by)
        if preferred:
            preferred_made += hits
            preferred_total += len(made_by)
        clients.append(
            ClientContinuity(client_id, client_visits[client_id], len(set(made_by)), hits / len(made_by) if preferred else 0.0)
        )

    uncovered = [
        week.visits[u] for u, listed in index.uncovered.items()
        if u in week.visits and u not in index.by_visit and not all(entry.not_due for entry in listed)
    ]
    return Measures(
        visits=len(week.visits),
        covered=covered,
        uncovered_mandatory=sum(not v.optional for v in uncovered),
        uncovered_optional=sum(v.optional for v in uncovered),
        delivered_minutes=sum(a.end - a.start for a in index.rota.assignments if a.visit_id in week.visits),
        commissioned_minutes=week.settings.commissioned_minutes,
        travel_minutes=travel_minutes,
        travel_metres=travel_metres,
        home_travel_minutes=home_minutes,
        home_travel_metres=home_metres,
        lateness_minutes=lateness,
        late_visits=late,
        short_visits_not_agreed=short,
        gender_preference_missed=gender_missed,
        mean_distinct_carers=sum(c.distinct_carers for c in clients) / len(clients) if clients else 0.0,
        preferred_carer_share=preferred_made / preferred_total if preferred_total else 0.0,
        compensatory_rest_minutes=sum(c.compensatory_rest_minutes for c in carers),
        contract_gap_minutes=sum(abs(c.contract_gap) for c in carers),
        ucr_minutes=_ucr_minutes(week, index),
        ucr_budget_minutes=week.settings.ucr_budget_minutes,
        carers=tuple(carers),
        clients=tuple(clients),
    )
