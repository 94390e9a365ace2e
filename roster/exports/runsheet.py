"""A carer's run sheet for the week: each day's visits in order, with times, address, access notes,
call type, double-up partner and the journey to each; as plain text and as printable HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass

from roster.domain import Provider
from roster.domain.clock import WEEKDAYS, clock_hhmm
from roster.reports.runs import CarerRun


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One visit as printed."""

    start: str
    """Wall-clock start, e.g. 07:30."""
    end: str
    """Wall-clock end."""
    client: str
    """Client's name."""
    postcode: str
    """Client's postcode."""
    call_type: str
    """Morning, lunch, ..."""
    needs: str
    """Skills needed and fixed-time flag, e.g. 'hoist; fixed time'."""
    partners: str
    """Names of the other carers on the visit."""
    access_notes: str
    """How to get in."""
    travel: str
    """Journey to this visit, e.g. '12 min from previous visit'."""
    visit_id: str
    """The visit, for reference."""


def sheet_days(provider: Provider, runs: list[CarerRun]) -> list[tuple[str, list[SheetLine]]]:
    """(day heading, lines) for each of one carer's runs, in date order."""
    days = []
    for run in sorted(runs, key=lambda r: r.date):
        lines = []
        for stop in run.stops:
            visit, client = stop.visit, provider.client(stop.visit.client_id)
            needs = sorted(visit.skills) + (["fixed time"] if visit.fixed_time else [])
            lines.append(SheetLine(
                start=clock_hhmm(stop.assignment.start),
                end=clock_hhmm(stop.assignment.end),
                client=client.name,
                postcode=client.postcode,
                call_type=visit.call_type.value,
                needs="; ".join(needs),
                partners=", ".join(provider.carer(c).name for c in stop.partners),
                access_notes=client.access_notes,
                travel=f"{stop.travel_minutes} min from {'home' if stop.from_home else 'previous visit'}",
                visit_id=visit.id,
            ))
        heading = f"{WEEKDAYS[run.date.weekday()].capitalize()} {run.date.isoformat()}"
        days.append((heading, lines))
    return days


def run_sheet_text(provider: Provider, carer_id: str, runs: list[CarerRun], week: str) -> str:
    """The run sheet as plain text, one block per day."""
    carer = provider.carer(carer_id)
    out = [f"Run sheet: {carer.name} ({carer.id}), week {week}", ""]
    for heading, lines in sheet_days(provider, runs):
        out.append(heading)
        for line in lines:
            out.append(f"  {line.start}-{line.end}  {line.call_type:<8} {line.client}, {line.postcode}  ({line.travel})")
            if line.partners:
                out.append(f"      with {line.partners}")
            if line.needs:
                out.append(f"      needs: {line.needs}")
            if line.access_notes:
                out.append(f"      access: {line.access_notes}")
        out.append("")
    if len(out) == 2:
        out.append("No visits this week.")
    return "\n".join(out).rstrip() + "\n"


_STYLE = """body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eee}
h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}
@media print{body{margin:0}}"""


def run_sheet_html(provider: Provider, carer_id: str, runs: list[CarerRun], week: str) -> str:
    """The run sheet as a printable HTML page, one table per day."""
    carer = provider.carer(carer_id)
    e = html.escape
    title = f"Run sheet: {carer.name} ({carer.id}), week {week}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
        f"<style>{_STYLE}</style></head><body>", f"<h1>{e(title)}</h1>",
    ]
    days = sheet_days(provider, runs)
    if not days:
        parts.append("<p>No visits this week.</p>")
    for heading, lines in days:
        parts.append(f"<h2>{e(heading)}</h2>")
        parts.append("<table><thead><tr><th>Time</th><th>Call</th><th>Client</th><th>Postcode</th>"
                     "<th>With</th><th>Needs</th><th>Access</th><th>Travel</th></tr></thead><tbody>")
        for line in lines:
            parts.append(
                f'<tr data-visit="{e(line.visit_id)}"><td>{e(line.start)}-{e(line.end)}</td><td>{e(line.call_type)}</td>'
                f"<td>{e(line.client)}</td><td>{e(line.postcode)}</td><td>{e(line.partners)}</td>"
                f"<td>{e(line.needs)}</td><td>{e(line.access_notes)}</td><td>{e(line.travel)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
