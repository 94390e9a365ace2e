"""Read and write rotas: the week's draft, published versions and the planted rota."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlite_utils import Database

from roster.domain import Rota, RotaStatus

from . import converters as cv
from .db import transaction

ROTA_CHILDREN = ("assignments", "breaks", "uncovered", "crews")


class StaleDraft(RuntimeError):
    """Another process changed the draft since this one read it."""


class StaleData(StaleDraft):
    """The provider's data (carers, clients, packages, schedules, absences, settings or events)
    changed since a rota was solved from it: the rota may break rules the new data sets."""


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _rota_row(db: Database, week_start: dt.date, status: RotaStatus) -> dict | None:
    rows = list(
        db["rotas"].rows_where(
            "week_start = ? and status = ?", [week_start.isoformat(), status.value], order_by="version desc", limit=1
        )
    )
    return rows[0] if rows else None


def _write_children(db: Database, rota_id: int, rota: Rota) -> None:
    db["assignments"].insert_all([cv.assignment_to_row(rota_id, a) for a in rota.assignments])
    db["breaks"].insert_all([cv.break_to_row(rota_id, b) for b in rota.breaks])
    db["uncovered"].insert_all([cv.uncovered_to_row(rota_id, u) for u in rota.uncovered])
    db["crews"].insert_all([cv.crew_to_row(rota_id, c) for c in rota.crews])


def draft_revision(db: Database, week_start: dt.date) -> int:
    """The draft's revision number (0 when there is none); bumped by every save."""
    row = _rota_row(db, week_start, RotaStatus.DRAFT)
    return row["revision"] if row else 0


def data_revision(db: Database) -> int:
    """The revision of the provider's data, bumped by every write of it (triggers, `m004`)."""
    return db.execute("SELECT revision FROM data_revision WHERE id = 1").fetchone()[0]


Also = Callable[[Database, int], None]
"""More writes to commit in the same transaction, e.g. the audit line of the change; called with
the database and the saved rota's id (save_rota) or the new version number (publish_draft)."""


def save_rota(
    db: Database, rota: Rota, *, expected_revision: int | None = None, expected_data_revision: int | None = None,
    note: str = "", also: Also | None = None,
) -> int:
    """Replace the week's rota of rota.status (draft or planted), all or nothing; returns its id.

    With expected_revision, refuse (StaleDraft) if someone else saved the draft since; with
    expected_data_revision (`data_revision` read before the provider was loaded), refuse
    (StaleData) if the provider's data changed since. Published versions are immutable: make
    them with publish_draft.
    """
    if rota.status == RotaStatus.PUBLISHED:
        raise ValueError("published rotas are immutable; save a draft and publish it")
    with transaction(db):
        now = data_revision(db)
        if expected_data_revision is not None and now != expected_data_revision:
            raise StaleData(
                f"the carers, clients, packages, absences or events changed while the rota for the week of "
                f"{rota.week_start} was planned (data revision {now}, planned from {expected_data_revision}); "
                "plan it again"
            )
        row = _rota_row(db, rota.week_start, rota.status)
        revision = row["revision"] if row else 0
        if expected_revision is not None and revision != expected_revision:
            raise StaleDraft(
                f"the draft for the week of {rota.week_start} was changed elsewhere "
                f"(revision {revision}, expected {expected_revision}); reload it and try again"
            )
        if row:
            rota_id = row["id"]
            for table in ROTA_CHILDREN:
                db[table].delete_where("rota_id = ?", [rota_id])
            db["rotas"].update(rota_id, {"revision": revision + 1, "created_at": _now(), "note": note})
        else:
            rota_id = db["rotas"].insert(
                {
                    "week_start": rota.week_start.isoformat(), "status": rota.status.value, "version": 0,
                    "created_at": _now(), "note": note, "revision": 1,
                }
            ).last_pk
        _write_children(db, rota_id, rota)
        if also:
            also(db, rota_id)
    return rota_id


def load_rota(db: Database, week_start: dt.date, status: RotaStatus = RotaStatus.DRAFT) -> Rota | None:
    """The week's latest rota of that status, or None."""
    row = _rota_row(db, week_start, status)
    return _load_by_row(db, row) if row else None


def _load_by_row(db: Database, row: dict) -> Rota:
    rota_id = row["id"]

    def rows(table: str, order: str):
        return db[table].rows_where("rota_id = ?", [rota_id], order_by=order)

    return Rota(
        week_start=dt.date.fromisoformat(row["week_start"]),
        assignments=tuple(cv.assignment_from_row(r) for r in rows("assignments", "date, carer_id, start")),
        breaks=tuple(cv.break_from_row(r) for r in rows("breaks", "date, carer_id, start")),
        uncovered=tuple(cv.uncovered_from_row(r) for r in rows("uncovered", "visit_id")),
        crews=tuple(cv.crew_from_row(r) for r in rows("crews", "date, id")),
        status=RotaStatus(row["status"]),
    )


def publish_draft(
    db: Database, week_start: dt.date, note: str = "", *, expected_revision: int | None = None, also: Also | None = None
) -> int:
    """Copy the week's draft into a new immutable published version; returns the version number."""
    with transaction(db):
        draft = _rota_row(db, week_start, RotaStatus.DRAFT)
        if draft is None:
            raise LookupError(f"no draft rota for the week of {week_start}")
        if expected_revision is not None and draft["revision"] != expected_revision:
            raise StaleDraft(
                f"the draft for the week of {week_start} was changed elsewhere "
                f"(revision {draft['revision']}, expected {expected_revision}); review it before publishing"
            )
        latest = _rota_row(db, week_start, RotaStatus.PUBLISHED)
        version = (latest["version"] if latest else 0) + 1
        rota = _load_by_row(db, draft)
        rota_id = db["rotas"].insert(
            {
                "week_start": week_start.isoformat(), "status": RotaStatus.PUBLISHED.value, "version": version,
                "created_at": _now(), "note": note, "revision": draft["revision"],
            }
        ).last_pk
        _write_children(db, rota_id, rota)
        if also:
            also(db, version)
    return version


def published_versions(db: Database, week_start: dt.date) -> list[dict]:
    """Every published version of the week: version, created_at, note; oldest first."""
    return [
        {"version": r["version"], "created_at": r["created_at"], "note": r["note"]}
        for r in db["rotas"].rows_where(
            "week_start = ? and status = ?", [week_start.isoformat(), RotaStatus.PUBLISHED.value], order_by="version"
        )
    ]


def load_version(db: Database, week_start: dt.date, version: int) -> Rota | None:
    """A published version of the week, or None."""
    rows = list(
        db["rotas"].rows_where(
            "week_start = ? and status = ? and version = ?",
            [week_start.isoformat(), RotaStatus.PUBLISHED.value, version],
        )
    )
    return _load_by_row(db, rows[0]) if rows else None
