"""Stopping a solve early, and watching it: a stop is any callable returning True when the solve
should end with the best it has; observers receive progress and do nothing by default."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol


class StoppingCriterion(Protocol):
    """Asked now and then during a solve; True means stop and return the best found so far."""

    def __call__(self) -> bool: ...


class CancelToken:
    """A user's cancel button: thread-safe, set once."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the solve to stop."""
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


class MaxRuntime:
    """Stop once this many seconds have passed since the criterion was made."""

    def __init__(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds

    def __call__(self) -> bool:
        return time.monotonic() >= self._deadline


class AnyOf:
    """Stop when any of the criteria says so."""

    def __init__(self, *criteria: StoppingCriterion) -> None:
        self._criteria = criteria

    def __call__(self) -> bool:
        return any(criterion() for criterion in self._criteria)


@dataclass(frozen=True, slots=True)
class Progress:
    """One step of a solve, for a progress bar."""

    phase: str
    """'build' and 'cover' once the first rota stands, 'day' as each day's search ends, 'tighten'
    (every day searched) as the ruin and recreate over the whole cost goes on, 'done' at the end."""
    days_done: int
    """Days solved so far."""
    days_total: int
    """Days to solve."""
    uncovered: int
    """Visits uncovered so far."""
    elapsed: float
    """Seconds since the solve started."""


class Observer:
    """Base class for progress observers: override what you need; every hook does nothing."""

    def __call__(self, progress: Progress) -> None:
        """Called after each step."""
