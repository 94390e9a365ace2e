"""The plan's ledger: rolling one day back leaves the week's minutes and who met whom as if that
day alone had been undone, whatever other days did in between."""

from solver.plan import Plan
from solver.problem import Carer, Shift, Visit

from test_plan_workers import planned, street

WEEK = tuple(Shift(day, 420, 1200) for day in range(2))


def ledger(plan: Plan) -> tuple:
    return dict(plan.worked), {client: dict(seen) for client, seen in plan.met.items()}


def rebuilt(plan: Plan) -> Plan:
    fresh = Plan(plan.problem, plan.keys_of_day)
    for key, stops in plan.stops.items():
        assert fresh.load(key, stops, {v: plan.fixed[v] for v in stops if v in plan.fixed})
    return fresh


def test_rolling_a_day_back_keeps_what_another_day_did_since():
    # The same two clients on both days; the double-up's start is held fixed.
    visits = [Visit(2, day, 480, 700, 30, client=0) for day in (0, 1)]
    visits += [Visit(9, day, 600, 600, 30, carers_needed=2, client=1) for day in (0, 1)]
    visits += [Visit(5, day, 540, 900, 45, client=2) for day in (0, 1)]
    problem = street(visits, [Carer(0, shifts=WEEK, max_week_minutes=2000), Carer(11, shifts=WEEK)])
    builder = planned(problem)
    plan = builder.plan
    monday = plan.snapshot(0)
    for visit in plan.visits_of_day[0]:
        plan.remove(visit)
    tuesday = plan.visits_of_day[1]
    plan.remove(tuesday[0])  # Tuesday changes while Monday is rolled back
    plan.rollback(monday)
    assert plan.served(tuesday[0]) == 0
    assert all(plan.served(v) == problem.visits[v].carers_needed for v in plan.visits_of_day[0])
    assert plan.fixed[2] == 600
    assert ledger(plan) == ledger(rebuilt(plan))
    assert plan.met[0] and plan.worked[0] > 0
