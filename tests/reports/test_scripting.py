"""solve-file and the published schemas: examples validate, bad files are refused by field with
nothing written, a solved file passes the rule checker."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.rules import check_rota
from roster.scripting.problem import read_problem
from roster.scripting.schema import PROBLEM_SCHEMA, SCHEMAS, SOLUTION_SCHEMA, validate
from roster.scripting.solution import rota_from_solution

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


@pytest.mark.parametrize("which", ["problem", "solution"])
def test_published_schema_is_the_one_in_the_code(which):
    published = json.loads((ROOT / "docs" / "schema" / f"{which}.schema.json").read_text())
    assert published == json.loads(json.dumps(SCHEMAS[which])), f"run: roster schema {which} > docs/schema/{which}.schema.json"


def test_examples_validate():
    for path in EXAMPLES.glob("*.problem.json"):
        assert validate(json.loads(path.read_text()), PROBLEM_SCHEMA) == [], path.name
    for path in EXAMPLES.glob("*.solution.json"):
        assert validate(json.loads(path.read_text()), SOLUTION_SCHEMA) == [], path.name


def test_example_solution_is_a_valid_rota_of_the_example_problem():
    provider, _ = read_problem(json.loads((EXAMPLES / "small.problem.json").read_text()))
    rota = rota_from_solution(json.loads((EXAMPLES / "small.solution.json").read_text()))
    assert check_rota(provider, rota).is_clean


def _solve(tmp_path, document, *extra):
    problem = tmp_path / "problem.json"
    problem.write_text(document if isinstance(document, str) else json.dumps(document))
    out = tmp_path / "solution.json"
    result = CliRunner().invoke(cli, ["solve-file", str(problem), "-o", str(out), "--time-limit", "1",
                                      "--workers", "1", "-q", *extra])
    return result, out


def test_solve_file_writes_a_checked_solution(tmp_path):
    document = json.loads((EXAMPLES / "small.problem.json").read_text())
    result, out = _solve(tmp_path, document)
    assert result.exit_code == 0, result.output
    solution = json.loads(out.read_text())
    assert validate(solution, SOLUTION_SCHEMA) == []
    assert solution["status"] == "covered"
    provider, _ = read_problem(document)
    assert check_rota(provider, rota_from_solution(solution)).is_clean
    assert solution["report"]["summary"]["visits_covered"] == 6


def test_solve_file_on_a_missing_field_names_it_and_writes_nothing(tmp_path):
    document = json.loads((EXAMPLES / "small.problem.json").read_text())
    del document["schedules"][3]["duration"]
    result, out = _solve(tmp_path, document)
    assert result.exit_code == 4
    assert "schedules[3]" in result.output and "duration" in result.output
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


def test_solve_file_on_broken_json_names_line_and_writes_nothing(tmp_path):
    result, out = _solve(tmp_path, '{"format": "carer-roster/problem",\n "version": 1,,}')
    assert result.exit_code == 4
    assert "line 2" in result.output
    assert not out.exists()


def test_solve_file_reports_uncovered_with_exit_3(tmp_path):
    document = json.loads((EXAMPLES / "small.problem.json").read_text())
    document["schedules"][0]["skills"] = ["peg"]
    result, out = _solve(tmp_path, document)
    assert result.exit_code == 3, result.output
    solution = json.loads(out.read_text())
    assert [u["visit_id"] for u in solution["uncovered"]] == ["S1@2026-11-23"]
    assert solution["uncovered"][0]["reason"] == "no_skilled_carer"
    assert solution["report"]["summary"]["visits_uncovered"] == 1
