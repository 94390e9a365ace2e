"""The ruin and recreate that weighs the whole day cost (`lns.tighten_day`): it makes clients
wait less where the string search, weighing travel alone, would not, and never leaves the day
worse or a rule broken."""

import random

from solver.construct import Builder
from solver.lns import tighten_day
from solver.plan import Plan
from solver.problem import Carer, Problem, Shift, Visit, Weights
from solver.solve import Options, solve

DAY = Shift(0, 420, 1200)


def street(visits, carers, weights=Weights()) -> Problem:
    points = range(12)
    m = tuple(tuple(5 * abs(a - b) for b in points) for a in points)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers), weights=weights)


def lateness(problem: Problem, solution) -> int:
    """Minutes visits start after their preferred start, from the routes alone."""
    return sum(max(0, s.start - problem.visits[s.visit].target_start) for r in solution.routes for s in r.stops)


def calls_up_and_down_the_street() -> list[Visit]:
    # Preferred times alternate between the two ends of the street: the shortest drive takes them
    # in street order and keeps half the clients waiting for hours.
    visits = []
    for k in range(10):
        where = 1 + (k // 2 if k % 2 == 0 else 10 - k // 2)
        visits.append(Visit(where, 0, 480 + 40 * k, 1100, 20, preferred_start=480 + 40 * k))
    return visits


def test_a_day_timed_for_the_drive_alone_is_reordered_for_the_clients():
    problem = street(calls_up_and_down_the_street(), [Carer(0, shifts=(DAY,))])
    plan = Plan(problem, {0: [(0, 0)]})
    by_street = sorted(range(10), key=lambda v: problem.visits[v].location)
    assert plan.load((0, 0), by_street, {})
    before = plan.day_cost(0)
    builder = Builder(plan, [[(0, 0)]] * 10)
    steps = iter(range(300))
    assert tighten_day(builder, 0, lambda: next(steps, None) is None, random.Random(1))
    after = plan.day_cost(0)
    assert after[0] == 0 and after[1] < before[1]
    # every visit still made once, inside its window
    (stops,) = [plan.stops[(0, 0)]]
    assert sorted(stops) == list(range(10))
    assert all(v.earliest <= s <= v.latest for v, s in zip((problem.visits[i] for i in stops), plan.timing[(0, 0)].starts))


def test_the_solve_weighs_lateness_with_travel_when_lateness_is_weighed():
    visits = calls_up_and_down_the_street()
    carers = [Carer(0, shifts=(DAY,))]
    weighed = street(visits, carers)
    travel_only = street(visits, carers, Weights(lateness_minute=0))
    options = Options(time_limit=2.0, workers=2)
    with_lateness, without = solve(weighed, options), solve(travel_only, options)
    assert not with_lateness.unassigned and not without.unassigned
    assert lateness(weighed, with_lateness) < lateness(weighed, without) // 2
