"""Working Time Regulations 1998 and the provider's own limits: breaks, shift length, the 48-hour
week, daily rest (reported as compensatory rest owed) and weekly rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from roster.domain import Carer
from roster.domain.clock import MINUTES_PER_DAY

from .context import CarerDay, Week, at, day_label
from .model import Violation


def _hours(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"


def breaks(week: Week, day: CarerDay) -> Iterator[Violation]:
    """A working period whose visits span more than the limit (6 h) has a planned break of 20 min in
    a gap between two of its visits, after the travel between them; no break overlaps a visit.
    For a day worked as one period this is the carer-date's first start to last end; the time
    between split shifts is not work, so each half is judged on its own."""
    settings, carer = week.settings, day.carer
    for brk in day.breaks:
        for a in day.runs:
            if brk.start < a.end and a.start < brk.start + brk.minutes:
                yield Violation(
                    "breaks", True,
                    f"carer {carer.id} on {day_label(day.date)}: break at {at(brk.start)} overlaps visit {a.visit_id}",
                    a.visit_id, carer.id, day.date,
                )
    for block in day.blocks:
        if not block.runs:
            continue
        first, last = day.runs[block.runs[0]].start, max(day.runs[i].end for i in block.runs)
        if last - first <= settings.break_after_minutes:
            continue
        gaps = block.runs[:-1]
        if not any(_break_fits(day, i, brk, settings.break_minutes) for brk in day.breaks for i in gaps):
            yield Violation(
                "breaks", True,
                f"carer {carer.id} on {day_label(day.date)}: works {at(first)}-{at(last)} "
                f"({_hours(last - first)}) with no {settings.break_minutes}-min break planned between visits",
                None, carer.id, day.date,
            )


def _break_fits(day: CarerDay, i: int, brk, minimum: int) -> bool:
    """The break is long enough and lies in the gap after runs[i], leaving room for the travel."""
    prev, nxt = day.runs[i], day.runs[i + 1]
    return (
        brk.minutes >= minimum
        and prev.end <= brk.start
        and brk.start + brk.minutes <= nxt.start
        and prev.end + day.legs[i] + brk.minutes <= nxt.start
    )


def max_shift_length(week: Week, day: CarerDay) -> Iterator[Violation]:
    """First visit start to last visit end of a date stays within the longest working day allowed."""
    span = day.span
    limit = week.settings.max_shift_minutes
    if span is not None and span[1] - span[0] > limit:
        yield Violation(
            "max_shift_length", True,
            f"carer {day.carer.id} on {day_label(day.date)}: works {at(span[0])}-{at(span[1])} "
            f"({_hours(span[1] - span[0])}), longer than {_hours(limit)}",
            None, day.carer.id, day.date,
        )


def weekly_working_time(week: Week, carer: Carer, days: list[CarerDay]) -> Iterator[Violation]:
    """At most 48 hours' work in the week unless the carer opted out."""
    worked = sum(d.worked_minutes for d in days)
    limit = week.settings.max_week_minutes
    if worked > limit and not carer.opted_out_48h:
        yield Violation(
            "weekly_working_time", True,
            f"carer {carer.id}: works {_hours(worked)} this week, over the {_hours(limit)} limit (not opted out)",
            None, carer.id, None,
        )


def rest_shortfalls(week: Week, days: list[CarerDay]) -> list[tuple[dt.date, int, int]]:
    """(date, rest taken, rest owed) for each working date that starts less than the daily rest
    after the previous working date ended."""
    result = []
    worked = [d for d in days if d.blocks]
    for before, after in zip(worked, worked[1:]):
        end = max(week.absolute(before.date, b.end) for b in before.blocks)
        start = min(week.absolute(after.date, b.start) for b in after.blocks)
        rest = start - end
        if rest < week.settings.daily_rest_minutes:
            result.append((after.date, rest, week.settings.daily_rest_minutes - rest))
    return result


def daily_rest(week: Week, carer: Carer, days: list[CarerDay]) -> Iterator[Violation]:
    """11 hours' rest between working days; split-shift workers are exempt but owed compensatory
    rest, so a shortfall is reported (soft), not forbidden."""
    for day, rest, owed in rest_shortfalls(week, days):
        yield Violation(
            "daily_rest", False,
            f"carer {carer.id} on {day_label(day)}: only {_hours(max(rest, 0))} rest since the previous working day; "
            f"owed {_hours(owed)} compensatory rest",
            None, carer.id, day,
        )


def weekly_rest(week: Week, carer: Carer, days: list[CarerDay]) -> Iterator[Violation]:
    """24 hours' uninterrupted rest somewhere in the week."""
    periods = sorted(
        (week.absolute(d.date, b.start), week.absolute(d.date, b.end)) for d in days for b in d.blocks
    )
    if not periods:
        return
    longest, free_from = 0, 0
    for start, end in periods:
        longest = max(longest, start - free_from)
        free_from = max(free_from, end)
    longest = max(longest, 7 * MINUTES_PER_DAY - free_from)
    if longest < week.settings.weekly_rest_minutes:
        yield Violation(
            "weekly_rest", True,
            f"carer {carer.id}: longest rest this week is {_hours(longest)}, "
            f"under the {_hours(week.settings.weekly_rest_minutes)} weekly rest",
            None, carer.id, None,
        )


DAY_RULES = (breaks, max_shift_length)
WEEK_RULES = (weekly_working_time, daily_rest, weekly_rest)
