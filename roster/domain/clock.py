"""Times of day as whole minutes since midnight, and ISO weeks.

Night visits past midnight belong to the night that started the evening before, so
their minutes run past 1440 (02:00 on that night is 1560).
"""

from __future__ import annotations

import datetime as dt
import re

MINUTES_PER_DAY = 1440
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_hhmm(text: str) -> int:
    """'07:30' -> 450. Accepts 24:00 and later (up to 47:59) for night rounds."""
    match = _HHMM.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time like 07:30")
    hours, minutes = int(match[1]), int(match[2])
    if minutes >= 60 or hours >= 48:
        raise ValueError(f"{text!r} is not a time like 07:30")
    return hours * 60 + minutes


def parse_time_of_day(text: str) -> int:
    """'17:50' -> 1070; a wall-clock time, 00:00 to 23:59 (unlike parse_hhmm, no 24:00 or later)."""
    minutes = parse_hhmm(text)
    if minutes >= MINUTES_PER_DAY:
        raise ValueError(f"{text.strip()!r} is not a time of day (00:00 to 23:59)")
    return minutes


def hhmm(minutes: int) -> str:
    """450 -> '07:30'; 1560 -> '26:00' (02:00 the next morning)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock_hhmm(minutes: int) -> str:
    """Wall-clock form of a minute: 1560 -> '02:00'."""
    return hhmm(minutes % MINUTES_PER_DAY)


def parse_week(text: str) -> dt.date:
    """'2026-W48' -> the Monday of that ISO week."""
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week like 2026-W48")
    return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)


def week_label(monday: dt.date) -> str:
    """The Monday of a week -> '2026-W48'."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_dates(monday: dt.date) -> tuple[dt.date, ...]:
    """The seven dates of the week starting on monday."""
    return tuple(monday + dt.timedelta(days=i) for i in range(7))


def monday_of(day: dt.date) -> dt.date:
    """The Monday of the ISO week containing day."""
    return day - dt.timedelta(days=day.weekday())


def parse_weekdays(text: str) -> frozenset[int]:
    """'mon,wed,fri' or 'daily' or 'weekdays' -> {0, 2, 4}; Monday is 0."""
    text = text.strip().lower()
    if text == "daily":
        return frozenset(range(7))
    if text == "weekdays":
        return frozenset(range(5))
    if text == "weekends":
        return frozenset({5, 6})
    days = set()
    for part in text.split(","):
        part = part.strip()
        if part not in WEEKDAYS:
            raise ValueError(f"{part!r} is not a weekday (mon..sun, daily, weekdays, weekends)")
        days.add(WEEKDAYS.index(part))
    return frozenset(days)


def format_weekdays(days: frozenset[int]) -> str:
    """{0, 2, 4} -> 'mon,wed,fri'."""
    if days == frozenset(range(7)):
        return "daily"
    return ",".join(WEEKDAYS[d] for d in sorted(days))
