"""The night solver on its own: rounds keep windows, travel, the hourly reserve and the break;
visits left out say why; CP-SAT proves small nights and the ruin-and-recreate engine meets it."""

import pytest

from solver.night_cpsat import solve_cpsat
from solver.night_greedy import earliest_starts
from solver.night_lns import solve_lns
from solver.night_problem import NightCrew, NightProblem, NightRoute, NightVisit, Stop, hour_caps
from solver.night_rounds import NightOptions, solve_night
from solver.night_routes import route_errors
from solver.night_synthetic import synthetic_night


def all_errors(problem, solution):
    return [e for k, r in enumerate(solution.routes) for e in route_errors(problem, k, r)]


def two_places(minutes=10):
    return ((0, minutes), (minutes, 0))


def crew(id="N1", skills=(), shared=()):
    return NightCrew(id, 0, 1320, 1830, frozenset(skills), frozenset(shared))


def test_planted_night_is_covered_with_every_rule_kept():
    problem = synthetic_night(40, 3, seed=2)
    solution = solve_lns(problem, 1.5)
    assert solution.is_complete()
    assert all_errors(problem, solution) == []


def test_cpsat_proves_a_small_night_and_the_scaling_engine_finds_the_same_rounds():
    problem = synthetic_night(12, 2, seed=1)
    heuristic = solve_lns(problem, 1.0)
    exact = solve_cpsat(problem, 20, hint=heuristic)
    assert exact.status == "optimal"
    assert all_errors(problem, exact) == [] and all_errors(problem, heuristic) == []
    assert heuristic.objective == exact.objective


def test_auto_engine_reports_optimal_when_cpsat_closes_the_gap():
    problem = synthetic_night(10, 2, seed=3)
    solution = solve_night(problem, NightOptions(time_limit_s=8))
    assert solution.status == "optimal"
    assert solution.bound == solution.objective


def test_reserve_holds_each_clock_hour():
    # Four 20-minute visits all to start 23:00-23:40 at one address: a third would put at least
    # 20 more minutes of care into 23:00-00:00 after the first two's 40, past the hour's 45.
    visits = tuple(NightVisit(f"V{i}", 1, 1380, 1420, 20) for i in range(4))
    problem = NightProblem(visits, (crew(),), two_places(0), reserve_per_hour=15)
    solution = solve_lns(problem, 0.3)
    assert all_errors(problem, solution) == []
    care_23 = sum(max(0, min(s.end, 1440) - max(s.start, 1380)) for s in solution.routes[0].stops)
    assert care_23 <= 45
    assert len(solution.routes[0].stops) == 2
    assert {u.reason for u in solution.unserved} == {"crews_full"}


def test_reserve_broken_is_caught():
    visits = (NightVisit("A", 1, 1380, 1380, 30), NightVisit("B", 1, 1410, 1410, 30))
    problem = NightProblem(visits, (crew(),), two_places(0), reserve_per_hour=15)
    route = NightRoute("N1", (Stop("A", 1380, 1380, 1410, 0), Stop("B", 1410, 1410, 1440, 0)), 0)
    assert any("at most 45" in e for e in route_errors(problem, 0, route))
    assert earliest_starts(problem, 0, [0, 1]) is None


def test_part_hour_keeps_its_share_of_the_reserve():
    caps = hour_caps(1320, 1830, 15)
    assert caps[0] == (1320, 1380, 45)
    assert caps[-1] == (1800, 1860, 22)  # 06:00-06:30 keeps 8 of its 30 minutes free


def test_long_round_gets_room_for_a_break():
    visits = tuple(NightVisit(f"V{i}", 1, 1330 + 50 * i, 1330 + 50 * i + 20, 25) for i in range(9))
    problem = NightProblem(visits, (crew(),), two_places(5), break_after=360, break_minutes=20)
    solution = solve_lns(problem, 0.5)
    assert solution.is_complete() and all_errors(problem, solution) == []
    tight = NightProblem(tuple(NightVisit(f"V{i}", 1, 1330 + 45 * i, 1330 + 45 * i, 30) for i in range(10)),
                         (crew(),), two_places(0), reserve_per_hour=0, break_after=360)
    assert earliest_starts(tight, 0, list(range(10))) is None  # 15-minute gaps only: no break fits


@pytest.mark.parametrize("visit, reason", [
    (NightVisit("V", 1, 1400, 1420, 30, skills=frozenset({"peg"})), "no_skilled_crew"),
    (NightVisit("V", 1, 1400, 1420, 30, skills=frozenset({"hoist"}), both_skilled=True), "no_skilled_crew"),
    (NightVisit("V", 1, 1900, 1920, 30), "outside_round"),
    (NightVisit("V", 1, 1380, 1380, 60), "needs_reserve"),
    (NightVisit("V", 1, 1400, 1420, 30, barred_crews=frozenset({"N1"})), "no_acceptable_crew"),
])
def test_every_visit_left_out_has_its_reason(visit, reason):
    problem = NightProblem((visit,), (crew(skills={"hoist"}),), two_places())
    solution = solve_night(problem, NightOptions(engine="lns", time_limit_s=0.2))
    assert [u.reason for u in solution.unserved] == [reason]
    assert solution.unserved[0].detail


def test_no_crew_on_duty_is_a_reason_not_an_error():
    problem = NightProblem((NightVisit("V", 1, 1400, 1420, 30),), (), two_places())
    solution = solve_night(problem)
    assert [u.reason for u in solution.unserved] == ["no_crew"]


def test_pair_skills_a_single_visit_needs_one_skilled_carer_a_double_up_both():
    one = crew(skills={"catheter", "hoist"}, shared={"hoist"})
    assert one.can_make(NightVisit("A", 0, 0, 0, 10, skills=frozenset({"catheter"})))
    assert not one.can_make(NightVisit("B", 0, 0, 0, 10, skills=frozenset({"catheter"}), both_skilled=True))
    assert one.can_make(NightVisit("C", 0, 0, 0, 10, skills=frozenset({"hoist"}), both_skilled=True))


def test_bad_problem_names_the_record():
    with pytest.raises(ValueError, match="night visit V: window ends before it starts"):
        NightVisit("V", 0, 1500, 1400, 30)
    with pytest.raises(ValueError, match="place 5 is outside the travel matrix"):
        NightProblem((NightVisit("V", 5, 1400, 1400, 30),), (crew(),), two_places())
