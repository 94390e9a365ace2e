"""The planted daytime rota: a greedy insertion constructor that places visits one by one into
carers' runs, keeping every hard rule, so that the week is known to be coverable.

Each shift is a tour from the carer's home. Visits keep their windows inside a tour and start as
early as travel allows, so a later visit can be slotted in by pushing the ones after it (within
their windows); a double-up is pinned at the start both carers agreed. A visit goes where it adds
least travel, nudged towards carers the client already knows and away from carers past their
contract. It is not meant to be good, only feasible: the solver is measured against it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roster.domain import Absence, Assignment, Break, Carer, Client, Service, Settings, Shift, Visit

from .routes import Legs, Opening, Stop, Times, break_start, needs_break

NEW_CARER_COST = 10
"""Minutes of travel worth trading for a carer the client has already met this week."""
PREFERRED_GENDER_COST = 5
"""Minutes of travel worth trading for the client's (non-binding) preferred gender."""
OVER_CONTRACT_COST_PER_HOUR = 4
"""Minutes of travel worth trading per hour a carer would work beyond contract."""
DOUBLE_UP_FIRST_CARERS = 25
"""How many cheapest openings to try as the first carer of a double-up."""


@dataclass(slots=True)
class Tour:
    """One shift of a carer on a date: a run from home and back."""

    shift: Shift
    """The availability shift."""
    stops: list[Stop] = field(default_factory=list)
    """Visits placed, in order."""
    earliest: list[int] = field(default_factory=list)
    """Earliest start of each stop (the planned start)."""
    latest: list[int] = field(default_factory=list)
    """Latest start of each stop that keeps every later one in its window."""

    def times(self) -> Times:
        """(start, end) of each stop at its planned start."""
        return [(e, e + s.duration) for e, s in zip(self.earliest, self.stops)]


@dataclass(slots=True)
class CarerDay:
    """A carer's tours on one date."""

    carer: Carer
    """The carer."""
    date: dt.date
    """The date."""
    tours: list[Tour]
    """Usable shifts (not overlapping an absence), earliest first."""


