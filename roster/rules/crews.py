"""Rules of the Mobile Night Carers: crews of two sharing one car, both at every night visit, rest
around the night, the night-worker average and room kept free for responsive calls.

A crew is on duty for the whole round (settings.night_round_start to night_round_end), whether or
not it has planned visits, because it answers responsive calls. Reserve counts care time as busy;
a crew driving between planned visits can still be sent to a call."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Carer, Crew, Service, Visit
from roster.domain.settings import minutes_covered, reserve_hours

from .context import CarerDay, RotaIndex, Week, at, day_label
from .model import Violation


def crew_membership(week: Week, index: RotaIndex) -> Iterator[Violation]:
    """Crew members are known night workers, and nobody is in two crews on the same night."""
    for (carer_id, day), crews in sorted(index.crews_of.items()):
        carer = week.carers.get(carer_id)
        first = crews[0]
        if carer is None:
            yield Violation(
                "crew_membership", True, f"crew {first.id}: carer {carer_id} does not exist", None, carer_id, day
            )
        elif not carer.night_worker:
            yield Violation(
                "crew_membership", True, f"crew {first.id}: carer {carer_id} does not work nights", None, carer_id, day
            )
        if len(crews) > 1:
            yield Violation(
                "crew_membership", True,
                f"carer {carer_id} on the night of {day_label(day)} is in {len(crews)} crews "
                f"({', '.join(c.id for c in crews)})",
                None, carer_id, day,
            )


def night_visit_by_crew(week: Week, index: RotaIndex, visit: Visit) -> Iterator[Violation]:
    """A night visit is made by both carers of one crew of that night, starting together."""
    if visit.service is not Service.NIGHT:
        return
    assigned = index.by_visit.get(visit.id, ())
    if not assigned:
        return
    carers = {a.carer_id for a in assigned}
    crews = {frozenset(c.carer_ids) for c in index.rota.crews if c.date == visit.date}
    if len(assigned) != 2 or carers not in crews:
        yield Violation(
            "night_visit_by_crew", True,
            f"visit {visit.id}: must be made by both carers of one crew of that night "
            f"(has {', '.join(sorted(carers))})",
            visit.id, None, visit.date,
        )
    if len({a.start for a in assigned}) > 1:
        times = ", ".join(f"{a.carer_id} at {at(a.start)}" for a in assigned)
        yield Violation(
            "night_visit_by_crew", True, f"visit {visit.id}: the crew must arrive together ({times})",
            visit.id, None, visit.date,
        )


def crew_rest(week: Week, carer: Carer, days: list[CarerDay]) -> Iterator[Violation]:
    """A carer on a night crew has the full daily rest between the night and any day visits."""
    rest = week.settings.daily_rest_minutes
    nights = [(d, b) for d in days if d.crew is not None for b in d.blocks if b.night]
    daytime = [(d, b) for d in days for b in d.blocks if not b.night]
    for night_day, night in nights:
        n0, n1 = week.absolute(night_day.date, night.start), week.absolute(night_day.date, night.end)
        for day, block in daytime:
            d0, d1 = week.absolute(day.date, block.start), week.absolute(day.date, block.end)
            gap = max(d0 - n1, n0 - d1)
            if gap < rest:
                assert night_day.crew is not None  # nights are the days on a crew
                yield Violation(
                    "crew_rest", True,
                    f"carer {carer.id}: day visits on {day_label(day.date)} ({at(block.start)}-{at(block.end)}) leave "
                    f"{max(gap, 0) // 60}h rest around the night crew {night_day.crew.id}, under {rest // 60}h",
                    None, carer.id, day.date,
                )


def night_average(week: Week, carer: Carer, days: list[CarerDay]) -> Iterator[Violation]:
    """A night worker averages at most 8 hours' work per 24 hours over the week (no opt-out)."""
    if not any(b.night for d in days for b in d.blocks):
        return
    average = sum(d.worked_minutes for d in days) / 7
    limit = week.settings.night_max_minutes_per_24h
    if average > limit:
        yield Violation(
            "night_average", True,
            f"carer {carer.id}: night worker averages {average / 60:.1f}h per 24h this week, over {limit / 60:.0f}h",
            None, carer.id, None,
        )


def night_reserve(week: Week, index: RotaIndex, crew: Crew) -> Iterator[Violation]:
    """In every clock hour of the round the crew keeps the reserve free for responsive calls
    (a part hour at either end keeps its share)."""
    settings = week.settings
    busy = sorted(
        (a.start, a.end)
        for carer_id in crew.carer_ids
        for a in index.by_carer_day.get((carer_id, crew.date), ())
        if a.visit_id in week.visits and week.visits[a.visit_id].service is Service.NIGHT
    )
    for h0, h1, needed in reserve_hours(settings):
        free = (h1 - h0) - minutes_covered(busy, h0, h1)
        if free < needed:
            yield Violation(
                "night_reserve", True,
                f"crew {crew.id}: only {free} min free {at(h0)}-{at(h1)}, the reserve is {needed} min",
                None, None, crew.date,
            )


VISIT_RULES = (night_visit_by_crew,)
WEEK_RULES = (crew_rest, night_average)
CREW_RULES = (night_reserve,)
