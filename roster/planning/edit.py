"""A coordinator's changes to the week's draft: move, swap, assign, unassign, pin, unpin, undo,
redo and save. Every change yields the carer-days it touched so a front end can re-check and
redraw just those."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roster.domain import Assignment, Rota, RotaStatus, Uncovered
from roster.domain.clock import hhmm
from roster.store import StaleDraft, load_provider, load_rota, open_db
from roster.store.events_repo import EventRecord, load_events, save_draft_with_audit

from .board import CellKey, Week

if TYPE_CHECKING:  # loaded on first use: the app's startup does not pay for them
    from .repair import RepairOutcome
    from .versions import Published

__all__ = ["Edit", "EditRefused", "RotaEditor", "StaleDraft", "who_is_editing"]


def who_is_editing() -> str:
    """The name kept in the audit log for changes made in this session: the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"

UNASSIGNED = "unassigned"
"""Uncovered reason for a visit the coordinator took a carer off."""


class EditRefused(ValueError):
    """The change does not make sense for this rota (e.g. the carer is not on the visit)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """What one change did."""

    description: str
    """For the status line and the undo history, e.g. 'moved S0042-1@2026-11-23 C003 -> C007'."""
    touched: frozenset[CellKey]
    """Carer-days whose runs changed."""


class RotaEditor:
    """Holds the draft being edited and its undo and redo history."""

    def __init__(self, week: Week, *, by: str | None = None):
        self.week = week
        self.rota = week.rota
        self.by = by or who_is_editing()
        """Who the audit log names for saves and publishes."""
        self._undo: list[tuple[Rota, Edit]] = []
        self._redo: list[tuple[Rota, Edit]] = []
        self.saved_rota = week.rota
        self.unsaved: list[str] = []
        """What was done since the last save, for its audit line."""

    @property
    def dirty(self) -> bool:
        """True if there are changes not yet saved."""
        return self.rota is not self.saved_rota

    @property
    def can_undo(self) -> bool:
        """There is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """There is an undone change to redo."""
        return bool(self._redo)

    def assignments_of(self, visit_id: str) -> list[Assignment]:
        """The carers currently on a visit."""
        return [a for a in self.rota.assignments if a.visit_id == visit_id]

    # -- changes ---------------------------------------------------------------------------

    def move(self, visit_id: str, from_carer: str, to_carer: str, start: int | None = None) -> Edit:
        """Give from_carer's place on the visit to to_carer, at start (default: the same time)."""
        if from_carer == to_carer:
            raise EditRefused(f"visit {visit_id}: {to_carer} is already on it")
        old = self._find(visit_id, from_carer)
        if any(a.carer_id == to_carer for a in self.assignments_of(visit_id)):
            raise EditRefused(f"visit {visit_id}: {to_carer} is already on it")
        start = old.start if start is None else start
        new = dataclasses.replace(old, carer_id=to_carer, start=start, end=start + (old.end - old.start))
        return self._commit(
            self._replace({old: new}),
            f"moved {visit_id} {from_carer} -> {to_carer}",
            {(from_carer, old.date), (to_carer, old.date)},
        )

    def assign(self, visit_id: str, carer_id: str, start: int | None = None) -> Edit:
        """Put a carer on a visit short of carers, at start (default: the partner's start for a
        double-up, else the client's preferred time)."""
        visit = self.week.visits[visit_id]
        current = self.assignments_of(visit_id)
        if len(current) >= visit.carers_needed:
            raise EditRefused(f"visit {visit_id}: already has {len(current)} carer(s)")
        if any(a.carer_id == carer_id for a in current):
            raise EditRefused(f"visit {visit_id}: {carer_id} is already on it")
        if start is None:
            start = current[0].start if current else min(max(visit.preferred_start, visit.window_start), visit.window_end)
        new = Assignment(visit_id, carer_id, visit.date, start, start + visit.duration)
        rota = dataclasses.replace(self.rota, assignments=self.rota.assignments + (new,))
        return self._commit(rota, f"assigned {visit_id} to {carer_id}", {(carer_id, visit.date)})

    def unassign(self, visit_id: str, carer_id: str) -> Edit:
        """Take a carer off a visit; the visit shows as uncovered."""
        old = self._find(visit_id, carer_id)
        rota = dataclasses.replace(self.rota, assignments=tuple(a for a in self.rota.assignments if a != old))
        return self._commit(rota, f"took {carer_id} off {visit_id}", {(carer_id, old.date)})

    def swap(self, visit_a: str, carer_a: str, visit_b: str, carer_b: str) -> Edit:
        """carer_a takes visit_b and carer_b takes visit_a, times unchanged."""
        a, b = self._find(visit_a, carer_a), self._find(visit_b, carer_b)
        if carer_a == carer_b:
            raise EditRefused(f"visits {visit_a} and {visit_b}: both are {carer_a}'s already")
        rota = self._replace({a: dataclasses.replace(a, carer_id=carer_b), b: dataclasses.replace(b, carer_id=carer_a)})
        return self._commit(
            rota, f"swapped {visit_a} ({carer_a}) with {visit_b} ({carer_b})",
            {(carer_a, a.date), (carer_b, a.date), (carer_a, b.date), (carer_b, b.date)},
        )

    def set_pinned(self, visit_id: str, pinned: bool) -> Edit:
        """Pin (or unpin) every carer on a visit so a re-solve keeps them."""
        current = self.assignments_of(visit_id)
        if not current:
            raise EditRefused(f"visit {visit_id}: nobody is on it to pin")
        rota = self._replace({a: dataclasses.replace(a, pinned=pinned) for a in current})
        verb = "pinned" if pinned else "unpinned"
        return self._commit(rota, f"{verb} {visit_id}", {(a.carer_id, a.date) for a in current})

    def replace_rota(self, rota: Rota, description: str) -> Edit:
        """Take a whole new rota (an accepted re-solve) as one undoable change."""
        before = {(a.carer_id, a.date): a for a in self.rota.assignments}
        touched = {key for key in before} | {(a.carer_id, a.date) for a in rota.assignments}
        rota = dataclasses.replace(rota, status=RotaStatus.DRAFT)
        return self._commit(rota, description, touched, keep_uncovered=True)

    # -- history ---------------------------------------------------------------------------

    def undo(self) -> Edit | None:
        """Step back one change."""
        if not self._undo:
            return None
        previous, edit = self._undo.pop()
        self._redo.append((self.rota, edit))
        self.rota = previous
        self.unsaved.append(f"undid: {edit.description}")
        return Edit(f"undid: {edit.description}", edit.touched)

    def redo(self) -> Edit | None:
        """Re-apply the last undone change."""
        if not self._redo:
            return None
        following, edit = self._redo.pop()
        self._undo.append((self.rota, edit))
        self.rota = following
        self.unsaved.append(f"redid: {edit.description}")
        return Edit(f"redid: {edit.description}", edit.touched)

    def save(self) -> int:
        """Write the draft and an audit line of the changes in one transaction, refusing if someone
        else saved it since we read it; returns the revision."""
        db = open_db(self.week.db_path)
        try:
            save_draft_with_audit(db, self.rota, expected_revision=self.week.revision, note="edited in roster tui",
                                  who=self.by, action="edit", detail=self.audit_detail())
        finally:
            db.close()
        self.week.revision += 1
        self.saved_rota = self.rota
        self.unsaved.clear()
        return self.week.revision

    def audit_detail(self) -> str:
        """The unsaved changes in one line, ids only (the audit log keeps no names)."""
        if not self.unsaved:
            return "saved the draft unchanged"
        shown = "; ".join(self.unsaved[:20])
        more = f"; and {len(self.unsaved) - 20} more" if len(self.unsaved) > 20 else ""
        return f"{len(self.unsaved)} changes: {shown}{more}"

    def publish(self, note: str = "", *, force_note: str | None = None) -> Published:
        """Save the draft if needed, then publish it as the next immutable version (refusing a
        stale draft, and with UnsafeRota a draft with new hard violations unless forced with a
        note); a draft unchanged since the latest version publishes nothing."""
        from .versions import publish

        if self.dirty or self.week.revision == 0:
            self.save()
        db = open_db(self.week.db_path)
        try:
            done = publish(db, self.week.monday, note, by=self.by, expected_revision=self.week.revision,
                           force_note=force_note)
            self.week.published = load_rota(db, self.week.monday, RotaStatus.PUBLISHED)
        finally:
            db.close()
        return done

    # -- on the day: events, repair, versions ------------------------------------------------

    def record(self, recorder: Callable[..., EventRecord], *args, **kwargs) -> EventRecord:
        """Store an event with one of roster.planning.events' recorders (DomainError naming the
        record and field on bad input, nothing written), then re-read the provider data it
        changed; the draft in memory, saved or not, is kept."""
        db = open_db(self.week.db_path)
        try:
            event = recorder(db, *args, by=self.by, **kwargs)
            provider = load_provider(db)
        finally:
            db.close()
        self.week = dataclasses.replace(self.week, provider=provider,
                                        visits={v.id: v for v in provider.visits_for_week(self.week.monday)})
        return event

    def plan_repair(self, date: dt.date, now: int, *, stop: Callable[[], bool] | None = None,
                    on_progress: Callable[[int, int], None] | None = None) -> RepairOutcome:
        """Repair the draft in memory on `date` from minute `now`, after every recorded event;
        writes nothing."""
        from .repair import plan_repair

        db = open_db(self.week.db_path)
        try:
            events = load_events(db)
        finally:
            db.close()
        return plan_repair(self.week.provider, self.rota, date, now, events, stop=stop, on_progress=on_progress)

    def accept_repair(self, outcome: RepairOutcome) -> Edit:
        """Save unsaved edits (their own audit line), then the repaired draft with its audit line;
        StaleDraft if someone else saved the draft meanwhile. One undoable change."""
        from .repair import apply_repair

        if self.dirty:
            self.save()
        db = open_db(self.week.db_path)
        try:
            apply_repair(db, outcome, expected_revision=self.week.revision, by=self.by)
        finally:
            db.close()
        self.week.revision += 1
        moved = sum(1 for c in outcome.changes if c.moved)
        edit = self.replace_rota(outcome.rota, f"repaired {outcome.dates[0]:%a} from {hhmm(outcome.now)}: "
                                               f"{len(outcome.changes)} visits changed, {moved} to another carer")
        self.saved_rota = self.rota
        self.unsaved.clear()
        return edit

    def versions(self) -> list[dict]:
        """Published versions oldest first (version, created_at, note, current), then the stored draft."""
        from .versions import versions

        db = open_db(self.week.db_path)
        try:
            return versions(db, self.week.monday)
        finally:
            db.close()

    def version(self, which: int | str) -> Rota:
        """A published version by number; 'draft' is the draft as edited here (unsaved changes too)."""
        from .versions import DRAFT, load

        if which == DRAFT:
            return self.rota
        db = open_db(self.week.db_path)
        try:
            return load(db, self.week.monday, which)
        finally:
            db.close()

    def restore(self, version: int, *, force: bool = False, force_note: str | None = None) -> Published:
        """Publish an earlier version again, the draft becoming it too; ValueError if the stored
        draft has unpublished changes and not forced, UnsafeRota if the version has new hard
        violations and no note forces it. The week must be opened again afterwards (see
        `open_week`)."""
        from .versions import restore

        db = open_db(self.week.db_path)
        try:
            return restore(db, self.week.monday, version, by=self.by, force=force, force_note=force_note)
        finally:
            db.close()

    # -- helpers ---------------------------------------------------------------------------

    def _find(self, visit_id: str, carer_id: str) -> Assignment:
        for a in self.rota.assignments:
            if a.visit_id == visit_id and a.carer_id == carer_id:
                return a
        raise EditRefused(f"visit {visit_id}: {carer_id} is not on it")

    def _replace(self, changes: dict[Assignment, Assignment]) -> Rota:
        return dataclasses.replace(
            self.rota, assignments=tuple(changes.get(a, a) for a in self.rota.assignments)
        )

    def _commit(self, rota: Rota, description: str, touched: Iterable[CellKey], keep_uncovered: bool = False) -> Edit:
        if not keep_uncovered:
            rota = dataclasses.replace(rota, uncovered=self._uncovered_after(rota))
        edit = Edit(description, frozenset(touched))
        self._undo.append((self.rota, edit))
        self._redo.clear()
        self.rota = rota
        self.unsaved.append(description)
        return edit

    def _uncovered_after(self, rota: Rota) -> tuple[Uncovered, ...]:
        """List the visits nobody is on, keeping the solver's reasons; a visit newly empty was
        unassigned. A half-staffed double-up is not listed: the checker flags it as a breach."""
        on = {a.visit_id for a in rota.assignments}
        reasons = {u.visit_id: u for u in rota.uncovered}
        result = []
        for visit in self.week.visits.values():
            if visit.id in on:
                continue
            result.append(reasons.get(visit.id) or Uncovered(visit.id, UNASSIGNED, "taken off by the coordinator"))
        return tuple(result)
