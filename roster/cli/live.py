"""On the day: `roster event ...` records what happened, `roster repair` re-plans a day from now
with as few changes as possible, `roster publish|versions|diff|restore` manage published
versions, `roster audit` shows who did what."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys

import click

from .common import db_option, emit_rows, fail, output_options, week_argument
from .exit_codes import Exit
from .interrupt import draft_interrupted


def _moment(value: str, option: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date and time like 2026-11-24T09:30", param_hint=option) from None


def _minutes(value: str, option: str) -> int:
    from roster.domain.clock import parse_hhmm

    try:
        return parse_hhmm(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-24", param_hint=option) from None


def _time_of_day(value: str, option: str) -> int:
    from roster.domain.clock import parse_time_of_day

    try:
        return parse_time_of_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _window(value: str | None, option: str) -> tuple[int, int] | None:
    if value is None:
        return None
    start, sep, end = value.partition("-")
    if not sep:
        raise click.BadParameter(f"{value!r} is not a window like 09:00-10:30", param_hint=option)
    return _minutes(start, option), _minutes(end, option)


def by_option(func):
    """--by NAME: who records the change (default: the login name)."""
    return click.option("--by", "by", default=lambda: getpass.getuser(), show_default="login name",
                        help="Who records it (kept in the audit log).")(func)


def _record(db_path: str, action) -> None:
    """Run one event recorder; bad input (a duplicate event too) exits 4 with the record and field
    named, an unknown carer, client, package or visit exits 6."""
    from roster.domain import DomainError, NotFound
    from roster.store import open_db

    db = open_db(db_path)
    try:
        event = action(db)
    except NotFound as exc:
        fail(f"nothing recorded: {exc}", Exit.NOT_FOUND)
    except DomainError as exc:
        fail(f"nothing recorded: {exc}", Exit.BAD_INPUT)
    finally:
        db.close()
    click.echo(f"event #{event.id} recorded: {event.summary}")
    click.echo(f"next: roster repair --date {event.effective_at.date()} --now {event.effective_at:%H:%M}", err=True)


@click.group("event")
def event() -> None:
    """Record what happened on the day (each event is kept with who and when)."""


@event.command("sick")
@click.option("--carer", required=True, help="Carer id.")
@click.option("--from", "start", required=True, help="First moment away, e.g. 2026-11-24T07:00.")
@click.option("--to", "end", required=True, help="First moment back.")
@click.option("--kind", type=click.Choice(["sickness", "leave", "training"]), default="sickness", show_default=True)
@by_option
@db_option
def sick(carer: str, start: str, end: str, kind: str, by: str, db_path: str) -> None:
    """A carer away (off sick by default) from --from to --to."""
    from roster.domain import AbsenceKind
    from roster.planning.events import record_absence

    begin, finish = _moment(start, "--from"), _moment(end, "--to")
    _record(db_path, lambda db: record_absence(db, carer, begin, finish, by=by, kind=AbsenceKind(kind)))


@event.command("suspend")
@click.option("--client", required=True, help="Client id.")
@click.option("--at", "at", required=True, help="When they were admitted, e.g. 2026-11-24T10:15.")
@by_option
@db_option
def suspend(client: str, at: str, by: str, db_path: str) -> None:
    """A client admitted to hospital: their visits stop until they return."""
    from roster.planning.events import record_suspension

    moment = _moment(at, "--at")
    _record(db_path, lambda db: record_suspension(db, client, moment, by=by))


@event.command("resume")
@click.option("--client", required=True, help="Client id.")
@click.option("--at", "at", required=True, help="When they are home again.")
@by_option
@db_option
def resume(client: str, at: str, by: str, db_path: str) -> None:
    """A client home from hospital: their visits are due again."""
    from roster.planning.events import record_return

    moment = _moment(at, "--at")
    _record(db_path, lambda db: record_return(db, client, moment, by=by))


def _client_arg(client: str | None, name: str | None, postcode: str | None):
    """An existing client id, or a new client from a generated id, a name and a postcode."""
    from roster.domain import Client
    from roster.locations import postcode_location

    if client and not (name or postcode):
        return client
    if not (client and name and postcode):
        raise click.UsageError("give --client ID for a known client, or --client ID --name --postcode for a new one")
    location = postcode_location(postcode)
    if location is None:
        fail(f"client {client}: postcode: {postcode!r} is not a known postcode; nothing recorded", Exit.BAD_INPUT)
    return Client(id=client, name=name, postcode=postcode, location=location)


@event.command("new-package")
@click.option("--client", required=True, help="Client id (known, or new with --name and --postcode).")
@click.option("--name", help="New client's name.")
@click.option("--postcode", help="New client's postcode.")
@click.option("--at", "at", required=True, help="When the package starts (e.g. the discharge time).")
@click.option("--call", "calls", multiple=True, required=True,
              help="TYPE:HH:MM-HH:MM:MINUTES[:CARERS[:SKILL+SKILL]], e.g. morning:07:00-10:30:45:2:hoist")
@click.option("--days", type=click.IntRange(1, 42), default=14, show_default=True, help="Planned length.")
@by_option
@db_option
def new_package(client: str, name: str | None, postcode: str | None, at: str, calls: tuple[str, ...], days: int,
                by: str, db_path: str) -> None:
    """A package starting at short notice (a hospital discharge): calls every day from --at."""
    from roster.planning.events import record_new_package

    moment = _moment(at, "--at")
    parsed = [_call(text) for text in calls]
    who = _client_arg(client, name, postcode)
    _record(db_path, lambda db: record_new_package(db, who, moment, parsed, by=by, days=days))


def _call(text: str):
    from roster.domain import CallType
    from roster.planning.events import Call

    parts = text.split(":")
    try:
        kind = CallType(parts[0])
        window = _window(":".join(parts[1:4]), "--call")
        duration = int(parts[4])
        carers = int(parts[5]) if len(parts) > 5 else 1
        skills = frozenset(filter(None, parts[6].split("+"))) if len(parts) > 6 else frozenset()
    except (ValueError, IndexError):
        raise click.BadParameter(f"{text!r} is not like morning:07:00-10:30:45", param_hint="--call") from None
    return Call(kind, window[0], window[1], duration, carers, skills)


@event.command("end-package")
@click.option("--package", required=True, help="Package id.")
@click.option("--at", "at", required=True, help="When it ended; no visits from then on.")
@by_option
@db_option
def end_package(package: str, at: str, by: str, db_path: str) -> None:
    """A package ended early."""
    from roster.planning.events import record_package_end

    moment = _moment(at, "--at")
    _record(db_path, lambda db: record_package_end(db, package, moment, by=by))


@event.command("ucr")
@click.option("--client", required=True, help="Client id (known, or new with --name and --postcode).")
@click.option("--name", help="New client's name.")
@click.option("--postcode", help="New client's postcode.")
@click.option("--at", "at", required=True, help="Referral time: the 2-hour clock starts (08:00-20:00).")
@click.option("--duration", type=click.IntRange(15, 240), default=60, show_default=True)
@click.option("--carers", type=click.IntRange(1, 2), default=1, show_default=True)
@click.option("--skill", "skills", multiple=True, help="Skill needed (repeat).")
@by_option
@db_option
def ucr(client: str, name: str | None, postcode: str | None, at: str, duration: int, carers: int,
        skills: tuple[str, ...], by: str, db_path: str) -> None:
    """An urgent UCR call: a visit within 2 hours of the referral."""
    from roster.planning.events import record_ucr

    moment = _moment(at, "--at")
    who = _client_arg(client, name, postcode)
    _record(db_path, lambda db: record_ucr(db, who, moment, by=by, duration=duration, carers_needed=carers,
                                           skills=frozenset(skills)))


@event.command("change-visit")
@click.option("--visit", required=True, help="Visit id, e.g. S0042-1@2026-11-24.")
@click.option("--cancel", is_flag=True, help="Cancel this one visit.")
@click.option("--window", help="New start window for this day only, e.g. 11:00-11:30.")
@click.option("--duration", type=click.IntRange(15, 240), help="New length for this day only.")
@by_option
@db_option
def change_visit(visit: str, cancel: bool, window: str | None, duration: int | None, by: str, db_path: str) -> None:
    """A one-off change to one visit (the recurring schedule is unchanged)."""
    from roster.planning.events import record_visit_change

    new_window = _window(window, "--window")
    _record(db_path, lambda db: record_visit_change(db, visit, by=by, cancel=cancel, window=new_window,
                                                    duration=duration))


@event.command("list")
@click.option("--week", "week", help="ISO week (default: every event).")
@output_options
@db_option
def list_events(week: str | None, fmt: str, db_path: str) -> None:
    """Recorded events with who and when."""
    from roster.store import open_db
    from roster.store.events_repo import load_events

    db = open_db(db_path)
    events = load_events(db, week_argument(week) if week else None)
    rows = [{"id": e.id, "kind": e.kind, "effective_at": e.effective_at.isoformat(), "recorded_by": e.recorded_by,
             "recorded_at": e.recorded_at.isoformat() if e.recorded_at else "", "summary": e.summary} for e in events]
    emit_rows(rows, fmt, ["id", "kind", "effective_at", "recorded_by", "recorded_at", "summary"])


def _outcome_document(outcome) -> dict:
    from roster.domain.clock import hhmm

    def at(m):
        return hhmm(m) if m is not None else None

    return {
        "dates": [d.isoformat() for d in outcome.dates], "now": hhmm(outcome.now),
        "complete": outcome.complete, "seconds": round(outcome.seconds, 2),
        "must_move": outcome.must_move, "placed": outcome.placed, "moved_to_make_room": outcome.moved_to_make_room,
        "shifted_minutes": outcome.shifted_minutes, "lateness_minutes": outcome.lateness_minutes,
        "changes": [{"visit_id": c.visit_id, "from": list(c.before), "to": list(c.after),
                     "start_before": at(c.start_before), "start_after": at(c.start_after), "why": c.why}
                    for c in outcome.changes],
        "uncovered": [{"visit_id": u.visit_id, "reason": u.reason, "detail": u.detail} for u in outcome.uncovered],
        "ucr": [{"visit_id": u.visit_id, "client_id": u.client_id, "referral": at(u.referral),
                 "deadline": at(u.deadline), "start": at(u.start), "carers": list(u.carers), "in_time": u.in_time,
                 "why": u.why} for u in outcome.ucr],
        "ucr_budget": {"used_minutes": outcome.budget.used_minutes, "budget_minutes": outcome.budget.budget_minutes,
                       "over": outcome.budget.over},
        "new_violations": list(outcome.new_violations),
    }


@click.command("repair")
@click.option("--date", "date", required=True, help="Day to repair, e.g. 2026-11-24.")
@click.option("--now", "now", default=None, help="Nothing before this time moves (default: now if today, else 00:00).")
@click.option("--through", "through", default=None, help="Also repair the following days up to this date.")
@click.option("--dry-run", is_flag=True, help="Show the changes without saving the draft.")
@click.option("--json", "as_json", is_flag=True, help="The changes as JSON on stdout.")
@by_option
@db_option
def repair(date: str, now: str | None, through: str | None, dry_run: bool, as_json: bool, by: str,
           db_path: str) -> None:
    """Re-plan a day from now on after events, changing as few visits as possible; save the draft.

    Exit status: 0 everything placed, 3 some visits left uncovered (listed with why), 5 the
    draft or the data it is planned from changed meanwhile (nothing saved), 6 no rota for the
    week, 7 saved with new hard violations the repair could not avoid (each named), 130
    interrupted (draft unchanged, or saved whole if Ctrl-C came as it was saved)."""
    from roster.domain.clock import monday_of, week_label
    from roster.planning.repair import apply_repair, load_for_repair, plan_repair
    from roster.store import StaleDraft, data_revision, open_db

    day = _date(date, "--date")
    last = _date(through, "--through") if through else None
    if last is not None and last < day:
        raise click.BadParameter(f"{through} is before --date {date}", param_hint="--through")
    if now is not None:
        minute = _time_of_day(now, "--now")
    elif day == dt.date.today():
        current = dt.datetime.now()
        minute = current.hour * 60 + current.minute
    else:
        minute = 0
    db = open_db(db_path)
    revision = None
    try:
        data = data_revision(db)  # before the data is read: a change made meanwhile shows at the save
        provider, rota, revision, events = load_for_repair(db, day)
        outcome = plan_repair(provider, rota, day, minute, events, through=last)
        if not dry_run:
            apply_repair(db, outcome, expected_revision=revision, expected_data_revision=data, by=by)
    except KeyboardInterrupt:
        draft_interrupted(db, monday_of(day), week_label(monday_of(day)), revision)
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    except StaleDraft as exc:
        fail(f"nothing saved: {exc}", Exit.STALE)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(_outcome_document(outcome), indent=2))
    else:
        from roster.domain.clock import hhmm

        click.echo(outcome.summary())
        for c in outcome.changes:
            was = f"{','.join(c.before) or '-'} {hhmm(c.start_before) if c.start_before is not None else ''}".strip()
            to = f"{','.join(c.after) or '-'} {hhmm(c.start_after) if c.start_after is not None else ''}".strip()
            click.echo(f"  {c.visit_id}: {was} -> {to}  ({c.why})")
        for v in outcome.new_violations:
            click.echo(f"  new violation: {v}", err=True)
        if not dry_run:
            click.echo("draft saved; publish with: roster publish --week ...", err=True)
    left = [u for u in outcome.uncovered if not u.not_due]
    if outcome.new_violations:
        sys.exit(int(Exit.VIOLATIONS))
    sys.exit(int(Exit.UNCOVERED if left else Exit.OK))


def _refused(exc) -> None:
    """An UnsafeRota refusal: the core's message, how to force it, exit 7."""
    fail(f"{exc.message}\nnothing written; to publish it anyway: --force --note WHY (kept in the audit log)",
         Exit.VIOLATIONS)


