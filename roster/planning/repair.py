"""Repair a day of the draft after events, from `now` onward, with as few changes to other people's
plans as possible. Visits already started or done stay, pins stay; every change is listed with
its reason; UCR calls are placed within their deadline or reported as impossible, with why.

Two steps a front end calls: `plan_repair` (pure: nothing is written; can be stopped) and
`apply_repair` (writes the draft, all or nothing, refusing a draft changed meanwhile).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import Assignment, CallType, Break, Provider, Referral, Rota, RotaStatus, Service, Uncovered
from roster.domain.clock import hhmm, monday_of
from roster.rules import check_rota
from roster.rules import Week as RulesWeek
from roster.rules.context import RotaIndex
from roster.store.events_repo import EventRecord

from .events import cancellations, replacements


@dataclass(frozen=True, slots=True)
class Change:
    """One visit whose carers or time the repair changed."""

    visit_id: str
    """The visit."""
    before: tuple[str, ...]
    """Carers on it before (empty if it was uncovered or new)."""
    after: tuple[str, ...]
    """Carers on it after (empty if now uncovered)."""
    start_before: int | None
    """Start before."""
    start_after: int | None
    """Start after."""
    why: str
    """The reason, in the coordinator's words."""

    @property
    def moved(self) -> bool:
        """Went to (at least one) other carer."""
        return bool(self.before) and bool(self.after) and set(self.before) != set(self.after)


@dataclass(frozen=True, slots=True)
class UcrCall:
    """An urgent UCR visit of the day and how the repair answered it."""

    visit_id: str
    """The visit."""
    client_id: str
    """Who is visited."""
    referral: int
    """When the 2-hour clock started (minutes since midnight)."""
    deadline: int
    """Latest start."""
    start: int | None
    """Planned start, or None if it could not be placed."""
    carers: tuple[str, ...]
    """Carers sent."""
    why: str = ""
    """Why it could not be placed in time."""

    @property
    def in_time(self) -> bool:
        """Placed by the deadline."""
        return self.start is not None and self.start <= self.deadline


@dataclass(frozen=True, slots=True)
class UcrBudget:
    """UCR carer-minutes used this week against the trust's allocation."""

    used_minutes: int
    """Carer-minutes of UCR visits on the rota."""
    budget_minutes: int
    """The weekly allocation (settings.ucr_budget_minutes)."""

    @property
    def over(self) -> bool:
        """More used than allocated."""
        return self.used_minutes > self.budget_minutes

    @property
    def warning(self) -> str:
        """A sentence when over budget, else empty."""
        if not self.over:
            return ""
        return (f"UCR uses {self.used_minutes / 60:.1f}h this week, over the "
                f"{self.budget_minutes / 60:.1f}h allocation")


@dataclass(frozen=True)
class RepairOutcome:
    """A repaired draft and what it changed."""

    rota: Rota
    """The whole week's draft after the repair (only the repaired dates differ)."""
    dates: tuple[dt.date, ...]
    """The dates repaired."""
    now: int
    """Minutes since midnight on the first date; nothing before it moved."""
    changes: tuple[Change, ...]
    """Every visit that changed, in date and time order."""
    uncovered: tuple[Uncovered, ...]
    """Day visits of the repaired dates left without carers (cancelled ones included)."""
    ucr: tuple[UcrCall, ...]
    """Urgent calls on the repaired dates."""
    budget: UcrBudget
    """UCR use this week."""
    new_violations: tuple[str, ...]
    """Hard rule violations the repair added (expected none)."""
    stopped: bool
    """Stopped before the end: not to be saved."""
    seconds: float
    """Wall time."""
    must_move: int
    """Visits that had to find a carer (their carer away, new, changed or uncovered)."""
    placed: int
    """Of those, how many found their carers."""
    moved_to_make_room: int
    """Other visits moved to another carer to make room (the ripple)."""
    shifted_minutes: int
    """Minutes kept visits start earlier or later than before."""
    lateness_minutes: int
    """Minutes day visits of the repaired dates start after the client's preferred time."""

    @property
    def complete(self) -> bool:
        """Ran to the end: safe to save."""
        return not self.stopped

    def summary(self) -> str:
        """One paragraph for a status line or a terminal."""
        lines = [
            f"repair of {', '.join(d.isoformat() for d in self.dates)} from {hhmm(self.now)}: "
            f"{self.placed} of {self.must_move} visits needing carers placed; {len(self.changes)} visits changed "
            f"({self.moved_to_make_room} moved to make room, {self.shifted_minutes} min shifted), "
            f"{sum(1 for u in self.uncovered if not u.not_due)} left uncovered, {self.seconds:.1f} s"
        ]
        for call in self.ucr:
            if call.in_time:
                lines.append(f"UCR {call.visit_id}: {', '.join(call.carers)} at {hhmm(call.start)} "
                             f"(deadline {hhmm(call.deadline)})")
            else:
                lines.append(f"UCR {call.visit_id}: cannot be met by {hhmm(call.deadline)}: {call.why}")
        if self.budget.warning:
            lines.append("warning: " + self.budget.warning)
        if self.stopped:
            lines.append("stopped before the end: nothing to save")
        return "\n".join(lines)




