"""Run sheets: the crew's stops in order with what they need at the door, as text and HTML."""

import datetime as dt

from roster.planning.nights import RunSheet, SheetStop
from roster.runsheet.night_html import night_sheets_html
from roster.runsheet.night_text import night_sheet_text

DAY = dt.date(2026, 11, 23)


def sheet(stops):
    return RunSheet("N1@2026-11-23", DAY, ("Carer A", "Carer B"), 1320, 1830, tuple(stops), 42)


STOPS = (
    SheetStop(1370, 1380, 1410, "Client <One>", "CV1 2BB", "key safe 1234 & dog", "night call, 30 min", "S1@x"),
    SheetStop(1550, 1560, 1580, "Client Two", "CV3 4DD", "", "night call, 20 min; needs catheter", "S2@x"),
)


def test_text_sheet_lists_stops_in_order_with_wall_clock_times():
    text = night_sheet_text(sheet(STOPS))
    lines = text.splitlines()
    assert "crew N1@2026-11-23: Carer A & Carer B" in lines[0]
    assert "Round 22:00-06:30, 2 visits, 42 min driving" in lines[1]
    first, second = (n for n, line in enumerate(lines) if line.startswith(("1 ", "2 ")))
    assert "23:00-23:30" in lines[first] and "key safe 1234 & dog" in lines[first]
    assert "02:00-02:20" in lines[second] and "needs catheter" in lines[second]


def test_empty_round_says_the_crew_is_on_call():
    assert "on call for responsive calls" in night_sheet_text(sheet(()))


def test_html_page_escapes_and_breaks_pages_per_crew():
    page = night_sheets_html([sheet(STOPS), sheet(())])
    assert "Client &lt;One&gt;" in page and "<One>" not in page
    assert page.count("<section>") == 2 and "page-break-after: always" in page
