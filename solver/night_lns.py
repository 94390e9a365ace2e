"""The scaling engine for night rounds: ruin and recreate around exact round timing.

Each step takes a few related visits out (close in time and place) and puts them back, with any
visit still left out, where they add least driving; a step is kept when it covers more or drives
less, or now and then when it drives a little more (to leave a local optimum). Every round it
keeps is timed by `earliest_starts`, so the reserve and windows hold by construction.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from .night_greedy import cheapest_place, earliest_starts, greedy_rounds, route_drive
from .night_problem import NightProblem, NightSolution
from .night_routes import assemble


class _Rounds:
    """Visit orders per crew with their driving, and the cost of the whole night."""

    def __init__(self, problem: NightProblem, orders: list[list[int]]):
        self.problem = problem
        self.orders = [list(o) for o in orders]
        self.drive = [route_drive(problem, k, o) for k, o in enumerate(self.orders)]

    def copy(self) -> "_Rounds":
        twin = _Rounds.__new__(_Rounds)
        twin.problem, twin.orders, twin.drive = self.problem, [list(o) for o in self.orders], list(self.drive)
        return twin

    def cost(self) -> int:
        served = {i for o in self.orders for i in o}
        missed = sum(self.problem.miss_cost(v) for i, v in enumerate(self.problem.visits) if i not in served)
        return missed + self.problem.weight_travel_minute * sum(self.drive)

    def covers_mandatory(self) -> bool:
        served = {i for o in self.orders for i in o}
        return all(i in served for i, v in enumerate(self.problem.visits) if not v.optional)

    def remove(self, visits: set[int]) -> None:
        for k, order in enumerate(self.orders):
            if any(i in visits for i in order):
                self.orders[k] = [i for i in order if i not in visits]
                self.drive[k] = route_drive(self.problem, k, self.orders[k])

    def best_place(self, i: int) -> tuple[int, int, int] | None:
        """(added driving, crew, position) of the cheapest feasible place for visit i."""
        return cheapest_place(self.problem, self.orders, i)

    def insert(self, i: int, k: int, pos: int, added: int) -> None:
        self.orders[k].insert(pos, i)
        self.drive[k] += added


def _related(problem: NightProblem, seed: int, count: int, rng: random.Random) -> set[int]:
    """The seed visit and its nearest neighbours in time and place."""
    s = problem.visits[seed]

    def distance(j: int) -> float:
        v = problem.visits[j]
        return problem.travel[s.place][v.place] + abs(v.window_start - s.window_start) / 4 + rng.random() * 5

    ranked = sorted(range(len(problem.visits)), key=distance)
    return set(ranked[:count])


def solve_lns(
    problem: NightProblem,
    time_limit_s: float,
    *,
    seed: int = 0,
    until_covered: bool = False,
    on_progress: Callable[[str, int], None] | None = None,
    stop=None,
) -> NightSolution:
    """Best rounds found by ruin and recreate within the limit, or once many steps in a row found
    nothing better; with until_covered, as soon as every mandatory visit is on a round."""
    began = time.perf_counter()
    rng = random.Random(seed)
    current = _Rounds(problem, greedy_rounds(problem))
    best, best_cost = current.copy(), current.cost()
    current_cost, steps, n = best_cost, 0, len(problem.visits)
    temperature = 2.0 * problem.weight_travel_minute
    patience, since_best = max(1000, 50 * n), 0
    while n and since_best < patience and time.perf_counter() - began < time_limit_s \
            and not (until_covered and best.covers_mandatory()) and not (stop is not None and stop.stop):
        steps += 1
        since_best += 1
        trial = current.copy()
        taken = _related(problem, rng.randrange(n), rng.randint(min(2, n), min(10, n)), rng)
        trial.remove(taken)
        served = {i for o in trial.orders for i in o}
        todo = [i for i in range(n) if i not in served]
        rng.shuffle(todo)
        todo.sort(key=lambda i: problem.visits[i].window_end - problem.visits[i].window_start)
        for i in todo:
            place = trial.best_place(i)
            if place is not None:
                trial.insert(i, place[1], place[2], place[0])
        cost = trial.cost()
        if cost < current_cost or rng.random() < math.exp(-(cost - current_cost) / temperature):
            current, current_cost = trial, cost
            if cost < best_cost:
                best, best_cost, since_best = trial.copy(), cost, 0
                if on_progress:
                    on_progress("lns", best_cost)
    starts: dict[int, int] = {}
    for k, order in enumerate(best.orders):
        timed = earliest_starts(problem, k, order)
        assert timed is not None  # every order kept was timed by earliest_starts
        starts.update(zip(order, timed))
    status = "interrupted" if stop is not None and stop.stop else "feasible"
    return assemble(problem, best.orders, starts, status, "lns", began, stats={"steps": steps})
