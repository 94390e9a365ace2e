"""Each carer's day as a run: visits in order with the journey to each.

Run sheets show these legs and payroll sums their distance; both take travel from the one
TravelModel and the rule checker's choice of transport for each leg (a night crew shares a car),
so a carer's journey is the same number wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Assignment, Provider, Rota, Transport, Visit
from roster.domain.travel import TravelModel
from roster.rules.context import RotaIndex, Week, leg_mode


@dataclass(frozen=True, slots=True)
class Stop:
    """One visit in a carer's run, with the journey that leads to it."""

    assignment: Assignment
    """The carer's assignment to the visit."""
    visit: Visit
    """The visit itself."""
    travel_minutes: int
    """Travel from the previous visit (from home for the first)."""
    travel_metres: int
    """Road distance from the previous visit (from home for the first)."""
    by_car: bool
    """The journey to this visit is driven (mileage is claimed for it)."""
    from_home: bool
    """The first visit of a working period: the journey starts at home (not working time)."""
    partners: tuple[str, ...]
    """Other carers on the same visit: a double-up partner or crew mate."""


@dataclass(frozen=True, slots=True)
class CarerRun:
    """One carer's visits on one date (for night carers: the night starting that evening)."""

    carer_id: str
    """Whose run."""
    date: dt.date
    """Which day."""
    stops: tuple[Stop, ...]
    """Visits in start order."""

    @property
    def travel_metres(self) -> int:
        """Road distance between visits at work (journeys from home excluded)."""
        return sum(s.travel_metres for s in self.stops if not s.from_home)

    @property
    def mileage_metres(self) -> int:
        """Driven distance between visits at work: what a mileage claim covers."""
        return sum(s.travel_metres for s in self.stops if s.by_car and not s.from_home)


def carer_runs(provider: Provider, rota: Rota, visits: dict[str, Visit] | None = None,
               travel: TravelModel | None = None) -> list[CarerRun]:
    """Every carer-date of the rota with at least one visit, ordered by carer then date.

    The journeys are the checker's: the first visit of each working period (a split shift has
    two) is reached from home, the others from the visit before, by the leg's transport."""
    week = Week(provider, rota.week_start, visits=None if visits is None else list(visits.values()), travel=travel)
    index = RotaIndex(week, rota)
    carers_of = rota.carers_of()
    runs = []
    for carer_id, date in index.carer_keys():
        day = index.day(carer_id, date)
        if not day.runs:
            continue
        firsts = {block.runs[0] for block in day.blocks if block.runs}
        stops = []
        for i, (a, visit) in enumerate(zip(day.runs, day.visits)):
            from_home = i in firsts
            here = day.carer.home if from_home else day.visits[i - 1].location
            mode = day.carer.transport if from_home else leg_mode(day.carer, day.visits[i - 1], visit)
            stops.append(Stop(
                assignment=a,
                visit=visit,
                travel_minutes=week.minutes(here, visit.location, mode) if from_home else day.legs[i - 1],
                travel_metres=week.metres(here, visit.location),
                by_car=mode is Transport.CAR,
                from_home=from_home,
                partners=tuple(c for c in carers_of.get(a.visit_id, ()) if c != carer_id),
            ))
        runs.append(CarerRun(carer_id=carer_id, date=date, stops=tuple(stops)))
    return runs
