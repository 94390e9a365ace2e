"""What the rules read: the week's facts (built once, rota-independent) and the rota grouped by
carer-day (built once per check), so each rule is a short function over ready-made groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from roster.domain import (
    Absence, Assignment, Break, Carer, Client, Crew, Location, Provider, Rota, Service, Shift,
    Transport, Uncovered, Visit,
)
from roster.domain.clock import MINUTES_PER_DAY, WEEKDAYS, clock_hhmm
from roster.domain.settings import Settings
from roster.domain.travel import TravelModel


def at(minute: int) -> str:
    """A time for a message: 07:30, or 02:00+1 for the small hours after a night's midnight."""
    return clock_hhmm(minute) + ("+1" if minute >= MINUTES_PER_DAY else "")


def day_label(day: dt.date) -> str:
    """'Tue 2026-11-24'."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.isoformat()}"


class Week:
    """The rota-independent facts of one week: visits, carers, clients, absences, settings and a
    cached travel model. Build it once and pass it to every check of that week (the TUI keeps one)."""

    def __init__(
        self,
        provider: Provider,
        week_start: dt.date,
        *,
        visits: list[Visit] | None = None,
        travel: TravelModel | None = None,
    ):
        self.provider = provider
        self.week_start = week_start
        self.settings: Settings = provider.settings_for(week_start)
        visit_list = provider.visits_for_week(week_start) if visits is None else visits
        self.visits: dict[str, Visit] = {v.id: v for v in visit_list}
        self.carers: dict[str, Carer] = {c.id: c for c in provider.carers}
        self.clients: dict[str, Client] = {c.id: c for c in provider.clients}
        self.absences: dict[str, list[Absence]] = {}
        for absence in provider.absences:
            self.absences.setdefault(absence.carer_id, []).append(absence)
        self.travel = travel or TravelModel(self.settings)
        self._minutes: dict[tuple[Location, Location, Transport], int] = {}
        self._metres: dict[tuple[Location, Location], int] = {}

    def minutes(self, a: Location, b: Location, mode: Transport) -> int:
        """Travel minutes from a to b, cached (a week asks for the same legs many times)."""
        key = (a, b, mode)
        value = self._minutes.get(key)
        if value is None:
            value = self._minutes[key] = self.travel.minutes(a, b, mode)
        return value

    def metres(self, a: Location, b: Location) -> int:
        """Road metres from a to b, cached."""
        key = (a, b)
        value = self._metres.get(key)
        if value is None:
            value = self._metres[key] = self.travel.metres(a, b)
        return value

    def absolute(self, day: dt.date, minute: int) -> int:
        """Minutes since the week's Monday 00:00, for comparing times across dates."""
        return (day - self.week_start).days * MINUTES_PER_DAY + minute

    def absence_during(self, carer_id: str, day: dt.date, start: int, end: int) -> Absence | None:
        """The carer's absence overlapping [start, end) on day, if any."""
        midnight = dt.datetime.combine(day, dt.time())
        begin, finish = midnight + dt.timedelta(minutes=start), midnight + dt.timedelta(minutes=end)
        for absence in self.absences.get(carer_id, ()):
            if absence.covers(begin, finish):
                return absence
        return None


def shift_containing(carer: Carer, day: dt.date, start: int, end: int) -> Shift | None:
    """The carer's shift on day's weekday that holds [start, end], if any."""
    for shift in carer.availability:
        if shift.weekday == day.weekday() and shift.start <= start and end <= shift.end:
            return shift
    return None


@dataclass(slots=True)
class Block:
    """A working period of one carer-day: visits in one shift, or a night crew's round."""

    start: int
    """First minute worked (first visit start, or the round's start)."""
    end: int
    """Last minute worked."""
    night: bool
    """A night-service period."""
    shift: Shift | None
    """The availability shift it lies in, if any."""
    runs: list[int] = field(default_factory=list)
    """Indexes into CarerDay.runs."""


