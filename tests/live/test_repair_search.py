"""How the repair makes room, on days small enough to check by hand: a chain of two moves when
no single move works, an urgent call placed by moving a flexible visit (or by taking its carer
when no one else can go), a double-up moved in time together with its remaining carer."""

from solver.repair import RepairCarer, RepairProblem, RepairVisit, Stop, repair

NOW = 8 * 60


def day(visits, carers, plan, orphans):
    """Everyone at one address (no travel), no break or day-length limits: only shifts, windows
    and skills decide what fits."""
    return RepairProblem(
        visits=tuple(visits), carers=tuple(carers), plan=tuple(tuple(p) for p in plan), orphans=tuple(orphans),
        travel=lambda mode, a, b: 0, now=NOW, break_after=None, max_day_minutes=None,
    )


def visit(label, earliest, latest, duration=60, skills=(), previous=(), **more):
    return RepairVisit(location=0, earliest=earliest, latest=latest, duration=duration, skills=frozenset(skills),
                       previous_carers=tuple(previous), label=label, **more)


def carer(label, start, end, skills=()):
    return RepairCarer(home=0, skills=frozenset(skills), shifts=((start, end),), label=label)


def placed(result, problem):
    """visit label -> (carer labels, start) after the repair."""
    out = {}
    for c, route in enumerate(result.routes):
        for stop in route:
            carers, _ = out.get(problem.visits[stop.visit].label, ((), None))
            out[problem.visits[stop.visit].label] = (carers + (problem.carers[c].label,), stop.start)
    return out


def test_sick_carers_visit_recovered_through_a_chain_of_two_moves():
    # Only B can do X (skill), and B is full with U; only B and C can do U, and C is full with W;
    # D is free and can do W. No single move makes room: U must go to C and W to D.
    visits = [
        visit("X", 600, 600, skills={"peg"}, previous=(0,)),
        visit("U", 600, 600, skills={"hoist"}, previous=(1,)),
        visit("W", 600, 600, previous=(2,)),
    ]
    carers = [carer("A", 0, 0), carer("B", 600, 660, {"peg", "hoist"}), carer("C", 600, 660, {"hoist"}),
              carer("D", 600, 660)]
    problem = day(visits, carers, [[], [Stop(1, 600)], [Stop(2, 600)], []], [0])
    result = repair(problem)
    assert result.unplaced == ()
    assert placed(result, problem) == {"X": (("B",), 600), "U": (("C",), 600), "W": (("D",), 600)}
    assert [problem.visits[v].label for v in result.moved] == ["U", "W"]


def test_chain_never_moves_a_started_or_pinned_visit():
    visits = [visit("X", 600, 600, skills={"peg"}, previous=(0,)), visit("U", 600, 600, previous=(1,))]
    carers = [carer("A", 0, 0), carer("B", 600, 660, {"peg"}), carer("C", 600, 660)]
    problem = day(visits, carers, [[], [Stop(1, 600, locked=True)], []], [0])
    result = repair(problem)
    assert [u.visit for u in result.unplaced] == [0]
    assert placed(result, problem) == {"U": (("B",), 600)}


def urgent_day(*, with_c: bool, flexible: bool = True):
    # Only B can reach the urgent call X (10:00-12:00) and B's shift holds one hour of work;
    # F (flexible, 10:00-15:00) is on B. C, if on, starts at 11:00.
    visits = [
        visit("X", 600, 720, skills={"ucr"}, urgent=True, target=600),
        visit("F", 600, 900, previous=(0,), may_give_way=flexible),
    ]
    carers = [carer("B", 600, 700, {"ucr"}), carer("C", 660, 900) if with_c else carer("C", 0, 0)]
    return day(visits, carers, [[Stop(1, 600)], []], [0])


def test_urgent_call_placed_at_once_by_moving_a_flexible_visit():
    problem = urgent_day(with_c=True)
    result = repair(problem)
    assert result.unplaced == ()
    assert placed(result, problem) == {"X": (("B",), 600), "F": (("C",), 660)}


def test_urgent_call_takes_the_carer_of_a_flexible_visit_no_one_else_can_do():
    problem = urgent_day(with_c=False)
    result = repair(problem)
    assert placed(result, problem) == {"X": (("B",), 600)}
    (gave,) = result.unplaced
    assert (problem.visits[gave.visit].label, gave.reason) == ("F", "gave_way")
    assert "X" in gave.detail
    assert result.moved == ()


def test_urgent_call_never_takes_the_carer_of_a_visit_that_may_not_give_way():
    problem = urgent_day(with_c=False, flexible=False)
    result = repair(problem)
    assert placed(result, problem) == {"F": (("B",), 600)}
    assert [(u.visit, u.reason) for u in result.unplaced] == [(0, "no_room")]


def test_double_up_moves_in_time_with_its_remaining_carer_so_a_second_can_join():
    # H needs two carers (10:00-12:00). P stays on it at 10:00; its other carer went off sick.
    # Q, the only other carer, starts at 11:00: both do H at 11:00.
    visits = [visit("H", 600, 720, previous=(0, 1), carers_needed=2)]
    carers = [carer("P", 540, 900), carer("sick", 0, 0), carer("Q", 660, 900)]
    problem = day(visits, carers, [[Stop(0, 600)], [], []], [0])
    result = repair(problem)
    assert result.unplaced == ()
    assert placed(result, problem) == {"H": (("P", "Q"), 660)}


def test_started_double_up_that_lost_a_carer_is_taken_off_not_left_with_one():
    # H (hoist, two carers) began at 07:30, before now (08:00); its other carer went off sick
    # before it began. No one can join a visit in the past, and one carer may not do it alone:
    # both carers or neither, so P is taken off it too and the reason says why.
    visits = [visit("H", 420, 480, previous=(0, 1), carers_needed=2)]
    carers = [carer("P", 420, 900), carer("sick", 0, 0), carer("Q", 420, 900)]
    problem = day(visits, carers, [[Stop(0, 450, locked=True)], [], []], [0])
    result = repair(problem)
    assert placed(result, problem) == {}
    assert [(u.visit, u.reason) for u in result.unplaced] == [(0, "too_late")]
    assert "without its second carer" in result.unplaced[0].detail


def test_pinned_double_up_gets_its_second_carer_at_the_pinned_time_or_is_taken_off():
    # H is pinned with P at 10:00. Q is free then: Q joins at 10:00. Without Q, P is not left alone.
    visits = [visit("H", 600, 720, previous=(0, 1), carers_needed=2)]
    with_q = [carer("P", 540, 900), carer("sick", 0, 0), carer("Q", 540, 900)]
    problem = day(visits, with_q, [[Stop(0, 600, locked=True)], [], []], [0])
    assert placed(repair(problem), problem) == {"H": (("P", "Q"), 600)}
    alone = [carer("P", 540, 900), carer("sick", 0, 0), carer("Q", 660, 900)]
    problem = day(visits, alone, [[Stop(0, 600, locked=True)], [], []], [0])
    result = repair(problem)
    assert placed(result, problem) == {}
    assert [u.visit for u in result.unplaced] == [0]
