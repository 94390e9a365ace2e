"""Each kind of event: stored with who and when, written with its provider records all or
nothing, and what a repair then does with the day."""

import dataclasses
import datetime as dt

import pytest

from roster.domain import CallType, DomainError, RotaStatus, Settings
from roster.planning import events as ev
from roster.planning.repair import load_for_repair, plan_repair
from roster.rules import check_rota
from roster.store import load_provider, replace_provider
from roster.store.events_repo import load_audit, load_events

from .conftest import TUESDAY, at

WEDNESDAY = TUESDAY + dt.timedelta(days=1)


def repaired(db, day=TUESDAY, now="07:00"):
    provider, rota, _, events = load_for_repair(db, day)
    hours, minutes = map(int, now.split(":"))
    outcome = plan_repair(provider, rota, day, hours * 60 + minutes, events)
    assert outcome.new_violations == ()
    report = check_rota(provider, outcome.rota)
    assert report.hard == (), report.hard[:3]
    return outcome


def on_day(rota, day=TUESDAY):
    return {a.visit_id: a for a in rota.assignments if a.date == day}


def client_with_visits(db, day=TUESDAY, after=11 * 60):
    """A client of a single-package with day visits after `after` on day, and those visits."""
    _, rota, _, _ = load_for_repair(db, day)
    provider = load_provider(db)
    visits = {v.id: v for v in provider.visits_for_week(rota.week_start)}
    counts = {}
    for a in rota.assignments:
        v = visits[a.visit_id]
        if a.date == day and a.start >= after and v.service.value == "day":
            counts.setdefault(v.client_id, set()).add(v.id)
    client = max(sorted(counts), key=lambda c: len(counts[c]))
    return client, counts[client], visits


def test_every_event_is_stored_with_who_and_when(live_db):
    ev.record_absence(live_db, "C001", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="coordinator-a")
    client, _, _ = client_with_visits(live_db)
    ev.record_suspension(live_db, client, at(TUESDAY, "10:00"), by="coordinator-b")
    stored = load_events(live_db)
    assert [(e.kind, e.recorded_by) for e in stored] == [("absence", "coordinator-a"), ("suspension", "coordinator-b")]
    assert all(e.recorded_at is not None and e.id for e in stored)
    assert stored[0].effective_at == at(TUESDAY, "06:00")
    audit = load_audit(live_db)
    assert [(a.action, a.who) for a in audit] == [("event", "coordinator-a"), ("event", "coordinator-b")]
    assert "C001" in audit[0].detail


