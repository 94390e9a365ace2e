"""A carer's week as an iCalendar file (RFC 5545) for a phone or mail calendar: one event per visit,
in UK local time, with a stable UID so that re-importing an updated rota replaces events."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from roster.domain import Provider
from roster.reports.runs import CarerRun

LONDON = ZoneInfo("Europe/London")


def carer_calendar(provider: Provider, carer_id: str, runs: list[CarerRun], week: str,
                   *, stamp: dt.datetime | None = None) -> bytes:
    """The carer's visits as an .ics file. stamp (DTSTAMP) defaults to now, in UTC."""
    from icalendar import Calendar, Event

    carer = provider.carer(carer_id)
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", "-//carer-roster//rota//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Rota {week}: {carer.name}")
    for run in runs:
        midnight = dt.datetime.combine(run.date, dt.time(), tzinfo=LONDON)
        for stop in run.stops:
            visit, client = stop.visit, provider.client(stop.visit.client_id)
            event = Event()
            event.add("uid", f"{visit.id}/{carer.id}@carer-roster")
            event.add("dtstamp", stamp)
            # Minutes past 1440 are after midnight: the offset from the date's midnight handles them.
            event.add("dtstart", _local(midnight, stop.assignment.start))
            event.add("dtend", _local(midnight, stop.assignment.end))
            event.add("summary", f"{visit.call_type.value.capitalize()} call: {client.name}")
            event.add("location", client.postcode)
            notes = [f"Travel: {stop.travel_minutes} min"]
            if stop.partners:
                notes.append("With: " + ", ".join(provider.carer(c).name for c in stop.partners))
            if visit.skills:
                notes.append("Needs: " + ", ".join(sorted(visit.skills)))
            if client.access_notes:
                notes.append("Access: " + client.access_notes)
            event.add("description", "\n".join(notes))
            calendar.add_component(event)
    return calendar.to_ical()


def _local(midnight: dt.datetime, minutes: int) -> dt.datetime:
    """Wall-clock time minutes after local midnight (correct across a clock change)."""
    naive = midnight.replace(tzinfo=None) + dt.timedelta(minutes=minutes)
    return naive.replace(tzinfo=LONDON)
