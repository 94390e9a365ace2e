"""Set partitioning over the day searches' pooled routes (`solver/partition.py`): it picks the
cheapest combination, never drops a visit the best search made, keeps double-ups with their
carers, and on a real day returns routes the independent float checker passes, travelling no
more than the better search."""

import itertools
import random
from dataclasses import replace

import pytest

from bench.vrptw.check import check_routes
from bench.vrptw.ours import to_problem
from bench.vrptw.scaling import to_integers
from solver.day import Column, DayResult, DayTask, Vehicle
from solver import partition
from solver.partition import combine
from solver.problem import Carer, Problem, Shift, Visit
from solver.solve import Options, solve
from solver.strings import improve_day
from tests.solver.test_strings import random_instance

PLACES = [0, 10, 20, 30, 40, 50]


def line_problem(visits, carers) -> Problem:
    m = tuple(tuple(abs(a - b) for b in PLACES) for a in PLACES)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers))


def column(carer: int, *visits: int, cost: int) -> Column:
    return Column(carer, ((carer, tuple((v, 500 + 30 * k) for k, v in enumerate(visits))),), cost)


def result(*columns: Column) -> DayResult:
    routes = tuple((c.carer, c.routes[0][1]) for c in columns if c.routes[0][1])
    return DayResult(0, routes, True, 0.0, columns)


def day_task(problem: Problem) -> DayTask:
    vehicles = tuple(Vehicle(c, 0, None, 0) for c in range(len(problem.carers)))
    return DayTask(0, tuple(range(len(problem.visits))), vehicles,
                   tuple(tuple(range(len(vehicles))) for _ in problem.visits), 1.0)


def made(day: DayResult) -> dict[int, list[int]]:
    return {position: [v for v, _ in stops] for position, stops in day.routes}


@pytest.fixture(params=[1, partition.SHORTLIST], ids=["shortlist-1", "shortlist-as-set"])
def shortlist(request, monkeypatch):
    """Each small case also with a shortlist of one column: the programs must grow to the answer."""
    monkeypatch.setattr(partition, "SHORTLIST", request.param)


def test_the_cheapest_mix_of_two_searches_routes_is_chosen(shortlist):
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(2)]
    problem = line_problem([Visit(1 + k, 0, 420, 900, 20) for k in range(4)], carers)
    # Each search has one good route and one poor one; the best day takes a good one from each.
    first = result(column(0, 0, 1, cost=40), column(1, 3, 2, cost=200))
    second = result(column(0, 1, 0, cost=150), column(1, 2, 3, cost=60))
    other = result(column(0, 0, 1, 2, 3, cost=120), column(1, cost=0))
    combined = combine(problem, day_task(problem), [first, second, other], 5.0)
    assert combined is not None and made(combined) == {0: [0, 1], 1: [2, 3]}
    starts = dict(combined.routes)
    assert starts[0] == first.routes[0][1] and starts[1] == second.routes[1][1]


def test_a_visit_the_best_search_made_is_never_dropped_to_save_travel(shortlist):
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(2)]
    problem = line_problem([Visit(1 + k, 0, 420, 900, 20) for k in range(3)], carers)
    everything = result(column(0, 0, 1, cost=100), column(1, 2, cost=100))
    # Leaving visit 2 out would save 100 minutes of travel (far below its penalty anyway).
    cheaper = result(column(0, 0, 1, cost=100), column(1, cost=0))
    combined = combine(problem, day_task(problem), [everything, cheaper], 5.0)
    assert combined is not None and made(combined) == {0: [0, 1], 1: [2]}


def test_a_carer_with_a_double_up_keeps_a_route(shortlist):
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(3)]
    problem = line_problem([Visit(2, 0, 500, 500, 30, carers_needed=2), Visit(1, 0, 420, 900, 20)], carers)
    double = [column(1, 0, cost=40), column(2, 0, cost=40)]
    first = result(column(0, 1, cost=20), *double)
    second = result(column(0, cost=0), column(1, 0, 1, cost=70), double[1])
    # Choosing no route for carers 1 and 2 would cost least of all, and drop the double-up.
    combined = combine(problem, day_task(problem), [first, second], 5.0)
    assert combined is not None
    assert made(combined) == {0: [1], 1: [0], 2: [0]}


def test_two_good_routes_met_on_the_same_carer_go_to_two_interchangeable_carers(shortlist):
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(2)]
    problem = line_problem([Visit(1 + k, 0, 420, 900, 20) for k in range(4)], carers)
    # Both searches met their good route on carer 0; carer 1 lives and works just the same.
    first = result(column(0, 0, 1, cost=40), column(1, 2, 3, cost=200))
    second = result(column(0, 3, 2, cost=60), column(1, 1, 0, cost=150))
    combined = combine(problem, day_task(problem), [first, second], 5.0)
    assert combined is not None
    assert sorted(made(combined).values()) == [[0, 1], [3, 2]]
    assert sorted(stops for _, stops in combined.routes) == sorted([first.routes[0][1], second.routes[0][1]])