class DayPlanter:
    """Places daytime visits into carers' runs, one at a time."""

    def __init__(
        self, settings: Settings, legs: Legs, carers: list[Carer], absences: list[Absence],
        clients: dict[str, Client],
    ):
        self.settings = settings
        self.legs = legs
        self.carers = [c for c in carers if c.day_worker]
        self.clients = clients
        self.absences: dict[str, list[Absence]] = {}
        for absence in absences:
            self.absences.setdefault(absence.carer_id, []).append(absence)
        self.days: dict[tuple[str, dt.date], CarerDay] = {}
        self.on_weekday: list[list[tuple[Carer, tuple[Shift, ...]]]] = [
            [(c, c.shifts_on(d)) for c in self.carers if c.shifts_on(d)] for d in range(7)
        ]
        """Per weekday, the carers with shifts that day and their shifts."""
        self.worked: dict[str, int] = {c.id: 0 for c in self.carers}
        self.met: dict[str, set[str]] = {}

    def day(self, carer: Carer, date: dt.date) -> CarerDay:
        """The carer's day, with the shifts an absence does not touch."""
        key = (carer.id, date)
        found = self.days.get(key)
        if found is None:
            midnight = dt.datetime.combine(date, dt.time())
            tours = [
                Tour(s) for s in carer.shifts_on(date.weekday())
                if not any(
                    a.covers(midnight + dt.timedelta(minutes=s.start), midnight + dt.timedelta(minutes=s.end))
                    for a in self.absences.get(carer.id, ())
                )
            ]
            found = self.days[key] = CarerDay(carer, date, tours)
        return found

    def may_visit(self, carer: Carer, visit: Visit) -> bool:
        """Skills, declined carers and a required gender."""
        client = self.clients[visit.client_id]
        return (
            visit.skills <= carer.skills
            and carer.id not in client.declined_carers
            and not (client.gender_required and carer.gender != client.preferred_gender)
        )

    def _earliest(self, carer: Carer, shift: Shift, stops: list[Stop]) -> list[int] | None:
        """Earliest start of each stop leaving home at the shift start; None if a window or the
        return home by the shift end is missed."""
        legs = self.legs.by(carer.transport)
        starts, clock, here = [], shift.start, carer.home
        for stop in stops:
            clock = max(stop.window_start, clock + legs(here, stop.location))
            if clock > stop.window_end:
                return None
            starts.append(clock)
            clock += stop.duration
            here = stop.location
        if clock + legs(here, carer.home) > shift.end:
            return None
        return starts

    def _latest(self, carer: Carer, shift: Shift, stops: list[Stop]) -> list[int]:
        """Latest start of each stop that still gets every later one in and the carer home."""
        legs = self.legs.by(carer.transport)
        starts, clock, here = [0] * len(stops), shift.end, carer.home
        for i in range(len(stops) - 1, -1, -1):
            stop = stops[i]
            clock = min(stop.window_end, clock - legs(stop.location, here) - stop.duration)
            starts[i] = clock
            here = stop.location
        return starts

    def openings(self, cday: CarerDay, visit: Visit) -> list[Opening]:
        """Where the visit fits in the carer's tours, with the range of starts it can take there."""
        carer, found = cday.carer, []
        legs = self.legs.by(carer.transport)
        home, here, duration = carer.home, visit.location, visit.duration
        for r, tour in enumerate(cday.tours):
            shift, stops = tour.shift, tour.stops
            if shift.end < visit.window_start + duration or shift.start > visit.window_end:
                continue
            for pos in range(len(stops) + 1):
                before = stops[pos - 1] if pos else None
                after = stops[pos] if pos < len(stops) else None
                ready = tour.earliest[pos - 1] + before.duration if before else shift.start
                if ready > visit.window_end:
                    break
                due = tour.latest[pos] if after else shift.end
                if due < visit.window_start + duration:
                    continue
                came_from = before.location if before else home
                going_to = after.location if after else home
                arrive = legs(came_from, here)
                leave = legs(here, going_to)
                earliest = max(visit.window_start, ready + arrive)
                latest = min(visit.window_end, due - leave - duration)
                if earliest > latest:
                    continue
                direct = legs(came_from, going_to) if before or after else 0
                found.append(Opening(r, pos, earliest, latest, arrive + leave - direct))
        return found

    def cost(self, carer: Carer, visit: Visit, opening: Opening) -> float:
        """Added travel, nudged towards continuity, preferred gender and contracted hours."""
        client = self.clients[visit.client_id]
        cost = float(opening.added_travel)
        if carer.id not in self.met.get(client.id, ()):
            cost += NEW_CARER_COST
        if client.preferred_gender is not None and carer.gender != client.preferred_gender:
            cost += PREFERRED_GENDER_COST
        over = self.worked[carer.id] + visit.duration - carer.contracted_minutes
        if over > 0:
            cost += OVER_CONTRACT_COST_PER_HOUR * over / 60
        return cost

    def _tour_minutes(self, carer: Carer, times: Times, stops: list[Stop]) -> int:
        """Minutes from leaving home to getting back: more than the rules count as work."""
        if not stops:
            return 0
        out = self.legs(carer.home, stops[0].location, carer.transport)
        back = self.legs(stops[-1].location, carer.home, carer.transport)
        return times[-1][1] + back - times[0][0] + out

    def _tentative(self, cday: CarerDay, opening: Opening, stop: Stop) -> tuple[list[Stop], list[int]] | None:
        tour = cday.tours[opening.run]
        stops = tour.stops[: opening.position] + [stop] + tour.stops[opening.position:]
        starts = self._earliest(cday.carer, tour.shift, stops)
        return (stops, starts) if starts is not None else None

    def fits(self, cday: CarerDay, opening: Opening, stop: Stop) -> bool:
        """The day stays within the longest shift, keeps room for a break when it needs one and
        the week within 48 hours (unless opted out). Daily rest is not forced: split-shift carers
        are exempt and owed compensatory rest, which the rota reports."""
        settings, carer = self.settings, cday.carer
        tentative = self._tentative(cday, opening, stop)
        if tentative is None:
            return False
        stops, starts = tentative
        runs = []
        for r, tour in enumerate(cday.tours):
            if r == opening.run:
                runs.append((stops, [(e, e + s.duration) for e, s in zip(starts, stops)]))
            else:
                runs.append((tour.stops, tour.times()))
        times = [t for _, run_times in runs for t in run_times]
        if times[-1][1] - times[0][0] > settings.max_shift_minutes:
            return False
        if needs_break(times, settings):
            day_stops = [s for run_stops, _ in runs for s in run_stops]
            gaps = [self.legs(a.location, b.location, carer.transport) for a, b in zip(day_stops, day_stops[1:])]
            if break_start(times, gaps, settings.break_minutes) is None:
                return False
        if not carer.opted_out_48h:
            old = sum(self._tour_minutes(carer, t.times(), t.stops) for t in cday.tours)
            new = sum(self._tour_minutes(carer, run_times, run_stops) for run_stops, run_times in runs)
            if self.worked[carer.id] - old + new > settings.max_week_minutes:
                return False
        return True

    def place(self, cday: CarerDay, opening: Opening, stop: Stop, client_id: str) -> None:
        """Put the visit in the run and re-time the run."""
        carer = cday.carer
        tour = cday.tours[opening.run]
        before = self._tour_minutes(carer, tour.times(), tour.stops)
        tour.stops.insert(opening.position, stop)
        tour.earliest = self._earliest(carer, tour.shift, tour.stops)
        tour.latest = self._latest(carer, tour.shift, tour.stops)
        self.worked[carer.id] += self._tour_minutes(carer, tour.times(), tour.stops) - before
        self.met.setdefault(client_id, set()).add(carer.id)

    def _options(self, visit: Visit) -> list[tuple[float, str, CarerDay, Opening]]:
        options = []
        first, last = visit.window_start + visit.duration, visit.window_end
        for carer, shifts in self.on_weekday[visit.date.weekday()]:
            if not any(s.start <= last and s.end >= first for s in shifts) or not self.may_visit(carer, visit):
                continue
            cday = self.day(carer, visit.date)
            for opening in self.openings(cday, visit):
                options.append((self.cost(carer, visit, opening), carer.id, cday, opening))
        options.sort(key=lambda o: (o[0], o[1], o[3].run, o[3].position))
        return options

    def plant(self, visit: Visit) -> bool:
        """Place one daytime visit (both carers of a double-up at one fixed start); False if it
        fits nowhere."""
        options = self._options(visit)
        if visit.carers_needed == 1:
            stop = Stop(visit.id, visit.location, visit.window_start, visit.window_end, visit.duration)
            for _, _, cday, opening in options:
                if self.fits(cday, opening, stop):
                    self.place(cday, opening, stop, visit.client_id)
                    return True
            return False
        for i, (_, first_id, first, a) in enumerate(options[:DOUBLE_UP_FIRST_CARERS]):
            for _, second_id, second, b in options[i + 1:]:
                start = max(a.earliest, b.earliest)
                if second_id == first_id or start > min(a.latest, b.latest):
                    continue
                stop = Stop(visit.id, visit.location, start, start, visit.duration)
                if self.fits(first, a, stop) and self.fits(second, b, stop):
                    self.place(first, a, stop, visit.client_id)
                    self.place(second, b, stop, visit.client_id)
                    return True
        return False

    def rota(self) -> tuple[list[Assignment], list[Break]]:
        """Every placed visit at its planned start, and a break in each day long enough to need one
        (in the gap nearest the middle of the day)."""
        assignments, breaks = [], []
        for (carer_id, date), cday in sorted(self.days.items()):
            times = [t for tour in cday.tours for t in tour.times()]
            stops = [s for tour in cday.tours for s in tour.stops]
            for (start, end), stop in zip(times, stops):
                assignments.append(Assignment(stop.visit_id, carer_id, date, start, end))
            if needs_break(times, self.settings):
                mode = cday.carer.transport
                gaps = [self.legs(a.location, b.location, mode) for a, b in zip(stops, stops[1:])]
                breaks.append(Break(carer_id, date, break_start(times, gaps, self.settings.break_minutes),
                                    self.settings.break_minutes))
        return assignments, breaks


def planting_order(visits: list[Visit]) -> list[Visit]:
    """Day by day, hardest first: double-ups, then fixed times, then the narrowest windows."""
    day = [v for v in visits if v.service is Service.DAY]
    return sorted(
        day,
        key=lambda v: (v.date, -v.carers_needed, not v.fixed_time, v.window_end - v.window_start, v.window_start, v.id),
    )