@dataclass(slots=True)
class CarerDay:
    """One carer's assignments on one date, in start order, with what the rules need beside them."""

    carer: Carer
    """The carer."""
    date: dt.date
    """The date (night visits after midnight belong to the night's date)."""
    runs: list[Assignment]
    """Assignments of known visits, in start order."""
    visits: list[Visit]
    """The visit of each assignment in runs."""
    shifts: list[Shift | None]
    """The shift holding each assignment, None if none does."""
    legs: list[int]
    """Travel minutes from runs[i] to runs[i+1]."""
    breaks: list[Break]
    """Planned breaks, in start order."""
    crew: Crew | None
    """The night crew the carer is in on this date, if any."""
    blocks: list[Block]
    """Working periods, in start order."""

    @property
    def worked_minutes(self) -> int:
        """Visits, travel and waiting inside working periods, minus breaks taken inside them."""
        total = sum(b.end - b.start for b in self.blocks)
        for brk in self.breaks:
            if any(b.start <= brk.start and brk.start + brk.minutes <= b.end for b in self.blocks):
                total -= brk.minutes
        return max(total, 0)

    @property
    def working_legs(self) -> list[int]:
        """Indexes i of the legs runs[i] -> runs[i + 1] travelled at work: both visits in one
        working period. Across a split shift's gap the carer goes home instead, which the home
        legs of the two periods count, so that leg is no journey anybody makes."""
        period = {i: k for k, block in enumerate(self.blocks) for i in block.runs}
        return [i for i in range(len(self.legs)) if period.get(i) == period.get(i + 1)]

    @property
    def travel_minutes(self) -> int:
        """Travel between visits at work (working time, paid under the minimum wage rules)."""
        return sum(self.legs[i] for i in self.working_legs)

    @property
    def span(self) -> tuple[int, int] | None:
        """First start to last end of the visits, or None with no visits."""
        if not self.runs:
            return None
        return self.runs[0].start, max(a.end for a in self.runs)


def leg_mode(carer: Carer, before: Visit, after: Visit) -> Transport:
    """A night crew shares one car; otherwise the carer's own transport."""
    if before.service is Service.NIGHT and after.service is Service.NIGHT:
        return Transport.CAR
    return carer.transport


class RotaIndex:
    """The rota grouped once: by visit, by carer-day, breaks, crews and uncovered entries."""

    def __init__(self, week: Week, rota: Rota):
        self.week = week
        self.rota = rota
        self.by_visit: dict[str, list[Assignment]] = {}
        self.by_carer_day: dict[tuple[str, dt.date], list[Assignment]] = {}
        for a in rota.assignments:
            self.by_visit.setdefault(a.visit_id, []).append(a)
            self.by_carer_day.setdefault((a.carer_id, a.date), []).append(a)
        self.breaks: dict[tuple[str, dt.date], list[Break]] = {}
        for brk in rota.breaks:
            self.breaks.setdefault((brk.carer_id, brk.date), []).append(brk)
        self.crews_of: dict[tuple[str, dt.date], list[Crew]] = {}
        for crew in rota.crews:
            for carer_id in crew.carer_ids:
                self.crews_of.setdefault((carer_id, crew.date), []).append(crew)
        self.uncovered: dict[str, list[Uncovered]] = {}
        for u in rota.uncovered:
            self.uncovered.setdefault(u.visit_id, []).append(u)
        self._days: dict[tuple[str, dt.date], CarerDay] = {}
        self._keys: list[tuple[str, dt.date]] | None = None
        self._dates: dict[str, list[dt.date]] = {}

    def with_assignment(self, a: Assignment) -> "RotaIndex":
        """This index with one more assignment, reusing every carer-day it does not touch (the
        candidate ranking tries many single moves on one rota)."""
        other = object.__new__(RotaIndex)
        other.week = self.week
        other.rota = Rota(
            self.rota.week_start, self.rota.assignments + (a,), self.rota.breaks, self.rota.uncovered,
            self.rota.crews, self.rota.status,
        )
        other.by_visit = dict(self.by_visit)
        other.by_visit[a.visit_id] = other.by_visit.get(a.visit_id, []) + [a]
        other.by_carer_day = dict(self.by_carer_day)
        other.by_carer_day[(a.carer_id, a.date)] = other.by_carer_day.get((a.carer_id, a.date), []) + [a]
        other.breaks, other.crews_of, other.uncovered = self.breaks, self.crews_of, self.uncovered
        other._days = {k: d for k, d in self._days.items() if k != (a.carer_id, a.date)}
        other._keys, other._dates = None, {}
        return other

    def carer_keys(self) -> list[tuple[str, dt.date]]:
        """Every (carer, date) with assignments, breaks or a crew, known carers only, sorted."""
        if self._keys is None:
            keys = set(self.by_carer_day) | set(self.breaks) | set(self.crews_of)
            self._keys = sorted(k for k in keys if k[0] in self.week.carers)
            for carer_id, day in self._keys:
                self._dates.setdefault(carer_id, []).append(day)
        return self._keys

    def day(self, carer_id: str, day: dt.date) -> CarerDay:
        """The carer-day, built on first use."""
        key = (carer_id, day)
        found = self._days.get(key)
        if found is None:
            found = self._days[key] = self._build_day(self.week.carers[carer_id], day)
        return found

    def dates_of(self, carer_id: str) -> list[dt.date]:
        """The dates the carer has assignments, breaks or a crew, in order."""
        self.carer_keys()
        return self._dates.get(carer_id, [])

    def days_of(self, carer_id: str) -> list[CarerDay]:
        """The carer's working days this week, in date order."""
        self.carer_keys()
        return [self.day(carer_id, d) for d in self._dates.get(carer_id, ())]

    def _build_day(self, carer: Carer, day: dt.date) -> CarerDay:
        crews = self.crews_of.get((carer.id, day), [])
        return carer_day(self.week, carer, day, self.by_carer_day.get((carer.id, day), ()),
                         self.breaks.get((carer.id, day), ()), crews[0] if crews else None)


