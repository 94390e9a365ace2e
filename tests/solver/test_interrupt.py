"""Ctrl-C during the searches OR-Tools runs in C++ (CP-SAT for nights, SCIP for the day
partitioning) reaches Python at once as KeyboardInterrupt, and the process keeps its own handler
afterwards (CP-SAT used to take the signal, finish as if on time, and leave the default handler,
so the next Ctrl-C killed the process without a word). Each case runs in its own process: the
signal is the process's."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CTRL_C_AT_ONE_SECOND = """
import os, signal, threading, time
threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
began = time.monotonic()
try:
    search()
    print("search ended on its own")
except KeyboardInterrupt:
    print(f"interrupted after {time.monotonic() - began:.1f} s")
try:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(1)
except KeyboardInterrupt:
    print("second Ctrl-C raised too")
"""


def run(setup: str) -> list[str]:
    script = textwrap.dedent(setup) + CTRL_C_AT_ONE_SECOND
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=40, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def interrupted_within(lines: list[str], seconds: float) -> bool:
    return lines[0].startswith("interrupted after") and float(lines[0].split()[2]) < seconds


def test_ctrl_c_stops_a_night_cpsat_search_at_once():
    lines = run("""
        from solver.night_cpsat import solve_cpsat
        from solver.night_synthetic import synthetic_night
        problem = synthetic_night(40, 3, seed=2)  # far from proved in 10 s
        search = lambda: solve_cpsat(problem, 10)
    """)
    assert interrupted_within(lines, 3.0), lines
    assert lines[1:] == ["second Ctrl-C raised too"]


def test_ctrl_c_stops_a_scip_partitioning_at_once():
    lines = run("""
        import random
        from solver.interrupt import run_interruptibly
        from solver.partition import scip
        rng = random.Random(1)
        solver = scip()
        picks = [solver.IntVar(0, 1, "") for _ in range(120)]
        for k in range(40):
            solver.Add(sum(rng.randint(1, 50) * x for x in picks) <= 1200 + k)
        solver.Maximize(sum(rng.randint(1, 50) * x for x in picks))
        solver.SetTimeLimit(10_000)
        search = lambda: run_interruptibly(solver.Solve, solver.InterruptSolve)
    """)
    assert interrupted_within(lines, 3.0), lines
    assert lines[1:] == ["second Ctrl-C raised too"]
