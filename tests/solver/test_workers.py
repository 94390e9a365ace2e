"""Worker processes end with their parent, however it ends: Linux tells them (PR_SET_PDEATHSIG,
proved end to end in tests/live/test_signals.py); elsewhere they watch for a new parent."""

import os
import signal
import time
from pathlib import Path

from solver.workers import watch_parent


def ended(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_a_worker_watching_its_parent_ends_when_the_parent_is_killed():
    read, write = os.pipe()
    parent = os.fork()
    if parent == 0:  # the parent of a worker: starts it, then waits to be killed
        try:
            worker = os.fork()
            if worker == 0:
                watch_parent(os.getppid(), poll=0.05)
            os.write(write, str(worker).encode())
            time.sleep(30)
        finally:
            os._exit(0)
    worker = int(os.read(read, 32))
    time.sleep(0.3)
    assert not ended(worker), "the worker runs while its parent does"
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 2
    while not ended(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ended(worker), "the worker outlived its parent"
