"""The bridge and the command on a small Coventry provider: every rota passes the rule checker."""

import dataclasses
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.domain import Absence, AbsenceKind, Assignment, CallType, Gender, Rota, Service, VisitSchedule
from roster.planning.solve import day_visits, solve_week
from roster.rules.check import check_rota
from roster.store import load_rota, open_db, replace_provider

from small_provider import MONDAY, make_provider


@pytest.fixture(scope="module")
def provider():
    return make_provider(carers=9, clients=8, seed=3)


@pytest.fixture(scope="module")
def solved(provider):
    return solve_week(provider, MONDAY, time_limit=4)


def hard(provider, rota):
    return [v for v in check_rota(provider, rota).violations if v.hard]


def test_week_passes_the_rule_checker_and_accounts_for_every_visit(provider, solved):
    rota, _ = solved
    assert hard(provider, rota) == []
    covered = {a.visit_id for a in rota.assignments} | {u.visit_id for u in rota.uncovered}
    assert covered == {v.id for v in day_visits(provider, MONDAY)}
    assert all(u.reason and u.detail for u in rota.uncovered)


def test_double_ups_get_two_carers_together(provider, solved):
    rota, _ = solved
    pairs = [v for v in day_visits(provider, MONDAY) if v.carers_needed == 2]
    by_visit = rota.carers_of()
    starts = {}
    for a in rota.assignments:
        starts.setdefault(a.visit_id, set()).add(a.start)
    served = [v for v in pairs if v.id in by_visit]
    assert served
    for v in served:
        assert len(set(by_visit[v.id])) == 2 and len(starts[v.id]) == 1


def test_declined_and_gender_required_carers_are_never_sent(provider):
    first = provider.clients[0]
    women_only = dataclasses.replace(first, preferred_gender=Gender.FEMALE, gender_required=True,
                                     declined_carers=frozenset({"C001"}))
    changed = dataclasses.replace(provider, clients=(women_only, *provider.clients[1:]))
    rota, _ = solve_week(changed, MONDAY, time_limit=3)
    assert hard(changed, rota) == []
    visits = {v.id for v in day_visits(changed, MONDAY) if v.client_id == first.id}
    sent = {a.carer_id for a in rota.assignments if a.visit_id in visits}
    assert sent and "C001" not in sent
    assert all(changed.carer(c).gender is Gender.FEMALE for c in sent)


def test_sick_carer_gets_no_visits_that_day_and_night_visits_are_left_alone(provider):
    sick = Absence("A1", "C002", AbsenceKind.SICKNESS, dt.datetime(2026, 11, 24), dt.datetime(2026, 11, 25))
    night = VisitSchedule(id="SN1", package_id=provider.packages[0].id, call_type=CallType.NIGHT,
                          weekdays=frozenset(range(7)), window_start=23 * 60, window_end=25 * 60, duration=30,
                          service=Service.NIGHT)
    changed = dataclasses.replace(provider, absences=(sick,), schedules=(*provider.schedules, night))
    rota, _ = solve_week(changed, MONDAY, time_limit=3)
    assert not [a for a in rota.assignments if a.carer_id == "C002" and a.date == dt.date(2026, 11, 24)]
    assert not [x for x in (*rota.assignments, *rota.uncovered) if x.visit_id.startswith("SN1@")]


def test_pinned_assignment_survives_a_resolve(provider, solved):
    rota, _ = solved
    target = next(a for a in rota.assignments if a.carer_id != "C003" and a.date == MONDAY
                  and len(rota.carers_of()[a.visit_id]) == 1)
    visit = next(v for v in day_visits(provider, MONDAY) if v.id == target.visit_id)
    # Half an hour into the window: a shift may start when the window opens, and travel comes first.
    start = visit.window_start + 30
    pin = Assignment(visit.id, "C003", MONDAY, start, start + visit.duration, pinned=True)
    draft = Rota(MONDAY, assignments=(pin,))
    again, _ = solve_week(provider, MONDAY, time_limit=3, pins_from=draft)
    kept = [a for a in again.assignments if a.visit_id == visit.id]
    assert [(a.carer_id, a.start, a.pinned) for a in kept] == [("C003", start, True)]


def test_visit_needing_a_skill_nobody_has_is_uncovered_with_reason(provider):
    odd = dataclasses.replace(provider.schedules[0], id="SX", skills=frozenset({"peg"}), carers_needed=1)
    changed = dataclasses.replace(provider, schedules=(*provider.schedules, odd))
    rota, _ = solve_week(changed, MONDAY, time_limit=3)
    reasons = {u.reason for u in rota.uncovered if u.visit_id.startswith("SX@")}
    assert reasons == {"no_skilled_carer"}


def test_cli_writes_the_draft_and_reports_json(tmp_path, provider):
    path = tmp_path / "r.db"
    db = open_db(path)
    replace_provider(db, provider)
    db.close()
    result = CliRunner().invoke(cli, ["solve", "--week", "2026-W48", "--time-limit", "3", "--json", "--db", str(path)])
    assert result.exit_code in (0, 3), result.output
    report = json.loads(result.stdout)
    assert report["week"] == "2026-W48" and report["assignments"] > 0
    assert (result.exit_code == 0) == (report["uncovered"] == [])
    db = open_db(path)
    draft = load_rota(db, MONDAY)
    assert len(draft.assignments) == report["assignments"]
    assert hard(provider, draft) == []


