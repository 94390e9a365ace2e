"""How fast the TUI feels on the city-scale demo (about 4,000 visits, 135 carers), each measure
beside a bare-Textual peer run alternately under the same load (the machine is shared, so read
the ratios; the wall seconds move with the load):

- startup: a fresh process from its first line to a painted week board (imports, reading the
  database, building and painting the board); then to the first key answered (the board's
  cursor-down action queued at the first paint, until the frame showing the cursor moved: work
  left over after the first paint delays it); and to the full rule check's flags (the check starts after the first paint).
  Peer: a fresh process painting a bare Textual DataTable of the same size, and a key to it;
- move: one visit moved to another carer, re-checked and its rows repainted (then undone, not
  timed); also the CPU time until the app is idle again (work a widget defers past the first
  frame, such as a DataTable re-measuring its columns). Peer: one cell of that bare DataTable
  updated and repainted;
- candidates: ranking every carer for one visit (the change-it dialog); no peer.

Wall and CPU seconds are both reported: CPU time counts only the process's own work, so it moves
less with the load than wall time.

    python bench/tui_speed.py                      # table
    python bench/tui_speed.py --json               # JSON on stdout instead of the table
    python bench/tui_speed.py --json result.json   # table, and JSON into a file
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MONDAY = dt.date(2026, 11, 23)
SIZE = (160, 50)
TARGETS = {"startup": 1.5, "move": 0.1}
"""The issue's targets in seconds: a painted board in under 1.5 s, a move re-checked and redrawn in under 100 ms."""

PAINT_HOOK = """
import time
from textual.screen import Screen

PAINTS = []  # (wall, cpu) at the end of each frame that drew lines of the board's rows
ANSWERED = []  # (wall, cpu) at the end of the first frame showing the cursor moved by a key
PRESS_AT_FIRST_PAINT = False  # move the cursor down as soon as the board is first painted
_rows_drawn = [0]
_table = [None]
_paint = Screen._compositor_refresh

def _painting(self):
    before = _rows_drawn[0]
    _paint(self)
    if _rows_drawn[0] > before:
        now = (time.perf_counter(), time.process_time())
        PAINTS.append(now)
        if len(PAINTS) == 1 and PRESS_AT_FIRST_PAINT:
            # the board's own cursor action, queued behind whatever the app still has to do
            _table[0].call_later(_table[0].action_cursor_down)
        elif PRESS_AT_FIRST_PAINT and not ANSWERED and _table[0].cursor_row == 1:
            ANSWERED.append(now)

Screen._compositor_refresh = _painting

def watch_rows(table_class):
    # count the non-blank lines below the header that the table renders
    render_line = table_class.render_line

    def counting(self, y):  # table_class's own lines only: a subclass, patched alone
        strip = render_line(self, y)
        if y > 0 and strip.text.strip():
            _rows_drawn[0] += 1
            _table[0] = self
        return strip

    table_class.render_line = counting
"""
"""Times the frames that paint the board's rows, from inside the compositor: Pilot.pause() waits
for the process to go idle (and sleeps at least 20 ms), so it cannot time a paint."""

STARTUP_SCRIPT = PAINT_HOOK + """
import sys, asyncio, datetime as dt
began, cpu = time.perf_counter(), time.process_time()
from roster.tui.app import create_app
from roster.tui.widgets.week_table import WeekTable

watch_rows(WeekTable)
PRESS_AT_FIRST_PAINT = True

async def main():
    app = create_app(sys.argv[1], dt.date.fromisoformat(sys.argv[2]))
    async with app.run_test(size=(160, 50)) as pilot:
        while not ANSWERED or not app.checked:
            await pilot.pause(0.005)
        flags = time.perf_counter()
        print(PAINTS[0][0] - began, PAINTS[0][1] - cpu, ANSWERED[0][0] - began, flags - began)

asyncio.run(main())
"""

PEER_SCRIPT = PAINT_HOOK + """
import sys, asyncio
began, cpu = time.perf_counter(), time.process_time()
from textual.app import App
from textual.widgets import DataTable

class Board(DataTable):
    pass

watch_rows(Board)
PRESS_AT_FIRST_PAINT = True

class Peer(App):
    def compose(self):
        yield Board()

    def on_mount(self):
        table = self.query_one(Board)
        table.add_columns(*[f"c{i}" for i in range(9)])
        for r in range(int(sys.argv[1])):
            table.add_row(*[f"{r} {i}v 3.5h 30m" for i in range(9)], key=str(r))

async def main():
    app = Peer()
    async with app.run_test(size=(160, 50)) as pilot:
        while not ANSWERED:
            await pilot.pause(0.005)
        print(PAINTS[0][0] - began, PAINTS[0][1] - cpu, ANSWERED[0][0] - began)

asyncio.run(main())
"""


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


