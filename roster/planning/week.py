"""The whole week in one call: the day visits, then the night rounds around them.

`roster solve`, `roster demo` and scripts call this; the night supervisor can still re-plan the
nights alone (`roster nights solve`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import Provider, Rota, Service

from .nights import NightsPlan, merge_into_rota, plan_week_nights
from .solve import solve_week

DAY_SHARE = 0.8
"""Share of the time limit for the day visits; the nights (small, often proved optimal) get the rest."""


@dataclass(frozen=True)
class WeekPlan:
    """The week's draft and how each part was solved."""

    rota: Rota
    """Day and night together, ready to save."""
    day: object
    """The day solver's solver.solution.Solution."""
    nights: NightsPlan | None
    """The night rounds, or None when the week has no night visits."""

    @property
    def all_covered(self) -> bool:
        """Every mandatory visit, day and night, has its carers (visits called off do not count)."""
        return not any(not u.not_due for u in self.rota.uncovered)


def plan_week(
    provider: Provider,
    monday: dt.date,
    *,
    time_limit: float = 30.0,
    pins_from: Rota | None = None,
    on_progress: Callable | None = None,
    stop: Callable[[], bool] | None = None,
    workers: int = 2,
    engine: str = "strings",
    seed: int = 1,
    on_night: Callable[[str], None] | None = None,
) -> WeekPlan:
    """Solve the day visits around pins_from's pins, then form crews and plan the night rounds
    around that day work, within about time_limit seconds. `engine` and `seed` are the day
    search's (`solver.solve.Options`); on_night gets a line as each night is planned."""
    night_ids = {v.id for v in provider.visits_for_week(monday) if v.service is Service.NIGHT}
    day_limit = time_limit * DAY_SHARE if night_ids else time_limit
    rota, day = solve_week(provider, monday, time_limit=day_limit, pins_from=pins_from,
                           on_progress=on_progress, stop=stop, workers=workers, engine=engine, seed=seed)
    if not night_ids:
        return WeekPlan(rota, day, None)
    per_night = max(1.0, time_limit * (1 - DAY_SHARE) / 7)
    nights = plan_week_nights(provider, monday, rota, time_limit_s=per_night, on_progress=on_night)
    rota = merge_into_rota(rota, monday, nights, night_ids, provider.settings_for(monday))
    return WeekPlan(rota, day, nights)
