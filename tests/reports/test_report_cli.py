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