def test_cli_solves_with_the_routing_engine_and_another_seed(tmp_path, provider):
    path = tmp_path / "r.db"
    db = open_db(path)
    replace_provider(db, provider)
    db.close()
    result = CliRunner().invoke(cli, ["solve", "--week", "2026-W48", "--time-limit", "3", "--engine", "routing",
                                      "--seed", "7", "--json", "--db", str(path)])
    assert result.exit_code in (0, 3), result.output
    report = json.loads(result.stdout)
    assert (report["engine"], report["seed"]) == ("routing", 7) and report["assignments"] > 0
    assert hard(provider, load_rota(open_db(path), MONDAY)) == []
    unknown = CliRunner().invoke(cli, ["solve", "--week", "2026-W48", "--engine", "fastest", "--db", str(path)])
    assert unknown.exit_code == 2 and "fastest" in unknown.output


def test_cli_bad_week_is_a_usage_error_and_writes_nothing(tmp_path, provider):
    path = tmp_path / "r.db"
    open_db(path).close()
    result = CliRunner().invoke(cli, ["solve", "--week", "2026-48", "--db", str(path)])
    assert result.exit_code == 2
    assert load_rota(open_db(path), MONDAY) is None


def test_resolve_keeps_the_night_part_and_rests_crew_carers(provider, solved):
    """A draft with a night crew: re-solving the day keeps the crew, its night visit and break, and
    gives its carers no day work in the 11 hours either side of the round."""
    from roster.domain import Break, Crew

    rota, _ = solved
    crew = Crew("N1", MONDAY, ("C001", "C002"))
    night = [Assignment("SN@2026-11-23", c, MONDAY, 23 * 60, 23 * 60 + 30) for c in crew.carer_ids]
    night_break = Break("C001", MONDAY, 26 * 60, 20)
    draft = dataclasses.replace(rota, assignments=rota.assignments + tuple(night), breaks=rota.breaks + (night_break,), crews=(crew,))
    again, _ = solve_week(provider, MONDAY, time_limit=3, pins_from=draft)
    assert again.crews == (crew,)
    assert set(night) <= set(again.assignments)
    assert night_break in again.breaks
    for a in again.assignments:
        if a.carer_id in crew.carer_ids and a not in night:
            rest_over = dt.datetime.combine(MONDAY, dt.time()) + dt.timedelta(days=1, hours=17, minutes=30)
            start = dt.datetime.combine(a.date, dt.time()) + dt.timedelta(minutes=a.start)
            end = dt.datetime.combine(a.date, dt.time()) + dt.timedelta(minutes=a.end)
            assert end <= dt.datetime(2026, 11, 23, 11) or start >= rest_over, a


def test_visits_called_off_by_an_event_stay_off_after_a_resolve(provider, solved):
    from roster.domain import Uncovered

    rota, _ = solved
    called_off = next(a.visit_id for a in rota.assignments if a.date == MONDAY + dt.timedelta(days=2))
    draft = dataclasses.replace(
        rota,
        assignments=tuple(a for a in rota.assignments if a.visit_id != called_off),
        uncovered=rota.uncovered + (Uncovered(called_off, "client_in_hospital", "admitted"),),
    )
    again, _ = solve_week(provider, MONDAY, time_limit=3, pins_from=draft)
    assert called_off not in again.carers_of()
    assert [u.reason for u in again.uncovered if u.visit_id == called_off] == ["client_in_hospital"]
    assert hard(provider, again) == []


def test_cli_solves_the_whole_week_day_visits_then_night_rounds(tmp_path, provider):
    """One command builds the week: day visits and the Mobile Night Carers' rounds, checker-clean."""
    from roster.domain import CarePackage, Carer, Client, Location, Shift, Transport

    night_workers = tuple(
        Carer(id=f"N{i}", name=f"Night Carer {i}", postcode="CV1 1AA", home=Location(52.41, -1.50 - i / 100),
              transport=Transport.CAR, availability=tuple(Shift(d, 22 * 60, 30 * 60 + 30) for d in range(7)),
              night_worker=True, day_worker=False)
        for i in range(4)  # seven nights need more than one pair: weekly rest and the night-worker average
    )
    client = Client(id="PN1", name="Client N1", postcode="CV2 2BB", location=Location(52.40, -1.49))
    package = CarePackage(id="KN1", client_id="PN1", start=MONDAY, planned_end=MONDAY + dt.timedelta(days=60), max_days=0)
    turns = tuple(
        VisitSchedule(id=f"SN1-{n}", package_id="KN1", call_type=CallType.NIGHT, weekdays=frozenset(range(7)),
                      window_start=start, window_end=start + 30, duration=30, service=Service.NIGHT)
        for n, start in enumerate((23 * 60, 26 * 60))
    )
    week = dataclasses.replace(
        provider, carers=provider.carers + night_workers, clients=provider.clients + (client,),
        packages=provider.packages + (package,), schedules=provider.schedules + turns,
    )
    path = tmp_path / "r.db"
    db = open_db(path)
    replace_provider(db, week)
    db.close()
    result = CliRunner().invoke(cli, ["solve", "--week", "2026-W48", "--time-limit", "5", "--json", "--db", str(path)])
    assert result.exit_code in (0, 3), result.output
    report = json.loads(result.stdout)
    assert report["crews"] == 7, report["uncovered"]
    draft = load_rota(open_db(path), MONDAY)
    night_visits = {a.visit_id for a in draft.assignments if a.visit_id.startswith("SN1-")}
    assert len(night_visits) == 14
    assert hard(week, draft) == []
