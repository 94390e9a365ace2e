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

from roster.domain import AbsenceKind, Assignment, Break, Carer, Client, Crew, Provider, Rota, RotaStatus, Service, Visit
from roster.domain.clock import week_dates
from roster.domain.travel import TravelModel
from roster.rules import Candidate, CheckReport, Violation, check_rota, rank_candidates
from roster.rules.check import carer_day_violations
from roster.rules import Week as RulesWeek
from roster.rules.context import RotaIndex, carer_day
from roster.store import draft_revision, load_provider, load_rota, open_db

FULL_CHECK_OVER = 40
"""Above this many touched cells (a re-solve), one full check is cheaper than cell by cell."""

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
    """Travel between visits at work (home legs and a split shift's gap excluded)."""
    worked_minutes: int
    """Care, travel and waiting in the day's working periods, less breaks: the checker's worked time."""
    pinned: int
    """How many of the visits are pinned."""
    breaches: tuple[str, ...]
    """Hard rules the run breaks, as the rule checker's messages."""
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


def build_run(
    facts: RulesWeek,
    carer: Carer,
    day: dt.date,
    assignments: tuple[Assignment, ...],
    breaches: tuple[str, ...] = (),
    published_runs: Mapping[CellKey, list[Assignment]] | None = None,
    absences: Iterable = (),
    breaks: Iterable[Break] = (),
    crew: Crew | None = None,
) -> Run:
    """Summarise one carer's day, its hours as the rule checker counts them (docs/figures.md)."""
    published = bool(published_runs is not None and assignments
                     and tuple(published_runs.get((carer.id, day), ())) == assignments)
    counted = carer_day(facts, carer, day, assignments, breaks, crew)
    return Run(
        carer_id=carer.id, date=day, assignments=assignments,
        care_minutes=sum(a.end - a.start for a in assignments),
        travel_minutes=counted.travel_minutes,
        worked_minutes=counted.worked_minutes,
        pinned=sum(a.pinned for a in assignments),
        breaches=breaches,
        absence=_absence_on(absences, day),
        on_shift=bool(carer.shifts_on(day.weekday())),
        published=published,
    )


