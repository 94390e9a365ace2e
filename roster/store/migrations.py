"""Schema as a sequence of sqlite-utils migrations, one function per step. Never edit a step
that has shipped: add a new one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("carer-roster")


@migrations()
def m001_people(db: Database) -> None:
    db["settings"].create(
        {"effective_from": str, "values_json": str}, pk="effective_from"
    )
    db["carers"].create(
        {
            "id": str, "name": str, "postcode": str, "lat": float, "lon": float, "transport": str,
            "skills": str, "contracted_minutes": int, "gender": str, "night_worker": int,
            "day_worker": int, "opted_out_48h": int, "pay_pence_per_hour": int,
        },
        pk="id",
    )
    db["shifts"].create(
        {"carer_id": str, "weekday": int, "start": int, "end": int},
        pk=("carer_id", "weekday", "start"),
        foreign_keys=[("carer_id", "carers", "id")],
    )
    db["absences"].create(
        {"id": str, "carer_id": str, "kind": str, "start": str, "end": str, "note": str},
        pk="id",
        foreign_keys=[("carer_id", "carers", "id")],
    )
    db["clients"].create(
        {
            "id": str, "name": str, "postcode": str, "lat": float, "lon": float, "access_notes": str,
            "declined_carers": str, "preferred_carers": str, "preferred_gender": str,
            "gender_required": int,
        },
        pk="id",
    )
    db["packages"].create(
        {
            "id": str, "client_id": str, "start": str, "planned_end": str, "referral": str,
            "goals": str, "max_days": int, "ended": str,
        },
        pk="id",
        foreign_keys=[("client_id", "clients", "id")],
    )
    db["schedules"].create(
        {
            "id": str, "package_id": str, "call_type": str, "weekdays": str, "window_start": int,
            "window_end": int, "duration": int, "carers_needed": int, "skills": str,
            "valid_from": str, "valid_to": str, "fixed_time": int, "service": str,
            "short_check_agreed": int, "optional": int,
        },
        pk="id",
        foreign_keys=[("package_id", "packages", "id")],
    )
    db["absences"].create_index(["carer_id"])
    db["packages"].create_index(["client_id"])
    db["schedules"].create_index(["package_id"])


@migrations()
def m002_rotas(db: Database) -> None:
    db["rotas"].create(
        {
            "id": int, "week_start": str, "status": str, "version": int, "created_at": str,
            "note": str, "revision": int,
        },
        pk="id",
    )
    db["assignments"].create(
        {
            "rota_id": int, "visit_id": str, "carer_id": str, "date": str, "start": int, "end": int,
            "pinned": int,
        },
        pk=("rota_id", "visit_id", "carer_id"),
        foreign_keys=[("rota_id", "rotas", "id")],
    )
    db["breaks"].create(
        {"rota_id": int, "carer_id": str, "date": str, "start": int, "minutes": int},
        pk=("rota_id", "carer_id", "date", "start"),
        foreign_keys=[("rota_id", "rotas", "id")],
    )
    db["uncovered"].create(
        {"rota_id": int, "visit_id": str, "reason": str, "detail": str},
        pk=("rota_id", "visit_id"),
        foreign_keys=[("rota_id", "rotas", "id")],
    )
    db["crews"].create(
        {"rota_id": int, "id": str, "date": str, "carer_a": str, "carer_b": str},
        pk=("rota_id", "id"),
        foreign_keys=[("rota_id", "rotas", "id")],
    )
    db["rotas"].create_index(["week_start", "status"])
    db["assignments"].create_index(["rota_id", "date"])


@migrations()
def m003_events(db: Database) -> None:
    db["events"].create(
        {
            "id": int, "kind": str, "week_start": str, "effective_at": str, "recorded_at": str,
            "recorded_by": str, "summary": str, "details_json": str,
        },
        pk="id",
    )
    db["audit"].create(
        {"id": int, "at": str, "who": str, "action": str, "week_start": str, "detail": str},
        pk="id",
    )
    db["events"].create_index(["week_start"])
    db["audit"].create_index(["week_start"])


DATA_TABLES = ("settings", "carers", "shifts", "absences", "clients", "packages", "schedules", "events")
"""What a rota is solved from: a write to any of them makes a rota solved before it stale."""


@migrations()
def m004_data_revision(db: Database) -> None:
    # Triggers, not Python: every write of the provider's data bumps the revision, whichever
    # module (or tool) makes it.
    db["data_revision"].create({"id": int, "revision": int}, pk="id")
    db["data_revision"].insert({"id": 1, "revision": 0})
    for table in DATA_TABLES:
        for change in ("insert", "update", "delete"):
            db.execute(
                f"CREATE TRIGGER {table}_{change}_bumps_revision AFTER {change.upper()} ON {table} "
                "BEGIN UPDATE data_revision SET revision = revision + 1 WHERE id = 1; END"
            )


@migrations()
def m005_package_funder(db: Database) -> None:
    db["packages"].add_column("funder", str)
