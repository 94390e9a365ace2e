"""Seeded synthetic nights for benchmarks and solver tests, planted so they can be covered: each
crew first walks a round of its own (travel, care and the hourly reserve respected), then the
visits get time windows around the planted times and the crews and visits are shuffled."""

from __future__ import annotations

import math
import random

from .night_problem import NightCrew, NightProblem, NightVisit, hour_caps, overlap

SKILLS = ("catheter", "end_of_life", "hoist", "medication")
ROUND = (1320, 1830)
"""22:00 to 06:30."""


def synthetic_night(
    visits: int = 60,
    crews: int = 4,
    seed: int = 0,
    *,
    radius_km: float = 5.0,
    reserve: int = 15,
    window: int = 60,
    clients_per_crew: int = 6,
) -> NightProblem:
    """A night of `visits` planned visits that `crews` crews can cover with the reserve kept."""
    rng = random.Random(seed)
    # A crew covers an area of town: its clients cluster around the area's centre.
    centres = [_point(rng, radius_km) for _ in range(crews)]
    points = [_near(rng, centres[k], 1.5) for k in range(crews) for _ in range(clients_per_crew)]
    points += [_near(rng, centres[k], 1.0) for k in range(crews)]
    travel = tuple(tuple(_drive(a, b) for b in points) for a in points)
    crew_list, made = [], []
    per_crew = [visits // crews + (1 if k < visits % crews else 0) for k in range(crews)]
    for k in range(crews):
        base = crews * clients_per_crew + k
        skills = frozenset(rng.sample(SKILLS, 2))
        crew_list.append(NightCrew(f"N{k + 1}", base, *ROUND, skills, frozenset(sorted(skills)[:1])))
        pool = [k * clients_per_crew + c for c in range(clients_per_crew)]
        needs = {c: frozenset({rng.choice(sorted(skills))}) if rng.random() < 0.3 else frozenset() for c in pool}
        planted = _walk(rng, travel, base, pool, per_crew[k], reserve)
        for n, (client, start, duration) in enumerate(planted):
            opens = max(ROUND[0], start - rng.randint(0, window))
            made.append(NightVisit(f"V{client:03d}-{n:02d}", client, opens, opens + window, duration, needs[client]))
    rng.shuffle(made)
    rng.shuffle(crew_list)
    return NightProblem(tuple(made), tuple(crew_list), travel, reserve_per_hour=reserve)


def _walk(rng: random.Random, travel, base: int, pool: list[int], count: int, reserve: int):
    """(client, start, duration) for one crew's planted round of `count` visits."""
    caps = hour_caps(*ROUND, reserve)
    clock, here = ROUND[0] + rng.randint(0, 20), base
    done: list[tuple[int, int, int]] = []
    while len(done) < count:
        client = rng.choice([c for c in pool if c != here] or pool)
        duration = rng.choice((15, 20, 20, 30))
        start = clock + travel[here][client] + rng.randint(0, 5)
        while any(sum(overlap(s, s + d, lo, hi) for _, s, d in done) + overlap(start, start + duration, lo, hi) > cap
                  for lo, hi, cap in caps):
            start += 5
        if start + duration + travel[client][base] > ROUND[1]:
            break
        done.append((client, start, duration))
        clock, here = start + duration, client
    return done


def _point(rng: random.Random, radius_km: float) -> tuple[float, float]:
    angle, r = rng.uniform(0, 2 * math.pi), radius_km * math.sqrt(rng.random())
    return (r * math.cos(angle), r * math.sin(angle))


def _near(rng: random.Random, centre: tuple[float, float], radius_km: float) -> tuple[float, float]:
    x, y = _point(rng, radius_km)
    return (centre[0] + x, centre[1] + y)


def _drive(a: tuple[float, float], b: tuple[float, float]) -> int:
    """Minutes by car at night: straight line x 1.3 at 35 km/h, plus 2 minutes to park."""
    km = math.dist(a, b) * 1.3
    return 0 if km == 0 else 2 + math.ceil(km / 35 * 60)
