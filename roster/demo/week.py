"""`generate`: a whole demo week, deterministic from a seed. The demand is generated first, the
planted rota is built by the constructors, and every visit they could not place is taken out of
its schedule, so what remains is known to be coverable: the planted rota covers all of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from dataclasses import dataclass

from roster.domain import (
    Assignment, Client, Provider, Rota, RotaStatus, Service, Settings, Visit, VisitSchedule,
)
from roster.domain.clock import monday_of, week_dates

from .demand import Demand, DemandMaker, package_visits
from .people import make_absences, make_carers
from .plant_day import DayPlanter, planting_order
from .plant_night import NightPlanter
from .routes import Legs

DEFAULT_HOURS = 650
"""One framework provider's share of the city's 2,600 hours a week."""
CITY_HOURS = 2600
"""The whole city's STHS volume."""
UCR_REFERRALS_AT_CITY_SCALE = 18
"""UCR referrals a week when the whole city's volume is generated."""
NIGHT_CLIENTS_PER_CREW = 3
"""Night clients per crew (two or three planned visits each a night)."""
TOP_UP_MISSES = 25
"""Stop topping up the volume after this many packages in a row that mostly did not fit."""
PREFERRED_CARER_SHARE = 0.3
"""Share of clients who name a carer they know as preferred."""


@dataclass(frozen=True)
class DemoWeek:
    """A demo provider and the planted rota that proves its week coverable."""

    provider: Provider
    """Carers, clients, packages, schedules, absences and settings."""
    planted: Rota
    """A feasible rota covering every visit of the week (status planted)."""
    week_start: dt.date
    """Monday of the week."""


def crews_per_night(hours_per_week: int) -> int:
    """Mobile Night Carers crews a night: three for one provider, growing slower than the day."""
    return max(2, round(3 * math.sqrt(hours_per_week / DEFAULT_HOURS)))


def generate(seed: int = 1, hours_per_week: int = DEFAULT_HOURS, week_start: dt.date | None = None) -> DemoWeek:
    """A Coventry-like provider for the week starting week_start (default: next week), sized to
    hours_per_week of daytime care, with its planted rota. Same seed, same everything."""
    if hours_per_week <= 0:
        raise ValueError(f"hours per week must be positive, not {hours_per_week}")
    week_start = monday_of(week_start) if week_start else monday_of(dt.date.today()) + dt.timedelta(days=7)
    rng = random.Random(seed)
    settings = Settings(
        effective_from=min(Settings().effective_from, week_start),
        commissioned_minutes=hours_per_week * 60,
    )
    crews = crews_per_night(hours_per_week)
    carers = make_carers(rng, hours_per_week, crews, settings)
    absences = make_absences(rng, carers, week_start)
    maker = DemandMaker(rng, week_start, settings, [c for c in carers if c.day_worker])
    _referrals(maker, hours_per_week, crews)

    legs = Legs(settings)
    clients = {c.id: c for c in maker.demand.clients}
    day = DayPlanter(settings, legs, carers, absences, clients)
    visits = _plant_days(day, maker, clients, hours_per_week * 60)
    assignments, breaks = day.rota()
    night = NightPlanter(settings, legs, clients)
    night_workers = [c for c in carers if c.night_worker]
    crew_list = []
    for date in week_dates(week_start):
        night_crews, night_assignments, night_breaks = night.night(
            night_workers, absences, date, visits, most=crews + 1
        )
        crew_list += night_crews
        assignments += night_assignments
        breaks += night_breaks

    done = {a.visit_id for a in assignments}
    demand = _keep_placed(maker.demand, [v for v in visits if v.id not in done])
    demand.clients = _with_preferred_carers(rng, demand, assignments)
    provider = Provider(
        carers=tuple(carers), clients=tuple(demand.clients), packages=tuple(demand.packages),
        schedules=tuple(demand.schedules), absences=tuple(absences), settings=(settings,),
    )
    planted = Rota(
        week_start=week_start,
        assignments=tuple(sorted(assignments, key=lambda a: (a.date, a.carer_id, a.start, a.visit_id))),
        breaks=tuple(sorted(breaks, key=lambda b: (b.date, b.carer_id, b.start))),
        crews=tuple(crew_list),
        status=RotaStatus.PLANTED,
    )
    return DemoWeek(provider, planted, week_start)


