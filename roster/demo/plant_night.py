"""The planted night rota: crews of two night workers formed for each night, and every planned
night visit given to both carers of one crew at the same start, keeping room in every hour of the
round for responsive calls and a break in a long night."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roster.domain import Absence, Assignment, Break, Carer, Client, Crew, Service, Settings, Transport, Visit

from .routes import Legs, Opening, Stop, Times, break_start, needs_break, reserve_kept


@dataclass(slots=True)
class Round:
    """One crew's night: the two carers and the visits placed so far."""

    crew: Crew
    """The crew."""
    carers: tuple[Carer, Carer]
    """The two carers (each carer on a visit needs its skills)."""
    stops: list[Stop] = field(default_factory=list)
    """Visits placed at fixed starts (window_start), in start order."""


def form_crews(
    night_workers: list[Carer], absences: list[Absence], date: dt.date, settings: Settings, most: int
) -> list[Round]:
    """Pair the night workers rostered and not away that night, at most `most` crews; the order
    rotates night by night so that carers work with different partners."""
    start = dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=settings.night_round_start)
    end = start + dt.timedelta(minutes=settings.night_round_end - settings.night_round_start)
    away = {a.carer_id for a in absences if a.covers(start, end)}
    rostered = [
        c for c in night_workers
        if c.id not in away and any(
            s.start <= settings.night_round_start and settings.night_round_end <= s.end
            for s in c.shifts_on(date.weekday())
        )
    ]
    turn = date.toordinal() % len(rostered) if rostered else 0
    rostered = rostered[turn:] + rostered[:turn]
    rounds = []
    for k in range(min(most, len(rostered) // 2)):
        a, b = rostered[2 * k], rostered[2 * k + 1]
        crew = Crew(id=f"N{k + 1}@{date.isoformat()}", date=date, carer_ids=(a.id, b.id))
        rounds.append(Round(crew, (a, b)))
    return rounds


class NightPlanter:
    """Places the night visits of each night into the crews' rounds."""

    def __init__(self, settings: Settings, legs: Legs, clients: dict[str, Client]):
        self.settings = settings
        self.legs = legs
        self.clients = clients

    def may_visit(self, round_: Round, visit: Visit) -> bool:
        """Both carers have the skills, neither is declined, both are of a required gender."""
        client = self.clients[visit.client_id]
        return all(
            visit.skills <= carer.skills
            and carer.id not in client.declined_carers
            and not (client.gender_required and carer.gender != client.preferred_gender)
            for carer in round_.carers
        )

    def _legs(self, stops: list[Stop]) -> list[int]:
        return [self.legs(a.location, b.location, Transport.CAR) for a, b in zip(stops, stops[1:])]

    @staticmethod
    def _times(stops: list[Stop]) -> Times:
        return [(s.window_start, s.window_start + s.duration) for s in stops]

    def openings(self, round_: Round, visit: Visit) -> list[Opening]:
        """Where the visit fits in the round (the crew's car goes from visit to visit)."""
        settings, stops, found = self.settings, round_.stops, []
        for pos in range(len(stops) + 1):
            before = stops[pos - 1] if pos else None
            after = stops[pos] if pos < len(stops) else None
            if before is not None and before.window_start + before.duration > visit.window_end:
                break
            arrive = self.legs(before.location, visit.location, Transport.CAR) if before else 0
            leave = self.legs(visit.location, after.location, Transport.CAR) if after else 0
            ready = before.window_start + before.duration if before else settings.night_round_start
            earliest = max(visit.window_start, ready + arrive)
            due = after.window_start if after else settings.night_round_end
            latest = min(visit.window_end, due - leave - visit.duration)
            if earliest > latest:
                continue
            direct = self.legs(before.location, after.location, Transport.CAR) if before and after else 0
            found.append(Opening(0, pos, earliest, latest, arrive + leave - direct))
        return found

    def fits(self, round_: Round, opening: Opening, stop: Stop) -> bool:
        """The round keeps its hourly reserve, its length limit and room for a break if long."""
        settings = self.settings
        stops = list(round_.stops)
        stops.insert(opening.position, stop)
        times = self._times(stops)
        if times[-1][1] - times[0][0] > settings.max_shift_minutes:
            return False
        gaps = self._legs(stops)
        if needs_break(times, settings) and break_start(times, gaps, settings.break_minutes) is None:
            return False
        return reserve_kept(times, gaps, settings)

    def plant(self, rounds: list[Round], visit: Visit) -> Round | None:
        """Give the visit to the crew whose round it fits with least added travel; None if none."""
        options = sorted(
            ((o.added_travel, len(r.stops), i, o) for i, r in enumerate(rounds) if self.may_visit(r, visit)
             for o in self.openings(r, visit)),
            key=lambda x: x[:3],
        )
        for _, _, i, opening in options:
            stop = Stop(visit.id, visit.location, opening.earliest, opening.earliest, visit.duration)
            if self.fits(rounds[i], opening, stop):
                rounds[i].stops.insert(opening.position, stop)
                return rounds[i]
        return None

    def night(
        self, night_workers: list[Carer], absences: list[Absence], date: dt.date, visits: list[Visit], most: int
    ) -> tuple[list[Crew], list[Assignment], list[Break]]:
        """Plant one night: crews with at least one visit, both carers on each visit, their breaks."""
        rounds = form_crews(night_workers, absences, date, self.settings, most)
        for visit in sorted(visits, key=lambda v: (v.window_start, v.window_end, v.id)):
            if visit.service is Service.NIGHT and visit.date == date:
                self.plant(rounds, visit)
        crews, assignments, breaks = [], [], []
        for round_ in rounds:
            if not round_.stops:
                continue
            crews.append(round_.crew)
            times = self._times(round_.stops)
            for stop, (start, end) in zip(round_.stops, times):
                for carer_id in round_.crew.carer_ids:
                    assignments.append(Assignment(stop.visit_id, carer_id, date, start, end))
            if needs_break(times, self.settings):
                start = break_start(times, self._legs(round_.stops), self.settings.break_minutes)
                breaks.extend(Break(c, date, start, self.settings.break_minutes) for c in round_.crew.carer_ids)
        return crews, assignments, breaks
