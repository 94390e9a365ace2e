"""Who could make a visit instead: every carer tried on it, checked by the same rules as the rota,
and ranked (fits first, then preferred carers, carers the client knows, least travel added)."""

from __future__ import annotations

from dataclasses import dataclass

from roster.domain import Assignment, Provider, Rota, Service, Visit
from roster.domain.travel import TravelModel

from .check import carer_day_violations
from .context import RotaIndex, Week, day_label
from .measures import day_travel_minutes
from .model import Violation

MAX_STARTS_TRIED = 8
"""Start times tried per carer, nearest the preferred time first."""

WHATEVER_THE_TIME = frozenset({"skills", "declined", "gender_required", "service_allowed"})
"""Rules no other start time can mend: once one is broken, stop trying starts."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One carer tried on a visit."""

    carer_id: str
    """The carer."""
    fits: bool
    """The move breaks no hard rule that the carer's week did not already break."""
    start: int
    """The start tried: the partner's start for a double-up or crew, else the fitting start nearest
    the client's preferred time."""
    reasons: tuple[str, ...]
    """Why not: the hard violations the move would add."""
    warnings: tuple[str, ...]
    """Soft breaches the move would add (e.g. compensatory rest owed)."""
    travel_added: int
    """Minutes of travel the move adds to the carer's day (between visits and from/to home)."""
    worked_minutes: int
    """The carer's working minutes this week after the move."""
    contracted_minutes: int
    """The carer's contracted minutes a week."""
    client_visits: int
    """Visits this carer already makes to the client this week (continuity)."""
    preferred: bool
    """One of the client's preferred carers."""
    current: bool
    """The carer the visit is being moved from."""


def _key(v: Violation) -> tuple:
    """Identity of a violation across a move, ignoring figures in its message that the move changes."""
    return (v.rule, v.visit_id, v.date, v.hard)


def rank_candidates(
    provider: Provider,
    rota: Rota,
    visit_id: str,
    *,
    replacing: str | None = None,
    visits: list[Visit] | None = None,
    travel: TravelModel | None = None,
    week: Week | None = None,
) -> list[Candidate]:
    """Every carer tried on the visit, best first.

    The visit's assignment of `replacing` is taken away first; without it, a visit still short of
    carers gets one more, and a fully assigned single visit is moved from its carer. Pass a
    prebuilt Week for speed."""
    week = week or Week(provider, rota.week_start, visits=visits, travel=travel)
    visit = week.visits.get(visit_id)
    if visit is None:
        raise ValueError(f"visit {visit_id} is not due in the week of {rota.week_start}")
    assigned = [a for a in rota.assignments if a.visit_id == visit_id]
    needed = 2 if visit.service is Service.NIGHT else visit.carers_needed
    if replacing is None and len(assigned) >= needed:
        if needed > 1:
            raise ValueError(f"visit {visit_id} has all {needed} carers: say which one to replace")
        replacing = assigned[0].carer_id
    staying = [a for a in assigned if a.carer_id != replacing]
    base = Rota(
        rota.week_start,
        tuple(a for a in rota.assignments if not (a.visit_id == visit_id and a.carer_id == replacing)),
        rota.breaks, rota.uncovered, rota.crews, rota.status,
    )
    index = RotaIndex(week, base)
    by_carer: dict[str, list[Assignment]] = {}
    for a in base.assignments:
        by_carer.setdefault(a.carer_id, []).append(a)
    staying_ids = {a.carer_id for a in staying}
    found = [
        _try(provider, week, index, by_carer, visit, carer_id, staying, current=carer_id == replacing)
        for carer_id in week.carers
        if carer_id not in staying_ids
    ]
    found.sort(
        key=lambda c: (
            not c.fits,
            not c.preferred,
            -c.client_visits,
            c.travel_added,
            c.worked_minutes - c.contracted_minutes,
            c.carer_id,
        )
    )
    return found


