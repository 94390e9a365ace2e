"""The Mankowska et al. (2014) reader on all 70 files, and the paper's rules and objective."""

from collections import Counter

import pytest

from bench.hhc.check import Service, evaluate
from bench.hhc.instance import HhcInstance, read_hhc


def test_all_70_instances_parse_with_the_published_sizes(benchmarks):
    paths = sorted((benchmarks / "hhc").glob("*.txt"))
    sizes = Counter()
    for path in paths:
        instance = read_hhc(path)  # also refuses any patient whose service count disagrees with DS
        sizes[(len(instance.patients), instance.staff)] += 1
        assert instance.double and all(n in instance.patients for n in instance.double)
    assert sizes == {(10, 3): 10, (25, 5): 10, (50, 10): 10, (75, 15): 10, (100, 20): 10, (200, 30): 10, (300, 40): 10}


def test_ds_is_one_based_read_zero_based_it_would_name_the_closing_depot(benchmarks):
    path = benchmarks / "hhc" / "InstanzCPLEX_HCSRP_10_1.txt"
    text = path.read_text().split()
    listed = [int(t) for t in text[text.index("DS") + 1 : text.index("a")]]
    instance = read_hhc(path)
    assert listed == [11, 10, 9] and instance.nodes == 12
    assert instance.double == {10, 9, 8}
    assert all(len(instance.services_of(n)) == 2 for n in instance.double)
    # Node 11 is the closing depot, which requires every service: not a patient.
    assert len(instance.services_of(11)) == instance.services


def test_simultaneous_and_precedence_double_services_are_told_apart(benchmarks):
    instance = read_hhc(benchmarks / "hhc" / "InstanzCPLEX_HCSRP_10_1.txt")
    assert [n for n in sorted(instance.double) if instance.simultaneous(n)] == [8]
    assert (instance.min_gap[9], instance.max_gap[9]) == (51, 102)


def two_patients() -> HhcInstance:
    """Depot at 0, patient 1 at distance 3 (single service 0), patient 2 at distance 4 from the
    depot and 5 from patient 1 (double service 0+1), two staff: staff 0 does service 0, staff 1
    does both."""
    d = ((0, 3, 4, 0), (3, 0, 5, 3), (4, 5, 0, 4), (0, 3, 4, 0))
    return HhcInstance(
        name="TWO", nodes=4, staff=2, services=2,
        requires=((True, True), (True, False), (True, True), (True, True)),
        double=frozenset({2}), qualified=((True, False), (True, True)),
        x=(0, 3, 0, 0), y=(0, 0, 4, 0), distance=d,
        processing=((0, 0), (10, 10), (10, 20), (0, 0)),
        min_gap=(0, 0, 0, 0), max_gap=(0, 0, 0, 0),
        early=(0, 0, 20, 0), late=(100, 5, 25, 100),
    )


def good_routes():
    return [
        [Service(1, 0, 3), Service(2, 0, 30)],
        [Service(2, 1, 30)],
    ]


def test_a_valid_solution_scores_the_papers_objective():
    result = evaluate(two_patients(), good_routes())
    assert result.feasible, result.violations
    # Staff 0: 3 + 5 + 4 = 12, staff 1: 4 + 4 = 8; tardiness 0 + 5 + 5 (each service of the double).
    assert (result.distance, result.total_tardiness, result.max_tardiness) == (20, 10, 5)
    assert result.objective == pytest.approx((20 + 10 + 5) / 3)


def test_a_missing_service_and_an_unqualified_carer_are_caught():
    routes = good_routes()
    routes[1] = []
    assert "patient 2 service 1: done 0 times, needs 1" in evaluate(two_patients(), routes).violations
    swapped = [[Service(1, 0, 3), Service(2, 1, 30)], [Service(2, 0, 30)]]
    assert "carer 0 patient 2 service 1: carer not qualified" in evaluate(two_patients(), swapped).violations


def test_a_start_before_travel_allows_and_an_unsynchronised_double_are_caught():
    routes = good_routes()
    routes[0][1] = Service(2, 0, 15)
    violations = evaluate(two_patients(), routes).violations
    assert any("starts at 15.00, cannot start before 20.00" in v for v in violations)
    assert any("patient 2: second service starts 15.00 after the first, allowed 0-0" in v for v in violations)


def test_a_precedence_gap_outside_its_bounds_is_caught():
    instance = two_patients()
    precedence = HhcInstance(**{**instance.__dict__, "min_gap": (0, 0, 5, 0), "max_gap": (0, 0, 8, 0)})
    routes = good_routes()
    routes[1] = [Service(2, 1, 36)]
    assert evaluate(precedence, routes).feasible
    routes[1] = [Service(2, 1, 40)]
    assert any("starts 10.00 after the first, allowed 5-8" in v for v in evaluate(precedence, routes).violations)