class Board:
    """The week's runs per carer-day, their violations and the coverage, kept current cell by cell."""

    def __init__(self, week: Week, rota: Rota, checker: "Checker | None" = None, *, check: bool = True):
        """With check=False the runs carry no flags until `take_report` (a front end draws first
        and checks in the background)."""
        self.week = week
        self._take_rota(rota)
        self.checker = checker or Checker(week)
        self.carers: tuple[Carer, ...] = tuple(week.provider.carers)
        self._absences: dict[str, list] = {}
        for absence in week.provider.absences:
            self._absences.setdefault(absence.carer_id, []).append(absence)
        self._published = week.published.by_carer_day() if week.published else None
        self.report: CheckReport | None = self.checker.full(rota) if check else None
        """The last full check (its measures lag behind cell edits until `recheck_all`)."""
        self.violations, self.week_violations, self.visit_violations = _group(
            self.report.violations if self.report else (), rota)
        self.coverage = compute_coverage(week, rota)
        self.runs: dict[CellKey, Run] = {}
        groups = rota.by_carer_day()
        for carer in self.carers:
            for day in week.dates:
                self.runs[(carer.id, day)] = self._run(carer, day, tuple(groups.get((carer.id, day), ())))

    def _run(self, carer: Carer, day: dt.date, assignments: tuple[Assignment, ...]) -> Run:
        breaches = tuple(v.message for v in self.violations.get((carer.id, day), ()) if v.hard)
        # The checker's week and its cached travel: legs the board measures first, the background
        # check reuses.
        key = (carer.id, day)
        crews = self._crews.get(key, ())
        return build_run(self.checker.facts, carer, day, assignments, breaches, self._published,
                         self._absences.get(carer.id, ()), self._breaks.get(key, ()), crews[0] if crews else None)

    def _take_rota(self, rota: Rota) -> None:
        self.rota = rota
        self._breaks: dict[CellKey, list[Break]] = {}
        for brk in rota.breaks:
            self._breaks.setdefault((brk.carer_id, brk.date), []).append(brk)
        self._crews: dict[CellKey, list[Crew]] = {}
        for crew in rota.crews:
            for carer_id in crew.carer_ids:
                self._crews.setdefault((carer_id, crew.date), []).append(crew)

    def refresh_cells(self, rota: Rota, keys: Iterable[CellKey]) -> list[CellKey]:
        """Take the new rota, re-check and recompute only the given cells (and double-up
        partners of their visits); return the keys whose run changed."""
        self._take_rota(rota)
        self.coverage = compute_coverage(self.week, rota)
        keys = {k for k in keys if k in self.runs}
        keys |= _partners(rota, keys)
        groups: dict[CellKey, list[Assignment]] = {}
        for a in rota.assignments:
            if (a.carer_id, a.date) in keys:
                groups.setdefault((a.carer_id, a.date), []).append(a)
        if len(keys) > FULL_CHECK_OVER:
            self.report = self.checker.full(rota)
            self.violations, self.week_violations, self.visit_violations = _group(self.report.violations, rota)
        else:
            cells, weekly, by_visit = _group(self.checker.cells(rota, keys), rota)
            for key in keys:
                self.violations[key] = cells.get(key, ())
            for carer_id in {c for c, _ in keys}:
                self.week_violations[carer_id] = weekly.get(carer_id, ())
            for visit_id in {a.visit_id for run in groups.values() for a in run}:
                self.visit_violations.pop(visit_id, None)
            self.visit_violations.update(by_visit)
        changed = []
        for key in keys:
            carer = self.week.provider.carer(key[0])
            run = self._run(carer, key[1], tuple(sorted(groups.get(key, ()), key=lambda a: (a.start, a.visit_id))))
            if run != self.runs[key]:
                self.runs[key] = run
                changed.append(key)
        return changed

    def take_report(self, report: CheckReport, rota: Rota) -> list[CellKey] | None:
        """Take a full check of `rota` made elsewhere (a background worker); return the cells whose
        flags changed, or None if the draft has moved on since and the check must run again."""
        if rota is not self.rota:
            return None
        self.report = report
        flagged_before = set(self.violations)
        self.violations, self.week_violations, self.visit_violations = _group(report.violations, rota)
        changed = []
        # Only cells flagged before or after can change; their assignments are as drawn.
        for key in (flagged_before | set(self.violations)) & self.runs.keys():
            old = self.runs[key]
            run = self._run(self.week.provider.carer(key[0]), key[1], old.assignments)
            if run != old:
                self.runs[key] = run
                changed.append(key)
        return changed

    def take_published(self) -> list[CellKey]:
        """The week was published: re-mark every run against the new version; return changed keys."""
        self._published = self.week.published.by_carer_day() if self.week.published else None
        groups = self.rota.by_carer_day()
        changed = []
        for (carer_id, day), old in self.runs.items():
            run = self._run(self.week.provider.carer(carer_id), day, tuple(groups.get((carer_id, day), ())))
            if run != old:
                self.runs[(carer_id, day)] = run
                changed.append((carer_id, day))
        return changed

    def visit_notes(self) -> dict[str, list[str]]:
        """Visit id -> the checker's hard messages about it, wherever they were found."""
        notes: dict[str, list[str]] = {}
        seen = set()
        for group in (*self.violations.values(), *self.visit_violations.values()):
            for v in group:
                if v.hard and v.visit_id and v not in seen:
                    seen.add(v)
                    notes.setdefault(v.visit_id, []).append(v.message)
        return notes

    def carer_week(self, carer_id: str) -> list[Run]:
        """A carer's seven runs."""
        return [self.runs[(carer_id, day)] for day in self.week.dates]

    def day_runs(self, day: dt.date) -> list[Run]:
        """Every carer's run on one day, in carer order."""
        return [self.runs[(c.id, day)] for c in self.carers]


