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
from roster.rules.context import leg_mode


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
        """Road distance between visits (the first journey from home excluded)."""
        return sum(s.travel_metres for s in self.stops[1:])

    @property
    def mileage_metres(self) -> int:
        """Driven distance between visits: what a mileage claim covers."""
        return sum(s.travel_metres for s in self.stops[1:] if s.by_car)


def carer_runs(provider: Provider, rota: Rota, visits: dict[str, Visit] | None = None,
               travel: TravelModel | None = None) -> list[CarerRun]:
    """Every carer-date of the rota with at least one visit, ordered by carer then date."""
    if visits is None:
        visits = {v.id: v for v in provider.visits_for_week(rota.week_start)}
    travel = travel or TravelModel(provider.settings_for(rota.week_start))
    carers_of = rota.carers_of()
    runs = []
    for (carer_id, date), assignments in sorted(rota.by_carer_day().items()):
        carer = provider.carer(carer_id)
        stops = []
        here, before = carer.home, None
        for a in assignments:
            visit = visits[a.visit_id]
            mode = carer.transport if before is None else leg_mode(carer, before, visit)
            stops.append(Stop(
                assignment=a,
                visit=visit,
                travel_minutes=travel.minutes(here, visit.location, mode),
                travel_metres=travel.metres(here, visit.location),
                by_car=mode is Transport.CAR,
                partners=tuple(c for c in carers_of.get(a.visit_id, ()) if c != carer_id),
            ))
            here, before = visit.location, visit
        runs.append(CarerRun(
            carer_id=carer_id,
            date=date,
            stops=tuple(stops),
        ))
    return runs
