"""The Solomon / Homberger readers on every real file, and the BKS tables beside them."""

import pytest

from bench.vrptw.instance import FormatError, read_bks, read_vrptw
from bench.vrptw.sets import SETS


@pytest.mark.parametrize("name, files, customers, fleets", [
    ("solomon", 56, 100, {25}),
    ("homberger", 60, 200, {50}),
])
def test_every_file_of_the_set_parses_with_the_right_counts(benchmarks, name, files, customers, fleets):
    paths = SETS[name].instance_paths()
    assert len(paths) == files
    for path in paths:
        instance = read_vrptw(path)
        assert instance.name.upper() == path.stem.upper()
        assert instance.customers == customers
        assert instance.vehicles in fleets
        assert instance.demand[0] == 0 and all(d > 0 for d in instance.demand[1:])
        # The depot's window encloses every customer's: otherwise the file was misread.
        assert all(instance.ready[0] <= r <= d <= instance.due[0] for r, d in zip(instance.ready, instance.due))


def test_c101_first_customer_matches_the_file(benchmarks):
    c101 = read_vrptw(benchmarks / "solomon" / "C101.txt")
    assert (c101.vehicles, c101.capacity) == (25, 200)
    assert (c101.x[1], c101.y[1], c101.demand[1], c101.ready[1], c101.due[1], c101.service[1]) == (
        45, 68, 10, 912, 967, 90)
    assert c101.due[0] == 1236


@pytest.mark.parametrize("name", ["solomon", "homberger"])
def test_every_instance_has_a_best_known_solution(benchmarks, name):
    bench_set = SETS[name]
    table = bench_set.bks()
    assert {p.stem.upper() for p in bench_set.instance_paths()} == set(table)
    assert all(b.distance > 0 and b.vehicles > 0 for b in table.values())


def test_distance_only_bks_never_uses_fewer_vehicles_or_more_distance(benchmarks):
    vehicles_first = read_bks(benchmarks / "solomon" / "bks.csv")
    distance_only = read_bks(benchmarks / "solomon" / "bks_distance_only.csv")
    assert distance_only["R101"].vehicles == 20 and distance_only["R101"].distance == 1642.88
    for name, best in distance_only.items():
        assert best.distance <= vehicles_first[name].distance + 0.01
        assert best.vehicles >= vehicles_first[name].vehicles


def test_a_truncated_customer_row_is_refused_with_its_number(tmp_path, benchmarks):
    text = (benchmarks / "solomon" / "C101.txt").read_text().splitlines()
    text[12] = " ".join(text[12].split()[:5])
    broken = tmp_path / "C101.txt"
    broken.write_text("\n".join(text))
    with pytest.raises(FormatError, match="row 3 has 5 fields"):
        read_vrptw(broken)