def _run(script: str, args: list[str], env: dict[str, str]) -> list[float]:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env=env)
    return [float(x) for x in out.stdout.split()]


def startup_times(path: Path, runs: int, carers: int, bytecode: Path) -> dict[str, list[float]]:
    """Seconds from a fresh process's first line to the painted board (wall and CPU) and to the
    first check's flags, and the peer's wall and CPU, alternating so both see the same load.

    Both start as an installed program does, from cached bytecode (kept under `bytecode`, filled
    by one untimed start each, even where PYTHONDONTWRITEBYTECODE is set)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    _run(STARTUP_SCRIPT, [str(path), MONDAY.isoformat()], env)
    _run(PEER_SCRIPT, [str(carers)], env)
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        for script, args, prefix, names in (
            (STARTUP_SCRIPT, [str(path), MONDAY.isoformat()], "", ("startup", "startup_cpu", "answered", "flags")),
            (PEER_SCRIPT, [str(carers)], "peer_", ("startup", "startup_cpu", "answered")),
        ):
            for name, value in zip(names, _run(script, args, env), strict=True):
                found.setdefault(prefix + name, []).append(value)
    return found


@contextlib.contextmanager
def _timed(times: dict[str, list[float]], name: str):
    """Add the wall and CPU seconds of the block to times[name] and times[name + '_cpu']."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    times.setdefault(name, []).append(time.perf_counter() - wall)
    times.setdefault(f"{name}_cpu", []).append(time.process_time() - cpu)


async def _until_painted(pilot, paints: list, name: str, times: dict, change) -> None:
    """Make the change, let the app catch up, and add the seconds from the change to the end of
    the first frame that repainted the board's rows (wall and CPU) to times."""
    wall, cpu = time.perf_counter(), time.process_time()
    change()
    await pilot.pause()  # until idle: every consequence of the change handled
    idle_cpu = time.process_time() - cpu
    painted = next(((w, c) for w, c in paints if w >= wall), None)
    if painted is None:
        raise RuntimeError(f"{name}: no frame repainted the board's rows")
    times.setdefault(name, []).append(painted[0] - wall)
    times.setdefault(f"{name}_cpu", []).append(painted[1] - cpu)
    times.setdefault(f"{name}_cpu_idle", []).append(idle_cpu)


async def _our_edits(path: Path, moves: int, rankings: int, rng: random.Random, times: dict, hook: dict) -> None:
    from roster.tui.app import create_app

    app = create_app(path, MONDAY)
    async with app.run_test(size=SIZE) as pilot:
        while not app.checked:
            await pilot.pause(0.01)
        await pilot.pause()
        week = app.week
        on_screen = {c.id for c in week.provider.carers[:SIZE[1] - 20]}  # rows above the run's visit list
        day_carers = [c.id for c in week.provider.carers if c.day_worker]
        singles = [a for a in app.editor.rota.assignments
                   if week.visits[a.visit_id].carers_needed == 1 and week.visits[a.visit_id].service.value == "day"]
        # The coordinator moves a visit off a run they are looking at, to any carer.
        for a in rng.sample([a for a in singles if a.carer_id in on_screen], moves):
            to = rng.choice([c for c in day_carers if c != a.carer_id])
            await _until_painted(pilot, hook["PAINTS"], "move", times,
                                 lambda: app.apply(app.editor.move(a.visit_id, a.carer_id, to)))
            app.apply(app.editor.undo())
            await pilot.pause()
        for a in rng.sample(singles, rankings):
            with _timed(times, "candidates"):
                app.board.checker.candidates(app.editor.rota, a.visit_id, a.carer_id)


async def _peer_edits(rows: int, updates: int, rng: random.Random, times: dict, hook: dict) -> None:
    from textual.app import App

    class Peer(App):
        def compose(self):
            yield hook["PeerBoard"]()

        def on_mount(self):
            table = self.query_one(hook["PeerBoard"])
            table.add_columns(*[f"c{i}" for i in range(9)])
            for r in range(rows):
                table.add_row(*[f"{r} {i}v 3.5h 30m" for i in range(9)], key=str(r))

    app = Peer()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(hook["PeerBoard"])
        for _ in range(updates):
            row = rng.randrange(min(rows, SIZE[1] - 2))  # a row on screen
            column = table.ordered_columns[rng.randrange(1, 8)].key
            await _until_painted(pilot, hook["PAINTS"], "peer_move", times,
                                 lambda: table.update_cell(str(row), column, f"{row} {rng.randrange(9)}v 3.5h 30m"))


