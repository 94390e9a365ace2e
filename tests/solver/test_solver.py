"""The standalone solver on small integer problems: each rule holds in the routes it returns."""

import pytest

# Submodule imports: the editable install may see `solver` as a namespace package.
from solver.problem import Carer, Problem, ProblemError, Shift, Visit
from solver.solution import Reason, Status
from solver.solve import Options, solve
from solver.stop import CancelToken

FAST = Options(time_limit=1.0, workers=1, team_size=None)


def line_matrix(points: list[int]) -> tuple:
    """Locations on a line; travel minutes = distance."""
    return tuple(tuple(abs(a - b) for b in points) for a in points)


def problem(visits, carers, points=(0, 10, 20, 30), **kw) -> Problem:
    m = line_matrix(list(points))
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers), **kw)


def test_problem_names_record_and_field():
    with pytest.raises(ProblemError, match=r"visit V1: latest: window ends before it starts"):
        problem([Visit(1, 0, 600, 500, 30, label="V1")], [Carer(0, shifts=(Shift(0, 420, 900),))])
    with pytest.raises(ProblemError, match=r"visit 0: pinned_carers: pinned to a carer the client may not have"):
        problem([Visit(1, 0, 500, 600, 30, excluded_carers=frozenset({0}), pinned_carers=(0,))],
                [Carer(0, shifts=(Shift(0, 420, 900),))])


def test_route_times_respect_windows_travel_and_shift():
    visits = [Visit(1, 0, 480, 500, 30), Visit(3, 0, 480, 600, 30), Visit(2, 0, 540, 560, 30)]
    sol = solve(problem(visits, [Carer(0, shifts=(Shift(0, 420, 900),))]), FAST)
    assert sol.status is Status.COVERED and sol.is_feasible()
    (route,) = sol.routes
    clock, here = route.leave, 0
    points = [0, 10, 20, 30]
    for stop in route.stops:
        v = visits[stop.visit]
        assert stop.travel == abs(points[v.location] - here)
        assert stop.start >= clock + stop.travel and v.earliest <= stop.start <= v.latest
        clock, here = stop.end, points[v.location]
    assert route.back == clock + here <= 900 and route.leave >= 420


def test_double_up_two_different_carers_same_start():
    carers = [Carer(0, skills=frozenset({"hoist"}), shifts=(Shift(0, 420, 900),)) for _ in range(2)]
    sol = solve(problem([Visit(2, 0, 480, 600, 45, carers_needed=2, skills=frozenset({"hoist"}))], carers), FAST)
    stops = [(r.carer, s.start) for r in sol.routes for s in r.stops]
    assert len({c for c, _ in stops}) == 2 and len({s for _, s in stops}) == 1


def test_double_up_with_one_carer_is_uncovered_with_reason_not_half_served():
    sol = solve(problem([Visit(2, 0, 480, 600, 45, carers_needed=2)], [Carer(0, shifts=(Shift(0, 420, 900),))]), FAST)
    assert sol.routes == () and sol.status is Status.UNCOVERED
    assert sol.unassigned[0].reason is Reason.NO_SECOND_CARER


@pytest.mark.parametrize("visit, carer, reason", [
    (Visit(1, 0, 480, 600, 30, skills=frozenset({"peg"})), Carer(0, shifts=(Shift(0, 420, 900),)), Reason.NO_SKILLED_CARER),
    (Visit(1, 0, 480, 600, 30, excluded_carers=frozenset({0})), Carer(0, shifts=(Shift(0, 420, 900),)), Reason.EXCLUDED),
    (Visit(1, 0, 1000, 1100, 30), Carer(0, shifts=(Shift(0, 420, 900),)), Reason.NO_CARER_FREE),
])
def test_uncovered_visits_say_why(visit, carer, reason):
    sol = solve(problem([visit], [carer]), FAST)
    assert sol.status is Status.UNCOVERED
    assert [u.reason for u in sol.unassigned] == [reason] and sol.unassigned[0].detail


def test_pins_keep_carer_and_start():
    carers = [Carer(0, shifts=(Shift(0, 420, 900),)), Carer(3, shifts=(Shift(0, 420, 900),))]
    visits = [Visit(3, 0, 480, 600, 30, pinned_carers=(0,), pinned_start=555)]
    sol = solve(problem(visits, carers), FAST)
    (route,) = sol.routes
    assert route.carer == 0 and route.stops[0].start == 555


