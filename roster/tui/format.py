"""How minutes, hours and money read on screen."""

from __future__ import annotations

from roster.domain.clock import clock_hhmm


def hours(minutes: int) -> str:
    """270 -> '4.5h'."""
    return f"{minutes / 60:.1f}h"


def span(start: int | None, end: int | None) -> str:
    """450, 1320 -> '07:30-22:00'."""
    if start is None or end is None:
        return ""
    return f"{clock_hhmm(start)}-{clock_hhmm(end)}"


def pounds(pence: float) -> str:
    """1271 -> '£12.71'."""
    return f"£{pence / 100:.2f}"
