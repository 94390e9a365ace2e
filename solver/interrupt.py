"""Ctrl-C during a search in C++ (CP-SAT, SCIP): the search runs in a helper thread while this one
waits, so that Python sees the interrupt at once, stops the search, and raises KeyboardInterrupt
(a thread blocked inside the C++ call would see it only when the search ends).

The engines' own SIGINT handlers must be off (CP-SAT `catch_sigint_signal`, SCIP
`misc/catchctrlc`): they take the signal for themselves and return as if on time, and CP-SAT leaves
the default handler behind, which kills the process at the next Ctrl-C without a word."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_interruptibly(search: Callable[[], T], stop: Callable[[], object]) -> T:
    """search() in a helper thread; on KeyboardInterrupt (or any exception here) stop() it, wait
    for it to end and raise again."""
    done = threading.Event()
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(search())
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="search", daemon=True).start()
    try:
        # An Event, not Thread.join: in Python 3.11 a join cut short by Ctrl-C can report the
        # thread ended while it still runs.
        while not done.wait(0.1):
            pass
    except BaseException:
        stop()
        done.wait()
        raise
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
