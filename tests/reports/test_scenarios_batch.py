"""Scenarios change a copy of the week as asked; batch solves a folder and reports each file."""

import importlib.util
import json

import pytest

from click.testing import CliRunner

from roster.cli.main import cli
from roster.planning.batch import problem_files, run_batch
from roster.planning.scenario import Scenario, apply_scenario, run_scenarios, side_by_side
from roster.scripting.problem import problem_document

from .fixtures import MONDAY, small_provider


def test_more_demand_adds_copies_of_clients_with_their_visits():
    provider = small_provider()
    bigger = apply_scenario(provider, MONDAY, Scenario(demand_percent=50, seed=1))
    assert len(bigger.clients) == 3
    new = next(c for c in bigger.clients if c.id not in {"P1", "P2"})
    source = provider.client(new.id.split("-", 1)[1])
    assert new.location == source.location and not new.preferred_carers
    assert len([v for v in bigger.visits_for_week(MONDAY) if v.client_id == new.id]) == \
        len([v for v in provider.visits_for_week(MONDAY) if v.client_id == source.id])
    assert provider.clients == small_provider().clients  # the original is untouched


def test_fewer_carers_and_skill_mix():
    provider = small_provider()
    fewer = apply_scenario(provider, MONDAY, Scenario(carers_fewer=1, seed=2))
    assert len(fewer.carers) == 1
    gone = ({"C1", "C2"} - {c.id for c in fewer.carers}).pop()
    assert all(gone not in c.preferred_carers for c in fewer.clients)
    no_hoist = apply_scenario(provider, MONDAY, Scenario(skill="hoist", skill_change=-2))
    assert all("hoist" not in c.skills for c in no_hoist.carers)


def test_new_area_places_clients_in_that_district():
    bigger = apply_scenario(small_provider(), MONDAY, Scenario(new_area="CV7", new_area_clients=2))
    new = [c for c in bigger.clients if c.id.startswith("A")]
    assert len(new) == 2 and all(c.postcode.startswith("CV7 ") for c in new)


def test_side_by_side_compares_the_unchanged_week_with_the_change():
    results = run_scenarios(small_provider(), MONDAY, [Scenario(skill="hoist", skill_change=-2)], time_limit=1, workers=1)
    rows = {r["figure"]: r for r in side_by_side(results)}
    assert list(rows["visits_uncovered"].keys()) == ["figure", "unchanged", "hoist -2 carers"]
    assert rows["visits_uncovered"]["unchanged"] == 0
    assert rows["visits_uncovered"]["hoist -2 carers"] == 1  # the double-up needs a hoist


def test_batch_solves_each_file_and_reports_the_bad_one(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(problem_document(small_provider(), MONDAY)))
    broken = problem_document(small_provider(), MONDAY)
    broken["carers"][0]["transport"] = "horse"
    (tmp_path / "b.json").write_text(json.dumps(broken))
    rows = run_batch(problem_files(tmp_path), tmp_path / "out", workers=2, time_limit=1)
    assert [(r.problem, r.status) for r in rows] == [("a.json", "covered"), ("b.json", "bad_input")]
    assert "carers[0].transport" in rows[1].detail
    solution = json.loads((tmp_path / "out" / "a.solution.json").read_text())
    assert solution["report"]["summary"]["visits_covered"] == rows[0].visits == 6
    assert not (tmp_path / "out" / "b.solution.json").exists()


def test_batch_command_exit_code_says_a_file_was_bad(tmp_path):
    (tmp_path / "b.json").write_text("{}")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--workers", "1", "--csv"])
    assert result.exit_code == 4
    assert "b.json,bad_input" in result.output


def test_batch_on_ray_without_ray_says_so(tmp_path):
    if importlib.util.find_spec("ray") is not None:
        pytest.skip("ray is installed here")
    (tmp_path / "a.json").write_text("{}")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--ray", "local"])
    assert result.exit_code == 2 and "Ray is not installed" in result.output


def test_batch_on_ray_local_mode_matches_the_process_pool(tmp_path, monkeypatch):
    pytest.importorskip("ray")
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    (tmp_path / "a.json").write_text(json.dumps(problem_document(small_provider(), MONDAY)))
    (tmp_path / "b.json").write_text("{}")
    on_ray = run_batch(problem_files(tmp_path), tmp_path / "ray", workers=1, time_limit=1, ray_address="local")
    assert [(r.problem, r.status) for r in on_ray] == [("a.json", "covered"), ("b.json", "bad_input")]
    solution = json.loads((tmp_path / "ray" / "a.solution.json").read_text())
    assert solution["report"]["summary"]["visits_covered"] == 6