def _own_rota(index: RotaIndex, by_carer: dict[str, list[Assignment]], carer_id: str) -> Rota:
    """The part of the rota one carer's rules read: their assignments, breaks and crews (with the
    crew partners' night visits, for the reserve)."""
    crews = [c for c in index.rota.crews if carer_id in c.carer_ids]
    partners = {(p, c.date) for c in crews for p in c.carer_ids if p != carer_id}
    assignments = list(by_carer.get(carer_id, ()))
    for partner, day in partners:
        assignments.extend(a for a in by_carer.get(partner, ()) if a.date == day)
    breaks = [b for day in index.dates_of(carer_id) for b in index.breaks.get((carer_id, day), ())]
    return Rota(index.rota.week_start, tuple(assignments), tuple(breaks), (), tuple(crews), index.rota.status)


def _touching(violations: tuple[Violation, ...], carer_id: str) -> set[Violation]:
    return {v for v in violations if v.carer_id == carer_id or v.rule == "night_reserve"}


def _try(
    provider: Provider, week: Week, index: RotaIndex, by_carer: dict[str, list[Assignment]], visit: Visit,
    carer_id: str, staying: list[Assignment], *, current: bool,
) -> Candidate:
    carer = week.carers[carer_id]
    own = RotaIndex(week, _own_rota(index, by_carer, carer_id))
    before = _touching(carer_day_violations(week, own, carer_id, visit.date), carer_id)
    before_keys = {_key(v) for v in before}
    before_day = own.day(carer_id, visit.date)

    def attempt(start: int) -> tuple[RotaIndex, list[Violation]]:
        trial = own.with_assignment(Assignment(visit.id, carer_id, visit.date, start, start + visit.duration))
        after = _touching(carer_day_violations(week, trial, carer_id, visit.date), carer_id)
        return trial, [v for v in after if _key(v) not in before_keys]

    starts = [staying[0].start] if staying else _starts(week, before_day, visit)
    trial, added = attempt(starts[0])
    chosen = starts[0]
    for start in starts[1:]:
        if not any(v.hard for v in added) or any(v.rule in WHATEVER_THE_TIME for v in added):
            break
        t, a = attempt(start)
        if sum(v.hard for v in a) < sum(v.hard for v in added):
            trial, added, chosen = t, a, start
    reasons = [v.message for v in added if v.hard]
    if visit.service is Service.NIGHT:
        mates = {a.carer_id for a in staying}
        if not any(mates <= set(c.carer_ids) for c in index.crews_of.get((carer_id, visit.date), ())):
            with_whom = f" with {', '.join(sorted(mates))}" if mates else ""
            reasons.append(f"carer {carer_id} is on no night crew{with_whom} on {day_label(visit.date)}")
    days = trial.days_of(carer_id)
    client = week.clients.get(visit.client_id)
    return Candidate(
        carer_id=carer_id,
        fits=not reasons,
        start=chosen,
        reasons=tuple(reasons),
        warnings=tuple(v.message for v in added if not v.hard),
        travel_added=day_travel_minutes(week, trial.day(carer_id, visit.date))
        - day_travel_minutes(week, before_day),
        worked_minutes=sum(d.worked_minutes for d in days),
        contracted_minutes=carer.contracted_minutes,
        client_visits=sum(
            1 for a in own.rota.assignments
            if a.carer_id == carer_id and a.visit_id in week.visits
            and week.visits[a.visit_id].client_id == visit.client_id
        ),
        preferred=bool(client and carer_id in client.preferred_carers),
        current=current,
    )


def _starts(week: Week, day, visit: Visit) -> list[int]:
    """Start times worth trying: the preferred time, the window's ends, and the times that just
    clear each neighbouring visit or the shift's ends, nearest the preferred time first."""
    carer = day.carer
    options = {visit.preferred_start, visit.window_start, visit.window_end}
    for a, other in zip(day.runs, day.visits):
        options.add(a.end + week.minutes(other.location, visit.location, carer.transport))
        options.add(a.start - week.minutes(visit.location, other.location, carer.transport) - visit.duration)
    for shift in carer.shifts_on(visit.date.weekday()):
        options.add(shift.start + week.minutes(carer.home, visit.location, carer.transport))
        options.add(shift.end - week.minutes(visit.location, carer.home, carer.transport) - visit.duration)
    inside = sorted(
        (t for t in options if visit.window_start <= t <= visit.window_end),
        key=lambda t: (abs(t - visit.preferred_start), t),
    )
    return inside[:MAX_STARTS_TRIED]
