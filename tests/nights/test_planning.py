"""Planning the week's nights: who may be in a crew, how crews are paired, the draft rota written
without disturbing the day service, and the checker's verdict on the result."""

import dataclasses
import datetime as dt

import pytest

from roster.domain import (
    Absence, AbsenceKind, Assignment, CallType, Crew, Rota, Service, Settings, Shift, VisitSchedule,
)
from roster.planning.nights import (
    form_crews, merge_into_rota, night_candidates, night_carers_by_date, plan_nights, plan_week_nights,
)
from roster.rules import check_rota
from roster.store import load_rota, replace_provider, save_rota

from .conftest import MONDAY, night_carer, night_client

TUESDAY = MONDAY + dt.timedelta(days=1)


def hard(provider, rota):
    return [v for v in check_rota(provider, rota).violations if v.hard]


def with_day_service(provider, carer_id="C001", start=8 * 60):
    """Add a day client visited Tuesday from `start` and a draft giving that visit to carer_id."""
    client, package, _ = night_client(90, ())
    schedule = VisitSchedule("D090-1", package.id, CallType.MORNING, frozenset({1}), start, start + 30, 30)
    day_shift = (Shift(1, start - 60, start + 120),)
    carers = tuple(dataclasses.replace(c, day_worker=True, availability=c.availability + day_shift)
                   if c.id == carer_id else c for c in provider.carers)
    provider = dataclasses.replace(provider, carers=carers, clients=provider.clients + (client,),
                                   packages=provider.packages + (package,),
                                   schedules=provider.schedules + (schedule,))
    draft = Rota(MONDAY, (Assignment(f"D090-1@{TUESDAY}", carer_id, TUESDAY, start, start + 30),))
    return provider, draft


def reasons(provider, day, rota=None, nights=None):
    return {c.carer_id: c.reason for c in night_candidates(provider, day, rota, nights)}


# --- who may be in a crew ---


def test_rostered_night_workers_are_free(small_provider):
    found = reasons(small_provider, MONDAY)
    assert set(found) == {f"C{i:03d}" for i in range(1, 11)} and not any(found.values())


def test_day_only_carers_and_carers_not_rostered_that_night_are_not_offered(small_provider):
    weekdays_only = night_carer(11, days=range(5))
    day_only = dataclasses.replace(night_carer(12), night_worker=False)
    provider = dataclasses.replace(small_provider, carers=small_provider.carers + (weekdays_only, day_only))
    saturday = MONDAY + dt.timedelta(days=5)
    assert reasons(provider, saturday)["C011"] == "not rostered for nights that weekday"
    assert "C012" not in reasons(provider, saturday)


def test_absent_carer_is_not_offered(small_provider):
    sick = Absence("A1", "C004", AbsenceKind.SICKNESS, dt.datetime(2026, 11, 23, 20), dt.datetime(2026, 11, 24, 9))
    provider = dataclasses.replace(small_provider, absences=(sick,))
    assert reasons(provider, MONDAY)["C004"] == "on leave or sick that night"
    assert reasons(provider, TUESDAY)["C004"] == ""


def test_day_visit_next_morning_takes_the_carer_off_the_night_before(small_provider):
    provider, draft = with_day_service(small_provider, start=8 * 60)
    assert reasons(provider, MONDAY, draft)["C001"] == "day visits next morning start too early for the daily rest"
    late, draft_late = with_day_service(small_provider, start=18 * 60)
    assert reasons(late, MONDAY, draft_late)["C001"] == ""


def test_day_visit_ending_late_takes_the_carer_off_that_night(small_provider):
    provider, draft = with_day_service(small_provider, start=12 * 60)
    assert reasons(provider, TUESDAY, draft)["C001"] == "day visits that day end too late for the daily rest"
    early, draft_early = with_day_service(small_provider, start=7 * 60)
    assert reasons(early, TUESDAY, draft_early)["C001"] == ""