def edit_times(path: Path, rounds: int, moves: int, rankings: int, rows: int, seed_value: int) -> dict[str, list[float]]:
    """Moves (and candidate rankings) in our app and cell updates in the peer, alternating by round."""
    from textual.widgets import DataTable

    from roster.tui.widgets.week_table import WeekTable

    hook: dict = {"PeerBoard": type("PeerBoard", (DataTable,), {})}
    exec(PAINT_HOOK, hook)
    hook["watch_rows"](hook["PeerBoard"])
    hook["watch_rows"](WeekTable)
    rng = random.Random(seed_value)
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        asyncio.run(_our_edits(path, moves, rankings, rng, times, hook))
        asyncio.run(_peer_edits(rows, moves, rng, times, hook))
    return times


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


ROWS = (
    # key, label, peer key, target key, unit (seconds shown in this unit)
    ("startup", "startup to painted board", "peer_startup", "startup", "s"),
    ("startup_cpu", "  CPU time", "peer_startup_cpu", None, "s"),
    ("answered", "startup to first key answered", "peer_answered", None, "s"),
    ("flags", "startup to rule-check flags", None, None, "s"),
    ("move", "move, re-check, repaint", "peer_move", "move", "ms"),
    ("move_cpu", "  CPU time", "peer_move_cpu", None, "ms"),
    ("move_cpu_idle", "  CPU time until idle again", "peer_move_cpu_idle", None, "ms"),
    ("candidates", "rank candidates for a visit", None, None, "ms"),
)


def table(result: dict) -> str:
    size = result["size"]
    lines = [
        f"city-scale demo: {size['carers']} carers, {size['visits']} visits, {size['assignments']} assignments",
        f"{'measure':<30}{'median':>9}{'min':>9}{'max':>9}{'runs':>6}{'peer':>9}{'/peer':>7}{'target':>8}",
    ]
    for key, label, peer_key, target_key, unit in ROWS:
        scale = 1000 if unit == "ms" else 1
        ours = result["measures"][key]
        cells = [f"{ours[k] * scale:>7.3g}{unit:<2}" for k in ("median", "min", "max")]
        peer = result["measures"].get(peer_key) if peer_key else None
        peer_cell = f"{peer['median'] * scale:>7.3g}{unit:<2}" if peer else f"{'-':>9}"
        ratio = f"{ours['median'] / peer['median']:>6.2f}x" if peer else f"{'-':>7}"
        target = f"{TARGETS[target_key] * scale:g}{unit}" if target_key else "-"
        lines.append(f"{label:<30}{''.join(cells)}{ours['runs']:>6}{peer_cell}{ratio}{target:>8}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hours", type=int, default=2600, help="daytime hours a week (2600: the whole city)")
    parser.add_argument("--startups", type=int, default=7, help="fresh processes each, ours and the peer's")
    parser.add_argument("--rounds", type=int, default=3, help="app sessions each for moves, ours and the peer's")
    parser.add_argument("--moves", type=int, default=10, help="moves per round")
    parser.add_argument("--rankings", type=int, default=2, help="candidate rankings per round")
    parser.add_argument("--db", type=Path, help="use this demo database instead of generating one")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE",
                        help="write the result as JSON to FILE (or to stdout instead of the table)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            path = args.db
            from roster.planning.board import open_week

            week = open_week(path, MONDAY)
            size = {"carers": len(week.provider.carers), "visits": len(week.visits),
                    "assignments": len(week.rota.assignments)}
        else:
            path = Path(tmp) / "city.db"
            size = seed(path, args.seed, args.hours)
        times = startup_times(path, args.startups, size["carers"], Path(tmp) / "bytecode")
        times |= edit_times(path, args.rounds, args.moves, args.rankings, size["carers"], args.seed)
    measures = {key: summary(values) for key, values in times.items()}
    result = {
        "size": size,
        "measures": measures,
        "ratios_to_peer": {key: measures[key]["median"] / measures[peer]["median"]
                           for key, _, peer, _, _ in ROWS if peer},
        "targets_s": TARGETS,
    }
    if args.json == "-":
        print(json.dumps(result, indent=2))
        return
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))


if __name__ == "__main__":
    main()
