"""Exports: run sheets list every visit, calendars parse, payroll sums match the report, and the
pseudonymised week keeps the problem while losing the people."""

import datetime as dt
import json
from html.parser import HTMLParser

from icalendar import Calendar

from roster.domain import great_circle_m
from roster.exports.calendar import carer_calendar
from roster.exports.payroll import payroll_rows
from roster.exports.pseudonymise import pseudonymise, true_travel
from roster.exports.runsheet import run_sheet_html, run_sheet_text
from roster.planning.report import report_of
from roster.reports.runs import carer_runs
from roster.rules import check_rota
from roster.scripting.problem import problem_document, read_problem

from .fixtures import MONDAY, small_provider, small_rota


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.visits = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and dict(attrs).get("data-visit"):
            self.visits.append(dict(attrs)["data-visit"])


def _runs_of(carer_id):
    return [r for r in carer_runs(small_provider(), small_rota()) if r.carer_id == carer_id]


def test_html_run_sheets_hold_every_visit_in_order():
    provider, rota = small_provider(), small_rota()
    shown = []
    for carer_id in ("C1", "C2"):
        parser = _Rows()
        parser.feed(run_sheet_html(provider, carer_id, _runs_of(carer_id), "2026-W48"))
        mine = sorted((a for a in rota.assignments if a.carer_id == carer_id), key=lambda a: (a.date, a.start))
        assert parser.visits == [a.visit_id for a in mine]
        shown += [(carer_id, v) for v in parser.visits]
    assert sorted(shown) == sorted((a.carer_id, a.visit_id) for a in rota.assignments)


def test_text_run_sheet_shows_partner_access_and_times():
    text = run_sheet_text(small_provider(), "C2", _runs_of("C2"), "2026-W48")
    assert "09:30-10:00" in text and "with Carer One" in text and "needs: hoist" in text
    text = run_sheet_text(small_provider(), "C1", _runs_of("C1"), "2026-W48")
    assert text.count("access: Key safe 1234") == 4
    assert text.index("Mon 2026-11-23") < text.index("Tue 2026-11-24")


def test_html_escapes_what_it_is_given():
    provider = small_provider()
    import dataclasses
    odd = dataclasses.replace(provider.clients[0], access_notes="<b>dog</b> & cat")
    provider = dataclasses.replace(provider, clients=(odd, provider.clients[1]))
    page = run_sheet_html(provider, "C1", carer_runs(provider, small_rota()), "2026-W48")
    assert "&lt;b&gt;dog&lt;/b&gt; &amp; cat" in page and "<b>dog" not in page


def test_calendar_parses_with_one_event_per_visit_in_local_time():
    ics = carer_calendar(small_provider(), "C1", _runs_of("C1"), "2026-W48",
                         stamp=dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc))
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == 5
    first = min(events, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (MONDAY, 8, 30, "Europe/London")
    assert first.decoded("dtend") - start == dt.timedelta(minutes=45)
    assert str(first["location"]) == "CV2 2AA"
    assert len({str(e["uid"]) for e in events}) == 5


def test_payroll_sums_match_the_report():
    provider, rota = small_provider(), small_rota()
    report = report_of(provider, rota)
    rows = payroll_rows(provider, report)
    assert [r["carer_id"] for r in rows] == ["C1", "C2"]
    assert round(sum(r["worked_hours"] for r in rows) * 60) == report.worked_minutes
    assert round(sum(r["travel_hours"] for r in rows) * 60) == report.travel_minutes
    assert round(sum(r["waiting_hours"] for r in rows) * 60) == report.waiting_minutes
    assert round(sum(r["care_hours"] for r in rows) * 60) == report.scheduled_minutes
    assert round(sum(r["gross_pay_gbp"] for r in rows) * 100) == report.pay_pence
    assert rows[0]["mileage_km"] == round(report.travel_metres / 1000, 1)  # only C1 drives
    for r in rows:
        assert r["worked_hours"] == round(r["care_hours"] + r["travel_hours"] + r["waiting_hours"], 2)
        assert r["paid_hours"] == r["care_hours"]  # the default pay basis pays care only
        assert abs(r["gross_pay_gbp"] - r["paid_hours"] * r["rate_gbp"]) <= r["rate_gbp"] / 200  # hours to 2 dp


def test_pseudonymised_week_keeps_the_problem_and_loses_the_people():
    provider, rota = small_provider(), small_rota()
    shared, shared_rota, names = pseudonymise(provider, rota, jitter_m=1000)
    travel = true_travel(names, shared.settings_for(MONDAY))
    document = problem_document(shared, MONDAY, travel)
    text = json.dumps(document)
    for secret in ("Carer One", "Client One", "Key safe", "CV2", "CV1", *(c.id for c in provider.clients)):
        assert secret not in text
    assert {c["postcode"] for c in document["carers"] + document["clients"]} == {""}
    assert {c.id for c in shared.carers} == set(names.carers.values())
    for old in provider.clients:
        new = next(c for c in shared.clients if c.id == names.clients[old.id])
        assert 500 - 1 <= great_circle_m(old.location, new.location) <= 1000 + 1
        assert new.preferred_carers == tuple(names.carers[c] for c in old.preferred_carers)
    # The same week: same visits, same assignments under the new names, the same travel.
    assert len(shared.visits_for_week(MONDAY)) == len(provider.visits_for_week(MONDAY))
    assert sorted((names.visit(a.visit_id), names.carers[a.carer_id], a.start) for a in rota.assignments) == \
        sorted((a.visit_id, a.carer_id, a.start) for a in shared_rota.assignments)
    before, after = check_rota(provider, rota), check_rota(shared, shared_rota, travel=travel)
    assert (after.measures.covered, after.measures.delivered_minutes) == (5, 180)
    assert (after.measures.travel_minutes, after.measures.travel_metres) == \
        (before.measures.travel_minutes, before.measures.travel_metres)
    assert sorted(v.rule for v in after.violations) == sorted(v.rule for v in before.violations)
    again, _ = read_problem(json.loads(text))
    assert again.carers == shared.carers


def test_two_pseudonymised_exports_of_one_week_share_nothing_but_the_week():
    provider = small_provider()
    one, _, first = pseudonymise(provider)
    two, _, second = pseudonymise(provider)
    assert {c.location for c in one.clients}.isdisjoint(c.location for c in two.clients)
    assert {c.home for c in one.carers}.isdisjoint(c.home for c in two.carers)
    assert len(one.visits_for_week(MONDAY)) == len(two.visits_for_week(MONDAY))
