"""The string removal search (`solver/strings.py`): it lowers travel from the insertion's routes
and keeps every rule of the day; routes are judged by the benchmark's independent float checker
or recomputed here, never by the search's own bookkeeping."""

import importlib
import math
import random
import threading
from dataclasses import replace

import pytest

from bench.vrptw.check import check_routes
from bench.vrptw.instance import VrptwInstance
from bench.vrptw.ours import routes_of, to_problem
from bench.vrptw.scaling import to_integers
from solver import strings
from solver.day import DayTask, Vehicle
from solver.problem import Carer, Problem, Shift, Visit
from solver.solution import Status
from solver.solve import Options, Search, solve
from solver.strings import improve_day

# `solver.solve` the module: the package exports the function `solve` under the same name.
solve_module = importlib.import_module("solver.solve")

STRINGS = Options(time_limit=2.0, workers=1, engine="strings", spare_searches=())
ROUTING = Options(time_limit=2.0, workers=1, engine="routing", spare_searches=())


def random_instance(customers: int = 40, seed: int = 3) -> VrptwInstance:
    """A Solomon-shaped instance with tight windows, like R1."""
    rng = random.Random(seed)
    x = [50.0] + [float(rng.randint(0, 100)) for _ in range(customers)]
    y = [50.0] + [float(rng.randint(0, 100)) for _ in range(customers)]
    ready, due = [0.0], [400.0]
    for k in range(1, customers + 1):
        direct = ((x[k] - 50) ** 2 + (y[k] - 50) ** 2) ** 0.5
        open_at = float(rng.randint(int(direct) + 1, 300))
        ready.append(open_at)
        due.append(open_at + rng.choice((20.0, 40.0, 80.0)))
    return VrptwInstance(
        name="T1", vehicles=12, capacity=100, x=tuple(x), y=tuple(y),
        demand=(0, *(rng.randint(5, 30) for _ in range(customers))),
        ready=tuple(ready), due=tuple(due), service=(0.0, *([10.0] * customers)),
    )


def test_strings_routes_pass_the_float_checker_and_travel_less_than_the_insertion():
    instance = random_instance()
    problem = to_problem(instance, to_integers(instance))
    insertion_only = solve(problem, Options(time_limit=0.05, workers=1, repair_share=0.0))
    searched = solve(problem, STRINGS)
    first = check_routes(instance, routes_of(insertion_only))
    found = check_routes(instance, routes_of(searched))
    assert searched.status is Status.COVERED
    assert found.feasible, found.violations
    assert first.feasible and found.distance < first.distance


def test_strings_is_not_worse_than_the_routing_search_on_a_tight_day():
    instance = random_instance(seed=5)
    problem = to_problem(instance, to_integers(instance))
    strings = check_routes(instance, routes_of(solve(problem, STRINGS)))
    routing = check_routes(instance, routes_of(solve(problem, ROUTING)))
    assert strings.feasible and routing.feasible
    assert strings.distance <= routing.distance * 1.01


def line_problem(visits, carers, **kw) -> Problem:
    points = [0, 10, 20, 30, 40, 50]
    m = tuple(tuple(abs(a - b) for b in points) for a in points)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers), **kw)


def test_double_ups_and_pins_stay_where_the_first_routes_put_them():
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(3)]
    visits = [
        Visit(2, 0, 480, 600, 30, carers_needed=2),
        Visit(5, 0, 420, 900, 20, pinned_carers=(2,), pinned_start=700),
        *(Visit(1 + k % 5, 0, 420, 900, 20) for k in range(10)),
    ]
    sol = solve(line_problem(visits, carers), STRINGS)
    assert sol.status is Status.COVERED
    (double,) = [[(r.carer, s.start) for r in sol.routes for s in r.stops if s.visit == 0]]
    assert len(double) == 2 and double[0][0] != double[1][0] and double[0][1] == double[1][1]
    (pinned,) = [(r.carer, s.start) for r in sol.routes for s in r.stops if s.visit == 1]
    assert pinned == (2, 700)


