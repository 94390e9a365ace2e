"""Worker processes, one per core: each holds the problem and what the work shares, and one
event cancels them all. The work is a module-level function `work(problem, shared, task,
cancel)`; results come back in task order."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

_problem = None
_shared = None
_cancel = None

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal this process gets when its parent dies (Linux)."""

PARENT_POLL = 0.5
"""Seconds between looks at the parent where the kernel cannot be asked to tell (not Linux)."""


def end_with_parent() -> None:
    """Make this worker process end as soon as its parent does, even when the parent is killed
    (SIGKILL gives it no chance to stop its workers, which would search on for their time limit),
    and leave Ctrl-C to the parent, which stops its workers itself.

    The parent is the process that started the pool (fork, spawn), or the fork server, which exits
    when that process does (forkserver). Call first thing in the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    else:
        threading.Thread(target=watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died while this was being set up
        os._exit(1)


def watch_parent(parent: int, poll: float = PARENT_POLL) -> None:
    """End this process once it has been handed to another parent (its own has died)."""
    while os.getppid() == parent:
        time.sleep(poll)
    os._exit(1)


def _init(problem, shared, cancel) -> None:
    end_with_parent()
    global _problem, _shared, _cancel
    _problem, _shared, _cancel = problem, shared, cancel


def _call(work: Callable, task):
    return work(_problem, _shared, task, _cancel)


def in_pool(work: Callable, problem, shared, tasks: Sequence, workers: int,
            stop: Callable[[], bool] | None, tick: Callable[[int], None],
            enough: Callable[[Any], bool] = lambda result: False) -> list:
    """Run work on every task in `workers` processes, submitted in the order given; tick(n) as
    the n-th result comes in. A stop, or a result that is `enough`, cancels the workers, which
    then return what they have."""
    context = multiprocessing.get_context(start_method())
    cancel = context.Event()
    pool = ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context,
                               initializer=_init, initargs=(problem, shared, cancel))
    results: dict[int, object] = {}
    try:
        futures = {pool.submit(_call, work, task): i for i, task in enumerate(tasks)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                results[futures[future]] = future.result()
                tick(len(results))
                if enough(results[futures[future]]):
                    cancel.set()
            if stop is not None and stop():
                cancel.set()
    except BaseException:
        cancel.set()
        # Waiting is short (the workers return on cancel) and needed: a pool left to the
        # interpreter's exit can print a traceback there (Python 3.11's wakeup of a closed pipe).
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(tasks))]


def start_method() -> str:
    """fork when this process is single-threaded (fast, and scripts need no __main__ guard);
    spawn under a threaded front end such as the TUI, where forking is unsafe."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"
