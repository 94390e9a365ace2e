"""Several seeds of our solver per instance: the per-instance target against VROOM is a chance,
so the runner can measure it as how many runs of each instance fall behind."""

import json

import pytest

from bench.vrptw.__main__ import main as vrptw_main
from bench.vrptw.__main__ import seed_list
from bench.vrptw.report import summary_lines
from bench.vrptw.run import Outcome


def outcome(instance: str, solver: str, distance: float | None, seed: int | None = None) -> Outcome:
    return Outcome(instance, solver, 10, distance, None, 1.0, (), "", seed)


def test_seed_lists_read_ranges_and_single_seeds():
    assert seed_list("1-4,9") == (1, 2, 3, 4, 9)
    assert seed_list("3,3,5") == (3, 5)


@pytest.mark.parametrize("text", ["one", "4-x", ""])
def test_a_bad_seed_list_is_refused_naming_the_option(text, capsys):
    with pytest.raises(SystemExit) as stopped:
        vrptw_main(["--instances", "C101", "--solvers", "ours", "--seeds", text])
    assert stopped.value.code == 2
    assert "--seeds" in capsys.readouterr().err


def test_with_several_seeds_the_summary_counts_the_runs_behind_vroom_per_instance():
    outcomes = [
        outcome("RC108", "ours", 1134.85, 1), outcome("RC108", "ours", 1117.53, 2),
        outcome("RC108", "ours", 1137.00, 3), outcome("RC108", "vroom", 1121.26),
        outcome("R112", "ours", 962.0, 1), outcome("R112", "ours", None, 2),
        outcome("R112", "ours", 968.0, 3), outcome("R112", "vroom", 967.9),
    ]
    line = next(s for s in summary_lines(outcomes) if "worse than VROOM" in s)
    assert line == ("ours > 0.5% worse than VROOM in 3 of 6 runs (2 instances x 3 seeds): "
                    "RC108 in 2 (worst +1.40%), R112 in 1")


def test_with_one_seed_the_summary_names_each_instance_behind():
    outcomes = [outcome("RC108", "ours", 1134.85, 1), outcome("RC108", "vroom", 1121.26),
                outcome("C101", "ours", 828.94, 1), outcome("C101", "vroom", 828.94)]
    line = next(s for s in summary_lines(outcomes) if "worse than VROOM" in s)
    assert line == "ours > 0.5% worse than VROOM on 1 of 2 instances: RC108 (+1.21%)"


def test_each_seed_is_a_checked_run_of_its_own(benchmarks, tmp_path):
    pytest.importorskip("solver.solve")
    out = tmp_path / "out.json"
    assert vrptw_main(["--instances", "C101", "--time-limit", "0.5", "--solvers", "ours",
                       "--seeds", "1-2", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["settings"]["seeds"] == [1, 2]
    assert [(o["solver"], o["seed"]) for o in data["outcomes"]] == [("ours", 1), ("ours", 2)]
    assert all(o["distance"] is not None and not o["violations"] for o in data["outcomes"])