def test_the_longest_day_and_the_work_cap_hold():
    carers = [Carer(0, shifts=(Shift(0, 400, 1200),)) for _ in range(3)]
    visits = [Visit(1 + k % 5, 0, 420 + 40 * k, 420 + 40 * k + 60, 25) for k in range(18)]
    sol = solve(line_problem(visits, carers, max_day_minutes=300, break_after=None), STRINGS)
    assert sol.routes
    for route in sol.routes:
        assert route.back - route.leave <= 300


def test_a_task_without_first_routes_or_with_an_unagreed_double_up_is_declined():
    problem = line_problem([Visit(1, 0, 420, 900, 20), Visit(2, 0, 420, 900, 20, carers_needed=2)],
                           [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(2)])
    vehicles = (Vehicle(0, 0, None, 0), Vehicle(1, 0, None, 0))
    task = DayTask(0, (0, 1), vehicles, ((0, 1), (0, 1)), 0.5, engine="strings")
    assert not improve_day(problem, task).found
    unagreed = DayTask(0, (0, 1), vehicles, ((0, 1), (0, 1)), 0.5, routes=((0, (0, 1)), (1, (1,))),
                       engine="strings")
    assert not improve_day(problem, unagreed).found


def test_cancel_ends_the_search_at_once():
    instance = random_instance()
    problem = to_problem(instance, to_integers(instance))
    first = solve(problem, Options(time_limit=0.05, workers=1, repair_share=0.0))
    vehicles = tuple(Vehicle(c, 0, None, 0) for c in range(len(problem.carers)))
    routes = tuple((r.carer, tuple(s.visit for s in r.stops)) for r in first.routes)
    cancel = threading.Event()
    cancel.set()
    task = DayTask(0, tuple(range(len(problem.visits))), vehicles,
                   tuple(tuple(range(len(vehicles))) for _ in problem.visits), 30.0, routes=routes, engine="strings")
    result = improve_day(problem, task, cancel)
    assert result.found and result.seconds < 2.0
    assert sorted(v for _, stops in result.routes for v, _ in stops) == list(range(len(problem.visits)))


def test_one_day_runs_a_second_string_search_on_the_idle_worker():
    from solver.solve import _spare_tasks

    day = DayTask(0, (0,), (), ((),), 1.0, routes=((0, (0,)),), engine="strings", seed=1)
    options = Options(workers=2, seed=1, spare_searches=(Search("strings"),))
    (other,) = _spare_tasks([day], options)
    assert other.engine == "strings" and other.routes == day.routes and other.seed != day.seed
    (default,) = _spare_tasks([day], Options(workers=2))
    assert day.left_out is None and default.left_out == 5.0


def test_a_day_with_no_travel_at_all_is_searched_without_error():
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(2)]
    visits = [Visit(0, 0, 420 + 30 * k, 900, 20) for k in range(6)]
    sol = solve(line_problem(visits, carers), Options(time_limit=0.5, workers=1, spare_searches=()))
    assert sol.status is Status.COVERED and sum(r.travel for r in sol.routes) == 0


@pytest.mark.parametrize("left_out", [None, 5.0])
def test_a_visit_left_out_stays_consistent_when_a_step_that_placed_it_is_undone(left_out):
    # Two fixed visits at 500 compete for the one carer: the far one (1) is left out at first.
    # Steps that swap it in cost more travel and are mostly undone; the search must not lose
    # track of which of the two is on the route.
    problem = line_problem([Visit(1, 0, 500, 500, 60), Visit(5, 0, 500, 500, 60), Visit(2, 0, 420, 900, 20)],
                           [Carer(0, shifts=(Shift(0, 400, 700),))])
    task = DayTask(0, (0, 1, 2), (Vehicle(0, 0, None, 0),), ((0,), (0,), (0,)), 0.5,
                   routes=((0, (2, 0)),), engine="strings", seed=3, left_out=left_out)
    result = improve_day(problem, task)
    assert result.found
    ((_, stops),) = result.routes
    assert sorted(v for v, _ in stops) == [0, 2]


