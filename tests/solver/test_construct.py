"""Insertion, timing and the coverage search: each rule holds in what they build."""

import random

from solver.construct import Builder
from solver.plan import Plan
from solver.problem import Carer, Problem, Shift, Visit, Weights
from solver.solve import Options, solve
from solver.tours import time_tour

FAST = Options(time_limit=2.0, workers=1)


def line(points):
    m = tuple(tuple(abs(a - b) for b in points) for a in points)
    return m


def make(visits, carers, points=(0, 10, 20, 30), **kw) -> Problem:
    m = line(list(points))
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers), **kw)


def builder_for(problem: Problem) -> Builder:
    keys_of_day = {}
    for c, carer in enumerate(problem.carers):
        for s, shift in enumerate(carer.shifts):
            keys_of_day.setdefault(shift.day, []).append((c, s))
    keys = [[k for k in keys_of_day.get(v.day, ()) if v.skills <= problem.carers[k[0]].skills]
            for v in problem.visits]
    return Builder(Plan(problem, keys_of_day), keys)


def test_long_tour_gets_its_break_after_the_travel_and_before_the_next_visit():
    visits = [Visit(1, 0, 420, 430, 60), Visit(3, 0, 500, 700, 60), Visit(1, 0, 560, 800, 60),
              Visit(2, 0, 800, 820, 60)]
    problem = make(visits, [Carer(0, shifts=(Shift(0, 400, 1000),))])
    timing = time_tour(problem, 0, 0, [0, 1, 2, 3], {})
    assert timing is not None and timing.break_start is not None
    ends = [s + 60 for s in timing.starts]
    legs = [20, 20, 10]
    gap = next(k for k in range(3) if ends[k] + legs[k] == timing.break_start)
    assert timing.break_start + problem.break_minutes <= timing.starts[gap + 1]
    assert all(v.earliest <= s <= v.latest for v, s in zip(visits, timing.starts))


def test_the_carer_waits_rather_than_make_a_client_late():
    # The second visit cannot start before 600; starting the first later would save the carer
    # waiting but make its client wait past the preferred 08:00.
    visits = [Visit(1, 0, 480, 600, 30, preferred_start=480), Visit(2, 0, 600, 700, 30, preferred_start=600)]
    problem = make(visits, [Carer(0, shifts=(Shift(0, 420, 900),))])
    assert time_tour(problem, 0, 0, [0, 1], {}).starts == (480, 600)
    # Where lateness is not weighed the first starts as late as the windows allow: no waiting.
    unweighed = make(visits, [Carer(0, shifts=(Shift(0, 420, 900),))], weights=Weights(lateness_minute=0))
    assert time_tour(unweighed, 0, 0, [0, 1], {}).starts == (600, 640)


def test_tour_with_no_room_for_a_break_is_refused():
    # Back to back for seven hours at one address: no 20-minute gap can be opened.
    visits = [Visit(1, 0, 420 + 60 * k, 420 + 60 * k, 60) for k in range(7)]
    problem = make(visits, [Carer(1, shifts=(Shift(0, 400, 1000),))])
    assert time_tour(problem, 0, 0, list(range(7)), {}) is None
    assert time_tour(problem, 0, 0, list(range(6)), {}) is not None


def test_double_up_is_inserted_whole_two_carers_one_start():
    carers = [Carer(0, skills=frozenset({"hoist"}), shifts=(Shift(0, 420, 900),)),
              Carer(3, skills=frozenset({"hoist"}), shifts=(Shift(0, 420, 900),)),
              Carer(0, shifts=(Shift(0, 420, 900),))]
    visits = [Visit(2, 0, 480, 600, 45, carers_needed=2, skills=frozenset({"hoist"})),
              Visit(1, 0, 480, 490, 30)]
    builder = builder_for(make(visits, carers))
    assert builder.build([0, 1]) == []
    plan = builder.plan
    assert plan.carers_of(0) == {0, 1}
    starts = {plan.timing[k].starts[plan.stops[k].index(0)] for k in plan.where[0]}
    assert len(starts) == 1 and 480 <= starts.pop() <= 600