def test_weekly_limits_hold_the_sixth_night(small_provider):
    five = {"C002": {MONDAY + dt.timedelta(days=d) for d in range(5)}}
    saturday = MONDAY + dt.timedelta(days=5)
    assert reasons(small_provider, saturday, nights=five)["C002"] == "would pass the 48-hour week"
    opted_out = dataclasses.replace(small_provider, carers=tuple(
        dataclasses.replace(c, opted_out_48h=True) if c.id == "C002" else c for c in small_provider.carers))
    # Opted out of 48 h, six nights of 8.5 h fit the night average (51 h < 56 h) but leave no 24 h rest.
    assert reasons(opted_out, saturday, nights=five)["C002"] == "would leave no weekly rest of 24 h"
    four = {"C002": {MONDAY + dt.timedelta(days=d) for d in (0, 1, 2, 4)}}
    assert reasons(opted_out, saturday, nights=four)["C002"] == ""


def test_night_average_holds_even_when_opted_out(small_provider):
    tight = Settings(max_week_minutes=80 * 60, weekly_rest_minutes=0, night_max_minutes_per_24h=7 * 60)
    provider = dataclasses.replace(small_provider, settings=(tight,), carers=tuple(
        dataclasses.replace(c, opted_out_48h=True) for c in small_provider.carers))
    five = {"C002": {MONDAY + dt.timedelta(days=d) for d in range(5)}}
    assert reasons(provider, MONDAY + dt.timedelta(days=5), nights=five)["C002"] == \
        "would pass the night-worker average of 8 h per 24 h this week"


# --- pairing ---


def test_crews_are_paired_so_their_combined_skills_cover_the_visits(small_provider):
    visits = [v for v in small_provider.visits_for_week(MONDAY) if v.date == MONDAY]
    free = ["C003", "C004", "C006", "C007"]  # only C006 has catheter care
    crews = form_crews(small_provider, MONDAY, visits, free, 2)
    with_catheter = [c for c in crews if "C006" in c.carer_ids]
    assert len(crews) == 2 and len(with_catheter) == 1
    assert len({cid for c in crews for cid in c.carer_ids}) == 4


def test_skilled_carers_are_spared_when_tonight_does_not_need_them(small_provider):
    visits = [v for v in small_provider.visits_for_week(MONDAY) if v.date == MONDAY and not v.skills]
    crews = form_crews(small_provider, MONDAY, visits, ["C001", "C002", "C003", "C004"], 1)
    assert crews[0].carer_ids == ("C003", "C004")


# --- the week written into the draft ---


def test_week_of_nights_is_covered_and_checker_clean(db, small_provider):
    provider = plain(small_provider)
    provider, draft = with_day_service(provider, carer_id="C010", start=18 * 60)
    replace_provider(db, provider)
    save_rota(db, draft)
    plan, rota = plan_nights(db, MONDAY, time_limit_s=0.2, engine="lns")
    assert not plan.uncovered
    assert all(len(r.crews) >= 2 for r in plan.nights)
    saved = load_rota(db, MONDAY)
    assert draft.assignments[0] in saved.assignments  # the day visit is untouched
    assert saved.crews == plan.crews
    assert hard(provider, saved) == []
    night_ids = {v.id for v in provider.visits_for_week(MONDAY) if v.service is Service.NIGHT}
    assert {a.visit_id for a in saved.assignments} >= night_ids


def test_replanning_replaces_only_the_night_part_and_keeps_given_crews(db, small_provider):
    provider = plain(small_provider)
    replace_provider(db, provider)
    first, _ = plan_nights(db, MONDAY, time_limit_s=0.2, engine="lns")
    again, rota = plan_nights(db, MONDAY, time_limit_s=0.2, engine="lns", keep_crews=True)
    assert again.crews == first.crews
    per_visit = {}
    for a in rota.assignments:
        per_visit.setdefault(a.visit_id, []).append(a.carer_id)
    assert all(len(carers) == 2 for carers in per_visit.values())  # replaced, not added twice
    assert len(per_visit) == sum(n.covered for n in again.nights)
    assert hard(provider, rota) == []