class Checker:
    """The rule checker for one week, its rota-independent facts built once."""

    def __init__(self, week: Week):
        self.week = week
        self.facts = RulesWeek(week.provider, week.monday, visits=list(week.visits.values()), travel=week.travel)

    def full(self, rota: Rota) -> CheckReport:
        """Every violation and the measures."""
        return check_rota(self.week.provider, rota, week=self.facts)

    def candidates(self, rota: Rota, visit_id: str, replacing: str | None) -> list[Candidate]:
        """Every carer tried on the visit, best first, each with why it fits or not."""
        return rank_candidates(self.week.provider, rota, visit_id, replacing=replacing, week=self.facts)

    def cells(self, rota: Rota, keys: Iterable[CellKey]) -> list[Violation]:
        """The violations touching these carer-days."""
        index = RotaIndex(self.facts, rota)
        found: dict[Violation, None] = {}
        for carer_id, day in keys:
            found.update(dict.fromkeys(carer_day_violations(self.facts, index, carer_id, day)))
        return list(found)


def _partners(rota: Rota, keys: set[CellKey]) -> set[CellKey]:
    """Cells of the other carers on visits in these cells (a double-up's partner)."""
    visits = {a.visit_id for a in rota.assignments if (a.carer_id, a.date) in keys}
    return {(a.carer_id, a.date) for a in rota.assignments if a.visit_id in visits}


def _group(violations: tuple[Violation, ...] | list[Violation], rota: Rota):
    """Sort violations into carer-day cells, carers' weeks, and visits nobody is on."""
    carers_on: dict[str, list[tuple[str, dt.date]]] = {}
    if any(v.visit_id and not v.carer_id for v in violations):
        for a in rota.assignments:
            carers_on.setdefault(a.visit_id, []).append((a.carer_id, a.date))
    cells: dict[CellKey, list[Violation]] = {}
    weekly: dict[str, list[Violation]] = {}
    by_visit: dict[str, list[Violation]] = {}
    for v in violations:
        if v.carer_id and v.date:
            cells.setdefault((v.carer_id, v.date), []).append(v)
        elif v.carer_id:
            weekly.setdefault(v.carer_id, []).append(v)
        elif v.visit_id and carers_on.get(v.visit_id):
            for key in carers_on[v.visit_id]:
                cells.setdefault(key, []).append(v)
        elif v.visit_id:
            by_visit.setdefault(v.visit_id, []).append(v)
    freeze = lambda d: {k: tuple(dict.fromkeys(v)) for k, v in d.items()}  # noqa: E731
    return freeze(cells), freeze(weekly), freeze(by_visit)


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


@dataclass(frozen=True, slots=True)
class CarerSummary:
    """A carer's week as the carer view shows it."""

    carer: Carer
    """The carer."""
    worked_minutes: int
    """Visits, travel between them and waiting, as the Working Time Regulations count it."""
    care_minutes: int
    """Minutes of care."""
    travel_minutes: int
    """Minutes travelling between visits."""
    contracted_minutes: int
    """Contracted minutes a week."""
    working_time: tuple[Violation, ...]
    """Every breach (hard) and compensatory rest owed (soft) touching the carer this week."""
    pay_pence_per_hour: int
    """The carer's hourly rate, paid for care, travel and waiting."""
    week_pay_pence: int
    """Pay for the worked minutes."""
    living_wage_pence: int
    """The National Living Wage in force."""


def carer_summary(board: Board, carer_id: str) -> CarerSummary:
    """Hours against contract, working-time status and pay for one carer, from the current draft."""
    carer = board.week.provider.carer(carer_id)
    runs = board.carer_week(carer_id)
    worked = sum(r.worked_minutes for r in runs)
    found = [v for day in board.week.dates for v in board.violations.get((carer_id, day), ())]
    found += board.week_violations.get(carer_id, ())
    settings = board.week.provider.settings_for(board.week.monday)
    return CarerSummary(
        carer=carer, worked_minutes=worked,
        care_minutes=sum(r.care_minutes for r in runs), travel_minutes=sum(r.travel_minutes for r in runs),
        contracted_minutes=carer.contracted_minutes,
        working_time=tuple(sorted(dict.fromkeys(found), key=lambda v: (not v.hard, v.date or dt.date.min))),
        pay_pence_per_hour=carer.pay_pence_per_hour,
        week_pay_pence=round(carer.pay_pence_per_hour * worked / 60),
        living_wage_pence=settings.national_living_wage_pence,
    )


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """A client's week as the client view shows it."""

    client: Client
    """The client."""
    rows: tuple[tuple[Visit, Assignment | None], ...]
    """Each visit with each carer on it, or None when nobody is."""
    visits: int
    """Visits due this week."""
    uncovered: int
    """Visits without enough carers."""
    carers: dict[str, int]
    """Carer id -> visits they make to the client, most first (continuity)."""