@click.command("publish")
@click.option("--week", "week", required=True, help="ISO week, e.g. 2026-W48.")
@click.option("--note", required=True, help="What changed, for the history (with --force: why).")
@click.option("--force", is_flag=True, help="Publish even with hard violations the published version does not have.")
@by_option
@db_option
def publish(week: str, note: str, force: bool, by: str, db_path: str) -> None:
    """Publish the week's draft as a new immutable version.

    Exit status: 0 published (or nothing changed since the latest version), 5 the draft changed
    meanwhile, 6 no draft, 7 refused: the draft has hard violations the published version does
    not have (listed; --force --note publishes it anyway)."""
    from roster.planning.safety import UnsafeRota
    from roster.planning.versions import publish as publish_week
    from roster.store import StaleDraft, open_db

    monday = week_argument(week)
    if force and not note.strip():
        raise click.UsageError("--force needs a --note saying why")
    db = open_db(db_path)
    try:
        done = publish_week(db, monday, note, by=by, force_note=note if force else None)
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    except UnsafeRota as exc:
        _refused(exc)
    except StaleDraft as exc:
        fail(f"nothing published: {exc}", Exit.STALE)
    finally:
        db.close()
    if done.changed:
        forced = f" (forced past {len(done.forced)} new hard violations)" if done.forced else ""
        click.echo(f"published version {done.version} of {week}{forced}")
    else:
        click.echo(done.message)


