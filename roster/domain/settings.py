"""Every number the rota depends on, with the date it takes effect."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, fields, replace

from .errors import require

DEFAULT_BANDS = {
    "morning": (7 * 60, 10 * 60 + 30),
    "lunch": (11 * 60 + 30, 14 * 60),
    "tea": (16 * 60, 18 * 60),
    "bed": (19 * 60, 22 * 60),
}
DEFAULT_SKILLS = ("medication", "hoist", "catheter", "peg", "dementia", "stoma", "end_of_life")


@dataclass(frozen=True, slots=True)
class Settings:
    """Rules and rates in force from a date until the next Settings takes over."""

    effective_from: dt.date = dt.date(2026, 4, 1)
    """First day these settings apply."""
    skills: tuple[str, ...] = DEFAULT_SKILLS
    """The skills vocabulary; imports reject anything else."""
    # Working Time Regulations 1998
    break_after_minutes: int = 360
    """A working day longer than this needs a planned break."""
    break_minutes: int = 20
    """Length of that break."""
    daily_rest_minutes: int = 11 * 60
    """Daily rest between working days (split-shift workers: reported, not forbidden)."""
    weekly_rest_minutes: int = 24 * 60
    """Uninterrupted weekly rest per 7 days."""
    max_week_minutes: int = 48 * 60
    """Average weekly limit unless the carer opted out."""
    night_max_minutes_per_24h: int = 8 * 60
    """Night workers' average limit per 24 hours (no opt-out)."""
    night_start: int = 23 * 60
    """Start of night time for the regulations."""
    night_end: int = 30 * 60
    """End of night time (06:00 next morning)."""
    max_shift_minutes: int = 12 * 60
    """Longest working day from first visit start to last visit end."""
    # Money
    national_living_wage_pence: int = 1271
    """National Living Wage per hour (from April 2026)."""
    contract_rate_pence: int = 2500
    """What the commissioner pays per delivered hour."""
    ucr_budget_minutes: int = 100 * 60
    """UCR hours a week the community trust may use."""
    commissioned_minutes: int = 650 * 60
    """Hours a week commissioned from this provider."""
    # Travel
    road_factor: float = 1.3
    """Road distance over straight-line distance."""
    speed_car_kmh: float = 30.0
    """Average urban driving speed."""
    speed_public_kmh: float = 14.0
    """Bus including waits."""
    speed_foot_kmh: float = 4.8
    """Walking speed."""
    min_travel_minutes: int = 2
    """Parking, walking to the door: added to any move between two addresses."""
    # Night service
    night_round_start: int = 22 * 60
    """Mobile Night Carers start."""
    night_round_end: int = 30 * 60 + 30
    """Mobile Night Carers finish (06:30 next morning)."""
    night_reserve_minutes_per_hour: int = 15
    """Minutes a crew keeps free in every hour for responsive calls."""
    # Objective weights
    weight_uncovered: int = 100_000
    """Cost of leaving a mandatory visit uncovered."""
    weight_optional_uncovered: int = 5_000
    """Cost of leaving an optional visit uncovered."""
    weight_travel_minute: int = 10
    """Cost per minute of travel."""
    weight_new_carer_for_client: int = 60
    """Cost each time a client meets a carer they have not seen this week."""
    weight_preferred_carer_bonus: int = 30
    """Saving when a preferred carer makes the visit."""
    weight_lateness_minute: int = 1
    """Cost per minute a visit starts after its preferred time."""
    weight_contract_gap_minute: int = 1
    """Cost per minute a carer's week is away from their contracted hours."""

    def __post_init__(self) -> None:
        record = f"settings from {self.effective_from}"
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                require(value >= 0, record, f.name, f"{value} is negative")
        require(self.speed_car_kmh > 0 and self.speed_public_kmh > 0 and self.speed_foot_kmh > 0,
                record, "speed", "travel speeds must be positive")
        require(self.road_factor >= 1.0, record, "road_factor", f"{self.road_factor} is below 1")
        require(len(set(self.skills)) == len(self.skills), record, "skills", "has duplicates")

    def with_changes(self, **changes) -> "Settings":
        """A copy with some values changed (validated again)."""
        return replace(self, **changes)


def settings_on(history: list[Settings], day: dt.date) -> Settings:
    """The settings in force on day: the latest effective_from on or before it."""
    current = [s for s in history if s.effective_from <= day]
    if not current:
        return Settings() if not history else min(history, key=lambda s: s.effective_from)
    return max(current, key=lambda s: s.effective_from)


def reserve_hours(settings: Settings) -> list[tuple[int, int, int]]:
    """(start, end, minutes to keep free) for each clock hour of the night round: the reserve for
    responsive calls; a part hour at either end keeps its share."""
    start, end = settings.night_round_start, settings.night_round_end
    hours = []
    for hour in range(start // 60, math.ceil(end / 60)):
        h0, h1 = max(hour * 60, start), min(hour * 60 + 60, end)
        if h1 > h0:
            hours.append((h0, h1, math.ceil(settings.night_reserve_minutes_per_hour * (h1 - h0) / 60)))
    return hours


def minutes_covered(intervals: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Minutes of [lo, hi) inside the union of intervals sorted by start."""
    total, reach = 0, lo
    for s, e in intervals:
        s, e = max(s, reach), min(e, hi)
        if e > s:
            total += e - s
            reach = e
    return total