def client_summary(board: Board, client_id: str) -> ClientSummary:
    """Who comes when, and how many different carers, for one client."""
    client = board.week.provider.client(client_id)
    on: dict[str, list[Assignment]] = {}
    for a in board.rota.assignments:
        on.setdefault(a.visit_id, []).append(a)
    rows: list[tuple[Visit, Assignment | None]] = []
    counts: dict[str, int] = {}
    due = [v for v in board.week.visits.values() if v.client_id == client_id]
    for visit in due:
        for a in sorted(on.get(visit.id, ()), key=lambda a: a.carer_id) or [None]:
            rows.append((visit, a))
            if a is not None:
                counts[a.carer_id] = counts.get(a.carer_id, 0) + 1
    short = set(board.coverage.uncovered_visits)
    return ClientSummary(
        client=client, rows=tuple(rows), visits=len(due), uncovered=sum(v.id in short for v in due),
        carers=dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def hours_against_contract(board: Board) -> list[tuple[str, int, int]]:
    """(carer id, worked minutes this week, contracted minutes), in carer order."""
    return [(c.id, sum(r.worked_minutes for r in board.carer_week(c.id)), c.contracted_minutes) for c in board.carers]


def travel_share_by_day(board: Board) -> list[tuple[dt.date, float]]:
    """(date, travel between visits / worked time) for each day of the board's rota."""
    return travel_share_of_worked_time_by_day(board, board.rota)


@dataclass(frozen=True, slots=True)
class CrewRound:
    """One night crew's round: the two carers and the night visits they make together."""

    crew: Crew
    """The crew (two carers sharing a car)."""
    visits: tuple[tuple[Visit, Assignment], ...]
    """The round's visits in start order, each with one of the crew's assignments."""

    @property
    def slot(self) -> str:
        """The crew's name without the date, e.g. 'N1': the row it takes in the night view."""
        return self.crew.id.split("@")[0]


def night_rounds(board: Board) -> dict[tuple[str, dt.date], CrewRound]:
    """(crew slot, night) -> that crew's round, from the draft's crews and night visits."""
    by_carer_day: dict[CellKey, list[Assignment]] = {}
    for a in board.rota.assignments:
        visit = board.week.visits.get(a.visit_id)
        if visit is not None and visit.service is Service.NIGHT:
            by_carer_day.setdefault((a.carer_id, a.date), []).append(a)
    rounds = {}
    for crew in board.rota.crews:
        seen: dict[str, Assignment] = {}
        for carer_id in crew.carer_ids:
            for a in by_carer_day.get((carer_id, crew.date), ()):
                seen.setdefault(a.visit_id, a)
        ordered = sorted(seen.values(), key=lambda a: (a.start, a.visit_id))
        round_ = CrewRound(crew, tuple((board.week.visits[a.visit_id], a) for a in ordered))
        rounds[(round_.slot, crew.date)] = round_
    return rounds


def night_uncovered(board: Board) -> list[str]:
    """Night visits left without a crew."""
    return [v for v in board.coverage.uncovered_visits if board.week.visits[v].service is Service.NIGHT]


def travel_share_of_worked_time_by_day(board: Board, rota: Rota) -> list[tuple[dt.date, float]]:
    """(date, travel between visits / working time) per day, as the weekly report counts the
    week's share (the checker's legs and working periods), so the days add up to its figure."""
    index = RotaIndex(board.checker.facts, rota)
    travel = dict.fromkeys(board.week.dates, 0)
    worked = dict.fromkeys(board.week.dates, 0)
    for carer in board.carers:
        for day in index.days_of(carer.id):
            if day.date in travel:
                travel[day.date] += day.travel_minutes
                worked[day.date] += day.worked_minutes
    return [(d, travel[d] / worked[d] if worked[d] else 0.0) for d in board.week.dates]
