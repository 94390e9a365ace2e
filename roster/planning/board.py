"""The week board as data: each carer's run per day, what is left uncovered, and the flags a
front end colours. Headless: the TUI renders it, tests and the benchmark assert on it.

A board is built once for the whole week, then only the carer-days a change touched are
recomputed (`refresh_cells`), so a move redraws a handful of cells, not seven hundred.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from roster.domain import AbsenceKind, Assignment, Carer, Provider, Rota, RotaStatus, Visit
from roster.domain.clock import week_dates
from roster.domain.travel import TravelModel
from roster.store import draft_revision, load_provider, load_rota, open_db

CellKey = tuple[str, dt.date]
"""(carer id, date): one cell of the board, one carer's run on one day."""


class CellState(str, Enum):
    """What colour a cell takes, most urgent first."""

    BREACH = "breach"
    SICKNESS = "sickness"
    LEAVE = "leave"
    PINNED = "pinned"
    PUBLISHED = "published"
    DRAFT = "draft"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Run:
    """One carer's run on one day, summarised for a board cell."""

    carer_id: str
    """Whose run."""
    date: dt.date
    """Which day."""
    assignments: tuple[Assignment, ...]
    """The visits, in start order."""
    care_minutes: int
    """Minutes of care delivered."""
    travel_minutes: int
    """Minutes travelling between consecutive visits (home legs excluded, as for pay)."""
    pinned: int
    """How many of the visits are pinned."""
    breaches: tuple[str, ...]
    """Rules the run breaks, as short texts from the rule checker."""
    absence: AbsenceKind | None
    """Leave, sickness or training touching the day, if any."""
    on_shift: bool
    """The carer has availability that weekday."""
    published: bool
    """The run is exactly as in the published rota."""

    @property
    def visits(self) -> int:
        """Number of visits."""
        return len(self.assignments)

    @property
    def first_start(self) -> int | None:
        """Start of the first visit."""
        return self.assignments[0].start if self.assignments else None

    @property
    def last_end(self) -> int | None:
        """End of the last visit."""
        return max(a.end for a in self.assignments) if self.assignments else None

    @property
    def state(self) -> CellState:
        """The colour the cell takes."""
        if self.breaches:
            return CellState.BREACH
        if self.absence is AbsenceKind.SICKNESS:
            return CellState.SICKNESS
        if self.absence is not None:
            return CellState.LEAVE
        if self.pinned:
            return CellState.PINNED
        if not self.assignments:
            return CellState.OFF
        return CellState.PUBLISHED if self.published else CellState.DRAFT


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the week the rota covers."""

    visits: int
    """Visits due this week (day and night)."""
    uncovered_visits: tuple[str, ...]
    """Ids of visits without enough carers, in date and time order."""
    uncovered_clients: int
    """Distinct clients with at least one uncovered visit."""


@dataclass
class Week:
    """The week a coordinator opened: provider data, the draft and where they came from."""

    db_path: Path
    """The database file."""
    monday: dt.date
    """Monday of the week."""
    provider: Provider
    """Carers, clients, schedules, absences, settings."""
    rota: Rota
    """The draft (empty if none was saved yet)."""
    revision: int
    """The draft's revision when read: saves refuse if it moved on."""
    visits: dict[str, Visit]
    """Every visit due in the week, by id."""
    published: Rota | None = None
    """The latest published rota of the week, if any."""
    travel: TravelModel = field(init=False)
    """The one travel estimate, with this week's settings."""

    def __post_init__(self) -> None:
        self.travel = TravelModel(self.provider.settings_for(self.monday))

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The seven dates."""
        return week_dates(self.monday)


def open_week(db_path: Path | str, monday: dt.date) -> Week:
    """Read provider data and the week's draft (and published rota) from the database."""
    db = open_db(db_path)
    try:
        provider = load_provider(db)
        draft = load_rota(db, monday, RotaStatus.DRAFT)
        published = load_rota(db, monday, RotaStatus.PUBLISHED)
        revision = draft_revision(db, monday)
    finally:
        db.close()
    visits = {v.id: v for v in provider.visits_for_week(monday)}
    return Week(
        db_path=Path(db_path), monday=monday, provider=provider,
        rota=draft or Rota(week_start=monday), revision=revision, visits=visits, published=published,
    )


def _absence_on(provider_absences: Iterable, day: dt.date) -> AbsenceKind | None:
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    kinds = {a.kind for a in provider_absences if a.covers(start, end)}
    for kind in (AbsenceKind.SICKNESS, AbsenceKind.LEAVE, AbsenceKind.TRAINING):
        if kind in kinds:
            return kind
    return None


