"""Covering a day (`lns.DayCover`): it starts the day over when stuck, and between slices the plan
shows the best day it found, its ledger whole."""

import random

import solver.lns as lns
from solver.problem import Carer, Shift, Visit

from test_plan import ledger, rebuilt
from test_plan_workers import planned, street

DAY = (Shift(0, 420, 1200),)


def test_starting_over_never_shows_a_worse_day_between_slices(monkeypatch):
    monkeypatch.setattr(lns, "RESTART_STEPS", 2)
    # Three clients at nine o'clock sharp and two carers: one visit cannot be made.
    sharp = [Visit(1 + 3 * k, 0, 540, 540, 45, client=k) for k in range(3)]
    free = [Visit(2 + k, 0, 420, 1000, 30, client=3 + k) for k in range(6)]
    problem = street(sharp + free, [Carer(0, shifts=DAY), Carer(11, shifts=DAY)])
    builder = planned(problem, left_out=1)
    plan = builder.plan
    shown = built = plan.day_cost(0)
    covering = lns.DayCover(builder, 0, random.Random(3))
    restarts = []
    start_over = lns.DayCover._start_over
    monkeypatch.setattr(lns.DayCover, "_start_over", lambda self: restarts.append(1) or start_over(self))
    for _ in range(20):
        steps = iter(range(7))
        assert covering.search(lambda: next(steps, None) is None) == 1
        assert plan.day_cost(0) <= shown
        shown = plan.day_cost(0)
        assert ledger(plan) == ledger(rebuilt(plan))
        assert sum(plan.served(v) for v in range(len(problem.visits))) == len(problem.visits) - 1
    assert len(restarts) > 10 and shown[1] < built[1]
