"""Draft and published versions of a week: publish, list, compare and restore.

Publishing copies the draft into an immutable version with a timestamp and a note. The diff
between any two versions (or a version and the draft) is given per carer: visits added, removed
and moved in time. Undoing the last published change is publishing the previous version again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roster.domain import Assignment, Rota, RotaStatus
from roster.rules import Violation
from roster.store import (
    draft_revision,
    load_provider,
    load_rota,
    load_version,
    publish_draft,
    published_versions,
    save_rota,
)
from roster.store.events_repo import audit_line

from .safety import UnsafeRota, forced_detail, new_hard_violations

DRAFT = "draft"
"""Names the draft where a version number is expected."""


@dataclass(frozen=True, slots=True)
class CarerDiff:
    """What changed in one carer's week between two versions."""

    carer_id: str
    """The carer."""
    added: tuple[Assignment, ...]
    """Visits the carer has in the newer version only."""
    removed: tuple[Assignment, ...]
    """Visits the carer had in the older version only."""
    moved: tuple[tuple[Assignment, Assignment], ...]
    """(before, after) of visits the carer keeps at another time."""

    @property
    def count(self) -> int:
        """Number of changed visits."""
        return len(self.added) + len(self.removed) + len(self.moved)


def diff(older: Rota, newer: Rota) -> list[CarerDiff]:
    """Per carer with any change, in carer order."""
    def keyed(rota: Rota) -> dict[tuple[str, str], Assignment]:
        return {(a.carer_id, a.visit_id): a for a in rota.assignments}

    old, new = keyed(older), keyed(newer)
    carers = sorted({c for c, _ in old} | {c for c, _ in new})
    result = []
    for carer in carers:
        added = tuple(sorted((a for k, a in new.items() if k[0] == carer and k not in old), key=_order))
        removed = tuple(sorted((a for k, a in old.items() if k[0] == carer and k not in new), key=_order))
        moved = tuple(sorted(((old[k], a) for k, a in new.items()
                              if k[0] == carer and k in old and (old[k].date, old[k].start) != (a.date, a.start)),
                             key=lambda pair: _order(pair[1])))
        if added or removed or moved:
            result.append(CarerDiff(carer, added, removed, moved))
    return result


def _order(a: Assignment) -> tuple:
    return (a.date, a.start, a.visit_id)


def load(db, monday: dt.date, which: int | str) -> Rota:
    """A published version by number, or the draft ('draft')."""
    rota = load_rota(db, monday) if which == DRAFT else load_version(db, monday, int(which))
    if rota is None:
        what = "no draft" if which == DRAFT else f"no published version {which}"
        raise LookupError(f"{what} for the week of {monday}")
    return rota


@dataclass(frozen=True, slots=True)
class Published:
    """What publishing (or restoring) did."""

    version: int
    """The version carers see now."""
    changed: bool
    """False when the draft was that version already: nothing was published."""
    forced: tuple[Violation, ...] = ()
    """New hard violations published anyway, with a note."""

    @property
    def message(self) -> str:
        """One line for a terminal or a status bar."""
        if not self.changed:
            return f"nothing changed since version {self.version}; nothing published"
        forced = f" (forced past {len(self.forced)} new hard violations)" if self.forced else ""
        return f"published version {self.version}{forced}"


def _latest(db, monday: dt.date) -> tuple[int | None, Rota | None]:
    rows = published_versions(db, monday)
    if not rows:
        return None, None
    return rows[-1]["version"], load_version(db, monday, rows[-1]["version"])


def _judge(db, monday: dt.date, rota: Rota, what: str, force_note: str | None) -> tuple[Violation, ...]:
    """The hard violations `rota` would bring in over the published version: UnsafeRota unless
    forced with a note (a force with no note is refused too: the audit log must say why)."""
    number, published = _latest(db, monday)
    added = new_hard_violations(load_provider(db), rota, published)
    if added and not (force_note and force_note.strip()):
        raise UnsafeRota(what, number, added)
    return added


def publish(db, monday: dt.date, note: str, *, by: str, expected_revision: int | None = None,
            force_note: str | None = None) -> Published:
    """Publish the draft as a new version, unless it is the latest version already (a no-op
    that says so). Refuses (UnsafeRota) a draft with hard violations the published version
    does not have, unless `force_note` says why it goes out anyway."""
    draft = load(db, monday, DRAFT)
    number, latest = _latest(db, monday)
    if latest is not None and _same(draft, latest):
        return Published(number, changed=False)
    added = _judge(db, monday, draft, "the draft", force_note)
    why = f"{note}; {forced_detail(added, force_note)}" if added else note
    version = publish_draft(
        db, monday, note, expected_revision=expected_revision,
        also=audit_line(by, "publish", monday, lambda version: f"published version {version}: {why}"),
    )
    return Published(version, changed=True, forced=added)


def versions(db, monday: dt.date) -> list[dict]:
    """Published versions (version, created_at, note) oldest first, and whether the draft differs
    from the latest."""
    rows = published_versions(db, monday)
    draft = load_rota(db, monday)
    latest = load_version(db, monday, rows[-1]["version"]) if rows else None
    for row in rows:
        row["current"] = row is rows[-1]
    if draft is not None:
        changed = latest is None or _same(draft, latest) is False
        rows.append({"version": DRAFT, "created_at": "", "note": f"revision {draft_revision(db, monday)}",
                     "current": False, "unpublished_changes": changed})
    return rows


def _same(a: Rota, b: Rota) -> bool:
    return set(a.assignments) == set(b.assignments) and set(a.uncovered) == set(b.uncovered)


def restore(db, monday: dt.date, version: int, *, by: str, force: bool = False,
            force_note: str | None = None) -> Published:
    """Publish an earlier version again (undo of the last published change); the draft becomes
    that version too. Refuses to drop unpublished draft changes unless forced, and (UnsafeRota)
    a version with hard violations the published one does not have (a carer since off sick
    still on it) unless `force_note` says why."""
    old = load(db, monday, version)
    number, latest = _latest(db, monday)
    draft = load_rota(db, monday)
    if latest is not None and _same(old, latest) and (draft is None or _same(draft, latest)):
        return Published(number, changed=False)
    if draft is not None and latest is not None and not _same(draft, latest) and not force:
        raise ValueError(f"the draft for the week of {monday} has unpublished changes; publish them or force the restore")
    added = _judge(db, monday, old, f"version {version}", force_note)
    forced = f" ({forced_detail(added, force_note)})" if added else ""
    revision = draft_revision(db, monday)
    restored = Rota(old.week_start, old.assignments, old.breaks, old.uncovered, old.crews, RotaStatus.DRAFT)
    save_rota(db, restored, expected_revision=revision, note=f"restore of version {version}")
    new_version = publish_draft(
        db, monday, f"restore of version {version}", expected_revision=revision + 1,
        also=audit_line(by, "restore", monday,
                        lambda new: f"published version {version} again as version {new}{forced}"),
    )
    return Published(new_version, changed=True, forced=added)
