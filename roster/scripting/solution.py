"""A solved week as a solution file, and back: version 1 of the solution format."""

from __future__ import annotations

import datetime as dt

from roster.domain import Assignment, Break, Crew, Rota, Uncovered
from roster.domain.clock import hhmm, parse_hhmm, parse_week, week_label
from roster.reports.tables import report_document
from roster.reports.week import WeekReport
from roster.rules.model import CheckReport

from . import FORMAT_VERSION, SOLUTION_FORMAT


def solution_status(rota: Rota, check: CheckReport) -> str:
    """covered, uncovered (a mandatory visit left) or violations (a hard rule broken)."""
    if not check.is_clean:
        return "violations"
    if check.measures.uncovered_mandatory:
        return "uncovered"
    return "covered"


def solution_document(rota: Rota, check: CheckReport, report: WeekReport, solve: dict | None = None) -> dict:
    """The rota with its uncovered visits, the checker's findings and the report."""
    document = {
        "format": SOLUTION_FORMAT,
        "version": FORMAT_VERSION,
        "week": week_label(rota.week_start),
        "status": solution_status(rota, check),
        "assignments": [
            {"visit_id": a.visit_id, "carer_id": a.carer_id, "date": a.date.isoformat(),
             "start": hhmm(a.start), "end": hhmm(a.end), "pinned": a.pinned}
            for a in sorted(rota.assignments, key=lambda a: (a.date, a.carer_id, a.start, a.visit_id))
        ],
        "breaks": [
            {"carer_id": b.carer_id, "date": b.date.isoformat(), "start": hhmm(b.start), "minutes": b.minutes}
            for b in rota.breaks
        ],
        "crews": [{"id": c.id, "date": c.date.isoformat(), "carer_ids": list(c.carer_ids)} for c in rota.crews],
        "uncovered": [{"visit_id": u.visit_id, "reason": u.reason, "detail": u.detail} for u in rota.uncovered],
        "violations": [
            {"rule": v.rule, "hard": v.hard, "message": v.message, "visit_id": v.visit_id, "carer_id": v.carer_id,
             "date": v.date.isoformat() if v.date else None}
            for v in check.violations
        ],
        "report": report_document(report),
    }
    if solve is not None:
        document["solve"] = solve
    return document


def rota_from_solution(document: dict) -> Rota:
    """The rota a (valid) solution document holds."""
    day = dt.date.fromisoformat
    return Rota(
        week_start=parse_week(document["week"]),
        assignments=tuple(
            Assignment(a["visit_id"], a["carer_id"], day(a["date"]), parse_hhmm(a["start"]), parse_hhmm(a["end"]),
                       a.get("pinned", False))
            for a in document["assignments"]
        ),
        breaks=tuple(Break(b["carer_id"], day(b["date"]), parse_hhmm(b["start"]), b["minutes"])
                     for b in document.get("breaks", ())),
        uncovered=tuple(Uncovered(u["visit_id"], u["reason"], u.get("detail", "")) for u in document["uncovered"]),
        crews=tuple(Crew(c["id"], day(c["date"]), tuple(c["carer_ids"])) for c in document.get("crews", ())),
    )
