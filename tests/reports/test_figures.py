"""One set of figures (docs/figures.md): travel, waiting, worked and paid hours mean the same in
the checker, the weekly report, payroll and the run sheets, split shifts included."""

import dataclasses

from roster.domain import Assignment
from roster.domain.travel import TravelModel
from roster.exports.payroll import payroll_rows
from roster.exports.runsheet import sheet_days
from roster.planning.report import report_of
from roster.reports.runs import carer_runs
from roster.reports.week import PayBasis
from roster.rules import check_rota

from .fixtures import AT_P1, AT_P2, MONDAY, SETTINGS, h, small_provider, small_rota


def _split_shift_rota():
    """C1 also takes S4 (P2, 16:00) in the afternoon piece of the split shift: lunch at P1 ends
    12:15, the carer goes home, comes back at 16:00 to P2, then to P1 for bed at 19:30."""
    rota = small_rota()
    tea = Assignment(f"S4@{MONDAY.isoformat()}", "C1", MONDAY, h("16:00"), h("16:20"))
    return dataclasses.replace(rota, assignments=rota.assignments + (tea,), uncovered=())


def test_no_leg_is_counted_across_the_gap_of_a_split_shift():
    provider, rota = small_provider(), _split_shift_rota()
    car = provider.carer("C1").transport
    travel = TravelModel(SETTINGS)
    p1_p2, p2_p1 = travel.minutes(AT_P1, AT_P2, car), travel.minutes(AT_P2, AT_P1, car)
    assert p1_p2 > 0  # the leg from lunch (P1) to tea (P2) would count if the gap were travelled
    c1 = next(c for c in check_rota(provider, rota).measures.carers if c.carer_id == "C1")
    # morning S1 (P1) -> S3 (P2) -> S2 (P1); afternoon S4 (P2) -> S5 (P1); Tuesday one visit
    assert c1.travel_minutes == p1_p2 + p2_p1 + p2_p1


def test_check_report_payroll_and_run_sheets_give_the_same_figures():
    provider, rota = small_provider(), _split_shift_rota()
    check = check_rota(provider, rota).measures
    report = report_of(provider, rota)
    payroll = {r["carer_id"]: r for r in payroll_rows(provider, report)}
    runs = carer_runs(provider, rota)
    for line in check.carers:
        reported = next(c for c in report.carers if c.carer_id == line.carer_id)
        assert (reported.worked_minutes, reported.travel_minutes, reported.contact_minutes) == (
            line.worked_minutes, line.travel_minutes, line.visit_minutes)
        waiting = line.worked_minutes - line.visit_minutes - line.travel_minutes
        assert waiting >= 0 and reported.waiting_minutes == waiting
        row = payroll[line.carer_id]
        assert round(row["travel_hours"] * 60) == line.travel_minutes
        assert round(row["waiting_hours"] * 60) == waiting
        assert round(row["worked_hours"] * 60) == line.worked_minutes
        from_previous = sum(s.travel_minutes for r in runs if r.carer_id == line.carer_id
                            for s in r.stops if not s.from_home)
        assert from_previous == line.travel_minutes
    assert report.travel_minutes == check.travel_minutes


def test_the_run_sheet_sends_the_carer_from_home_after_the_gap():
    provider, rota = small_provider(), _split_shift_rota()
    runs = [r for r in carer_runs(provider, rota) if r.carer_id == "C1"]
    (_, monday), _tuesday = sheet_days(provider, runs)
    tea = next(line for line in monday if line.visit_id.startswith("S4"))
    assert tea.travel.endswith("from home")
    assert [line.travel.endswith("from home") for line in monday] == [True, False, False, True, False]


def test_paid_hours_follow_the_pay_basis():
    provider, rota = small_provider(), _split_shift_rota()
    for basis, paid in ((PayBasis.CONTACT, "care_hours"), (PayBasis.WORKED, "worked_hours")):
        for row in payroll_rows(provider, report_of(provider, rota, pay_basis=basis)):
            assert row["paid_hours"] == row[paid]
            assert abs(row["gross_pay_gbp"] - row["paid_hours"] * row["rate_gbp"]) <= row["rate_gbp"] / 200  # hours to 2 dp
