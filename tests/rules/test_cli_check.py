"""`roster check`: the rota from the database through the checker; exit codes 0, 7 and 6."""

import csv
import dataclasses
import io
import json

from click.testing import CliRunner

from roster.cli.main import cli
from roster.domain import RotaStatus
from roster.store import replace_provider, save_rota

from .builders import World


def seeded(db, *, skilled: bool, status: RotaStatus = RotaStatus.DRAFT):
    w = World()
    carer = w.carer(skills=("hoist",) if skilled else ())
    visit = w.visit(w.client(), day=1, skills=("hoist",))
    replace_provider(db, w.provider())
    save_rota(db, dataclasses.replace(w.rota(w.assign(visit, carer)), status=status))


def run(db_path, *args):
    return CliRunner().invoke(cli, ["check", "--week", "2026-W48", "--db", str(db_path), *args])


def test_a_clean_rota_exits_0_with_the_measures_summary(db, db_path):
    seeded(db, skilled=True)
    result = run(db_path)
    assert result.exit_code == 0, result.output
    assert "visits covered" in result.stdout and "1 of 1" in result.stdout
    assert "2026-W48 draft: clean" in result.stderr


def test_hard_violations_exit_7_and_are_listed_as_json(db, db_path):
    seeded(db, skilled=False)
    result = run(db_path, "--json")
    assert result.exit_code == 7
    document = json.loads(result.stdout)
    assert document["clean"] is False
    assert [v["message"] for v in document["violations"]] == ["visit S001@2026-11-24: carer C001 lacks skill hoist"]
    assert document["measures"]["covered"] == 1


def test_csv_lists_one_row_per_violation(db, db_path):
    seeded(db, skilled=False)
    result = run(db_path, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 7
    assert [(r["severity"], r["rule"], r["carer"], r["visit"]) for r in rows] == [
        ("hard", "skills", "C001", "S001@2026-11-24")
    ]


def test_status_picks_the_planted_rota_and_a_missing_rota_exits_6(db, db_path):
    seeded(db, skilled=True, status=RotaStatus.PLANTED)
    assert run(db_path, "--status", "planted").exit_code == 0
    missing = run(db_path)
    assert missing.exit_code == 6
    assert "no draft rota for 2026-W48" in missing.stderr


def test_a_missing_database_exits_6_without_creating_one(tmp_path):
    path = tmp_path / "nowhere.db"
    result = run(path)
    assert result.exit_code == 6
    assert not path.exists()
