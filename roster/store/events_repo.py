"""The on-the-day events (absences, admissions, discharges, UCR calls, one-off changes) and the
audit log: who did what, when. An event and the provider records it changes are written together
or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
import json
from dataclasses import dataclass, field

from sqlite_utils import Database

from roster.domain import Provider, Rota, RotaStatus

from .db import transaction
from .provider_repo import write_provider


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event, its details kept as plain JSON values."""

    kind: str
    """What happened, e.g. 'absence' or 'ucr'."""
    week_start: dt.date
    """Monday of the week it first affects."""
    effective_at: dt.datetime
    """When it takes effect (the referral time for a UCR call)."""
    recorded_by: str
    """Who recorded it."""
    summary: str
    """One line for lists and the audit log, with ids only (no names or addresses)."""
    details: dict = field(default_factory=dict)
    """The event's own fields as JSON values."""
    recorded_at: dt.datetime | None = None
    """When it was recorded (set on write)."""
    id: int | None = None
    """Row id (set on write)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log."""

    at: dt.datetime
    """When."""
    who: str
    """Who."""
    action: str
    """'event', 'repair', 'publish', 'restore', 'edit'..."""
    week_start: dt.date | None
    """The week concerned."""
    detail: str
    """What, with ids only."""
    id: int | None = None
    """Row id."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _audit_row(who: str, action: str, week_start: dt.date | None, detail: str) -> dict:
    return {
        "at": _now().isoformat(), "who": who, "action": action,
        "week_start": week_start.isoformat() if week_start else None, "detail": detail,
    }


def record_event(db: Database, event: EventRecord, changes: Provider | None = None) -> EventRecord:
    """Store the event, the provider records it adds or changes, and an audit line, all or nothing."""
    recorded_at = _now()
    with transaction(db):
        if changes is not None:
            write_provider(db, changes)
        row_id = db["events"].insert(
            {
                "kind": event.kind, "week_start": event.week_start.isoformat(),
                "effective_at": event.effective_at.isoformat(), "recorded_at": recorded_at.isoformat(),
                "recorded_by": event.recorded_by, "summary": event.summary,
                "details_json": json.dumps(event.details, sort_keys=True, default=str),
            }
        ).last_pk
        db["audit"].insert(_audit_row(event.recorded_by, "event", event.week_start, f"#{row_id} {event.summary}"))
    return EventRecord(event.kind, event.week_start, event.effective_at, event.recorded_by, event.summary,
                       event.details, recorded_at, row_id)


def _event_from_row(row: dict) -> EventRecord:
    return EventRecord(
        kind=row["kind"], week_start=dt.date.fromisoformat(row["week_start"]),
        effective_at=dt.datetime.fromisoformat(row["effective_at"]), recorded_by=row["recorded_by"],
        summary=row["summary"], details=json.loads(row["details_json"]),
        recorded_at=dt.datetime.fromisoformat(row["recorded_at"]), id=row["id"],
    )


def load_events(db: Database, week_start: dt.date | None = None) -> list[EventRecord]:
    """Every event (or those first affecting one week), oldest first."""
    if week_start is None:
        rows = db["events"].rows_where(order_by="id")
    else:
        rows = db["events"].rows_where("week_start = ?", [week_start.isoformat()], order_by="id")
    return [_event_from_row(r) for r in rows]


def write_audit(db: Database, who: str, action: str, week_start: dt.date | None, detail: str) -> None:
    """Add one line to the audit log (its own transaction)."""
    with transaction(db):
        db["audit"].insert(_audit_row(who, action, week_start, detail))


def audit_line(who: str, action: str, week_start: dt.date | None, detail: str | Callable[[int], str]):
    """A writer for save_rota/publish_draft's `also`: the audit line lands in the same transaction.
    detail may be a function of the saved rota's id or the published version number."""

    def write(db: Database, saved: int) -> None:
        text = detail(saved) if callable(detail) else detail
        db["audit"].insert(_audit_row(who, action, week_start, text))

    return write


def save_draft_with_audit(db: Database, rota: Rota, *, expected_revision: int, note: str, who: str, action: str,
                          detail: str, expected_data_revision: int | None = None) -> int:
    """Replace the week's draft and add its audit line in one transaction: both or neither (a
    crash between the two cannot leave a change nobody logged). StaleDraft if someone else saved
    the draft since expected_revision, StaleData if the provider's data changed since
    expected_data_revision. Returns the draft's id."""
    from .rota_repo import save_rota

    if rota.status is not RotaStatus.DRAFT:
        raise ValueError("only the draft is saved with an audit line")
    return save_rota(db, rota, expected_revision=expected_revision, expected_data_revision=expected_data_revision,
                     note=note, also=audit_line(who, action, rota.week_start, detail))


def load_audit(db: Database, week_start: dt.date | None = None) -> list[AuditEntry]:
    """The audit log (or one week's part of it), oldest first."""
    if week_start is None:
        rows = db["audit"].rows_where(order_by="id")
    else:
        rows = db["audit"].rows_where("week_start = ?", [week_start.isoformat()], order_by="id")
    return [
        AuditEntry(dt.datetime.fromisoformat(r["at"]), r["who"], r["action"],
                   dt.date.fromisoformat(r["week_start"]) if r["week_start"] else None, r["detail"], r["id"])
        for r in rows
    ]