def carer_day(
    week: Week, carer: Carer, day: dt.date, assignments: Iterable[Assignment], breaks: Iterable[Break] = (),
    crew: Crew | None = None,
) -> CarerDay:
    """One carer-day as the rules see it, from its assignments, planned breaks and night crew."""
    runs = sorted((a for a in assignments if a.visit_id in week.visits), key=lambda a: (a.start, a.visit_id))
    visits = [week.visits[a.visit_id] for a in runs]
    shifts = [shift_containing(carer, day, a.start, a.end) for a in runs]
    legs = [
        week.minutes(visits[i].location, visits[i + 1].location, leg_mode(carer, visits[i], visits[i + 1]))
        for i in range(len(runs) - 1)
    ]
    blocks = _blocks(runs, visits, shifts, crew, week.settings)
    return CarerDay(carer, day, runs, visits, shifts, legs, sorted(breaks, key=lambda b: b.start), crew, blocks)


def _blocks(
    runs: list[Assignment], visits: list[Visit], shifts: list[Shift | None], crew: Crew | None, settings: Settings
) -> list[Block]:
    """Working periods: day visits split where they move to another shift (the gap between split
    shifts is not work); night visits and a crew's round form one period, on duty for the round."""
    blocks: list[Block] = []
    night: Block | None = None
    if crew is not None:
        night = Block(settings.night_round_start, settings.night_round_end, True, None)
    current: Block | None = None
    for i, (a, visit, shift) in enumerate(zip(runs, visits, shifts)):
        if visit.service is Service.NIGHT:
            if night is None:
                night = Block(a.start, a.end, True, shift)
            night.start, night.end = min(night.start, a.start), max(night.end, a.end)
            night.runs.append(i)
            continue
        moved = current is not None and shift is not None and current.shift is not None and shift != current.shift
        if current is None or moved:
            current = Block(a.start, a.end, False, shift)
            blocks.append(current)
        current.end = max(current.end, a.end)
        current.shift = current.shift or shift
        current.runs.append(i)
    if night is not None:
        blocks.append(night)
    blocks.sort(key=lambda b: b.start)
    return blocks