@click.command("versions")
@click.option("--week", "week", required=True, help="ISO week.")
@output_options
@db_option
def versions(week: str, fmt: str, db_path: str) -> None:
    """Published versions of the week, and the draft."""
    from roster.planning.versions import versions as week_versions
    from roster.store import open_db

    db = open_db(db_path)
    rows = week_versions(db, week_argument(week))
    emit_rows(rows, fmt, ["version", "created_at", "note", "current", "unpublished_changes"])


class VersionName(click.ParamType):
    """A published version number (1, 2, ...) or 'draft'."""

    name = "VERSION"

    def convert(self, value, param, ctx):
        from roster.planning.versions import DRAFT

        text = str(value).strip().lower()
        if text == DRAFT:
            return DRAFT
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.fail(f"{value!r} is not a version: give a version number (1, 2, ...) or 'draft'", param, ctx)


@click.command("diff")
@click.option("--week", "week", required=True, help="ISO week.")
@click.argument("older", type=VersionName())
@click.argument("newer", type=VersionName())
@output_options
@db_option
def diff(week: str, older: int | str, newer: int | str, fmt: str, db_path: str) -> None:
    """Per carer: visits added, removed and moved between two versions (a number or 'draft')."""
    from roster.domain.clock import hhmm
    from roster.planning.versions import diff as week_diff, load
    from roster.store import open_db

    monday = week_argument(week)
    db = open_db(db_path)
    try:
        changes = week_diff(load(db, monday, older), load(db, monday, newer))
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    finally:
        db.close()
    rows = []
    for c in changes:
        for a in c.added:
            rows.append({"carer": c.carer_id, "change": "added", "visit": a.visit_id, "date": a.date.isoformat(),
                         "before": "", "after": hhmm(a.start)})
        for a in c.removed:
            rows.append({"carer": c.carer_id, "change": "removed", "visit": a.visit_id, "date": a.date.isoformat(),
                         "before": hhmm(a.start), "after": ""})
        for was, now in c.moved:
            rows.append({"carer": c.carer_id, "change": "moved", "visit": now.visit_id, "date": now.date.isoformat(),
                         "before": f"{was.date.isoformat()} {hhmm(was.start)}" if was.date != now.date else hhmm(was.start),
                         "after": hhmm(now.start)})
    emit_rows(rows, fmt, ["carer", "change", "visit", "date", "before", "after"])


