"""The searches over the plan on both cores (`plan_workers`): a worker searches a faithful copy of
the plan, gets only its share of a carer's week, and a day comes back only when it is no worse."""

import solver.plan_workers as plan_workers
from solver.construct import Builder
from solver.lns import whole_cost
from solver.plan import Plan
from solver.plan_workers import SearchedDay, search_in_worker, shares, take_in
from solver.problem import Carer, Problem, Shift, Visit
from solver.solve import Options, solve

WEEK = tuple(Shift(day, 420, 1200) for day in range(4))


class Never:
    def is_set(self) -> bool:
        return False


def street(visits, carers) -> Problem:
    points = range(12)
    m = tuple(tuple(5 * abs(a - b) for b in points) for a in points)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers))


def calls_up_and_down_the_street(day: int, client: int = 0) -> list[Visit]:
    # Preferred times alternate between the two ends of the street: the shortest drive keeps
    # half the clients waiting for hours.
    return [Visit(1 + (k // 2 if k % 2 == 0 else 10 - k // 2), day, 480 + 40 * k, 1100, 20,
                  preferred_start=480 + 40 * k, client=client + k) for k in range(10)]


def planned(problem: Problem, left_out: int = 0) -> Builder:
    keys_of_day: dict[int, list] = {}
    for c, carer in enumerate(problem.carers):
        for s, shift in enumerate(carer.shifts):
            keys_of_day.setdefault(shift.day, []).append((c, s))
    keys = [[k for k in keys_of_day[v.day]] for v in problem.visits]
    builder = Builder(Plan(problem, keys_of_day), keys)
    assert len(builder.build(list(range(len(problem.visits))))) == left_out
    return builder


def test_a_worker_searches_the_plan_it_was_given():
    double_up = Visit(6, 0, 600, 600, 30, carers_needed=2, client=20)
    problem = street([*calls_up_and_down_the_street(0), double_up, *calls_up_and_down_the_street(1)],
                     [Carer(0, shifts=WEEK), Carer(11, shifts=WEEK)])
    builder = planned(problem)
    plan = builder.plan
    (task,) = shares("tighten", plan, [0, 1], 1, seed=1, deadline=0.0)  # no time: nothing moves
    returned = search_in_worker(problem, (plan.keys_of_day, builder.keys), task, Never())
    assert [d.day for d in returned] == [0, 1]
    for day in returned:
        assert dict(day.tours) == {k: tuple(plan.stops[k]) for k in plan.keys_of_day[day.day] if plan.stops[k]}
        assert day.cost == whole_cost(plan, day.day)
    assert dict(returned[0].fixed)[10] == plan.fixed[10] == 600  # the double-up keeps its start


def test_each_worker_gets_only_its_share_of_what_is_left_of_a_carers_week():
    problem = street([Visit(3, d, 480, 900, 60) for d in range(4)], [Carer(0, shifts=WEEK, max_week_minutes=600)])
    plan = planned(problem).plan
    left = 600 - plan.worked[0]
    tasks = shares("tighten", plan, [0, 1, 2, 3], 2, seed=1, deadline=0.0)
    assert sorted(len(t.days) for t in tasks) == [2, 2]
    allowed = [left - dict(t.held_back)[0] for t in tasks]
    assert sum(allowed) <= left and min(allowed) >= left // 2 - 1


def test_covering_gives_every_worker_every_day_and_tightening_deals_them_out():
    problem = street([*calls_up_and_down_the_street(0), *calls_up_and_down_the_street(1, client=10),
                      *calls_up_and_down_the_street(2, client=20)], [Carer(0, shifts=WEEK)])
    plan = planned(problem).plan
    assert [t.days for t in shares("cover", plan, [0, 1, 2], 2, 1, 0.0)] == [(0, 1, 2), (0, 1, 2)]
    dealt = [t.days for t in shares("tighten", plan, [0, 1, 2], 2, 1, 0.0)]
    assert sorted(d for days in dealt for d in days) == [0, 1, 2] and all(dealt)
    assert [t.days for t in shares("tighten", plan, [0], 2, 1, 0.0)] == [(0,), (0,)]
    assert len({t.seed for t in shares("tighten", plan, [0], 2, 1, 0.0)}) == 2


def test_a_day_comes_back_only_when_it_is_no_worse_in_the_plan():
    problem = street(calls_up_and_down_the_street(0), [Carer(0, shifts=WEEK)])
    builder = planned(problem)
    plan = builder.plan

    def version(stops):
        trial = Plan(problem, plan.keys_of_day)
        assert trial.load((0, 0), stops, {})
        return SearchedDay(0, whole_cost(trial, 0), (((0, 0), tuple(stops)),), ())

    by_street = sorted(range(10), key=lambda v: problem.visits[v].location)
    best, middle, worst = sorted((version(order) for order in (by_street, list(range(10)), by_street[::-1])),
                                 key=lambda found: found.cost)
    assert best.cost < middle.cost < worst.cost
    for v in range(10):
        plan.remove(v)
    assert plan.load((0, 0), list(middle.tours[0][1]), {})
    take_in(builder, [worst])
    assert tuple(plan.stops[(0, 0)]) == middle.tours[0][1]
    take_in(builder, [worst, best])
    assert tuple(plan.stops[(0, 0)]) == best.tours[0][1] and whole_cost(plan, 0) == best.cost


def test_a_week_is_tightened_on_both_cores_within_every_rule(monkeypatch):
    pools = []
    real = plan_workers.in_pool

    def watching(work, problem, shared, tasks, *args, **kwargs):
        pools.append([t.search for t in tasks])
        return real(work, problem, shared, tasks, *args, **kwargs)

    monkeypatch.setattr(plan_workers, "in_pool", watching)
    visits = [v for day in range(4) for v in calls_up_and_down_the_street(day)]
    problem = street(visits, [Carer(0, shifts=WEEK, max_week_minutes=1500), Carer(11, shifts=WEEK)])
    solution = solve(problem, Options(time_limit=6.0, workers=2))
    assert ["tighten", "tighten"] in pools
    assert not solution.unassigned
    worked = {}
    for route in solution.routes:
        stops = route.stops
        assert all(problem.visits[s.visit].earliest <= s.start <= problem.visits[s.visit].latest for s in stops)
        worked[route.carer] = worked.get(route.carer, 0) + route.travel + sum(s.end - s.start for s in stops)
    assert worked.get(0, 0) <= 1500
