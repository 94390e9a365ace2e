"""Repair on the city-scale demo (about 3,700 day visits a week, 135 carers): 20 random
disruptions (a carer off sick, a hospital discharge with a package starting now, a UCR call),
each repaired on its own from the planted rota, from a random `now` on its day.

Per disruption: repair wall time (target at most 5 s), visits that had to find a carer and how
many did, visits moved to another carer that did not have to (the ripple), minutes of lateness
added on the day, flexible visits that gave way to the urgent call (left uncovered so that it
meets its deadline), hard rule violations added (must be 0), UCR deadline met. With --peer N, the
first N disruptions are also re-solved for the whole day from `now` by the daytime solver (every
other day and everything before `now` pinned), as a yardstick for disruption and coverage.

    python bench/repair.py                 # table
    python bench/repair.py --json          # machine-readable
    python bench/repair.py --peer 3        # beside a re-solve of the day
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roster.demo import generate  # noqa: E402
from roster.domain import CallType, Rota, RotaStatus, Service  # noqa: E402
from roster.planning import events as ev  # noqa: E402
from roster.planning.repair import load_for_repair, plan_repair  # noqa: E402
from roster.store import open_db, replace_provider, save_rota  # noqa: E402

MONDAY = dt.date(2026, 11, 23)
TARGET_SECONDS = 5.0
KINDS = ("sick", "discharge", "ucr")


def _lateness_added(provider, before: Rota, after: Rota, day: dt.date) -> int:
    """Minutes after the preferred time, summed over the day's visits covered after the repair,
    minus the same visits' lateness before (zero for visits that were not covered)."""
    visits = {v.id: v for v in provider.visits_for_week(after.week_start) if v.date == day and v.service is Service.DAY}

    def late(rota: Rota) -> dict[str, int]:
        return {a.visit_id: max(0, a.start - visits[a.visit_id].preferred_start)
                for a in rota.assignments if a.visit_id in visits}

    was, now = late(before), late(after)
    return sum(minutes - was.get(v, 0) for v, minutes in now.items())


def _disrupt(db, rng: random.Random, kind: str, day: dt.date, now: int, planted: Rota, provider) -> str:
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=now)
    if kind == "sick":
        working = sorted({a.carer_id for a in planted.assignments if a.date == day and a.start >= now})
        carer = rng.choice(working)
        # They ring in at `now` and finish the visit they are on, if any.
        busy_until = max([a.end for a in planted.assignments
                          if a.carer_id == carer and a.date == day and a.start < now < a.end], default=now)
        off = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=busy_until)
        ev.record_absence(db, carer, off, dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), by="bench")
        return f"{carer} sick from {moment:%H:%M}"
    client = rng.choice(provider.clients).id
    if kind == "discharge":
        calls = [ev.Call(CallType.LUNCH, 11 * 60 + 30, 14 * 60, 30), ev.Call(CallType.TEA, 16 * 60, 18 * 60, 30),
                 ev.Call(CallType.BED, 19 * 60, 22 * 60, 30)]
        ev.record_new_package(db, client, moment, calls, by="bench")
        return f"discharge of {client} at {moment:%H:%M}"
    ev.record_ucr(db, client, moment, by="bench", duration=rng.choice([30, 45, 60]))
    return f"UCR for {client} at {moment:%H:%M}"


def _peer(provider, rota: Rota, day: dt.date, now: int) -> dict:
    """Re-solve the whole day from now with the daytime solver, everything else pinned."""
    from roster.planning.solve import solve_week

    pins = dataclasses.replace(rota, assignments=tuple(
        dataclasses.replace(a, pinned=True) if a.date != day or a.start < now else a for a in rota.assignments))
    began = time.monotonic()
    solved, _ = solve_week(provider, MONDAY, time_limit=TARGET_SECONDS, pins_from=pins, workers=1)
    seconds = time.monotonic() - began
    before = {(a.visit_id, a.carer_id) for a in rota.assignments if a.date == day}
    after = {(a.visit_id, a.carer_id) for a in solved.assignments if a.date == day}
    moved = {v for v, _ in after - before if v in {x for x, _ in before}}
    return {"peer_seconds": round(seconds, 2), "peer_uncovered": sum(
        1 for u in solved.uncovered if u.visit_id.endswith(day.isoformat())), "peer_moved": len(moved)}


def run(count: int, seed: int, peers: int) -> list[dict]:
    demo = generate(1, 2600, MONDAY)
    planted = dataclasses.replace(demo.planted, status=RotaStatus.DRAFT)
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        day = MONDAY + dt.timedelta(days=rng.randint(1, 6))
        now = rng.randrange(7 * 60, 15 * 60, 5)
        db = open_db(":memory:")
        replace_provider(db, demo.provider)
        save_rota(db, planted)
        what = _disrupt(db, rng, kind, day, now, planted, demo.provider)
        provider, rota, _, events = load_for_repair(db, day)
        db.close()
        began = time.monotonic()
        outcome = plan_repair(provider, rota, day, now, events)
        seconds = time.monotonic() - began
        row = {
            "n": n + 1, "kind": kind, "what": what, "day": day.isoformat(), "seconds": round(seconds, 2),
            "to_cover": outcome.must_move, "covered": outcome.placed, "moved_not_forced": outcome.moved_to_make_room,
            "lateness_added": _lateness_added(provider, rota, outcome.rota, day),
            "gave_way": sum(1 for u in outcome.uncovered if u.reason == "gave_way"),
            "new_violations": len(outcome.new_violations),
            "ucr_in_time": next((c.in_time for c in outcome.ucr if c.visit_id.startswith("SU")), None),
        }
        if n < peers:
            row.update(_peer(provider, rota, day, now))
        rows.append(row)
        print(f"{n + 1}/{count} {kind}: {seconds:.2f} s", file=sys.stderr)
    return rows


def summary(rows: list[dict]) -> dict:
    return {
        "disruptions": len(rows),
        "median_seconds": round(statistics.median(r["seconds"] for r in rows), 2),
        "max_seconds": max(r["seconds"] for r in rows),
        "within_target": sum(r["seconds"] <= TARGET_SECONDS for r in rows),
        "to_cover": sum(r["to_cover"] for r in rows),
        "covered": sum(r["covered"] for r in rows),
        "moved_not_forced": sum(r["moved_not_forced"] for r in rows),
        "lateness_added": sum(r["lateness_added"] for r in rows),
        "gave_way": sum(r["gave_way"] for r in rows),
        "new_violations": sum(r["new_violations"] for r in rows),
        "ucr_in_time": f"{sum(1 for r in rows if r['ucr_in_time'])}/{sum(1 for r in rows if r['ucr_in_time'] is not None)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peer", type=int, default=0, help="Also re-solve the first N days with the daytime solver.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = run(args.count, args.seed, args.peer)
    total = summary(rows)
    if args.json:
        print(json.dumps({"rows": rows, "summary": total}, indent=2))
        return
    columns = ["n", "kind", "day", "seconds", "to_cover", "covered", "moved_not_forced", "lateness_added",
               "gave_way", "new_violations", "ucr_in_time"] + (["peer_seconds", "peer_uncovered", "peer_moved"] if args.peer else [])
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns))
    print()
    for key, value in total.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