def test_given_crews_are_respected_even_if_short(small_provider):
    provider = plain(small_provider)
    only = {MONDAY: [Crew("N1@x", MONDAY, ("C005", "C007"))]}
    plan = plan_week_nights(provider, MONDAY, given_crews=only, time_limit_s=0.2, engine="lns")
    monday = plan.nights[0]
    assert monday.crews == (Crew("N1@x", MONDAY, ("C005", "C007")),)
    assert monday.covered < monday.visits
    assert {u.reason for u in monday.uncovered} == {"crews_full"}


def test_pair_skills_follow_issue_4_and_the_checker_agrees(small_provider):
    """Issue 4: the pair's skills together cover a single night visit."""
    plan = plan_week_nights(small_provider, MONDAY, time_limit_s=0.2, engine="lns")
    rota = Rota(MONDAY, plan.assignments, plan.breaks, plan.uncovered, plan.crews)
    assert not plan.uncovered
    assert hard(small_provider, rota) == []


def test_night_carers_by_date_tells_the_day_solver_who_is_taken():
    rota = Rota(MONDAY, crews=(Crew("N1", MONDAY, ("C001", "C002")), Crew("N2", MONDAY, ("C003", "C004")),
                              Crew("N1b", TUESDAY, ("C001", "C005"))))
    taken = night_carers_by_date(rota)
    assert taken[MONDAY] == {"C001", "C002", "C003", "C004"}
    assert taken[TUESDAY] == {"C001", "C005"}


def plain(provider):
    """The provider without any skill needs, so every pairing passes each-carer skill checks."""
    return dataclasses.replace(provider, schedules=tuple(
        dataclasses.replace(s, skills=frozenset()) for s in provider.schedules))


def test_a_client_never_gets_a_crew_with_a_carer_they_declined(small_provider):
    provider = plain(small_provider)
    client = provider.client("P002")
    declined = dataclasses.replace(client, declined_carers=frozenset({"C003"}))
    provider = dataclasses.replace(provider, clients=tuple(declined if c.id == "P002" else c for c in provider.clients))
    plan = plan_week_nights(provider, MONDAY, time_limit_s=0.2, engine="lns")
    crew_of = {(a.visit_id, a.carer_id) for a in plan.assignments}
    assert not plan.uncovered
    assert not any(cid == "C003" and vid.startswith("S002-") for vid, cid in crew_of)
    rota = Rota(MONDAY, plan.assignments, plan.breaks, plan.uncovered, plan.crews)
    assert hard(provider, rota) == []


def test_demo_week_nights_are_planned_around_the_planted_day_rota():
    from roster.demo import generate

    demo = generate(seed=3, hours_per_week=300, week_start=MONDAY)
    provider = demo.provider
    night_ids = {v.id for v in provider.visits_for_week(MONDAY) if v.service is Service.NIGHT}
    day_part = Rota(MONDAY, tuple(a for a in demo.planted.assignments if a.visit_id not in night_ids),
                    tuple(b for b in demo.planted.breaks if b.start < provider.settings_for(MONDAY).night_round_start))
    plan = plan_week_nights(provider, MONDAY, day_part, time_limit_s=0.2, engine="lns")
    assert night_ids and not plan.uncovered
    rota = merge_into_rota(day_part, MONDAY, plan, night_ids, provider.settings_for(MONDAY))
    assert hard(provider, rota) == []
    assert all(n.min_free_minutes >= provider.settings_for(MONDAY).night_reserve_minutes_per_hour
               for n in plan.nights if n.crews)


def test_a_draft_changed_meanwhile_is_not_overwritten(db, small_provider, monkeypatch):
    import roster.planning.nights as nights
    from roster.store import StaleDraft

    provider = plain(small_provider)
    replace_provider(db, provider)
    real = nights.plan_week_nights

    def coordinator_saves_meanwhile(*args, **kwargs):
        plan = real(*args, **kwargs)
        save_rota(db, Rota(MONDAY, note_rota_marker()))
        return plan

    monkeypatch.setattr(nights, "plan_week_nights", coordinator_saves_meanwhile)
    with pytest.raises(StaleDraft):
        plan_nights(db, MONDAY, time_limit_s=0.1, engine="lns")
    assert load_rota(db, MONDAY).assignments == note_rota_marker()


def note_rota_marker():
    return (Assignment("marker@2026-11-24", "C001", TUESDAY, 600, 630),)
