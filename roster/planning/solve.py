"""From the provider's data to the solver's integer problem and back to a draft rota.

Only day-service visits go to this solver; night visits belong to the night rounds and are left
out here (not reported uncovered by us). From an existing draft we keep its pinned assignments,
its night part, and the visits an event called off; carers on a night crew get their rest around
the round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import (
    Assignment, Break, Carer, Client, Provider, Rota, RotaStatus, Service, Uncovered, Visit,
)
from roster.domain.travel import TravelModel
from roster.domain.carer import Transport

MODES = (Transport.CAR, Transport.PUBLIC, Transport.FOOT)
"""Travel matrix order in the problem."""


@dataclass(frozen=True)
class IndexMaps:
    """How the solver's indices map back to the provider's records."""

    monday: dt.date
    """The week."""
    visits: tuple[Visit, ...]
    """Problem visit index -> domain visit."""
    carers: tuple[Carer, ...]
    """Problem carer index -> domain carer."""
    clients: tuple[str, ...]
    """Problem client index -> client id."""
    pinned: frozenset[tuple[str, str]]
    """(visit id, carer id) pairs pinned by a coordinator."""
    night_round_start: int
    """Breaks of crew carers from this minute on belong to the night part."""


def day_visits(provider: Provider, monday: dt.date) -> list[Visit]:
    """The week's day-service visits."""
    return [v for v in provider.visits_for_week(monday) if v.service is Service.DAY]


def build_problem(provider: Provider, monday: dt.date, pins: Rota | None = None, *, travel: TravelModel | None = None):
    """The week's day service as a solver Problem, and the maps back; pins from a draft's pinned
    assignments. Raises solver.ProblemError (naming the record) on data it cannot take."""
    from solver.problem import Carer as SCarer, Problem, Shift as SShift, Visit as SVisit, Weights

    settings = provider.settings_for(monday)
    travel = travel or TravelModel(settings)
    called_off = {u.visit_id for u in pins.uncovered if u.not_due} if pins is not None else set()
    visits = [v for v in day_visits(provider, monday) if v.id not in called_off]
    carers = [c for c in provider.carers if c.day_worker]
    carer_index = {c.id: i for i, c in enumerate(carers)}
    locations: dict = {}
    for carer in carers:
        locations.setdefault(carer.home, len(locations))
    for visit in visits:
        locations.setdefault(visit.location, len(locations))
    points = list(locations)
    used_modes = {c.transport for c in carers}
    travel_matrices = tuple(
        tuple(tuple(travel.minutes(a, b, mode) for b in points) for a in points) if mode in used_modes else
        tuple(tuple(0 for _ in points) for _ in points)
        for mode in MODES
    )
    distance = tuple(tuple(travel.metres(a, b) for b in points) for a in points)
    away = _away(provider, pins, settings)
    problem_carers = tuple(
        SCarer(
            home=locations[c.home], mode=MODES.index(c.transport), skills=c.skills,
            shifts=tuple(SShift(day, start, end) for day, start, end in _shifts(c, monday, away.get(c.id, []))),
            max_week_minutes=None if c.opted_out_48h else settings.max_week_minutes,
            contracted_minutes=c.contracted_minutes, label=c.id,
        )
        for c in carers
    )
    pinned: dict[str, list] = {}
    if pins is not None:
        for a in pins.assignments:
            if a.pinned and a.carer_id in carer_index:
                pinned.setdefault(a.visit_id, []).append(a)
    clients = sorted({v.client_id for v in visits})
    client_index = {c: i for i, c in enumerate(clients)}
    problem_visits = []
    for visit in visits:
        client = provider.client(visit.client_id)
        pins_here = pinned.get(visit.id, [])[: visit.carers_needed]
        problem_visits.append(
            SVisit(
                location=locations[visit.location], day=(visit.date - monday).days,
                earliest=visit.window_start, latest=visit.window_end, duration=visit.duration,
                carers_needed=visit.carers_needed, skills=visit.skills,
                excluded_carers=frozenset(carer_index[c.id] for c in carers if _excluded(client, c)),
                preferred_carers=tuple(carer_index[c] for c in client.preferred_carers if c in carer_index),
                client=client_index[visit.client_id], preferred_start=visit.preferred_start,
                optional=visit.optional,
                pinned_carers=tuple(carer_index[a.carer_id] for a in pins_here),
                pinned_start=pins_here[0].start if pins_here and visit.window_start <= pins_here[0].start <= visit.window_end else None,
                label=visit.id,
            )
        )
    weights = Weights(
        uncovered=settings.weight_uncovered, optional_uncovered=settings.weight_optional_uncovered,
        travel_minute=settings.weight_travel_minute, new_carer_for_client=settings.weight_new_carer_for_client,
        preferred_carer_bonus=settings.weight_preferred_carer_bonus, lateness_minute=settings.weight_lateness_minute,
        contract_gap_minute=settings.weight_contract_gap_minute,
    )
    problem = Problem(
        travel=travel_matrices, distance=distance, visits=tuple(problem_visits), carers=problem_carers,
        weights=weights, break_after=settings.break_after_minutes, break_minutes=settings.break_minutes,
        max_day_minutes=settings.max_shift_minutes,
        # A whole day off gives at least 24 hours' rest when shifts stay within their day.
        max_working_days=6 if settings.weekly_rest_minutes else None,
        mode_names=tuple(m.value for m in MODES),
    )
    maps = IndexMaps(monday, tuple(visits), tuple(carers), tuple(clients),
                     frozenset((a.visit_id, a.carer_id) for run in pinned.values() for a in run),
                     settings.night_round_start)
    return problem, maps