@click.command("restore")
@click.option("--week", "week", required=True, help="ISO week.")
@click.option("--version", "version", type=click.IntRange(min=1), required=True, help="The version to publish again.")
@click.option("--force", is_flag=True,
              help="Drop unpublished draft changes, and publish even with new hard violations (needs --note).")
@click.option("--note", default=None, help="Why it is forced (required with --force; kept in the audit log).")
@by_option
@db_option
def restore(week: str, version: int, force: bool, note: str | None, by: str, db_path: str) -> None:
    """Publish an earlier version again (undo the last published change).

    Exit status: 0 published again, 5 the draft has unpublished changes (or changed meanwhile),
    6 no such version, 7 refused: the version has hard violations the published one does not
    have (listed; --force --note restores it anyway)."""
    from roster.planning.safety import UnsafeRota
    from roster.planning.versions import restore as restore_version
    from roster.store import StaleDraft, open_db

    if force and not (note and note.strip()):
        raise click.UsageError("--force needs a --note saying why")
    monday = week_argument(week)
    db = open_db(db_path)
    try:
        done = restore_version(db, monday, version, by=by, force=force, force_note=note if force else None)
    except LookupError as exc:
        fail(str(exc), Exit.NOT_FOUND)
    except UnsafeRota as exc:
        _refused(exc)
    except (ValueError, StaleDraft) as exc:
        fail(f"nothing restored: {exc}", Exit.STALE)
    finally:
        db.close()
    if not done.changed:
        click.echo(done.message)
        return
    forced = f" (forced past {len(done.forced)} new hard violations)" if done.forced else ""
    click.echo(f"version {version} published again as version {done.version}{forced}")


@click.command("audit")
@click.option("--week", "week", help="ISO week (default: everything).")
@output_options
@db_option
def audit(week: str | None, fmt: str, db_path: str) -> None:
    """The audit log: events, repairs, publishes and restores, with who and when."""
    from roster.store import open_db
    from roster.store.events_repo import load_audit

    db = open_db(db_path)
    rows = [{"at": e.at.isoformat(), "who": e.who, "action": e.action,
             "week": e.week_start.isoformat() if e.week_start else "", "detail": e.detail}
            for e in load_audit(db, week_argument(week) if week else None)]
    emit_rows(rows, fmt, ["at", "who", "action", "week", "detail"])


commands = [event, repair, publish, versions, diff, restore, audit]
