"""The independent float checker: accepts a known-good solution, catches each kind of break."""

import pytest

from bench.vrptw.check import check_routes
from bench.vrptw.instance import VrptwInstance, read_vrptw
from bench.vrptw.scaling import SCALE, to_integers


def tiny() -> VrptwInstance:
    """Depot at the origin, customers 1 and 2 on a line, customer 3 above the depot."""
    return VrptwInstance(
        name="TINY", vehicles=2, capacity=10,
        x=(0, 3, 6, 0), y=(0, 0, 0, 4),
        demand=(0, 4, 4, 4), ready=(0, 0, 0, 0), due=(100, 10, 20, 50), service=(0, 1, 1, 1),
    )


def test_a_good_solution_passes_with_distance_in_double_precision():
    check = check_routes(tiny(), [[1, 2], [3]])
    assert check.feasible, check.violations
    assert check.vehicles == 2
    assert check.distance == pytest.approx(12 + 8)


def test_a_missing_customer_is_caught():
    check = check_routes(tiny(), [[1, 2]])
    assert check.violations == ("customer 3: not served",)


def test_a_customer_served_twice_is_caught():
    check = check_routes(tiny(), [[1, 2], [3, 1]])
    assert "customer 1: served 2 times" in check.violations


def test_a_closed_window_is_caught():
    late = VrptwInstance(**{**tiny().__dict__, "due": (100, 10, 5, 50)})
    check = check_routes(late, [[1, 2], [3]])
    assert any("customer 2: service starts at 7.000, window closes at 5" in v for v in check.violations)


def test_waiting_for_a_window_to_open_is_allowed_and_counted_in_time():
    early = VrptwInstance(**{**tiny().__dict__, "ready": (0, 8, 0, 0), "due": (100, 10, 9, 50)})
    check = check_routes(early, [[1, 2], [3]])
    # Customer 1 starts at 8, ends at 9, customer 2 is reached at 12 > 9.
    assert any(v.startswith("route 0: customer 2") for v in check.violations)


def test_capacity_fleet_and_depot_closing_are_caught():
    instance = tiny()
    assert any("over capacity" in v for v in check_routes(instance, [[1, 2, 3]]).violations)
    assert any("3 routes, fleet is 2" in v for v in check_routes(instance, [[1], [2], [3]]).violations)
    closing = VrptwInstance(**{**instance.__dict__, "due": (10, 10, 20, 50)})
    assert any("back at the depot" in v for v in check_routes(closing, [[1, 2], [3]]).violations)


def test_scaled_travel_is_never_shorter_than_float_travel(benchmarks):
    instance = read_vrptw(benchmarks / "solomon" / "R101.txt")
    data = to_integers(instance)
    nodes = range(len(instance.x))
    assert all(data.travel[i][j] >= instance.distance(i, j) * SCALE for i in nodes for j in nodes)
    assert all(abs(data.cost[i][j] - instance.distance(i, j) * SCALE) <= 0.5 for i in nodes for j in nodes)
