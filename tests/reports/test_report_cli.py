"""`roster report` on a stored week: the same figures as the function, in each output format."""

import csv
import io
import json

from click.testing import CliRunner

from roster.cli.main import cli
from roster.store import open_db, replace_provider, save_rota

from .fixtures import small_provider, small_rota


def _seeded(db_path):
    db = open_db(db_path)
    replace_provider(db, small_provider())
    save_rota(db, small_rota())
    db.close()


def test_report_json_has_every_section(db_path):
    _seeded(db_path)
    result = CliRunner().invoke(cli, ["report", "--week", "2026-W48", "--json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["summary"]["visits_uncovered"] == 1
    assert document["summary"]["hours_scheduled"] == 3.0
    assert [c["carer"] for c in document["carers"]] == ["C1", "C2"]
    assert document["uncovered"][0]["reason"] == "no_carer_free"


def test_report_csv_carers_section(db_path):
    _seeded(db_path)
    result = CliRunner().invoke(cli, ["report", "--week", "2026-W48", "--csv", "--section", "carers", "--db", str(db_path)])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[1]["carer"] == "C2" and rows[1]["effective_gbp_h"] == "12.0" and rows[1]["below_nlw"] == "yes"


def test_report_on_a_missing_week_exits_not_found(db_path):
    _seeded(db_path)
    result = CliRunner().invoke(cli, ["report", "--week", "2026-W49", "--db", str(db_path)])
    assert result.exit_code == 6
    assert "no draft rota" in result.output


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_runsheet_calendar_and_payroll_commands(db_path, tmp_path):
    _seeded(db_path)
    db = ["--db", str(db_path), "--week", "2026-W48", "--status", "draft"]
    result = _run("runsheet", *db, "--html", "-o", str(tmp_path / "sheets"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "sheets").iterdir()) == ["2026-W48-C1.html", "2026-W48-C2.html"]
    result = _run("calendar", *db, "--carer", "C2", "-o", str(tmp_path / "ics"))
    assert result.exit_code == 0 and (tmp_path / "ics" / "2026-W48-C2.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    result = _run("payroll", *db, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["carer_id"] for r in rows] == ["C1", "C2"] and rows[1]["gross_pay_gbp"] == "6.0"
    assert _run("runsheet", "--db", str(db_path), "--week", "2026-W48").exit_code == 6  # nothing published yet


def test_pseudonymised_export_solves_as_a_file(db_path, tmp_path):
    _seeded(db_path)
    problem, rota = tmp_path / "shared.json", tmp_path / "shared.solution.json"
    result = _run("export-problem", "--db", str(db_path), "--week", "2026-W48", "--pseudonymise", "--seed", "5",
                  "-o", str(problem), "--rota", str(rota))
    assert result.exit_code == 0, result.output
    assert "--seed has no effect" in result.output
    assert "Client One" not in problem.read_text() and "Client One" not in rota.read_text()
    shared = json.loads(problem.read_text())
    assert shared["version"] == 2 and len(shared["travel"]["metres"]) == 4
    assert json.loads(rota.read_text())["report"]["summary"] == \
        json.loads(_run("report", "--db", str(db_path), "--week", "2026-W48", "--json").output)["summary"]
    result = _run("solve-file", str(problem), "--time-limit", "1", "--workers", "1", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["status"] == "covered"
    result = _run("export-problem", "--db", str(db_path), "--week", "2026-W48", "--pseudonymise", "--jitter-m", "300")
    assert result.exit_code == 2 and "--jitter-m" in result.output