def test_rounds_cool_on_from_where_the_round_before_stopped_with_fresh_seeds(monkeypatch):
    seen = []
    real_run = solve_module._run

    def watching(problem, tasks, *args):
        seen.append([(t.cooling, t.seed) for t in tasks])
        return real_run(problem, tasks, *args)

    monkeypatch.setattr(solve_module, "_run", watching)
    instance = random_instance(customers=15)
    problem = to_problem(instance, to_integers(instance))
    options = Options(time_limit=1.5, workers=2, seed=1, rounds=2, turns=1, spare_searches=(Search("strings"),))
    found = check_routes(instance, routes_of(solve(problem, options)))
    assert found.feasible, found.violations
    assert [[cooling for cooling, _ in tasks] for tasks in seen] == [[(0.0, 0.5)] * 2, [(0.5, 1.0)] * 2]
    seeds = [seed for tasks in seen for _, seed in tasks]
    assert len(set(seeds)) == 4


def test_a_one_day_problem_runs_its_string_searches_in_turns_and_pools_them_all(monkeypatch):
    ran, pooled = [], []
    real_run, real_partition = solve_module._run, solve_module._partition_days

    def watching(problem, tasks, *args):
        ran.extend(tasks)
        return real_run(problem, tasks, *args)

    def partitioning(builder, tasks, results, seconds):
        pooled.extend(r for r in results if r.columns)
        return real_partition(builder, tasks, results, seconds)

    monkeypatch.setattr(solve_module, "_run", watching)
    monkeypatch.setattr(solve_module, "_partition_days", partitioning)
    instance = random_instance(customers=15)
    problem = to_problem(instance, to_integers(instance))
    found = check_routes(instance, routes_of(solve(problem, Options(time_limit=2.0, workers=2, seed=1))))
    assert found.feasible, found.violations
    # Two workers, two turns each: four searches with their own seeds, each half the time.
    assert len(ran) == 4 and len({t.seed for t in ran}) == 4
    assert ran[0].seconds == ran[2].seconds and ran[0].deadline == ran[2].deadline
    assert len(pooled) == 4


def test_only_string_searches_take_turns_a_deterministic_search_runs_once_for_the_whole_time():
    searching = DayTask(0, (0,), (), ((),), 8.0, engine="strings", seed=1)
    routing = replace(searching, engine="routing", seed=2)
    first, other, again = solve_module._in_turn([searching, routing], 2)
    assert (first.seconds, first.seed) == (4.0, 1) and other == routing
    assert (again.engine, again.seconds) == ("strings", 4.0) and again.seed not in (1, 2)
    assert solve_module._in_turn([searching, routing], 1) == [searching, routing]


def test_an_unknown_engine_is_refused_instead_of_running_another_search():
    with pytest.raises(ValueError, match="engine 'string' is not one of strings, routing"):
        Options(engine="string")
    with pytest.raises(ValueError, match="'sisr'"):
        Options(spare_searches=(Search("sisr"),))
    with pytest.raises(ValueError, match="turns must be at least 1"):
        Options(turns=0)


class _Scripted(random.Random):
    """A random source whose first draw is given: the draw that picks the recreate order."""

    def __init__(self, first: float) -> None:
        super().__init__(0)
        self.first = first

    def random(self) -> float:
        first, self.first = self.first, None
        return super().random() if first is None else first


@pytest.mark.parametrize("draw, expected", [(0.9, [1, 0, 2]), (0.97, [2, 0, 1])])
def test_recreate_can_put_back_the_visits_farthest_from_an_allowed_home_first_or_nearest_first(draw, expected):
    # Homes at 0 and 50. Visit 1 (at 40) only the carer at home 0 may make: 40 from her home,
    # the farthest of the three from a home it may start from; visit 2 (at 50) sits on a home.
    problem = line_problem([Visit(2, 0, 420, 900, 20), Visit(4, 0, 420, 900, 20), Visit(5, 0, 420, 900, 20)],
                           [Carer(0, shifts=(Shift(0, 400, 1000),)), Carer(5, shifts=(Shift(0, 400, 1000),))])
    task = DayTask(0, (0, 1, 2), (Vehicle(0, 0, None, 0), Vehicle(1, 0, None, 0)), ((0, 1), (0,), (0, 1)), 0.5,
                   engine="strings")
    day = strings._Day(problem, task)
    assert day.far[1] == 2 * day.far[0] > 0 == day.far[2]
    search = strings._Search(day, strings._Routes(day, 2), _Scripted(draw), left_out=math.inf)
    order = []
    search.insert = lambda stop: order.append(day.visit[stop]) or True
    search.recreate([0, 1, 2])
    assert order == expected