def run_travel(week: Week, carer: Carer, assignments: Iterable[Assignment]) -> int:
    """Minutes travelling between consecutive visits of a run."""
    total = 0
    previous = None
    for a in assignments:
        visit = week.visits.get(a.visit_id)
        if visit is None:
            continue
        if previous is not None:
            total += week.travel.minutes(previous.location, visit.location, carer.transport)
        previous = visit
    return total


def build_run(
    week: Week,
    carer: Carer,
    day: dt.date,
    assignments: tuple[Assignment, ...],
    breaches: tuple[str, ...] = (),
    published_runs: Mapping[CellKey, list[Assignment]] | None = None,
    absences: Iterable = (),
) -> Run:
    """Summarise one carer's day."""
    published = bool(published_runs is not None and assignments
                     and tuple(published_runs.get((carer.id, day), ())) == assignments)
    return Run(
        carer_id=carer.id, date=day, assignments=assignments,
        care_minutes=sum(a.end - a.start for a in assignments),
        travel_minutes=run_travel(week, carer, assignments),
        pinned=sum(a.pinned for a in assignments),
        breaches=breaches,
        absence=_absence_on(absences, day),
        on_shift=bool(carer.shifts_on(day.weekday())),
        published=published,
    )


class Board:
    """The week's runs per carer-day and its coverage, kept current cell by cell."""

    def __init__(self, week: Week, rota: Rota, breaches: Mapping[CellKey, tuple[str, ...]] | None = None):
        self.week = week
        self.rota = rota
        self.carers: tuple[Carer, ...] = tuple(c for c in week.provider.carers)
        self._absences: dict[str, list] = {}
        for absence in week.provider.absences:
            self._absences.setdefault(absence.carer_id, []).append(absence)
        self._published = week.published.by_carer_day() if week.published else None
        self.runs: dict[CellKey, Run] = {}
        self.visit_notes: dict[str, list[str]] = {}
        """Visit id -> the rule checker's messages about it."""
        self.coverage = compute_coverage(week, rota)
        groups = rota.by_carer_day()
        breaches = breaches or {}
        for carer in self.carers:
            for day in week.dates:
                key = (carer.id, day)
                self.runs[key] = build_run(
                    week, carer, day, tuple(groups.get(key, ())), breaches.get(key, ()),
                    self._published, self._absences.get(carer.id, ()),
                )

    def refresh_cells(
        self, rota: Rota, keys: Iterable[CellKey], breaches: Mapping[CellKey, tuple[str, ...]] | None = None
    ) -> list[CellKey]:
        """Take the new rota, recompute only the given cells; return the keys whose run changed."""
        self.rota = rota
        self.coverage = compute_coverage(self.week, rota)
        keys = set(keys)
        wanted_carers = {carer_id for carer_id, _ in keys}
        groups: dict[CellKey, list[Assignment]] = {}
        for a in rota.assignments:
            if a.carer_id in wanted_carers and (a.carer_id, a.date) in keys:
                groups.setdefault((a.carer_id, a.date), []).append(a)
        breaches = breaches or {}
        changed = []
        for key in keys:
            if key not in self.runs:
                continue
            carer = self.week.provider.carer(key[0])
            run = build_run(
                self.week, carer, key[1],
                tuple(sorted(groups.get(key, ()), key=lambda a: (a.start, a.visit_id))),
                breaches.get(key, ()),
                self._published, self._absences.get(carer.id, ()),
            )
            if run != self.runs[key]:
                self.runs[key] = run
                changed.append(key)
        return changed

    def carer_week(self, carer_id: str) -> list[Run]:
        """A carer's seven runs."""
        return [self.runs[(carer_id, day)] for day in self.week.dates]

    def day_runs(self, day: dt.date) -> list[Run]:
        """Every carer's run on one day, in carer order."""
        return [self.runs[(c.id, day)] for c in self.carers]


def compute_coverage(week: Week, rota: Rota) -> Coverage:
    """Count the visits without enough carers, and the clients they leave without care."""
    assigned: dict[str, int] = {}
    for a in rota.assignments:
        assigned[a.visit_id] = assigned.get(a.visit_id, 0) + 1
    short = [v for v in week.visits.values() if assigned.get(v.id, 0) < v.carers_needed]
    return Coverage(
        visits=len(week.visits),
        uncovered_visits=tuple(v.id for v in short),
        uncovered_clients=len({v.client_id for v in short}),
    )