def _referrals(maker: DemandMaker, hours_per_week: int, crews: int) -> None:
    """A few UCR referrals, reablement packages up to the week's volume, the night clients."""
    for _ in range(max(1, round(UCR_REFERRALS_AT_CITY_SCALE * hours_per_week / CITY_HOURS))):
        maker.ucr()
    week_start = maker.week_start
    wanted = _minutes(maker.demand.visits(week_start))
    while wanted < hours_per_week * 60:
        new = maker.reablement()
        wanted += _minutes(package_visits(new.package, list(new.schedules), new.client, week_start))
    for _ in range(crews * NIGHT_CLIENTS_PER_CREW):
        maker.night()


def _plant_days(day: DayPlanter, maker: DemandMaker, clients: dict[str, Client], target: int) -> list[Visit]:
    """Plant the week's daytime visits; the morning and evening peaks fill up first, so lunch and
    tea packages then top the volume up to target carer-minutes. Returns every visit generated."""
    week_start = maker.week_start
    visits = maker.demand.visits(week_start)
    placed = sum(v.duration * v.carers_needed for v in planting_order(visits) if day.plant(v))
    misses = 0
    while placed < target and misses < TOP_UP_MISSES:
        new = maker.midday()
        clients[new.client.id] = new.client
        more = package_visits(new.package, list(new.schedules), new.client, week_start)
        got = sum(v.duration * v.carers_needed for v in planting_order(more) if day.plant(v))
        placed += got
        visits += more
        misses = misses + 1 if 2 * got < _minutes(more) else 0
    return visits


def _minutes(visits: list[Visit]) -> int:
    """Carer-minutes of daytime care (a double-up counts twice)."""
    return sum(v.duration * v.carers_needed for v in visits if v.service is Service.DAY)


def _keep_placed(demand: Demand, unplaced) -> Demand:
    """Take each unplaced visit's weekday out of its schedule; drop what is left empty."""
    dropped: dict[str, set[int]] = {}
    for visit in unplaced:
        dropped.setdefault(visit.schedule_id, set()).add(visit.date.weekday())
    schedules: list[VisitSchedule] = []
    for schedule in demand.schedules:
        days = schedule.weekdays - dropped.get(schedule.id, set())
        if days:
            schedules.append(dataclasses.replace(schedule, weekdays=days) if days != schedule.weekdays else schedule)
    with_schedules = {s.package_id for s in schedules}
    packages = [p for p in demand.packages if p.id in with_schedules]
    with_packages = {p.client_id for p in packages}
    clients = [c for c in demand.clients if c.id in with_packages]
    return Demand(clients, packages, schedules)


def _with_preferred_carers(rng: random.Random, demand: Demand, assignments: list[Assignment]):
    """Some clients name as preferred the carer who visits them most (they know them already)."""
    counts: dict[str, dict[str, int]] = {}
    client_of = {}
    for package in demand.packages:
        client_of[package.id] = package.client_id
    visit_client = {s.id: client_of[s.package_id] for s in demand.schedules}
    for a in assignments:
        client_id = visit_client.get(a.visit_id.split("@")[0])
        if client_id:
            per = counts.setdefault(client_id, {})
            per[a.carer_id] = per.get(a.carer_id, 0) + 1
    clients = []
    for client in demand.clients:
        seen = counts.get(client.id)
        if seen and rng.random() < PREFERRED_CARER_SHARE:
            best = max(sorted(seen), key=lambda c: seen[c])
            client = dataclasses.replace(client, preferred_carers=(best,))
        clients.append(client)
    return clients