def test_bad_event_names_the_record_and_writes_nothing(live_db):
    with pytest.raises(DomainError, match="carer C999"):
        ev.record_absence(live_db, "C999", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    with pytest.raises(DomainError, match="package K404"):
        ev.record_package_end(live_db, "K404", at(TUESDAY, "12:00"), by="x")
    with pytest.raises(DomainError, match="after UCR closes"):
        ev.record_ucr(live_db, "P0001", at(TUESDAY, "20:30"), by="x")
    assert load_events(live_db) == [] and load_audit(live_db) == []
    assert len(load_provider(live_db).absences) == len(load_provider(live_db).absences)


def test_sick_carer_visits_after_the_absence_start_are_re_covered(live_db):
    _, before, _, _ = load_for_repair(live_db, TUESDAY)
    theirs = {a.visit_id for a in before.assignments if a.carer_id == "C002" and a.date == TUESDAY}
    assert theirs
    ev.record_absence(live_db, "C002", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    outcome = repaired(live_db)
    after = outcome.rota
    assert not [a for a in after.assignments if a.carer_id == "C002" and a.date == TUESDAY]
    for visit_id in theirs:
        assert any(a.visit_id == visit_id for a in after.assignments) or visit_id in {u.visit_id for u in after.uncovered}
    assert all("C002 away" in c.why for c in outcome.changes if "C002" in c.before)


def test_suspension_stops_visits_until_the_client_returns(live_db):
    client, later, visits = client_with_visits(live_db)
    ev.record_suspension(live_db, client, at(TUESDAY, "10:00"), by="x")
    outcome = repaired(live_db, now="10:00")
    uncovered = {u.visit_id: u for u in outcome.rota.uncovered}
    for visit_id in later:
        assert visit_id not in on_day(outcome.rota)
        assert uncovered[visit_id].reason == "client_in_hospital"
    # Home again on Wednesday at noon: Wednesday's afternoon visits are due once more.
    ev.record_return(live_db, client, at(WEDNESDAY, "12:00"), by="x")
    _, _, _, events = load_for_repair(live_db, WEDNESDAY)
    cancelled = ev.cancellations(events, list(visits.values()))
    wednesday = [v for v in visits.values() if v.client_id == client and v.date == WEDNESDAY]
    assert wednesday
    for visit in wednesday:
        assert (visit.id in cancelled) == (visit.preferred_start < 12 * 60)
    with pytest.raises(DomainError, match="not in hospital"):
        ev.record_return(live_db, client, at(WEDNESDAY, "13:00"), by="x")


def test_short_notice_package_is_covered_from_the_discharge_time(live_db):
    calls = [ev.Call(CallType.MORNING, 7 * 60, 10 * 60 + 30, 30), ev.Call(CallType.LUNCH, 11 * 60 + 30, 14 * 60, 30),
             ev.Call(CallType.TEA, 16 * 60, 18 * 60, 30)]
    event = ev.record_new_package(live_db, "P0002", at(TUESDAY, "11:00"), calls, by="x")
    package = event.details["package_id"]
    assert any(p.id == package for p in load_provider(live_db).packages)
    outcome = repaired(live_db, now="11:00")
    uncovered = {u.visit_id: u for u in outcome.rota.uncovered}
    assert uncovered[f"{package}-1@{TUESDAY}"].reason == "not_yet_home"
    placed = on_day(outcome.rota)
    for n in (2, 3):
        visit_id = f"{package}-{n}@{TUESDAY}"
        assert visit_id in placed and placed[visit_id].start >= 11 * 60
    assert {c.visit_id for c in outcome.changes if c.why == "new visit"} == {f"{package}-2@{TUESDAY}", f"{package}-3@{TUESDAY}"}


def test_package_ended_early_takes_off_the_rest_of_the_day_and_later_days(live_db):
    _, rota, _, _ = load_for_repair(live_db, TUESDAY)
    provider = load_provider(live_db)
    visits = {v.id: v for v in provider.visits_for_week(rota.week_start)}
    busy = {visits[a.visit_id].package_id for a in rota.assignments
            if a.date == TUESDAY and a.start >= 12 * 60 and a.visit_id in visits}
    package = next(p for p in provider.packages if p.id in busy and p.start <= TUESDAY < p.planned_end)
    ev.record_package_end(live_db, package.id, at(TUESDAY, "12:00"), by="x")
    assert next(p for p in load_provider(live_db).packages if p.id == package.id).ended == TUESDAY
    outcome = repaired(live_db, now="12:00")
    theirs = {v.id for v in visits.values() if v.package_id == package.id}
    assert not [a for a in outcome.rota.assignments if a.visit_id in theirs and a.date > TUESDAY]
    ended = [u for u in outcome.rota.uncovered if u.reason == "package_ended"]
    assert ended and {u.visit_id for u in ended} == {
        v for v in theirs if visits[v].date == TUESDAY and visits[v].preferred_start >= 12 * 60}
    assert not any(a.visit_id in {u.visit_id for u in ended} for a in outcome.rota.assignments)


def test_ucr_call_is_placed_within_two_hours(live_db):
    event = ev.record_ucr(live_db, "P0005", at(TUESDAY, "10:20"), by="x", duration=45)
    assert event.details["deadline"] == "12:20"
    outcome = repaired(live_db, now="10:20")
    (call,) = outcome.ucr
    assert call.in_time and 10 * 60 + 20 <= call.start <= 12 * 60 + 20
    assert call.visit_id == event.details["visit_id"]
    assert outcome.budget.used_minutes >= 45


def test_impossible_ucr_call_is_reported_with_why(live_db):
    ev.record_ucr(live_db, "P0005", at(TUESDAY, "10:20"), by="x", skills=frozenset({"end_of_life", "peg", "stoma"}))
    outcome = repaired(live_db, now="10:20")
    (call,) = outcome.ucr
    assert not call.in_time and call.start is None
    assert "no carer has" in call.why
    assert "cannot be met" in outcome.summary()


def test_ucr_use_over_the_budget_is_warned(live_db):
    provider = load_provider(live_db)
    replace_provider(live_db, dataclasses.replace(provider, settings=(Settings(ucr_budget_minutes=30),)))
    ev.record_ucr(live_db, "P0005", at(TUESDAY, "10:20"), by="x", duration=45)
    outcome = repaired(live_db, now="10:20")
    assert outcome.budget.over and "over the 0.5h allocation" in outcome.budget.warning
    assert "warning: UCR uses" in outcome.summary()


def test_one_off_change_keeps_the_visit_with_its_carer(live_db):
    _, rota, _, _ = load_for_repair(live_db, TUESDAY)
    provider = load_provider(live_db)
    visits = {v.id: v for v in provider.visits_for_week(rota.week_start)}
    target = next(a for a in sorted(rota.assignments, key=lambda a: (a.start, a.visit_id))
                  if a.date == TUESDAY and a.start >= 12 * 60 and visits[a.visit_id].carers_needed == 1
                  and visits[a.visit_id].duration > 15)
    visit = visits[target.visit_id]
    event = ev.record_visit_change(live_db, target.visit_id, by="x", duration=visit.duration - 15)
    replacement = event.details["replacement"]
    outcome = repaired(live_db, now="08:00")
    placed = on_day(outcome.rota)
    assert target.visit_id not in placed
    assert placed[replacement].carer_id == target.carer_id
    assert placed[replacement].end - placed[replacement].start == visit.duration - 15
    assert {u.visit_id: u.reason for u in outcome.rota.uncovered}[target.visit_id] == "changed_once"


def test_one_off_cancellation(live_db):
    _, rota, _, _ = load_for_repair(live_db, TUESDAY)
    target = next(a for a in rota.assignments if a.date == TUESDAY and a.start >= 12 * 60)
    ev.record_visit_change(live_db, target.visit_id, by="x", cancel=True)
    outcome = repaired(live_db, now="08:00")
    assert target.visit_id not in on_day(outcome.rota)
    assert {u.visit_id: u.reason for u in outcome.rota.uncovered}[target.visit_id] == "cancelled_once"
    assert outcome.rota.status is RotaStatus.DRAFT
