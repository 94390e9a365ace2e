"""A responsive call put into tonight's rounds: best crew and place, knock-on lateness, fast."""

import time

from solver.night_insert import insert_call
from solver.night_lns import solve_lns
from solver.night_problem import NightCrew, NightProblem, NightRoute, NightVisit, Stop
from solver.night_synthetic import synthetic_night

from roster.planning.nights import answer_call, plan_week_nights
from roster.domain import Rota

from .conftest import MONDAY
from .test_planning import plain

# Places: 0 base A, 1 base B, 2 caller, 3 client X. Base B and X are 5 min from the caller, base A 20.
TRAVEL = (
    (0, 30, 20, 25),
    (30, 0, 5, 5),
    (20, 5, 0, 5),
    (25, 5, 5, 0),
)


def night(stops_b):
    visits = (NightVisit("X1", 3, 1560, 1575, 30), NightVisit("X2", 3, 1620, 1630, 20))
    crews = (NightCrew("A", 0, 1320, 1830), NightCrew("B", 1, 1320, 1830))
    problem = NightProblem(visits, crews, TRAVEL)
    routes = (NightRoute("A", (), 0), NightRoute("B", stops_b, 5))
    return problem, routes


def test_the_crew_that_gets_there_first_without_making_anyone_late_is_first():
    problem, routes = night((Stop("X1", 1565, 1570, 1600, 5), Stop("X2", 1605, 1620, 1640, 0)))
    call = NightVisit("call", 2, 1530, 1650, 20)  # 01:30
    best = insert_call(problem, routes, call)[0]
    assert best.crew_id == "B" and best.after is None
    assert best.start == 1535  # from base B, 5 minutes away
    assert best.knock_on == ()  # back at X1 by 01:55+5 = 02:00, before its 02:10 start


def test_knock_on_lateness_is_shown_and_weighed():
    problem, routes = night((Stop("X1", 1565, 1570, 1600, 5), Stop("X2", 1605, 1620, 1640, 0)))
    call = NightVisit("call", 2, 1601, 1720, 30)  # 02:41, right after X1 ends at 02:40
    options = insert_call(problem, routes, call)
    by_crew = {o.crew_id: o for o in options if o.after == "X1" or o.crew_id == "A"}
    b = by_crew["B"]
    assert b.start == 1606 and b.knock_on[0].visit_id == "X2"
    assert b.knock_on[0].new_start == 1641 and b.knock_on[0].past_window == 11
    assert options[0].crew_id == "A" and options[0].late_visits == 0  # 20 min away but nobody late


def test_crews_lacking_the_skill_are_not_offered():
    problem, routes = night(())
    call = NightVisit("call", 2, 1530, 1650, 20, skills=frozenset({"catheter"}))
    assert insert_call(problem, routes, call) == []


def test_insertion_into_a_60_visit_night_is_under_a_second():
    problem = synthetic_night(60, 4, seed=0)
    solution = solve_lns(problem, 1.0)
    call = NightVisit("call", 0, 1570, 1690, 30)
    began = time.perf_counter()
    options = insert_call(problem, solution.routes, call)
    assert time.perf_counter() - began < 1.0
    assert options and all(o.arrival >= 1570 for o in options)


def test_answer_call_from_the_rota(small_provider):
    provider = plain(small_provider)
    plan = plan_week_nights(provider, MONDAY, time_limit_s=0.2, engine="lns")
    rota = Rota(MONDAY, plan.assignments, plan.breaks, plan.uncovered, plan.crews)
    began = time.perf_counter()
    options = answer_call(provider, rota, MONDAY, "P004", 1570, 30)
    assert time.perf_counter() - began < 1.0
    tonight = {c.id for c in rota.crews if c.date == MONDAY}
    assert options and {o.crew_id for o in options} == tonight
    assert options[0].rank() <= options[-1].rank()
