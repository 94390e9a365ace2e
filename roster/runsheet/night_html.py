"""Crews' night run sheets as one printable HTML page: a page per crew, no scripts, no web fonts."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from roster.domain.clock import clock_hhmm

if TYPE_CHECKING:
    from roster.planning.nights import RunSheet

STYLE = """
body { font: 11pt system-ui, sans-serif; margin: 1.5cm; color: #111; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
h1 { font-size: 14pt; margin: 0 0 .2em; }
p.meta { margin: 0 0 1em; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; } }
"""


def _section(sheet: "RunSheet") -> str:
    rows = "".join(
        "<tr>"
        f"<td>{n}</td><td class=time>{clock_hhmm(s.arrive)}</td>"
        f"<td class=time>{clock_hhmm(s.start)}-{clock_hhmm(s.end)}</td>"
        f"<td>{escape(s.client)}</td><td>{escape(s.postcode)}</td>"
        f"<td>{escape(s.purpose)}</td><td>{escape(s.access_notes or '-')}</td><td></td>"
        "</tr>"
        for n, s in enumerate(sheet.stops, 1)
    )
    table = (
        "<table><thead><tr><th>#</th><th>Arrive</th><th>Care</th><th>Client</th><th>Postcode</th>"
        f"<th>For</th><th>Access</th><th>Done</th></tr></thead><tbody>{rows}</tbody></table>"
        if sheet.stops else "<p>No planned visits: on call for responsive calls all round.</p>"
    )
    return (
        f"<section><h1>Night of {sheet.day:%a %d %b %Y} &middot; crew {escape(sheet.crew_id)}</h1>"
        f"<p class=meta>{escape(' & '.join(sheet.carers))} &middot; round {clock_hhmm(sheet.round_start)}-"
        f"{clock_hhmm(sheet.round_end)} &middot; {len(sheet.stops)} visits &middot; "
        f"{sheet.travel_minutes} min driving</p>{table}</section>"
    )


def night_sheets_html(sheets: list["RunSheet"]) -> str:
    """The whole page."""
    title = f"Night run sheets {sheets[0].day:%d %b %Y}" if sheets else "Night run sheets"
    body = "".join(_section(s) for s in sheets) or "<p>No crews that night.</p>"
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{STYLE}</style></head><body>{body}</body></html>\n"
    )
