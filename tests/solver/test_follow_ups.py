"""A visit and its follow-up (`Visit.follows`): the second starts within its gap after the first,
the two are made both or neither, and a follow-up the data gets wrong is refused by name."""

import random

import pytest

from solver.problem import Carer, Problem, ProblemError, Shift, Visit
from solver.solution import Reason
from solver.solve import Options, solve

DAY = Shift(0, 420, 1020)


def line(points) -> Problem:
    return tuple(tuple(abs(a - b) for b in points) for a in points)


def problem(visits, carers, points=(0, 10, 20, 30, 40, 50)) -> Problem:
    m = line(points)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers))


def starts(solution) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for route in solution.routes:
        for stop in route.stops:
            out.setdefault(stop.visit, []).append(stop.start)
    return out


def gaps_kept(p: Problem, solution) -> list[str]:
    """Every broken follow-up, judged from the routes alone."""
    made = starts(solution)
    broken = []
    for index, visit in enumerate(p.visits):
        if visit.follows is None:
            continue
        first, then = made.get(visit.follows), made.get(index)
        if (first is None) != (then is None):
            broken.append(f"visit {index}: made without its partner")
        elif first is not None and not visit.gap[0] <= then[0] - first[0] <= visit.gap[1]:
            broken.append(f"visit {index}: starts {then[0] - first[0]} after, allowed {visit.gap}")
    return broken


def test_a_follow_up_starts_within_its_gap_after_the_first_visit():
    # Left alone, the second visit would start at 480 with the first; it must wait 120-150 minutes.
    visits = [Visit(1, 0, 480, 600, 30), Visit(1, 0, 480, 900, 20, follows=0, gap=(120, 150))]
    p = problem(visits, [Carer(0, shifts=(DAY,))])
    solution = solve(p, Options(time_limit=1.0, workers=1))
    made = starts(solution)
    assert not solution.unassigned and solution.is_feasible()
    assert 120 <= made[1][0] - made[0][0] <= 150


def test_a_busy_day_of_follow_ups_keeps_every_gap_through_the_searches():
    rng = random.Random(7)
    visits = []
    for k in range(24):
        early = rng.randrange(450, 800)
        visits.append(Visit(rng.randrange(1, 6), 0, early, early + rng.choice((30, 60, 120)), rng.choice((15, 30))))
        if k % 3 == 0:
            low = rng.choice((30, 60, 90))
            visits.append(Visit(rng.randrange(1, 6), 0, 450, 1000, 15, follows=len(visits) - 1, gap=(low, low + 20)))
    p = problem(visits, [Carer(0, shifts=(DAY,)) for _ in range(4)])
    solution = solve(p, Options(time_limit=3.0))
    assert len(solution.unassigned) <= 2
    assert gaps_kept(p, solution) == []


def test_a_follow_up_pair_starts_as_soon_as_the_follow_ups_carer_is_free():
    # Only carer 1 can make the follow-up, and is busy with a pinned visit until 09:20; the first
    # visit's window runs all day, so it must start about 30-40 minutes before carer 1 is free,
    # not anywhere later in the day.
    x, y = frozenset({"x"}), frozenset({"y"})
    visits = [Visit(1, 0, 480, 1000, 20, skills=x, preferred_start=480),
              Visit(1, 0, 480, 1000, 20, skills=y, preferred_start=480, follows=0, gap=(30, 40)),
              Visit(2, 0, 500, 500, 60, skills=y, pinned_carers=(1,), pinned_start=500)]
    p = problem(visits, [Carer(0, skills=x, shifts=(DAY,)), Carer(0, skills=y, shifts=(DAY,))])
    solution = solve(p, Options(time_limit=1.0, workers=1))
    made = starts(solution)
    assert not solution.unassigned and not gaps_kept(p, solution)
    assert made[1][0] <= 500 + 60 + 10 + 10 and made[0][0] <= made[1][0] - 30


def test_a_follow_up_that_cannot_be_made_leaves_both_uncovered_and_says_why():
    # The follow-up would have to start after its own window closes.
    visits = [Visit(1, 0, 480, 500, 30, label="wash"),
              Visit(2, 0, 480, 600, 20, follows=0, gap=(200, 240), label="medicine")]
    solution = solve(problem(visits, [Carer(0, shifts=(DAY,))]), Options(time_limit=1.0, workers=1))
    assert solution.routes == ()
    assert {u.visit for u in solution.unassigned} == {0, 1}
    assert all(u.reason is Reason.NO_ROOM and "follow-up visit medicine 200-240 minutes later" in u.detail
               for u in solution.unassigned)


@pytest.mark.parametrize("second, message", [
    (Visit(1, 1, 480, 600, 20, follows=0, label="B"), r"visit B: follows: visit A is on another day"),
    (Visit(1, 0, 480, 600, 20, follows=5, label="B"), r"visit B: follows: visit 5 does not exist"),
    (Visit(1, 0, 480, 600, 20, follows=0, carers_needed=2, label="B"), r"visit B: follows: a double-up"),
    (Visit(1, 0, 480, 600, 20, follows=0, gap=(30, 10), label="B"), r"visit B: gap: \(30, 10\) must be"),
    (Visit(1, 0, 480, 600, 20, follows=1, label="B"), r"visit B: follows: a visit cannot follow itself"),
])
def test_a_wrong_follow_up_is_refused_naming_the_visit_and_field(second, message):
    with pytest.raises(ProblemError, match=message):
        problem([Visit(1, 0, 480, 600, 30, label="A"), second], [Carer(0, shifts=(DAY,))])


def test_a_visit_followed_twice_or_a_chain_is_refused():
    first = Visit(1, 0, 480, 600, 30, label="A")
    with pytest.raises(ProblemError, match=r"visit C: follows: visit A already has a follow-up"):
        problem([first, Visit(1, 0, 480, 900, 20, follows=0, label="B"),
                 Visit(1, 0, 480, 900, 20, follows=0, label="C")], [Carer(0, shifts=(DAY,))])
    with pytest.raises(ProblemError, match=r"visit C: follows: visit B already has a follow-up or follows"):
        problem([first, Visit(1, 0, 480, 900, 20, follows=0, label="B"),
                 Visit(1, 0, 480, 900, 20, follows=1, label="C")], [Carer(0, shifts=(DAY,))])
