"""Pure row <-> domain converters. Lists are stored as JSON text, dates as ISO strings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from roster.domain import (
    Absence, AbsenceKind, Assignment, Break, CallType, CarePackage, Carer, Client, Crew, Funder, Gender,
    Location, Referral, Service, Settings, Shift, Transport, Uncovered, VisitSchedule,
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def carer_to_row(carer: Carer) -> dict:
    return {
        "id": carer.id, "name": carer.name, "postcode": carer.postcode,
        "lat": carer.home.lat, "lon": carer.home.lon, "transport": carer.transport.value,
        "skills": json.dumps(sorted(carer.skills)), "contracted_minutes": carer.contracted_minutes,
        "gender": carer.gender.value, "night_worker": int(carer.night_worker),
        "day_worker": int(carer.day_worker), "opted_out_48h": int(carer.opted_out_48h),
        "pay_pence_per_hour": carer.pay_pence_per_hour,
    }


def shift_rows(carer: Carer) -> list[dict]:
    return [{"carer_id": carer.id, "weekday": s.weekday, "start": s.start, "end": s.end} for s in carer.availability]


def carer_from_row(row: dict, shifts: list[dict]) -> Carer:
    return Carer(
        id=row["id"], name=row["name"], postcode=row["postcode"],
        home=Location(row["lat"], row["lon"]), transport=Transport(row["transport"]),
        skills=frozenset(json.loads(row["skills"])),
        availability=tuple(Shift(s["weekday"], s["start"], s["end"]) for s in shifts),
        contracted_minutes=row["contracted_minutes"], gender=Gender(row["gender"]),
        night_worker=bool(row["night_worker"]), day_worker=bool(row["day_worker"]),
        opted_out_48h=bool(row["opted_out_48h"]), pay_pence_per_hour=row["pay_pence_per_hour"],
    )


def absence_to_row(absence: Absence) -> dict:
    return {
        "id": absence.id, "carer_id": absence.carer_id, "kind": absence.kind.value,
        "start": absence.start.isoformat(), "end": absence.end.isoformat(), "note": absence.note,
    }


def absence_from_row(row: dict) -> Absence:
    return Absence(
        id=row["id"], carer_id=row["carer_id"], kind=AbsenceKind(row["kind"]),
        start=dt.datetime.fromisoformat(row["start"]), end=dt.datetime.fromisoformat(row["end"]),
        note=row["note"] or "",
    )


def client_to_row(client: Client) -> dict:
    return {
        "id": client.id, "name": client.name, "postcode": client.postcode,
        "lat": client.location.lat, "lon": client.location.lon, "access_notes": client.access_notes,
        "declined_carers": json.dumps(sorted(client.declined_carers)),
        "preferred_carers": json.dumps(list(client.preferred_carers)),
        "preferred_gender": client.preferred_gender.value if client.preferred_gender else None,
        "gender_required": int(client.gender_required),
    }


def client_from_row(row: dict) -> Client:
    return Client(
        id=row["id"], name=row["name"], postcode=row["postcode"],
        location=Location(row["lat"], row["lon"]), access_notes=row["access_notes"] or "",
        declined_carers=frozenset(json.loads(row["declined_carers"])),
        preferred_carers=tuple(json.loads(row["preferred_carers"])),
        preferred_gender=Gender(row["preferred_gender"]) if row["preferred_gender"] else None,
        gender_required=bool(row["gender_required"]),
    )


def package_to_row(package: CarePackage) -> dict:
    return {
        "id": package.id, "client_id": package.client_id, "start": _iso(package.start),
        "planned_end": _iso(package.planned_end), "referral": package.referral.value,
        "goals": package.goals, "max_days": package.max_days, "ended": _iso(package.ended),
        "funder": package.funder.value if package.funder else None,
    }


def package_from_row(row: dict) -> CarePackage:
    return CarePackage(
        id=row["id"], client_id=row["client_id"], start=_date(row["start"]),
        planned_end=_date(row["planned_end"]), referral=Referral(row["referral"]),
        goals=row["goals"] or "", max_days=row["max_days"], ended=_date(row["ended"]),
        funder=Funder(row["funder"]) if row.get("funder") else None,
    )


def schedule_to_row(schedule: VisitSchedule) -> dict:
    return {
        "id": schedule.id, "package_id": schedule.package_id, "call_type": schedule.call_type.value,
        "weekdays": json.dumps(sorted(schedule.weekdays)), "window_start": schedule.window_start,
        "window_end": schedule.window_end, "duration": schedule.duration,
        "carers_needed": schedule.carers_needed, "skills": json.dumps(sorted(schedule.skills)),
        "valid_from": _iso(schedule.valid_from), "valid_to": _iso(schedule.valid_to),
        "fixed_time": int(schedule.fixed_time), "service": schedule.service.value,
        "short_check_agreed": int(schedule.short_check_agreed), "optional": int(schedule.optional),
    }


def schedule_from_row(row: dict) -> VisitSchedule:
    return VisitSchedule(
        id=row["id"], package_id=row["package_id"], call_type=CallType(row["call_type"]),
        weekdays=frozenset(json.loads(row["weekdays"])), window_start=row["window_start"],
        window_end=row["window_end"], duration=row["duration"], carers_needed=row["carers_needed"],
        skills=frozenset(json.loads(row["skills"])), valid_from=_date(row["valid_from"]),
        valid_to=_date(row["valid_to"]), fixed_time=bool(row["fixed_time"]),
        service=Service(row["service"]), short_check_agreed=bool(row["short_check_agreed"]),
        optional=bool(row["optional"]),
    )


def settings_to_row(settings: Settings) -> dict:
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name != "effective_from"}
    values["skills"] = list(values["skills"])
    return {"effective_from": settings.effective_from.isoformat(), "values_json": json.dumps(values, sort_keys=True)}


def settings_from_row(row: dict) -> Settings:
    values = json.loads(row["values_json"])
    known = {f.name for f in dataclasses.fields(Settings)}
    values = {k: v for k, v in values.items() if k in known}
    if "skills" in values:
        values["skills"] = tuple(values["skills"])
    return Settings(effective_from=dt.date.fromisoformat(row["effective_from"]), **values)


def assignment_to_row(rota_id: int, a: Assignment) -> dict:
    return {
        "rota_id": rota_id, "visit_id": a.visit_id, "carer_id": a.carer_id, "date": a.date.isoformat(),
        "start": a.start, "end": a.end, "pinned": int(a.pinned),
    }


def assignment_from_row(row: dict) -> Assignment:
    return Assignment(
        visit_id=row["visit_id"], carer_id=row["carer_id"], date=dt.date.fromisoformat(row["date"]),
        start=row["start"], end=row["end"], pinned=bool(row["pinned"]),
    )


def break_to_row(rota_id: int, b: Break) -> dict:
    return {"rota_id": rota_id, "carer_id": b.carer_id, "date": b.date.isoformat(), "start": b.start, "minutes": b.minutes}


def break_from_row(row: dict) -> Break:
    return Break(carer_id=row["carer_id"], date=dt.date.fromisoformat(row["date"]), start=row["start"], minutes=row["minutes"])


def uncovered_to_row(rota_id: int, u: Uncovered) -> dict:
    return {"rota_id": rota_id, "visit_id": u.visit_id, "reason": u.reason, "detail": u.detail}


def uncovered_from_row(row: dict) -> Uncovered:
    return Uncovered(visit_id=row["visit_id"], reason=row["reason"], detail=row["detail"] or "")


def crew_to_row(rota_id: int, c: Crew) -> dict:
    return {"rota_id": rota_id, "id": c.id, "date": c.date.isoformat(), "carer_a": c.carer_ids[0], "carer_b": c.carer_ids[1]}


def crew_from_row(row: dict) -> Crew:
    return Crew(id=row["id"], date=dt.date.fromisoformat(row["date"]), carer_ids=(row["carer_a"], row["carer_b"]))