def _excluded(client: Client, carer: Carer) -> bool:
    """Declined by the client, or the wrong gender where the client requires one."""
    if carer.id in client.declined_carers:
        return True
    return client.gender_required and client.preferred_gender is not None and carer.gender != client.preferred_gender


Away = tuple[dt.datetime, dt.datetime]


def _away(provider: Provider, draft: Rota | None, settings) -> dict[str, list[Away]]:
    """Carer id -> spans they cannot do day work: leave and sickness, and the daily rest either
    side of a night round they are crewed on in the draft."""
    from .nights import day_rest_after_night

    away: dict[str, list[Away]] = {}
    for absence in provider.absences:
        away.setdefault(absence.carer_id, []).append((absence.start, absence.end))
    latest_end, earliest_next = day_rest_after_night(settings)
    for crew in draft.crews if draft is not None else ():
        midnight = dt.datetime.combine(crew.date, dt.time())
        rest = (midnight + dt.timedelta(minutes=latest_end), midnight + dt.timedelta(days=1, minutes=earliest_next))
        for carer_id in crew.carer_ids:
            away.setdefault(carer_id, []).append(rest)
    return away


def _shifts(carer: Carer, monday: dt.date, away: list[Away]) -> list[tuple[int, int, int]]:
    """(day, start, end) of the carer's availability in the week, minus the spans away."""
    result = []
    for day in range(7):
        date = monday + dt.timedelta(days=day)
        midnight = dt.datetime.combine(date, dt.time())
        for shift in carer.shifts_on(date.weekday()):
            pieces = [(shift.start, shift.end)]
            for begin, end in away:
                away_from = (begin - midnight).total_seconds() // 60
                away_to = -(-(end - midnight).total_seconds() // 60)
                pieces = [p for s, e in pieces for p in _minus((s, e), (int(away_from), int(away_to)))]
            result.extend((day, s, e) for s, e in pieces)
    return result


def _minus(piece: tuple[int, int], away: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = piece
    a, b = away
    if b <= start or a >= end:
        return [piece]
    return [(s, e) for s, e in ((start, min(a, end)), (max(b, start), end)) if e > s]


def to_rota(solution, maps: IndexMaps, keep: Rota | None = None) -> Rota:
    """The solution as a draft rota; keeps from `keep` its night part (assignments, breaks, crews)
    and every uncovered entry of a visit not in this problem (night visits, visits called off)."""
    monday = maps.monday
    assignments, breaks, uncovered = [], [], []
    for route in solution.routes:
        carer = maps.carers[route.carer]
        date = monday + dt.timedelta(days=route.day)
        for stop in route.stops:
            visit = maps.visits[stop.visit]
            assignments.append(
                Assignment(visit.id, carer.id, date, stop.start, stop.end, (visit.id, carer.id) in maps.pinned)
            )
    for brk in solution.breaks:
        breaks.append(Break(maps.carers[brk.carer].id, monday + dt.timedelta(days=brk.day), brk.start, brk.minutes))
    for u in solution.unassigned:
        uncovered.append(Uncovered(maps.visits[u.visit].id, u.reason.value, u.detail))
    crews: tuple = ()
    if keep is not None:
        day_ids = {v.id for v in maps.visits}
        assignments.extend(a for a in keep.assignments if a.visit_id not in day_ids)
        uncovered.extend(u for u in keep.uncovered if u.visit_id not in day_ids)
        crews = keep.crews
        on_crew = {(carer_id, crew.date) for crew in crews for carer_id in crew.carer_ids}
        breaks.extend(
            b for b in keep.breaks if (b.carer_id, b.date) in on_crew and b.start >= maps.night_round_start
        )
    return Rota(monday, tuple(assignments), tuple(breaks), tuple(uncovered), crews, RotaStatus.DRAFT)


def solve_week(
    provider: Provider,
    monday: dt.date,
    *,
    time_limit: float = 30.0,
    pins_from: Rota | None = None,
    on_progress: Callable | None = None,
    stop: Callable[[], bool] | None = None,
    workers: int = 2,
    engine: str = "strings",
    seed: int = 1,
    travel: TravelModel | None = None,
):
    """Solve the week's day service within time_limit seconds of wall time, building the problem
    included; returns (rota, solution). The rota keeps pins_from's pinned day assignments and its
    night part. `engine` and `seed` are the search's (`solver.solve.Options`); travel, if given,
    replaces the estimate from the points (a problem file's travel table)."""
    import time

    from solver.solve import Options, solve

    began = time.monotonic()
    problem, maps = build_problem(provider, monday, pins_from, travel=travel)
    # Taking the routes back into a rota takes a moment too: keep a little of the time for it.
    left = max(1.0, time_limit - (time.monotonic() - began) - 0.01 * time_limit)
    options = Options(time_limit=left, workers=workers, engine=engine, seed=seed)
    solution = solve(problem, options, on_progress=on_progress, stop=stop)
    return to_rota(solution, maps, keep=pins_from), solution


def apply(db, rota: Rota, *, expected_revision: int | None = None, expected_data_revision: int | None = None) -> int:
    """Save the draft, all or nothing (the previous draft stays if anything fails); refuses
    (StaleDraft, StaleData) if the draft or the data it was solved from changed since they were read."""
    from roster.store import save_rota

    return save_rota(db, rota, expected_revision=expected_revision, expected_data_revision=expected_data_revision,
                     note="solved")
