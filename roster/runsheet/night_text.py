"""A crew's night run sheet as plain text: one block per crew, stops in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.domain.clock import clock_hhmm

if TYPE_CHECKING:
    from roster.planning.nights import RunSheet

COLUMNS = ("#", "arrive", "care", "client", "postcode", "for", "access")


def night_sheet_text(sheet: "RunSheet") -> str:
    """The sheet of one crew for one night."""
    head = [
        f"Night of {sheet.day:%a %d %b %Y} - crew {sheet.crew_id}: {' & '.join(sheet.carers)}",
        f"Round {clock_hhmm(sheet.round_start)}-{clock_hhmm(sheet.round_end)}, "
        f"{len(sheet.stops)} visits, {sheet.travel_minutes} min driving",
    ]
    rows = [
        (str(n), clock_hhmm(s.arrive), f"{clock_hhmm(s.start)}-{clock_hhmm(s.end)}", s.client, s.postcode,
         s.purpose, s.access_notes or "-")
        for n, s in enumerate(sheet.stops, 1)
    ]
    if not rows:
        return "\n".join(head + ["No planned visits: on call for responsive calls all round."]) + "\n"
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(head + [""] + lines) + "\n"


def night_sheets_text(sheets: list["RunSheet"]) -> str:
    """Several crews' sheets, separated by a form feed so each prints on its own page."""
    return "\f\n".join(night_sheet_text(s) for s in sheets)
