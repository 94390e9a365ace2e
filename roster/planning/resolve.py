"""Re-solve the week (or one day) around what the coordinator pinned, and compare the result
with the draft before anyone accepts it: the front end shows the preview, then keeps the better."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import Rota

from .board import Checker, Week
from .solve import solve_week


@dataclass(frozen=True, slots=True)
class Score:
    """What makes one rota better than another, in the order a coordinator cares."""

    hard_breaches: int
    """Hard rule violations."""
    uncovered: int
    """Visits without enough carers."""
    travel_minutes: int
    """Carer-minutes travelling between visits."""
    lateness_minutes: int
    """Minutes visits start after the preferred time."""

    def key(self) -> tuple[int, int, int]:
        """Lower is better: breaches, then coverage, then travel plus lateness."""
        return (self.hard_breaches, self.uncovered, self.travel_minutes + self.lateness_minutes)


@dataclass(frozen=True, slots=True)
class VisitChange:
    """A visit whose carers or time a re-solve changed."""

    visit_id: str
    """The visit."""
    before: tuple[str, ...]
    """Carers on it in the draft (empty if uncovered)."""
    after: tuple[str, ...]
    """Carers on it in the re-solved rota."""
    start_before: int | None
    """Start in the draft."""
    start_after: int | None
    """Start in the re-solved rota."""


@dataclass(frozen=True, slots=True)
class Preview:
    """The re-solved rota beside the draft."""

    rota: Rota
    """The re-solved rota."""
    before: Score
    """The draft's score."""
    after: Score
    """The re-solved rota's score."""
    changes: tuple[VisitChange, ...]
    """Visits that changed, in date and time order."""

    @property
    def better(self) -> bool:
        """The re-solved rota beats the draft."""
        return self.after.key() < self.before.key()


def score(checker: Checker, rota: Rota) -> Score:
    """Score a rota with the rule checker."""
    report = checker.full(rota)
    m = report.measures
    return Score(len(report.hard), m.visits - m.covered, m.travel_minutes, m.lateness_minutes)


def resolve(
    week: Week,
    rota: Rota,
    *,
    day: dt.date | None = None,
    time_limit: float = 10.0,
    on_progress: Callable | None = None,
    stop: Callable[[], bool] | None = None,
    workers: int = 1,
) -> Rota:
    """Solve again keeping the pinned visits; with day, every other day is kept as it is.

    One worker by default: a front end calls this from a thread, where the solver would have to
    spawn fresh processes (and Textual's captured stderr has no file descriptor to hand them)."""
    pins = rota
    if day is not None:
        pins = dataclasses.replace(rota, assignments=tuple(
            a if a.date == day else dataclasses.replace(a, pinned=True) for a in rota.assignments))
    solved, _ = solve_week(week.provider, week.monday, time_limit=time_limit, pins_from=pins,
                           on_progress=on_progress, stop=stop, workers=workers)
    if day is None:
        return solved
    other_days = tuple(a for a in rota.assignments if a.date != day)
    return dataclasses.replace(
        solved,
        assignments=other_days + tuple(a for a in solved.assignments if a.date == day),
        breaks=tuple(b for b in rota.breaks if b.date != day) + tuple(b for b in solved.breaks if b.date == day),
        uncovered=tuple(u for u in rota.uncovered if week.visits.get(u.visit_id) and week.visits[u.visit_id].date != day)
        + tuple(u for u in solved.uncovered if week.visits.get(u.visit_id) and week.visits[u.visit_id].date == day),
    )


def preview(checker: Checker, week: Week, before: Rota, after: Rota) -> Preview:
    """What a re-solve changed, and whether it is better."""
    def placed(rota: Rota) -> dict[str, tuple[tuple[str, ...], int | None]]:
        on: dict[str, list] = {}
        for a in rota.assignments:
            on.setdefault(a.visit_id, []).append(a)
        return {v: (tuple(sorted(a.carer_id for a in group)), min(a.start for a in group)) for v, group in on.items()}

    old, new = placed(before), placed(after)
    changes = []
    for visit in week.visits.values():
        was, now = old.get(visit.id, ((), None)), new.get(visit.id, ((), None))
        if was != now:
            changes.append(VisitChange(visit.id, was[0], now[0], was[1], now[1]))
    return Preview(after, score(checker, before), score(checker, after), tuple(changes))
