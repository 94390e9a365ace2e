"""Hours and cost by funder: each package's funder (or its referral's usual one), lines that add
up to the week, the UCR line against its budget."""

import csv
import dataclasses
import io

from click.testing import CliRunner

from roster.cli.main import cli
from roster.domain import Funder
from roster.planning.report import report_of
from roster.reports.tables import funder_rows
from roster.store import load_provider, open_db, replace_provider, save_rota

from .fixtures import small_provider, small_rota


def test_a_package_is_paid_by_its_funder_or_its_referrals_usual_one():
    k1, k2 = small_provider().packages
    assert (k1.paid_by, k2.paid_by) == (Funder.COUNCIL_CORE, Funder.UCR)
    assert dataclasses.replace(k1, funder=Funder.HEALTH_BOARD).paid_by is Funder.HEALTH_BOARD


def test_funder_lines_add_up_to_the_week():
    provider, rota = small_provider(), small_rota()
    report = report_of(provider, rota)
    lines = {f.funder: f for f in report.funders}
    assert set(lines) == {Funder.COUNCIL_CORE, Funder.UCR}
    # K1 (P1): S1 45 + S2 15 + S5 30 + S6 30 = 120; K2 (P2, UCR): S3 double-up 2 x 30, S4 uncovered
    assert lines[Funder.COUNCIL_CORE].delivered_minutes == 120
    assert (lines[Funder.UCR].delivered_minutes, lines[Funder.UCR].visits, lines[Funder.UCR].visits_covered) == (60, 2, 1)
    assert sum(f.delivered_minutes for f in report.funders) == report.scheduled_minutes
    assert abs(sum(f.pay_pence for f in report.funders) - report.pay_pence) <= len(report.funders)
    assert lines[Funder.UCR].commissioned_minutes == report.ucr_budget_minutes
    assert lines[Funder.COUNCIL_CORE].billed_pence == round(120 * report.contract_rate_pence / 60)
    rows = funder_rows(report)
    assert rows[-1]["funder"] == "all" and rows[-1]["delivered_h"] == 3.0


def test_report_section_by_funder_from_a_stored_week(db_path):
    provider = small_provider()
    k1, k2 = provider.packages
    provider = dataclasses.replace(provider, packages=(dataclasses.replace(k1, funder=Funder.HEALTH_BOARD), k2))
    db = open_db(db_path)
    replace_provider(db, provider)
    save_rota(db, small_rota())
    assert load_provider(db).packages[0].funder is Funder.HEALTH_BOARD
    db.close()
    result = CliRunner().invoke(cli, ["report", "--week", "2026-W48", "--section", "funders", "--csv", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["funder"] for r in rows] == ["health_board", "ucr", "all"]
    assert rows[0]["delivered_h"] == "2.0" and rows[1]["commissioned_h"] == "100.0"
