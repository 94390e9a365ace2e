"""Repair keeps what happened and what is pinned, changes little, and never loses the draft:
stopped, failing or racing another process, the stored draft stays as it was."""

import dataclasses
import datetime as dt

import pytest

import solver.repair
from roster.planning import events as ev
from roster.planning.repair import apply_repair, load_for_repair, plan_repair
from roster.rules import check_rota
from roster.rules.candidates import rank_candidates
from roster.store import StaleDraft, draft_revision, load_provider, load_rota, save_rota
from roster.store.events_repo import load_audit, load_events

from .conftest import MONDAY, TUESDAY, at

WEDNESDAY = TUESDAY + dt.timedelta(days=1)


def busiest_carer(rota, day=TUESDAY):
    counts = {}
    for a in rota.assignments:
        if a.date == day:
            counts[a.carer_id] = counts.get(a.carer_id, 0) + 1
    return max(sorted(counts), key=counts.get)


def test_sick_carer_day_is_re_covered_with_a_small_ripple(live_db):
    _, before, _, _ = load_for_repair(live_db, TUESDAY)
    sick = busiest_carer(before)
    ev.record_absence(live_db, sick, at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, _, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 6 * 60, events)
    assert check_rota(provider, outcome.rota).hard == ()
    theirs = {a.visit_id for a in before.assignments if a.carer_id == sick and a.date == TUESDAY}
    covered = {a.visit_id for a in outcome.rota.assignments}
    left = theirs - covered
    assert len(left) <= len(theirs) // 4, "the demo week has room for most of one carer's day"
    for visit_id in left:  # and what is left out, the checker agrees nobody could take
        assert not [c for c in rank_candidates(provider, outcome.rota, visit_id) if c.fits], visit_id
    others_moved = [c for c in outcome.changes if sick not in c.before and c.moved]
    assert len(others_moved) <= max(2, len(theirs) // 3)
    assert outcome.moved_to_make_room == len(others_moved)
    # Nobody else's day changes beyond the visits that had to move and that ripple.
    touched = {c.visit_id for c in outcome.changes}
    for a in before.assignments:
        if a.visit_id not in touched:
            assert a in outcome.rota.assignments
    # Other days are left exactly as they were.
    assert {a for a in before.assignments if a.date != TUESDAY} == {a for a in outcome.rota.assignments if a.date != TUESDAY}


def test_visits_started_before_now_and_pinned_visits_stay(live_db):
    _, before, revision, _ = load_for_repair(live_db, TUESDAY)
    sick = busiest_carer(before)
    day = sorted((a for a in before.assignments if a.date == TUESDAY), key=lambda a: a.start)
    pinned_one = next(a for a in day if a.carer_id != sick and a.start >= 13 * 60)
    pinned = dataclasses.replace(before, assignments=tuple(
        dataclasses.replace(a, pinned=True) if a == pinned_one else a for a in before.assignments))
    save_rota(live_db, pinned, expected_revision=revision)
    ev.record_absence(live_db, sick, at(TUESDAY, "11:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, _, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 11 * 60, events)
    after = set(outcome.rota.assignments)
    for a in rota.assignments:
        if a.date == TUESDAY and a.start < 11 * 60:
            assert a in after, f"{a.visit_id} started before now and must stay"
    assert dataclasses.replace(pinned_one, pinned=True) in after
    assert all(c.start_after is None or c.start_after >= 11 * 60 for c in outcome.changes)
    assert check_rota(provider, outcome.rota).hard == ()


def test_apply_saves_the_draft_and_logs_who(live_db):
    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 7 * 60, events)
    apply_repair(live_db, outcome, expected_revision=revision, by="coordinator-c")
    assert draft_revision(live_db, MONDAY) == revision + 1
    assert set(load_rota(live_db, MONDAY).assignments) == set(outcome.rota.assignments)
    assert load_audit(live_db)[-1].action == "repair" and load_audit(live_db)[-1].who == "coordinator-c"


def test_stopped_repair_is_not_saved_and_loses_nothing(live_db):
    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    asked = []

    def stop_after_first() -> bool:
        asked.append(1)
        return len(asked) > 1

    outcome = plan_repair(provider, rota, TUESDAY, 7 * 60, events, stop=stop_after_first)
    assert outcome.stopped and not outcome.complete
    with pytest.raises(RuntimeError, match="stopped"):
        apply_repair(live_db, outcome, expected_revision=revision, by="x")
    assert draft_revision(live_db, MONDAY) == revision
    assert set(load_rota(live_db, MONDAY).assignments) == set(rota.assignments)
    assert len(load_events(live_db)) == 1


def test_repair_failing_midway_leaves_draft_and_events(live_db, monkeypatch):
    _, before, _, _ = load_for_repair(live_db, TUESDAY)
    ev.record_absence(live_db, busiest_carer(before), at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    real = solver.repair._place
    calls = []

    def failing(day, v):
        calls.append(v)
        if len(calls) > 1:
            raise MemoryError("simulated failure mid-way")
        return real(day, v)

    monkeypatch.setattr(solver.repair, "_place", failing)
    with pytest.raises(MemoryError):
        plan_repair(provider, rota, TUESDAY, 7 * 60, events)
    assert draft_revision(live_db, MONDAY) == revision
    assert set(load_rota(live_db, MONDAY).assignments) == set(rota.assignments)
    assert [e.kind for e in load_events(live_db)] == ["absence"]


def test_save_failing_midway_leaves_the_previous_draft(live_db, monkeypatch):
    import roster.store.rota_repo as repo

    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 7 * 60, events)

    def broken(db, rota_id, rota):
        db["assignments"].insert_all([{"rota_id": rota_id, "visit_id": "half", "carer_id": "written", "date": "x",
                                       "start": 0, "end": 0, "pinned": 0}])
        raise OSError("disk full")

    monkeypatch.setattr(repo, "_write_children", broken)
    with pytest.raises(OSError):
        apply_repair(live_db, outcome, expected_revision=revision, by="x")
    assert draft_revision(live_db, MONDAY) == revision
    assert set(load_rota(live_db, MONDAY).assignments) == set(rota.assignments)


def test_stale_draft_write_is_refused(live_db):
    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 7 * 60, events)
    # Meanwhile a coordinator in another process saves an edit to the same draft.
    theirs = dataclasses.replace(rota, assignments=rota.assignments[1:])
    save_rota(live_db, theirs, expected_revision=revision)
    with pytest.raises(StaleDraft, match="changed elsewhere"):
        apply_repair(live_db, outcome, expected_revision=revision, by="x")
    assert set(load_rota(live_db, MONDAY).assignments) == set(theirs.assignments)


def test_audit_line_failing_leaves_the_previous_draft(live_db, monkeypatch):
    import roster.store.events_repo as events_repo

    ev.record_absence(live_db, "C003", at(TUESDAY, "06:00"), at(WEDNESDAY, "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 7 * 60, events)
    logged = len(load_audit(live_db))

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(events_repo, "_audit_row", broken)
    with pytest.raises(OSError):
        apply_repair(live_db, outcome, expected_revision=revision, by="x")
    assert draft_revision(live_db, MONDAY) == revision
    assert set(load_rota(live_db, MONDAY).assignments) == set(rota.assignments)
    assert len(load_audit(live_db)) == logged


def test_urgent_call_on_a_full_morning_is_met_by_a_flexible_visit_giving_way(live_db):
    sunday = MONDAY + dt.timedelta(days=6)
    provider = load_provider(live_db)
    ev.record_ucr(live_db, provider.clients[5].id, at(sunday, "07:30"), by="x", duration=60)
    provider, rota, _, events = load_for_repair(live_db, sunday)
    outcome = plan_repair(provider, rota, sunday, 7 * 60 + 30, events)
    (call,) = [c for c in outcome.ucr if c.visit_id.startswith("SU")]
    assert call.in_time, call.why
    gave = [u for u in outcome.uncovered if u.reason == "gave_way"]
    assert gave, "the demo's Sunday morning is full: some flexible visit has to give way"
    visits = {v.id: v for v in provider.visits_for_week(MONDAY)}
    for u in gave:
        assert visits[u.visit_id].carers_needed == 1 and not visits[u.visit_id].fixed_time
        (change,) = [c for c in outcome.changes if c.visit_id == u.visit_id]
        assert change.after == () and "gave way to an urgent UCR call" in change.why
    assert outcome.new_violations == ()
    assert check_rota(provider, outcome.rota).hard == ()


def half_served(provider, rota, day):
    """Double-ups of the day with exactly one carer."""
    visits = {v.id: v for v in provider.visits_for_week(MONDAY)}
    on = {}
    for a in rota.assignments:
        if a.date == day:
            on[a.visit_id] = on.get(a.visit_id, 0) + 1
    return sorted(v for v, n in on.items() if visits[v].carers_needed == 2 and n == 1)


def test_repair_at_17_50_never_leaves_a_double_up_with_one_carer(live_db, tmp_path):
    # The case found on the demo: a carer off sick from the morning, recorded late, and the day
    # repaired at 17:50. Their double-ups that began before 17:50 can get no second carer now;
    # the partner used to be left on them alone (a hoist visit with one carer) and saved.
    from click.testing import CliRunner

    from roster.cli.main import cli

    _, before, _, _ = load_for_repair(live_db, TUESDAY)
    provider = load_provider(live_db)
    visits = {v.id: v for v in provider.visits_for_week(MONDAY)}
    sick = next(a.carer_id for a in sorted(before.assignments, key=lambda a: (a.start, a.carer_id))
                if a.date == TUESDAY and visits[a.visit_id].carers_needed == 2 and 8 * 60 <= a.start < 17 * 60)
    path = str(tmp_path / "live.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["event", "sick", "--carer", sick, "--from", "2026-11-24T07:00", "--to",
                               "2026-11-25T00:00", "--db", path]).exit_code == 0
    result = runner.invoke(cli, ["repair", "--date", "2026-11-24", "--now", "17:50", "--json", "--db", path])
    assert result.exit_code in (0, 3), result.output
    after = load_rota(live_db, MONDAY)
    assert half_served(provider, after, TUESDAY) == []
    known = {(v.rule, v.visit_id, v.carer_id, v.date) for v in check_rota(provider, before).hard}
    assert [v for v in check_rota(provider, after).hard if (v.rule, v.visit_id, v.carer_id, v.date) not in known] == []
    lost = {a.visit_id for a in before.assignments if a.carer_id == sick and a.date == TUESDAY
            and visits[a.visit_id].carers_needed == 2 and a.start < 17 * 60 + 50}
    uncovered = {u.visit_id: u for u in after.uncovered}
    assert lost and lost <= set(uncovered), "both carers off, left uncovered with the reason"
    # Each says why: it can get no second carer now, or its window closed before now.
    assert all("second carer" in uncovered[v].detail or "before now" in uncovered[v].detail for v in lost)


def test_checker_takes_off_a_double_up_the_solver_left_with_one_carer(live_db, monkeypatch):
    # Defence behind the solver: were it to hand back a double-up with one carer, the core's
    # check of the repaired day takes it off and says which rule it would have broken.
    real = solver.repair.repair

    def one_carer_short(problem, **kw):
        result = real(problem, **kw)
        double = next(s.visit for route in result.routes for s in route if problem.visits[s.visit].carers_needed == 2)
        seen = False
        routes = []
        for route in result.routes:
            keep = []
            for s in route:
                if s.visit == double and not seen:
                    seen = True
                    continue
                keep.append(s)
            routes.append(tuple(keep))
        return dataclasses.replace(result, routes=tuple(routes))

    monkeypatch.setattr(solver.repair, "repair", one_carer_short)
    provider, rota, _, events = load_for_repair(live_db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 6 * 60, events)
    assert half_served(provider, outcome.rota, TUESDAY) == []
    assert outcome.new_violations == ()
    unsafe = [u for u in outcome.rota.uncovered if u.reason == "unsafe"]
    assert len(unsafe) == 1 and "carer_count" in unsafe[0].detail
