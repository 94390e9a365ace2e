"""How fast the TUI feels on the city-scale demo (about 3,000 visits, 120 carers):

- startup: a fresh process from its first line to a drawn week board (imports, reading the
  database, building and drawing the table; the full rule check runs in a background worker and
  its flags arrive just after), median of several processes, beside a peer: a bare Textual app
  drawing a table of the same size in a fresh process, run alternately under the same load;
- move: one visit moved to another carer, re-checked and its cells redrawn, median of many moves;
- candidates: ranking every carer for one visit (the change-it dialog), median of a few visits.

    python bench/tui_speed.py            # table
    python bench/tui_speed.py --json     # machine-readable
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MONDAY = dt.date(2026, 11, 23)
SIZE = (160, 50)
TARGETS = {"startup_s": 1.5, "move_ms": 100.0}
"""The issue's targets: a drawn board in under 1.5 s, a move re-checked and redrawn in under 100 ms."""

STARTUP_SCRIPT = """
import time, sys, asyncio, datetime as dt
began = time.perf_counter()
from roster.tui.app import create_app
from roster.tui.widgets.week_table import WeekTable

async def main():
    app = create_app(sys.argv[1], dt.date.fromisoformat(sys.argv[2]))
    async with app.run_test(size=(160, 50)) as pilot:
        while not app.screen.query(WeekTable) or app.screen.query_one(WeekTable).row_count == 0:
            await pilot.pause()
        await pilot.pause()
        print(time.perf_counter() - began)

asyncio.run(main())
"""


PEER_SCRIPT = """
import time, sys, asyncio
began = time.perf_counter()
from textual.app import App
from textual.widgets import DataTable

class Peer(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*[f"c{i}" for i in range(9)])
        for r in range(int(sys.argv[1])):
            table.add_row(*[f"{r} {i}v 3.5h 30m" for i in range(9)], key=str(r))

async def main():
    app = Peer()
    async with app.run_test(size=(160, 50)) as pilot:
        while app.query_one(DataTable).row_count == 0:
            await pilot.pause()
        await pilot.pause()
        print(time.perf_counter() - began)

asyncio.run(main())
"""
"""The peer: a bare Textual app drawing a table of the same size, to read startup against."""


def seed(path: Path, seed_value: int, hours: int) -> dict:
    """Write the demo provider and its planted rota (as the draft) into a fresh database."""
    from roster.demo import generate
    from roster.domain import RotaStatus
    from roster.store import open_db, replace_provider, save_rota

    demo = generate(seed_value, hours, MONDAY)
    db = open_db(path)
    replace_provider(db, demo.provider)
    save_rota(db, dataclasses.replace(demo.planted, status=RotaStatus.DRAFT))
    db.close()
    return {
        "carers": len(demo.provider.carers),
        "visits": len(demo.provider.visits_for_week(MONDAY)),
        "assignments": len(demo.planted.assignments),
    }


def startup_times(path: Path, runs: int, carers: int) -> tuple[list[float], list[float]]:
    """Seconds from a fresh process's first line to the drawn board, and the same for the peer,
    alternating so both see the same load."""
    ours, peer = [], []
    for _ in range(runs):
        for script, args, into in ((STARTUP_SCRIPT, [str(path), MONDAY.isoformat()], ours),
                                   (PEER_SCRIPT, [str(carers)], peer)):
            out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
            into.append(float(out.stdout.strip().splitlines()[-1]))
    return ours, peer


async def _edit_times(path: Path, moves: int, rankings: int, rng: random.Random) -> tuple[list[float], list[float]]:
    from roster.tui.app import create_app
    from roster.tui.widgets.week_table import WeekTable

    app = create_app(path, MONDAY)
    move_ms, rank_ms = [], []
    async with app.run_test(size=SIZE) as pilot:
        while not app.screen.query(WeekTable):
            await pilot.pause()
        await pilot.pause()
        week = app.week
        day_carers = [c.id for c in week.provider.carers if c.day_worker]
        singles = [a for a in app.editor.rota.assignments
                   if week.visits[a.visit_id].carers_needed == 1 and week.visits[a.visit_id].service.value == "day"]
        for a in rng.sample(singles, moves):
            to = rng.choice([c for c in day_carers if c != a.carer_id])
            began = time.perf_counter()
            app.apply(app.editor.move(a.visit_id, a.carer_id, to))
            await pilot.pause()
            move_ms.append((time.perf_counter() - began) * 1000)
            app.apply(app.editor.undo())
            await pilot.pause()
        for a in rng.sample(singles, rankings):
            began = time.perf_counter()
            app.board.checker.candidates(app.editor.rota, a.visit_id, a.carer_id)
            rank_ms.append((time.perf_counter() - began) * 1000)
    return move_ms, rank_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hours", type=int, default=2600, help="daytime hours a week (2600: the whole city)")
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--rankings", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "city.db"
        size = seed(path, args.seed, args.hours)
        startup, peer = startup_times(path, args.startups, size["carers"])
        moves, ranks = asyncio.run(_edit_times(path, args.moves, args.rankings, random.Random(args.seed)))
    result = {
        **size,
        "startup_s": {"median": statistics.median(startup), "min": min(startup), "max": max(startup), "runs": len(startup)},
        "peer_startup_s": {"median": statistics.median(peer), "min": min(peer), "max": max(peer), "runs": len(peer)},
        "startup_vs_peer": statistics.median(startup) / statistics.median(peer),
        "move_ms": {"median": statistics.median(moves), "min": min(moves), "max": max(moves), "runs": len(moves)},
        "candidates_ms": {"median": statistics.median(ranks), "min": min(ranks), "max": max(ranks), "runs": len(ranks)},
        "targets": TARGETS,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"city-scale demo: {size['carers']} carers, {size['visits']} visits, {size['assignments']} assignments")
    print(f"{'measure':<34}{'median':>10}{'min':>10}{'max':>10}{'runs':>6}{'target':>10}")
    for key, label, unit in (("startup_s", "startup to drawn board", "s"),
                             ("peer_startup_s", "peer: bare Textual table", "s"), ("move_ms", "move, re-check, redraw", "ms"),
                             ("candidates_ms", "rank candidates for a visit", "ms")):
        r = result[key]
        target = f"{TARGETS[key]:g}{unit}" if key in TARGETS else "-"
        print(f"{label:<34}{r['median']:>9.3g}{unit}{r['min']:>9.3g}{unit}{r['max']:>9.3g}{unit}{r['runs']:>6}{target:>10}")
    print(f"startup / peer startup: {result['startup_vs_peer']:.2f}x")


if __name__ == "__main__":
    main()
