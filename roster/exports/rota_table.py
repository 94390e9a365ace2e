"""A week's rota as a table, one row per carer per visit, and back.

The table is how a rota leaves the product (`roster rota export`) and how a rota made elsewhere
comes in to be checked and compared (`roster rota import`): the columns are what a coordinator's
spreadsheet holds, and nothing is derived on the way in that the checker would not derive itself.
"""

from __future__ import annotations

import datetime as dt

from roster.domain import Assignment, Break, Crew, Provider, Rota, RotaStatus, Service, Uncovered, Visit
from roster.domain.clock import hhmm, parse_hhmm
from roster.domain.travel import TravelModel
from roster.io.problems import Problem
from roster.reports.runs import carer_runs

COLUMNS = (
    "date", "carer", "client", "visit", "call", "start", "end",
    "travel_before_min", "break_start", "break_min", "partner", "crew",
)
"""Column order of the exported table. Times are HH:MM, night times past midnight as 26:00."""

REQUIRED = ("date", "carer", "visit", "start", "end")
"""Columns a rota brought in must fill."""

NOT_IN_ROTA = "not_in_rota"
"""Reason given to a visit of the week that the imported rota does not cover."""


def rota_rows(provider: Provider, rota: Rota, travel: TravelModel | None = None) -> list[dict]:
    """One row per carer per visit, by carer then date then start; the break planned before a
    visit (after the previous one) sits on that visit's row, and a night visit names its crew."""
    breaks: dict[tuple[str, dt.date], list[Break]] = {}
    for b in rota.breaks:
        breaks.setdefault((b.carer_id, b.date), []).append(b)
    crew_of = {(carer, c.date): c.id for c in rota.crews for carer in c.carer_ids}
    rows = []
    for run in carer_runs(provider, rota, travel=travel):
        pending = sorted(breaks.get((run.carer_id, run.date), []), key=lambda b: b.start)
        for stop in run.stops:
            a, visit = stop.assignment, stop.visit
            taken = [b for b in pending if b.start < a.start]
            pending = [b for b in pending if b.start >= a.start]
            rows.append({
                "date": a.date.isoformat(), "carer": a.carer_id, "client": visit.client_id, "visit": a.visit_id,
                "call": visit.call_type.value, "start": hhmm(a.start), "end": hhmm(a.end),
                "travel_before_min": stop.travel_minutes,
                "break_start": hhmm(taken[-1].start) if taken else "",
                "break_min": sum(b.minutes for b in taken) or "",
                "partner": " ".join(stop.partners),
                "crew": crew_of.get((a.carer_id, a.date), "") if visit.service is Service.NIGHT else "",
            })
    return rows


def rota_from_rows(
    provider: Provider, week_start: dt.date, source: str, rows: list[tuple[int, dict[str, str]]]
) -> tuple[Rota, list[Problem]]:
    """The draft a table describes; every visit of the week it leaves out is uncovered.

    Rows are (line, cells) in file order; cells are text as read. Each problem names the line and
    the column; with any problem the rota is not to be saved."""
    visits = {v.id: v for v in provider.visits_for_week(week_start)}
    carers = {c.id for c in provider.carers}
    problems: list[Problem] = []
    assignments: dict[tuple[str, str], Assignment] = {}
    breaks: list[Break] = []
    crews: dict[str, tuple[int, dt.date, set[str]]] = {}
    for line, cells in rows:
        found = _row(source, line, cells, visits, carers)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        assignment, brk = found
        key = (assignment.visit_id, assignment.carer_id)
        if key in assignments:
            problems.append(Problem(source, line, "visit", f"{assignment.visit_id} already given to {assignment.carer_id}"))
            continue
        assignments[key] = assignment
        if brk:
            breaks.append(brk)
        crew_id = (cells.get("crew") or "").strip()
        if crew_id:
            first_line, date, members = crews.setdefault(crew_id, (line, assignment.date, set()))
            if date != assignment.date:
                problems.append(Problem(source, line, "crew", f"crew {crew_id} is of {date}, not {assignment.date}"))
            members.add(assignment.carer_id)
    for crew_id, (line, date, members) in crews.items():
        if len(members) != 2:
            problems.append(Problem(source, line, "crew", f"crew {crew_id} has {len(members)} carers, not two"))
    covered = {a.visit_id for a in assignments.values()}
    uncovered = tuple(
        Uncovered(v, NOT_IN_ROTA, "not in the rota brought in") for v in sorted(visits) if v not in covered
    )
    night_crews = tuple(
        Crew(crew_id, date, tuple(sorted(members))) for crew_id, (_, date, members) in crews.items() if len(members) == 2
    )
    rota = Rota(week_start, tuple(assignments.values()), tuple(breaks), uncovered, night_crews, RotaStatus.DRAFT)
    return rota, problems


def _row(source: str, line: int, cells: dict[str, str], visits: dict[str, Visit], carers: set[str]):
    for column in REQUIRED:
        if not (cells.get(column) or "").strip():
            return Problem(source, line, column, "is empty")
    visit_id, carer_id = cells["visit"].strip(), cells["carer"].strip()
    visit = visits.get(visit_id)
    if visit is None:
        return Problem(source, line, "visit", f"{visit_id!r} is not a visit of this week")
    if carer_id not in carers:
        return Problem(source, line, "carer", f"{carer_id!r} is not a known carer")
    try:
        date = dt.date.fromisoformat(cells["date"].strip())
    except ValueError:
        return Problem(source, line, "date", f"{cells['date'].strip()!r} is not a date (YYYY-MM-DD)")
    if date != visit.date:
        return Problem(source, line, "date", f"{date} is not the date of visit {visit_id} ({visit.date})")
    times = {}
    for column in ("start", "end", "break_start"):
        text = (cells.get(column) or "").strip()
        if not text:
            continue
        try:
            times[column] = parse_hhmm(text)
        except ValueError:
            return Problem(source, line, column, f"{text!r} is not a time (HH:MM)")
    if times["end"] <= times["start"]:
        return Problem(source, line, "end", f"{cells['end'].strip()} is not after the start {cells['start'].strip()}")
    brk = None
    if "break_start" in times:
        minutes = (cells.get("break_min") or "").strip()
        if not minutes.isdigit() or not 0 < int(minutes) <= 24 * 60:
            return Problem(source, line, "break_min", f"{minutes!r} is not a number of minutes")
        brk = Break(carer_id, date, times["break_start"], int(minutes))
    return Assignment(visit_id, carer_id, date, times["start"], times["end"]), brk