def test_long_day_gets_a_break_between_visits_after_travel():
    visits = [Visit(1, 0, 420 + 60 * k, 420 + 60 * k + 30, 40) for k in range(8)]
    sol = solve(problem(visits, [Carer(0, shifts=(Shift(0, 400, 1000),))]), FAST)
    assert sol.is_feasible()
    (brk,) = sol.breaks
    stops = sol.routes[0].stops
    assert stops[-1].end - stops[0].start > 360
    assert any(a.end <= brk.start and brk.start + brk.minutes <= b.start for a, b in zip(stops, stops[1:]))


def test_weekly_cap_is_never_exceeded():
    visits = [Visit(1, d, 480, 600, 120) for d in range(5)]
    carer = Carer(0, shifts=tuple(Shift(d, 420, 900) for d in range(5)), max_week_minutes=300)
    sol = solve(problem(visits, [carer]), Options(time_limit=2.0, workers=2, team_size=None))
    worked = sum(r.back - r.leave for r in sol.routes)
    assert worked <= 300 and sol.unassigned
    assert all(u.reason in (Reason.AT_LIMIT, Reason.NO_ROOM) for u in sol.unassigned)


def test_cancel_returns_promptly_with_a_status():
    token = CancelToken()
    token.cancel()
    visits = [Visit(1 + k % 3, 0, 420, 800, 30) for k in range(10)]
    sol = solve(problem(visits, [Carer(0, shifts=(Shift(0, 400, 1000),))]),
                Options(time_limit=30.0, workers=1), stop=token)
    assert sol.stats["wall_seconds"] < 10 and isinstance(sol.status, Status)


def test_capacity_limits_load_per_route():
    visits = [Visit(k, 0, 0, 1000, 1, load=60) for k in (1, 2, 3)]
    carers = [Carer(0, capacity=100, shifts=(Shift(0, 0, 1000),)) for _ in range(3)]
    sol = solve(problem(visits, carers), FAST)
    assert sol.is_feasible()
    assert all(sum(visits[s.visit].load for s in r.stops) <= 100 for r in sol.routes)


def test_one_day_gives_the_idle_worker_another_search_and_keeps_the_better_routes():
    points = (0, 7, 13, 22, 31, 38, 46, 55, 61, 70)
    visits = [Visit(1 + k % 9, 0, 420, 900, 20) for k in range(18)]
    carers = [Carer(0, shifts=(Shift(0, 400, 1000),)) for _ in range(4)]
    one = solve(problem(visits, carers, points), Options(time_limit=1.5, workers=1))
    two = solve(problem(visits, carers, points), Options(time_limit=1.5, workers=2))
    assert one.status is two.status is Status.COVERED and two.is_feasible()

    def travel(s):
        return sum(stop.travel for r in s.routes for stop in r.stops) + sum(r.back - r.stops[-1].end for r in s.routes)

    assert travel(two) <= travel(one)


def test_spare_searches_go_only_to_workers_a_day_would_leave_idle():
    from solver.day import DayTask
    from solver.solve import Search, _spare_tasks

    spare = Search("routing", warm=False, first_solution="PATH_CHEAPEST_ARC", gls_lambda=1.0)
    day = DayTask(0, (0,), (), ((),), 1.0, routes=((0, (0,)),))
    (other,) = _spare_tasks([day], Options(workers=2, spare_searches=(spare,)))
    assert other.routes == () and other.first_solution == "PATH_CHEAPEST_ARC" and other.gls_lambda == 1.0
    # A later round starts every search from the best routes so far.
    (again,) = _spare_tasks([day], Options(workers=2, spare_searches=(spare,)), again=True)
    assert again.routes == day.routes and again.gls_lambda == 1.0
    assert _spare_tasks([day] * 7, Options(workers=2, spare_searches=(spare,))) == []
    assert _spare_tasks([day], Options(workers=2, spare_searches=())) == []


def test_progress_counts_the_visits_left_uncovered_not_the_days():
    # Two visits on Monday a carer cannot reach, one on Tuesday: three visits on two days.
    shifts = (Shift(0, 420, 900), Shift(1, 420, 900))
    visits = [Visit(1, 0, 1000, 1100, 30), Visit(2, 0, 1000, 1100, 30), Visit(1, 1, 1000, 1100, 30),
              Visit(3, 1, 480, 600, 30)]
    seen = []
    solve(problem(visits, [Carer(0, shifts=shifts)]), FAST, on_progress=seen.append)
    assert {p.uncovered for p in seen} == {3}
    assert seen[-1].phase == "done" and seen[-1].days_done == seen[-1].days_total == 2
