"""A responsive call (a fall without injury, a carer's alarm, a UCR request) put into tonight's
rounds: every crew and every place in its round after the call comes in, ranked.

The reserve exists for exactly this, so it is not checked here; what matters is how soon the crew
gets there and what the call does to the visits after it (knock-on lateness).
"""

from __future__ import annotations

from dataclasses import dataclass

from .night_problem import NightProblem, NightRoute, NightVisit


@dataclass(frozen=True, slots=True)
class Knock:
    """A planned visit pushed later by the call."""

    visit_id: str
    """The visit."""
    planned: int
    """Planned start."""
    new_start: int
    """Start after the call."""
    past_window: int
    """Minutes it would start after its window closes (0 if still inside)."""


@dataclass(frozen=True, slots=True)
class CallOption:
    """One way to answer the call."""

    crew_id: str
    """The crew sent."""
    after: str | None
    """The visit the crew finishes first (None: straight from where it is at the call)."""
    arrival: int
    """When the crew gets to the caller."""
    start: int
    """Start of care for the call."""
    end: int
    """End of care."""
    knock_on: tuple[Knock, ...]
    """Planned visits pushed later, in round order."""
    overtime: int
    """Minutes the crew would be back at base after the round ends."""
    added_travel: int
    """Extra driving."""

    @property
    def late_visits(self) -> int:
        """Planned visits that would start after their window."""
        return sum(1 for k in self.knock_on if k.past_window)

    def rank(self) -> tuple:
        """Fewest visits made late, then least lateness past windows, soonest care, least delay."""
        return (self.late_visits, sum(k.past_window for k in self.knock_on) + self.overtime, self.start,
                sum(k.new_start - k.planned for k in self.knock_on), self.added_travel)


def insert_call(problem: NightProblem, routes: tuple[NightRoute, ...], call: NightVisit) -> list[CallOption]:
    """Every feasible way to answer `call` (its window_start is when it comes in), best first.

    A crew finishes the visit it is making when the call comes in; visits already started stay.
    A crew between visits is taken to be at its last stop, or at base once its visits are done and
    it has had time to drive back. Crews lacking the skills the
    call needs are not offered.
    """
    by_id = {v.id: v for v in problem.visits}
    options = []
    for crew, route in zip(problem.crews, routes):
        if not crew.can_make(call):
            continue
        stops = list(route.stops)
        first_free = sum(1 for s in stops if s.start < call.window_start)
        for pos in range(first_free, len(stops) + 1):
            prev = stops[pos - 1] if pos else None
            here = by_id[prev.visit_id].place if prev else crew.base
            if pos == len(stops) and (prev is None or prev.end + problem.travel[here][crew.base] <= call.window_start):
                here = crew.base  # the round's visits are done: the crew is back at base
            leave = max(call.window_start, prev.end if prev else crew.start)
            arrival = leave + problem.travel[here][call.place]
            start = max(arrival, call.window_start)
            if start > call.window_end:
                continue
            clock, here, knocks = start + call.duration, call.place, []
            for stop in stops[pos:]:
                v = by_id[stop.visit_id]
                new_start = max(stop.start, clock + problem.travel[here][v.place])
                if new_start > stop.start:
                    knocks.append(Knock(v.id, stop.start, new_start, max(0, new_start - v.window_end)))
                clock, here = new_start + v.duration, v.place
            back = clock + problem.travel[here][crew.base]
            nxt = by_id[stops[pos].visit_id].place if pos < len(stops) else crew.base
            prev_place = by_id[prev.visit_id].place if prev else crew.base
            added = (problem.travel[prev_place][call.place] + problem.travel[call.place][nxt]
                     - problem.travel[prev_place][nxt])
            options.append(CallOption(crew.id, prev.visit_id if prev else None, arrival, start,
                                      start + call.duration, tuple(knocks), max(0, back - crew.end), added))
    options.sort(key=CallOption.rank)
    return options