def plan_repair(
    provider: Provider,
    rota: Rota,
    date: dt.date,
    now: int,
    events: list[EventRecord],
    *,
    through: dt.date | None = None,
    stop: Callable[[], bool] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> RepairOutcome:
    """Repair `date` (to `through`, default the same day) from `now` on; writes nothing."""
    if not 0 <= now < 24 * 60:
        raise ValueError(f"now: {hhmm(now)} is not a time of day (00:00 to 23:59)")
    began = time.monotonic()
    monday = monday_of(date)
    last = min(through or date, monday + dt.timedelta(days=6))
    dates = tuple(date + dt.timedelta(days=i) for i in range((last - date).days + 1))
    week = RulesWeek(provider, monday)
    cancelled = cancellations(events, list(week.visits.values()))
    origin = replacements(events)
    before = rota
    current = _drop_not_due(rota, week, dates, cancelled, now)
    stopped = False
    reasons: dict[str, str] = {}
    orphans: set[str] = set()
    for i, day in enumerate(dates):
        if stop is not None and stop():
            stopped = True
            break
        current, day_reasons, day_stopped, day_orphans = _repair_day(
            provider, week, current, before, day, now if i == 0 else 0, cancelled, origin, stop, on_progress)
        reasons.update(day_reasons)
        orphans |= day_orphans
        if day_stopped:
            stopped = True
            break
    return _outcome(provider, week, before, current, dates, now, cancelled, reasons, orphans, stopped,
                    time.monotonic() - began)


def _drop_not_due(rota: Rota, week: RulesWeek, dates: tuple[dt.date, ...], cancelled: dict[str, Uncovered],
                  now: int) -> Rota:
    """Take off the repaired dates what is no longer due, and list cancelled visits with why;
    what already started stays."""
    first = dates[0]

    def started(a: Assignment) -> bool:
        return a.date == first and a.start < now

    def gone(visit_id: str, date: dt.date) -> bool:
        return date >= first and (visit_id not in week.visits or visit_id in cancelled)

    kept = tuple(a for a in rota.assignments if started(a) or not gone(a.visit_id, a.date))
    still_on = {a.visit_id for a in kept}
    listed = [u for u in rota.uncovered
              if u.visit_id in week.visits and not (u.visit_id in cancelled and week.visits[u.visit_id].date >= first)]
    listed += [u for v, u in cancelled.items() if week.visits[v].date >= first and v not in still_on]
    known = still_on | {u.visit_id for u in listed}
    listed += [Uncovered(v.id, "not_yet_planned", "new since the rota was made: repair that day or solve again")
               for v in week.visits.values()
               if v.service is Service.DAY and v.date not in dates and v.id not in known]
    return dataclasses.replace(rota, assignments=kept, uncovered=tuple(listed), status=RotaStatus.DRAFT)


def availability(provider: Provider, week: RulesWeek, carer_id: str, date: dt.date) -> list[tuple[int, int]]:
    """(start, end) of the carer's shifts on date, minus leave and sickness, earliest first."""
    carer = week.carers[carer_id]
    midnight = dt.datetime.combine(date, dt.time())
    pieces = [(s.start, s.end) for s in carer.shifts_on(date.weekday())]
    for absence in week.absences.get(carer_id, ()):
        away_from = int((absence.start - midnight).total_seconds() // 60)
        away_to = -int(-(absence.end - midnight).total_seconds() // 60)
        pieces = [p for s, e in pieces for p in _minus(s, e, away_from, away_to)]
    return sorted(pieces)


def _minus(start: int, end: int, away_from: int, away_to: int) -> list[tuple[int, int]]:
    if away_to <= start or away_from >= end:
        return [(start, end)]
    return [(s, e) for s, e in ((start, min(away_from, end)), (max(away_to, start), end)) if e > s]


def _repair_day(provider, week: RulesWeek, rota: Rota, original: Rota, date: dt.date, now: int,
                cancelled: dict[str, Uncovered], origin: dict[str, str], stop, on_progress):
    """One date repaired: (rota, why per changed visit, stopped, ids of the visits that needed carers)."""
    from solver.repair import RepairCarer, RepairProblem, RepairVisit, RepairWeights, Stop, repair

    settings = week.settings
    day_visits = [v for v in week.visits.values()
                  if v.date == date and v.service is Service.DAY and v.id not in cancelled]
    on_day = [a for a in rota.assignments if a.date == date and a.visit_id in week.visits
              and week.visits[a.visit_id].service is Service.DAY]
    carers = [c for c in week.carers.values() if c.day_worker]
    shifts = {c.id: availability(provider, week, c.id, date) for c in carers}
    why: dict[str, str] = {}
    keep: list[Assignment] = []
    midnight = dt.datetime.combine(date, dt.time())
    for a in on_day:
        absence = week.absence_during(a.carer_id, date, a.start, a.end)
        if absence is not None and a.start < now and absence.start > midnight + dt.timedelta(minutes=a.start):
            absence = None  # begun before the carer went off: it happened, it stays
        fits = any(s <= a.start and a.end <= e for s, e in shifts.get(a.carer_id, ()))
        if absence is not None:
            why[a.visit_id] = f"carer {a.carer_id} away ({absence.kind.value})"
        elif not fits and a.start >= now and a.carer_id in shifts:
            why[a.visit_id] = f"carer {a.carer_id} no longer available at {hhmm(a.start)}"
        else:
            keep.append(a)
    previous: dict[str, list[str]] = {}
    for a in original.assignments:
        if a.date == date:
            previous.setdefault(a.visit_id, []).append(a.carer_id)
    kept_on: dict[str, int] = {}
    for a in keep:
        kept_on[a.visit_id] = kept_on.get(a.visit_id, 0) + 1
    orphans = [v for v in day_visits if kept_on.get(v.id, 0) < v.carers_needed]
    for v in orphans:
        if v.id in why:
            continue
        if v.id in origin:
            why[v.id] = f"one-off change of {origin[v.id]}"
        elif v.call_type is CallType.URGENT and v.id not in previous:
            why[v.id] = "urgent UCR call"
        elif v.id not in previous and not any(u.visit_id == v.id for u in original.uncovered):
            why[v.id] = "new visit"
        else:
            why[v.id] = "was uncovered"
    visit_list = day_visits
    index = {v.id: i for i, v in enumerate(visit_list)}
    carer_index = {c.id: i for i, c in enumerate(carers)}
    locations: dict = {}
    for c in carers:
        locations.setdefault(c.home, len(locations))
    for v in visit_list:
        locations.setdefault(v.location, len(locations))
    points = list(locations)
    modes = list(dict.fromkeys(c.transport for c in carers))

    def travel(mode: int, a: int, b: int) -> int:
        return week.minutes(points[a], points[b], modes[mode])

    rindex = RotaIndex(week, rota)
    problem_visits = []
    for v in visit_list:
        client = week.clients[v.client_id]
        was = previous.get(origin.get(v.id, v.id), [])
        problem_visits.append(RepairVisit(
            location=locations[v.location], earliest=v.window_start, latest=v.window_end, duration=v.duration,
            carers_needed=v.carers_needed, skills=v.skills,
            excluded_carers=frozenset(carer_index[c.id] for c in carers if _excluded(client, c)),
            previous_carers=tuple(carer_index[c] for c in was if c in carer_index),
            target=v.preferred_start, urgent=v.call_type is CallType.URGENT, label=v.id,
            may_give_way=v.carers_needed == 1 and not v.fixed_time and v.call_type is not CallType.URGENT,
        ))
    plan = [[] for _ in carers]
    for a in keep:
        if a.carer_id in carer_index and a.visit_id in index:
            plan[carer_index[a.carer_id]].append(Stop(index[a.visit_id], a.start, a.pinned or a.start < now))
    problem_carers = []
    for c in carers:
        other_days = [d for d in rindex.days_of(c.id) if d.date != date]
        worked = sum(d.worked_minutes for d in other_days)
        problem_carers.append(RepairCarer(
            home=locations[c.home], mode=modes.index(c.transport), skills=c.skills, shifts=tuple(shifts[c.id]),
            may_start=len({d.date for d in other_days}) < 6,
            minutes_left=None if c.opted_out_48h else settings.max_week_minutes - worked, label=c.id,
        ))
    problem = RepairProblem(
        visits=tuple(problem_visits), carers=tuple(problem_carers), plan=tuple(tuple(p) for p in plan),
        orphans=tuple(index[v.id] for v in orphans), travel=travel, now=now,
        break_after=settings.break_after_minutes, break_minutes=settings.break_minutes,
        max_day_minutes=settings.max_shift_minutes, weights=RepairWeights(),
    )
    result = repair(problem, stop=stop, on_progress=on_progress)
    orphan_ids = {v.id for v in orphans}
    if result.stopped:
        return rota, why, True, orphan_ids
    pinned = {(a.visit_id, a.carer_id) for a in keep if a.pinned}
    new_day = []
    for c, route in enumerate(result.routes):
        carer_id = carers[c].id
        for s in route:
            v = visit_list[s.visit]
            new_day.append(Assignment(v.id, carer_id, date, s.start, s.start + v.duration,
                                      (v.id, carer_id) in pinned))
    for u in result.moved:
        why[visit_list[u].id] = "moved to make room for a visit that had to move"
    for u in result.unplaced:
        if u.reason == "gave_way":
            why[visit_list[u.visit].id] = "gave way to an urgent UCR call"
    unplaced = {visit_list[u.visit].id: Uncovered(visit_list[u.visit].id, u.reason, u.detail) for u in result.unplaced}
    day_ids = {v.id for v in visit_list}
    assignments = tuple(a for a in rota.assignments if not (a.date == date and a.visit_id in day_ids)) + tuple(new_day)
    uncovered = tuple(u for u in rota.uncovered if u.visit_id not in day_ids) + tuple(unplaced.values())
    repaired = dataclasses.replace(rota, assignments=assignments, uncovered=uncovered)
    repaired = dataclasses.replace(repaired, breaks=_breaks(week, rota, repaired, date))
    return _without_new_violations(provider, week, rota, repaired, date), why, False, orphan_ids


SAFETY_ROUNDS = 3
"""Times the checker judges the repaired day again after taking visits off (taking one off can
change a carer's breaks, rarely anything more)."""


def _without_new_violations(provider, week: RulesWeek, before: Rota, after: Rota, date: dt.date) -> Rota:
    """The independent checker behind the solver: a visit of the repaired day that breaks a hard
    rule the rota did not break before (a double-up left with one carer, above all) is taken off,
    left uncovered with the rule named; violations naming no visit stay, for the outcome to name."""
    known = _hard_keys(provider, before, week)
    for _ in range(SAFETY_ROUNDS):
        broken: dict[str, str] = {}
        for key, message in _hard_keys(provider, after, week).items():
            rule, visit_id, _, _ = key
            if key not in known and visit_id in week.visits and week.visits[visit_id].date == date:
                broken.setdefault(visit_id, f"left uncovered: with it the rota would break {rule} ({message})")
        if not broken:
            return after
        after = dataclasses.replace(
            after,
            assignments=tuple(a for a in after.assignments if a.visit_id not in broken),
            uncovered=tuple(u for u in after.uncovered if u.visit_id not in broken)
            + tuple(Uncovered(v, "unsafe", detail) for v, detail in broken.items()),
        )
        after = dataclasses.replace(after, breaks=_breaks(week, before, after, date))
    return after


def _excluded(client, carer) -> bool:
    """Declined by the client, or the wrong gender where the client requires one."""
    if carer.id in client.declined_carers:
        return True
    return client.gender_required and client.preferred_gender is not None and carer.gender != client.preferred_gender


def _breaks(week: RulesWeek, before: Rota, after: Rota, date: dt.date) -> tuple[Break, ...]:
    """Breaks of carer-days the repair left alone stay; changed days get one in each working
    period that needs it (an existing break kept where it still fits)."""
    old = before.by_carer_day()
    new = after.by_carer_day()
    kept = [b for b in before.breaks if b.date != date or old.get((b.carer_id, date)) == new.get((b.carer_id, date))]
    changed = {c for (c, d) in set(old) | set(new) if d == date and old.get((c, d)) != new.get((c, d))}
    index = RotaIndex(week, dataclasses.replace(after, breaks=()))
    settings = week.settings
    for carer_id in sorted(changed):
        if (carer_id, date) not in new:
            continue
        day = index.day(carer_id, date)
        existing = [b for b in before.breaks if b.carer_id == carer_id and b.date == date]
        for block in day.blocks:
            if block.night or not block.runs:
                continue
            first = day.runs[block.runs[0]].start
            last = max(day.runs[i].end for i in block.runs)
            if last - first <= settings.break_after_minutes:
                continue
            gaps = []
            for i in block.runs[:-1]:
                prev, nxt = day.runs[i], day.runs[i + 1]
                room = nxt.start - prev.end - day.legs[i]
                if room >= settings.break_minutes:
                    gaps.append((prev.end + day.legs[i], nxt.start))
            fitting = [b for b in existing if b.minutes >= settings.break_minutes
                       and any(arrive <= b.start and b.start + b.minutes <= nxt for arrive, nxt in gaps)]
            if fitting:
                kept.append(fitting[0])
            elif gaps:
                middle = (first + last) / 2
                arrive, _ = min(gaps, key=lambda g: abs(g[0] - middle))
                kept.append(Break(carer_id, date, arrive, settings.break_minutes))
    return tuple(kept)


def _hard_keys(provider: Provider, rota: Rota, week: RulesWeek) -> dict[tuple, str]:
    report = check_rota(provider, rota, week=week)
    return {(v.rule, v.visit_id, v.carer_id, v.date): v.message for v in report.hard}


def ucr_budget(week: RulesWeek, rota: Rota) -> UcrBudget:
    """UCR carer-minutes on the rota against the weekly allocation."""
    used = sum(a.end - a.start for a in rota.assignments
               if a.visit_id in week.visits and week.visits[a.visit_id].referral is Referral.UCR)
    return UcrBudget(used, week.settings.ucr_budget_minutes)


def _outcome(provider, week: RulesWeek, before: Rota, after: Rota, dates, now, cancelled, reasons, orphans,
             stopped, seconds) -> RepairOutcome:
    def placed(rota: Rota) -> dict[str, tuple[tuple[str, ...], int | None]]:
        on: dict[str, list[Assignment]] = {}
        for a in rota.assignments:
            if a.date in dates:
                on.setdefault(a.visit_id, []).append(a)
        return {v: (tuple(sorted(a.carer_id for a in group)), min(a.start for a in group)) for v, group in on.items()}

    old, new = placed(before), placed(after)
    changes = []
    ids = sorted(set(old) | set(new) | {v for v in cancelled if week.visits[v].date in dates},
                 key=lambda v: (week.visits[v].date if v in week.visits else dt.date.min,
                                new.get(v, old.get(v, ((), 0)))[1] or 0, v))
    uncovered_now = {u.visit_id: u for u in after.uncovered}
    ripple = shifted = 0
    for v in ids:
        was, now_on = old.get(v, ((), None)), new.get(v, ((), None))
        if was == now_on:
            continue
        if v in cancelled and not now_on[0]:
            why = cancelled[v].detail
        elif v in reasons:
            why = reasons[v]
        elif v not in week.visits:
            why = "no longer due"
        elif was[0] == now_on[0]:
            why = "time shifted to fit another visit in"
        else:
            why = reasons.get(v, "re-planned")
        if not now_on[0] and v in uncovered_now and v not in cancelled:
            why += f"; left uncovered: {uncovered_now[v].detail}"
        change = Change(v, was[0], now_on[0], was[1], now_on[1], why)
        changes.append(change)
        if why.startswith("moved to make room"):
            ripple += 1
        elif was[0] == now_on[0] and was[1] is not None and now_on[1] is not None:
            shifted += abs(now_on[1] - was[1])
    after_keys = _hard_keys(provider, after, week)
    before_keys = _hard_keys(provider, before, week)
    added = tuple(msg for key, msg in after_keys.items() if key not in before_keys)
    ucr = []
    day_uncovered = []
    lateness = 0
    carers_now: dict[str, list[Assignment]] = {}
    for a in after.assignments:
        carers_now.setdefault(a.visit_id, []).append(a)
    for visit in week.visits.values():
        if visit.date not in dates or visit.service is not Service.DAY:
            continue
        if visit.id in uncovered_now:
            day_uncovered.append(uncovered_now[visit.id])
        on = carers_now.get(visit.id, [])
        if on:
            lateness += max(0, on[0].start - visit.preferred_start)
        if visit.call_type is CallType.URGENT and visit.id not in cancelled:
            why = uncovered_now[visit.id].detail if visit.id in uncovered_now else ""
            ucr.append(UcrCall(visit.id, visit.client_id, visit.window_start, visit.window_end,
                               on[0].start if on else None, tuple(sorted(a.carer_id for a in on)), why))
    return RepairOutcome(
        rota=after, dates=dates, now=now, changes=tuple(changes), uncovered=tuple(day_uncovered),
        ucr=tuple(ucr), budget=ucr_budget(week, after), new_violations=added, stopped=stopped, seconds=seconds,
        must_move=len(orphans), placed=sum(1 for v in orphans if v in new and v not in uncovered_now),
        moved_to_make_room=ripple, shifted_minutes=shifted, lateness_minutes=lateness,
    )


# -- with the database ------------------------------------------------------------------------


def load_for_repair(db, date: dt.date) -> tuple[Provider, Rota, int, list[EventRecord]]:
    """What a repair starts from: the provider, the week's draft (else the latest published
    version, else the planted rota), the draft's revision and every event."""
    from roster.store import draft_revision, load_provider, load_rota
    from roster.store.events_repo import load_events

    monday = monday_of(date)
    revision = draft_revision(db, monday)  # first: a change made while the rest is read shows at the save
    provider = load_provider(db)
    rota = (load_rota(db, monday) or load_rota(db, monday, RotaStatus.PUBLISHED)
            or load_rota(db, monday, RotaStatus.PLANTED))
    if rota is None:
        raise LookupError(f"no rota for the week of {monday}: solve it first")
    return provider, dataclasses.replace(rota, status=RotaStatus.DRAFT), revision, load_events(db)


def apply_repair(db, outcome: RepairOutcome, *, expected_revision: int, by: str,
                 expected_data_revision: int | None = None) -> int:
    """Save the repaired draft and its audit line together if nobody changed the draft meanwhile
    (StaleDraft otherwise), nor the data it was planned from since expected_data_revision (StaleData)."""
    from roster.store.events_repo import save_draft_with_audit

    if outcome.stopped:
        raise RuntimeError("the repair was stopped before the end; the draft is unchanged")
    when = ", ".join(d.isoformat() for d in outcome.dates)
    moved = sum(1 for c in outcome.changes if c.moved)
    return save_draft_with_audit(
        db, outcome.rota, expected_revision=expected_revision, expected_data_revision=expected_data_revision,
        note=f"repair {when}", who=by, action="repair",
        detail=f"repaired {when} from {hhmm(outcome.now)}: {len(outcome.changes)} visits changed, {moved} to another carer",
    )
