"""A double-up whose two carers do different work (`Visit.second_skills`): one carer holds the
first place's skills and the other the second's, whichever search placed them; judged from the
routes alone."""

import random

import pytest

from solver.day import DayTask, Vehicle, solve_day
from solver.problem import Carer, Problem, ProblemError, Shift, Visit
from solver.solution import Reason
from solver.solve import Options, Search, solve

DAY = Shift(0, 420, 1020)
NURSE, CARE = frozenset({"nursing"}), frozenset({"personal care"})


def grid(size: int) -> tuple:
    points = [(x, y) for x in range(size) for y in range(size)]
    return tuple(tuple(abs(a[0] - b[0]) * 4 + abs(a[1] - b[1]) * 4 for b in points) for a in points)


def problem(visits, carers, size: int = 4) -> Problem:
    m = grid(size)
    return Problem(travel=(m,), distance=m, visits=tuple(visits), carers=tuple(carers))


def roles_broken(p: Problem, carers: dict[int, list[int]]) -> list[str]:
    """Every double-up made by two carers who cannot split its two places between them;
    carers: visit -> the carers making it (`Solution.carers_of()`)."""
    broken = []
    for index, visit in enumerate(p.visits):
        made = carers.get(index, [])
        if visit.carers_needed != 2 or not made:
            continue
        a, b = made
        held = p.carers[a].skills, p.carers[b].skills
        first, second = visit.skills, visit.second_skills or visit.skills
        if a == b or not ((first <= held[0] and second <= held[1]) or (first <= held[1] and second <= held[0])):
            broken.append(f"visit {index}: carers {a} and {b}")
    return broken


def test_a_nurse_goes_with_a_care_worker_even_when_two_nurses_are_nearer():
    visit = Visit(5, 0, 480, 540, 45, carers_needed=2, skills=NURSE, second_skills=CARE)
    carers = [Carer(5, skills=NURSE, shifts=(DAY,)), Carer(6, skills=NURSE, shifts=(DAY,)),
              Carer(15, skills=CARE, shifts=(DAY,))]
    p = problem([visit], carers)
    solution = solve(p, Options(time_limit=1.0, workers=1))
    made = {r.carer for r in solution.routes}
    assert not solution.unassigned and not roles_broken(p, solution.carers_of())
    assert 2 in made and len(made & {0, 1}) == 1


def test_without_anyone_for_the_second_place_the_double_up_is_uncovered_and_says_why():
    visit = Visit(5, 0, 480, 540, 45, carers_needed=2, skills=NURSE, second_skills=CARE)
    p = problem([visit], [Carer(5, skills=NURSE, shifts=(DAY,)), Carer(6, skills=NURSE, shifts=(DAY,))])
    solution = solve(p, Options(time_limit=1.0, workers=1))
    assert not solution.routes
    (missing,) = solution.unassigned
    assert missing.reason == Reason.NO_SECOND_CARER
    assert "personal care" in missing.detail


def test_second_skills_on_a_single_carer_visit_is_refused_by_name():
    with pytest.raises(ProblemError, match="visit V1.*second_skills"):
        problem([Visit(5, 0, 480, 540, 45, second_skills=CARE, label="V1")], [Carer(5, shifts=(DAY,))])


def test_pinned_carers_keep_their_places():
    visit = Visit(5, 0, 480, 540, 45, carers_needed=2, skills=NURSE, second_skills=CARE, pinned_carers=(1, 2))
    carers = [Carer(5, skills=NURSE | CARE, shifts=(DAY,)), Carer(12, skills=NURSE, shifts=(DAY,)),
              Carer(15, skills=CARE, shifts=(DAY,))]
    p = problem([visit], carers)
    solution = solve(p, Options(time_limit=1.0, workers=1))
    assert not solution.unassigned and {r.carer for r in solution.routes} == {1, 2}


@pytest.mark.parametrize("engine", ["strings", "routing"])
def test_a_busy_day_keeps_every_pair_of_roles_through_the_searches(engine):
    # Nurses, care workers and a few who are both; the searches move carers between routes, and
    # must never leave a nurse's place to a care worker.
    rng = random.Random(11)
    visits = []
    for k in range(30):
        start = rng.randrange(450, 900)
        if k % 3 == 0:
            visits.append(Visit(rng.randrange(1, 36), 0, start, start + 60, 30, carers_needed=2,
                                skills=NURSE, second_skills=CARE))
        else:
            visits.append(Visit(rng.randrange(1, 36), 0, start, start + 90, 20, skills=rng.choice([NURSE, CARE])))
    roles = [NURSE] * 3 + [CARE] * 3 + [NURSE | CARE] * 2
    carers = [Carer(rng.randrange(36), skills=r, shifts=(DAY,)) for r in roles]
    p = problem(visits, carers, size=6)
    options = Options(time_limit=3.0, workers=2, engine=engine, spare_searches=(Search(engine),))
    solution = solve(p, options)
    assert not solution.unassigned
    assert roles_broken(p, solution.carers_of()) == []


def test_the_roles_check_catches_a_nurses_place_given_to_a_care_worker():
    visit = Visit(5, 0, 480, 540, 45, carers_needed=2, skills=NURSE, second_skills=CARE)
    p = problem([visit], [Carer(5, skills=CARE, shifts=(DAY,)), Carer(6, skills=CARE, shifts=(DAY,))])
    assert roles_broken(p, {0: [0, 1]}) == ["visit 0: carers 0 and 1"]


def test_the_routing_model_from_scratch_gives_each_place_a_carer_with_its_skills():
    # Nurses nearest the visits, care workers far: without the places' skills the routing search
    # would send two nurses.
    visits = [Visit(k, 0, 480 + 90 * k, 500 + 90 * k, 30, carers_needed=2, skills=NURSE, second_skills=CARE)
              for k in range(1, 5)]
    carers = [Carer(1, skills=NURSE, shifts=(DAY,)), Carer(2, skills=NURSE, shifts=(DAY,)),
              Carer(15, skills=CARE, shifts=(DAY,))]
    p = problem(visits, carers)
    vehicles = tuple(Vehicle(c, 0, None, 0) for c in range(3))
    task = DayTask(0, tuple(range(4)), vehicles, ((0, 1, 2),) * 4, 1.0, engine="routing")
    result = solve_day(p, task)
    made: dict[int, list[int]] = {}
    for position, stops in result.routes:
        for visit, _ in stops:
            made.setdefault(visit, []).append(position)
    assert sum(len(c) for c in made.values()) == 8
    assert roles_broken(p, made) == []
