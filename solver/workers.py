"""Worker processes, one per core: each holds the problem and what the work shares, and one
event cancels them all. The work is a module-level function `work(problem, shared, task,
cancel)`; results come back in task order."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

_problem = None
_shared = None
_cancel = None


def _init(problem, shared, cancel) -> None:
    # Ctrl-C is the parent's business: it cancels the pool and keeps the previous rota.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(tasks))]


def start_method() -> str:
    """fork when this process is single-threaded (fast, and scripts need no __main__ guard);
    spawn under a threaded front end such as the TUI, where forking is unsafe."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"