def test_a_route_stays_with_carers_that_could_make_it_as_it_is(shortlist):
    # Carer 1 lives elsewhere, so carer 0's routes would cost it other travel and other times.
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)), Carer(5, shifts=(Shift(0, 400, 1000),))]
    problem = line_problem([Visit(1 + k, 0, 420, 900, 20) for k in range(4)], carers)
    first = result(column(0, 0, 1, cost=40), column(1, 2, 3, cost=200))
    second = result(column(0, 3, 2, cost=60), column(1, 1, 0, cost=150))
    combined = combine(problem, day_task(problem), [first, second], 5.0)
    # Taking both good routes (40 + 60) would need carer 1 to make one of them: not allowed.
    assert combined is not None and made(combined) == {0: [3, 2], 1: [1, 0]}


def test_nothing_to_combine_when_each_carer_has_one_column():
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),))]
    problem = line_problem([Visit(1, 0, 420, 900, 20)], carers)
    only = result(column(0, 0, cost=20))
    assert combine(problem, day_task(problem), [only, only], 5.0) is None


def test_combining_two_real_searches_passes_the_checker_and_travels_no_more():
    instance = random_instance(customers=50, seed=7)
    problem = to_problem(instance, to_integers(instance))
    first = solve(problem, Options(time_limit=0.05, workers=1, repair_share=0.0))
    vehicles = tuple(Vehicle(c, 0, None, 0) for c in range(len(problem.carers)))
    routes = tuple((r.carer, tuple(s.visit for s in r.stops)) for r in first.routes)
    task = DayTask(0, tuple(range(len(problem.visits))), vehicles,
                   tuple(tuple(range(len(vehicles))) for _ in problem.visits), 1.0, routes=routes,
                   engine="strings")
    searches = [improve_day(problem, replace(task, seed=seed)) for seed in (1, 2)]
    assert all(s.found and s.columns for s in searches)
    combined = combine(problem, task, searches, 10.0)
    assert combined is not None

    def visits_of(day: DayResult) -> list[list[int]]:
        # Visit i is the benchmark's customer i + 1, as in bench.vrptw.ours.routes_of.
        return [[v + 1 for v, _ in stops] for _, stops in day.routes]

    checked = check_routes(instance, visits_of(combined))
    assert checked.feasible, checked.violations
    assert sorted(c for r in visits_of(combined) for c in r) == list(range(1, 51))
    best = min(check_routes(instance, visits_of(s)).distance for s in searches)
    assert checked.distance <= best + 1e-6


def six_visits_pool(cost_of) -> tuple[Problem, DayResult, dict[frozenset, int]]:
    """Three interchangeable carers, six visits, a column for every group of one to three visits
    costing `cost_of(group)`; the search's day is the groups {0, 1}, {2, 3} and {4, 5}."""
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(3)]
    problem = line_problem([Visit(1 + k % 5, 0, 420, 900, 20) for k in range(6)], carers)
    groups = [g for size in (1, 2, 3) for g in itertools.combinations(range(6), size)]
    cost = {frozenset(g): cost_of(g) for g in groups}
    day = [column(carer, 2 * carer, 2 * carer + 1, cost=cost[frozenset((2 * carer, 2 * carer + 1))])
           for carer in range(3)]
    others = [column(0, *g, cost=cost[frozenset(g)]) for g in groups]
    routes = tuple((c.carer, c.routes[0][1]) for c in day)
    return problem, DayResult(0, routes, True, 0.0, tuple(day + others)), cost


def cost_of_day(day: DayResult, cost: dict[frozenset, int]) -> int:
    return sum(cost[frozenset(v for v, _ in stops)] for _, stops in day.routes)


@pytest.mark.parametrize("size", [1, 4, 12, 1000])
def test_however_short_the_first_list_the_programs_grow_to_the_cheapest_day(size, monkeypatch):
    rng = random.Random(5)
    problem, pool, cost = six_visits_pool(lambda group: 60 + rng.randint(0, 40) * len(group))
    cheapest = min(sum(cost[g] for g in groups)
                   for n in (1, 2, 3) for groups in itertools.combinations(cost, n)
                   if sorted(v for g in groups for v in g) == list(range(6)))
    monkeypatch.setattr(partition, "SHORTLIST", size)
    combined = combine(problem, day_task(problem), [pool], 5.0)
    assert combined is not None and sorted(v for stops in made(combined).values() for v in stops) == list(range(6))
    assert cost_of_day(combined, cost) == cheapest < cost_of_day(pool, cost)


def test_a_first_list_holding_the_cheapest_day_is_proved_so_without_the_whole_program(monkeypatch):
    # The search's day is far cheaper than any other: the relaxation's reduced costs show that no
    # column left off the first list can make a cheaper one.
    problem, pool, cost = six_visits_pool(lambda group: 10 if group in ((0, 1), (2, 3), (4, 5)) else 1000)
    sizes = []
    solve_program = partition._Program._solve

    def counted(program, keys, hint, until):
        sizes.append(len(keys))
        return solve_program(program, keys, hint, until)

    monkeypatch.setattr(partition._Program, "_solve", counted)
    monkeypatch.setattr(partition, "SHORTLIST", 2)
    combined = combine(problem, day_task(problem), [pool], 5.0)
    assert combined is not None and cost_of_day(combined, cost) == 30
    assert len(sizes) == 1 and sizes[0] < len(cost)