def test_greedy_dead_end_is_undone_and_everything_covered():
    # X (fixed time) goes to carer 0, the nearest; Y needs carer 0's skill at a clashing time:
    # a plain greedy leaves Y out, moving X to carer 1 covers both.
    carers = [Carer(1, skills=frozenset({"peg"}), shifts=(Shift(0, 400, 700),)),
              Carer(3, shifts=(Shift(0, 400, 700),))]
    visits = [Visit(1, 0, 480, 480, 60, label="X"), Visit(1, 0, 430, 470, 60, skills=frozenset({"peg"}), label="Y")]
    problem = make(visits, carers)
    greedy = builder_for(problem)
    assert greedy.build([0, 1]) == [1]
    solution = solve(problem, FAST)
    assert solution.is_feasible()
    assert {r.carer: [s.visit for s in r.stops] for r in solution.routes} == {0: [1], 1: [0]}


def test_a_client_seen_every_day_keeps_one_carer():
    carers = [Carer(0, shifts=tuple(Shift(d, 420, 900) for d in range(7))) for _ in range(3)]
    visits = [Visit(2, d, 480, 600, 30, client=0) for d in range(7)]
    solution = solve(make(visits, carers), FAST)
    assert solution.is_feasible()
    assert len({r.carer for r in solution.routes}) == 1


def random_week(seed: int) -> Problem:
    """Twelve carers on split or single shifts over three days, a third of the clients hoisted
    by two: dense enough that the order of insertion matters."""
    rng = random.Random(seed)
    points = [rng.randint(0, 60) for _ in range(40)]
    carers = []
    for c in range(12):
        shifts = (Shift(d, 420, 900) for d in range(3)) if c % 2 else \
            (s for d in range(3) for s in (Shift(d, 420, 780), Shift(d, 960, 1320)))
        carers.append(Carer(c % 8, skills=frozenset({"hoist"} if c % 3 else ()), shifts=tuple(shifts),
                            max_week_minutes=1500 if c % 4 == 0 else None))
    visits = []
    for client in range(8, 30):
        for day in range(3):
            for band in rng.sample([(420, 600), (690, 780), (960, 1080), (1140, 1260)], 2):
                pair = client % 3 == 0 and band[0] == 420
                visits.append(Visit(client, day, band[0], band[1], rng.choice([30, 45]), client=client,
                                    carers_needed=2 if pair else 1, skills=frozenset({"hoist"}) if pair else frozenset()))
    return make(visits, carers, points=points)


def test_dense_week_every_rule_holds_in_the_routes():
    problem = random_week(7)
    solution = solve(problem, Options(time_limit=4.0, workers=2))
    assert solution.is_feasible(), solution.summary()
    starts: dict[int, set[int]] = {}
    carers: dict[int, list[int]] = {}
    worked: dict[int, int] = {}
    for route in solution.routes:
        carer = problem.carers[route.carer]
        shift = carer.shifts[route.shift]
        assert shift.start <= route.leave and route.back <= shift.end
        travel = problem.travel[carer.mode]
        here, clock = carer.home, route.leave
        for stop in route.stops:
            visit = problem.visits[stop.visit]
            assert stop.start >= clock + travel[here][visit.location]
            assert visit.earliest <= stop.start <= visit.latest and visit.skills <= carer.skills
            starts.setdefault(stop.visit, set()).add(stop.start)
            carers.setdefault(stop.visit, []).append(route.carer)
            here, clock = visit.location, stop.end
        worked[route.carer] = worked.get(route.carer, 0) + route.back - route.leave
        if route.stops[-1].end - route.stops[0].start > problem.break_after:
            brk = [b for b in solution.breaks if b.carer == route.carer and b.day == route.day
                   and route.stops[0].start <= b.start <= route.stops[-1].end]
            assert brk, "long tour without a break"
            b = brk[0]
            assert any(x.end <= b.start and b.start + b.minutes <= y.start and x.end + y.travel + b.minutes <= y.start
                       for x, y in zip(route.stops, route.stops[1:]))
            assert all(b.start + b.minutes <= s.start or s.end <= b.start for s in route.stops)
    for visit, who in carers.items():
        assert len(who) == len(set(who)) == problem.visits[visit].carers_needed
        assert len(starts[visit]) == 1
    for index, carer in enumerate(problem.carers):
        if carer.max_week_minutes is not None:
            assert worked.get(index, 0) <= carer.max_week_minutes
