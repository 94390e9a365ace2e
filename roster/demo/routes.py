"""What the planting constructors share: cached travel between places, stops in a run, and the
checks a run must pass (a break in a gap when the day is long, room for responsive calls)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import Location, Settings, Transport
from roster.domain.travel import TravelModel
from roster.domain.settings import minutes_covered, reserve_hours


class Legs:
    """Travel minutes between places by mode, from the one travel model, cached per pair.

    The cache is keyed by object identity: every visit to a client shares the client's Location,
    so a pair is computed once without hashing coordinates on every look-up."""

    def __init__(self, settings: Settings):
        self.model = TravelModel(settings)
        self._by_mode: dict[Transport, dict[tuple[int, int], int]] = {mode: {} for mode in Transport}

    def __call__(self, a: Location, b: Location, mode: Transport) -> int:
        cache = self._by_mode[mode]
        key = (id(a), id(b))
        minutes = cache.get(key)
        if minutes is None:
            minutes = cache[key] = self.model.minutes(a, b, mode)
        return minutes

    def by(self, mode: Transport) -> Callable[[Location, Location], int]:
        """Travel minutes for one mode, for a loop that asks many times."""
        cache, model = self._by_mode[mode], self.model

        def minutes(a: Location, b: Location) -> int:
            key = (id(a), id(b))
            found = cache.get(key)
            if found is None:
                found = cache[key] = model.minutes(a, b, mode)
            return found

        return minutes


@dataclass(frozen=True, slots=True)
class Stop:
    """One visit placed in a run, with the start times it may still take."""

    visit_id: str
    """The visit."""
    location: Location
    """The client's home."""
    window_start: int
    """Earliest start (the visit's window, or the fixed start of a double-up or night visit)."""
    window_end: int
    """Latest start."""
    duration: int
    """Minutes of care."""


Times = list[tuple[int, int]]
"""(start, end) of each stop of a run or a day, in order."""


@dataclass(frozen=True, slots=True)
class Opening:
    """A place in a run where a visit fits, with the range of start times it can take."""

    run: int
    """Which run of the carer-day (shift tour, or the crew's round)."""
    position: int
    """Index in that run's stops where the visit goes."""
    earliest: int
    """Earliest start that leaves time to arrive."""
    latest: int
    """Latest start that still lets every later stop keep its window."""
    added_travel: int
    """Travel minutes the visit adds to the run."""


def break_start(times: Times, legs: list[int], minutes: int) -> int | None:
    """Start of a break of `minutes` in a gap between consecutive stops after the travel between
    them, in the gap nearest the middle of the day; None if no gap is wide enough."""
    if not times:
        return None
    middle = (times[0][0] + times[-1][1]) // 2
    best = None
    for (_, end), (start, _), leg in zip(times, times[1:], legs):
        if start - end - leg >= minutes:
            at = min(max(end, middle - minutes // 2), start - leg - minutes)
            if best is None or abs(at - middle) < abs(best - middle):
                best = at
    return best


def needs_break(times: Times, settings: Settings) -> bool:
    """A working span (first start to last end) over the limit needs a planned break."""
    return bool(times) and times[-1][1] - times[0][0] > settings.break_after_minutes


def reserve_kept(times: Times, legs: list[int], settings: Settings) -> bool:
    """Each clock hour of the night round keeps the reserve free (a part hour keeps its share).
    Travel between visits counts as busy too, which is stricter than the rule itself."""
    busy = sorted(list(times) + [(end, end + leg) for (_, end), leg in zip(times, legs)])
    return all((h1 - h0) - minutes_covered(busy, h0, h1) >= needed for h0, h1, needed in reserve_hours(settings))
