"""A city-scale week for the checker: 100 carers, 600 clients, 3,600 day visits, six working days.

`python -m tests.rules.city` prints the checker's CPU time (medians); test_scale.py checks its answers."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from roster.domain import (
    Assignment, Break, CallType, CarePackage, Carer, Client, Provider, Rota, Shift, Transport, VisitSchedule,
)

from .builders import MONDAY, place

SLOTS = (480, 575, 670, 785, 880, 975)
"""Visit times of each round: 08:00 to 16:15, the break at 12:15 between the third and fourth."""
DAYS = range(6)


def city_week(carers: int = 100, seed: int = 7) -> tuple[Provider, Rota]:
    """Every carer visits the same six clients each day, Monday to Saturday; even carers opted out
    of the 48-hour week (each works about 54 hours)."""
    rng = random.Random(seed)
    staff, clients, packages, schedules, assignments = [], [], [], [], []
    for c in range(carers):
        home = place(rng.uniform(-4000, 4000), rng.uniform(-4000, 4000))
        staff.append(
            Carer(f"C{c:03d}", f"Carer {c}", "CV1 1AA", home, Transport.CAR, frozenset({"medication"}),
                  tuple(Shift(d, 7 * 60, 20 * 60) for d in DAYS), 30 * 60, opted_out_48h=c % 2 == 0)
        )
        for slot in SLOTS:
            k = len(clients)
            clients.append(Client(f"P{k:04d}", f"Client {k}", "CV2 2BB",
                                  place(rng.uniform(-4000, 4000), rng.uniform(-4000, 4000))))
            packages.append(CarePackage(f"K{k:04d}", f"P{k:04d}", MONDAY - dt.timedelta(days=3),
                                        MONDAY + dt.timedelta(days=20)))
            schedules.append(VisitSchedule(f"S{k:04d}", f"K{k:04d}", CallType.MORNING, frozenset(DAYS), slot - 30,
                                           slot + 60, 45, skills=frozenset({"medication"})))
    provider = Provider(tuple(staff), tuple(clients), tuple(packages), tuple(schedules))
    for v in provider.visits_for_week(MONDAY):
        carer = f"C{int(v.client_id[1:]) // len(SLOTS):03d}"
        assignments.append(Assignment(v.id, carer, v.date, v.preferred_start, v.preferred_start + v.duration))
    breaks = tuple(Break(c.id, MONDAY + dt.timedelta(days=d), 12 * 60 + 15, 20) for c in staff for d in DAYS)
    return provider, Rota(MONDAY, tuple(assignments), breaks)


def _median_cpu_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    from roster.rules import Week, check_carer_day, check_rota, rank_candidates

    provider, rota = city_week()
    week = Week(provider, MONDAY)
    some_visit = rota.assignments[100].visit_id
    print(f"{len(rota.assignments)} visits, {len(provider.carers)} carers (CPU ms, median)")
    print(f"check_rota       {_median_cpu_ms(lambda: check_rota(provider, rota), 5):7.1f}")
    print(f"check_carer_day  {_median_cpu_ms(lambda: check_carer_day(provider, rota, 'C010', MONDAY, week=week), 21):7.1f}")
    print(f"rank_candidates  {_median_cpu_ms(lambda: rank_candidates(provider, rota, some_visit, week=week), 5):7.1f}")


if __name__ == "__main__":
    main()
