"""Each figure of the weekly report, worked out by hand on the small fixture (see fixtures.py)."""

import dataclasses

import pytest

from roster.domain import Transport
from roster.domain.travel import TravelModel
from roster.planning.report import report_of
from roster.reports.week import PayBasis
from roster.rules import check_rota

from .fixtures import AT_P1, AT_P2, SETTINGS, small_provider, small_rota

LEG = TravelModel(SETTINGS).minutes(AT_P1, AT_P2, Transport.CAR)
LEG_M = TravelModel(SETTINGS).metres(AT_P1, AT_P2)


@pytest.fixture(scope="module")
def report():
    return report_of(small_provider(), small_rota())


def test_fixture_rota_breaks_no_hard_rule():
    assert check_rota(small_provider(), small_rota()).is_clean


def test_hours_against_commissioned(report):
    assert report.commissioned_minutes == 600
    assert report.demand_minutes == 45 + 15 + 2 * 30 + 20 + 30 + 30
    assert report.scheduled_minutes == 45 + 15 + 2 * 30 + 30 + 30


def test_coverage_with_reasons(report):
    assert (report.visits, report.visits_covered) == (6, 5)
    assert (report.clients, report.clients_not_covered) == (2, 1)
    [line] = report.uncovered
    assert (line.visit_id, line.client_id, line.call_type, line.reason) == ("S4@2026-11-23", "P2", "tea", "no_carer_free")


def test_travel_and_its_share_of_paid_time(report):
    # C1 drives P1 -> P2 -> P1 on Monday; every other move is to the same house or from home.
    assert report.travel_minutes == 2 * LEG
    assert report.travel_metres == 2 * LEG_M
    worked_c1 = (12 * 60 + 15 - (8 * 60 + 30)) - 20 + 30 + 30  # morning block less break, bed, Tuesday
    assert report.worked_minutes == worked_c1 + 30
    assert report.travel_share == pytest.approx(2 * LEG / (worked_c1 + 30))
    assert report.waiting_minutes == worked_c1 - 150 - 2 * LEG


def test_continuity(report):
    p1, p2 = report.client_lines
    assert (p1.client_id, p1.visits, p1.distinct_carers, p1.top_carers_share) == ("P1", 4, 1, 1.0)
    assert (p2.client_id, p2.visits, p2.distinct_carers, p2.uncovered) == ("P2", 1, 2, 1)
    assert report.mean_distinct_carers == 1.5
    assert report.max_distinct_carers == 2


def test_top_carers_share_counts_the_three_most_frequent():
    rota = small_rota()
    # P1's four visits by C1, C1, C2, C3 would give 4/4; swap in a fourth carer to see 3 of 4.
    provider = small_provider()
    extra = [dataclasses.replace(c, id=f"C{n}", name=f"Carer {n}") for n, c in ((3, provider.carers[0]), (4, provider.carers[0]))]
    provider = dataclasses.replace(provider, carers=provider.carers + tuple(extra))
    swap = {"S1@2026-11-23": "C3", "S2@2026-11-23": "C4"}
    rota = dataclasses.replace(rota, assignments=tuple(
        dataclasses.replace(a, carer_id=swap.get(a.visit_id, a.carer_id)) for a in rota.assignments
    ))
    p1 = report_of(provider, rota).client_lines[0]
    assert p1.distinct_carers == 3
    assert p1.top_carers_share == 1.0
    swap = {"S1@2026-11-23": "C3", "S2@2026-11-23": "C4", "S5@2026-11-23": "C2"}
    rota2 = dataclasses.replace(rota, assignments=tuple(
        dataclasses.replace(a, carer_id=swap.get(a.visit_id, a.carer_id)) for a in small_rota().assignments
    ))
    p1 = report_of(provider, rota2).client_lines[0]
    assert p1.distinct_carers == 4
    assert p1.top_carers_share == 3 / 4


def test_short_visits_and_ucr(report):
    assert (report.short_visits, report.short_visits_agreed, report.short_visits_not_agreed) == (2, 1, 0)
    assert report.ucr_minutes == 2 * 30
    assert report.ucr_budget_minutes == 6000


def test_working_time_and_compensatory_rest(report):
    assert len(report.wtr_breaches) == 1
    assert "owed 1h00 compensatory rest" in report.wtr_breaches[0]
    assert report.compensatory_rest_minutes == 60
    c1, c2 = report.carers
    assert (c1.wtr_breaches, c1.compensatory_rest_minutes, c2.wtr_breaches) == (1, 60, 0)


def test_hours_against_contract_and_effective_pay(report):
    c1, c2 = report.carers
    worked_c1 = 205 + 30 + 30
    assert (c1.carer_id, c1.contracted_minutes, c1.worked_minutes, c1.contract_gap_minutes) == ("C1", 600, worked_c1, worked_c1 - 600)
    assert c1.contact_minutes == 150
    assert c1.mileage_metres == 2 * LEG_M
    assert c1.pay_pence == 150 * 1300 // 60
    assert c1.effective_pence_per_hour == round(3250 * 60 / worked_c1)
    assert c1.below_living_wage
    assert (c2.worked_minutes, c2.pay_pence, c2.effective_pence_per_hour) == (30, 600, 1200)
    assert c2.below_living_wage and c2.mileage_metres == 0
    assert report.carers_below_living_wage == 2


def test_cost_per_delivered_hour_against_contract_rate(report):
    assert report.pay_pence == 3250 + 600
    assert report.cost_per_delivered_hour_pence == round(3850 * 60 / 180)
    assert report.contract_rate_pence == 2500


def test_paid_for_all_working_time_the_effective_rate_is_the_rate():
    report = report_of(small_provider(), small_rota(), pay_basis=PayBasis.WORKED)
    c1, c2 = report.carers
    assert c1.pay_pence == round(c1.worked_minutes * 1300 / 60)
    assert c1.effective_pence_per_hour == 1300 and not c1.below_living_wage
    assert c2.effective_pence_per_hour == 1200 and c2.below_living_wage
