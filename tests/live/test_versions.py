"""Publish, list, compare and restore versions; the commands end to end, with the audit log."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.planning import events as ev
from roster.planning.repair import apply_repair, load_for_repair, plan_repair
from roster.planning.versions import diff, load, publish, restore, versions
from roster.store import load_rota, load_version

from .conftest import MONDAY, TUESDAY, at

WEEK = "2026-W48"


def busiest(rota, but=()):
    counts = {}
    for a in rota.assignments:
        if a.date == TUESDAY and a.carer_id not in but:
            counts[a.carer_id] = counts.get(a.carer_id, 0) + 1
    return max(sorted(counts), key=counts.get)


def repair_sick(db, carer):
    ev.record_absence(db, carer, at(TUESDAY, "06:00"), at(TUESDAY + dt.timedelta(days=1), "00:00"), by="x")
    provider, rota, revision, events = load_for_repair(db, TUESDAY)
    outcome = plan_repair(provider, rota, TUESDAY, 6 * 60, events)
    apply_repair(db, outcome, expected_revision=revision, by="x")
    return outcome


def test_publish_diff_and_restore(live_db, demo):
    sick = busiest(demo.planted)
    assert publish(live_db, MONDAY, "first", by="lead").version == 1
    outcome = repair_sick(live_db, sick)
    assert versions(live_db, MONDAY)[-1]["unpublished_changes"] is True
    assert publish(live_db, MONDAY, "off sick", by="lead").version == 2
    changes = {c.carer_id: c for c in diff(load(live_db, MONDAY, 1), load(live_db, MONDAY, 2))}
    sick_visits = {c.visit_id for c in outcome.changes if sick in c.before}
    assert sick_visits and {a.visit_id for a in changes[sick].removed} == sick_visits
    added = {a.visit_id for carer, c in changes.items() if carer != sick for a in c.added}
    assert sick_visits & {a.visit_id for a in outcome.rota.assignments} <= added
    # Undo: version 1 published again as version 3, and the draft follows. Version 1 still has
    # the sick carer on their visits: only a forced restore, with a note, publishes it.
    assert restore(live_db, MONDAY, 1, by="lead", force_note="carer back after all").version == 3
    assert set(load_version(live_db, MONDAY, 3).assignments) == set(load_version(live_db, MONDAY, 1).assignments)
    assert set(load_rota(live_db, MONDAY).assignments) == set(load_version(live_db, MONDAY, 1).assignments)
    assert diff(load(live_db, MONDAY, 1), load(live_db, MONDAY, 3)) == []
    assert [r["version"] for r in versions(live_db, MONDAY)] == [1, 2, 3, "draft"]


def test_restore_refuses_to_drop_unpublished_changes(live_db, demo):
    first = busiest(demo.planted)
    publish(live_db, MONDAY, "first", by="lead")
    repair_sick(live_db, first)
    publish(live_db, MONDAY, "second", by="lead")
    repair_sick(live_db, busiest(demo.planted, but=(first,)))
    with pytest.raises(ValueError, match="unpublished changes"):
        restore(live_db, MONDAY, 1, by="lead")
    assert restore(live_db, MONDAY, 1, by="lead", force=True, force_note="undo").version == 3


def test_commands_end_to_end(live_db, tmp_path, demo):
    sick = busiest(demo.planted)
    path = str(tmp_path / "live.db")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, [*args, "--db", path], catch_exceptions=False)

    assert run("publish", "--week", WEEK, "--note", "as planted").exit_code == 0
    result = run("event", "sick", "--carer", sick, "--from", "2026-11-24T06:00", "--to", "2026-11-25T00:00",
                 "--by", "coordinator-d")
    assert result.exit_code == 0 and "recorded" in result.output
    result = run("event", "ucr", "--client", "P0007", "--at", "2026-11-24T10:30", "--duration", "30", "--by", "d")
    assert result.exit_code == 0 and "by 12:30" in result.output
    result = run("repair", "--date", "2026-11-24", "--now", "06:00", "--json", "--by", "coordinator-d")
    document = json.loads(result.stdout)
    assert result.exit_code in (0, 3)
    assert document["ucr"][0]["in_time"] and document["new_violations"] == []
    assert all(c["why"] for c in document["changes"])
    assert run("publish", "--week", WEEK, "--note", "sick").exit_code == 0
    result = run("diff", "--week", WEEK, "1", "2", "--json")
    rows = json.loads(result.stdout)
    assert {r["change"] for r in rows if r["carer"] == sick} == {"removed"}
    assert any(r["visit"].startswith("SU0001@") and r["change"] == "added" for r in rows)
    result = run("versions", "--week", WEEK, "--json")
    assert [r["version"] for r in json.loads(result.stdout)] == [1, 2, "draft"]
    assert run("restore", "--week", WEEK, "--version", "1").exit_code == 7, "the sick carer is on version 1"
    assert run("restore", "--week", WEEK, "--version", "1", "--force", "--note", "sickness withdrawn").exit_code == 0
    audit = json.loads(run("audit", "--week", WEEK, "--json").stdout)
    assert [a["action"] for a in audit] == ["publish", "event", "event", "repair", "publish", "restore"]
    assert "sickness withdrawn" in audit[-1]["detail"]
    assert audit[1]["who"] == "coordinator-d"
    events = json.loads(run("event", "list", "--json").stdout)
    assert [e["kind"] for e in events] == ["absence", "ucr"]


def test_command_bad_input_and_missing_week(live_db, tmp_path):
    path = str(tmp_path / "live.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["event", "sick", "--carer", "C999", "--from", "2026-11-24T06:00", "--to",
                                 "2026-11-25T00:00", "--db", path])
    assert result.exit_code == 6 and "carer C999" in result.stderr
    result = runner.invoke(cli, ["event", "sick", "--carer", "C001", "--from", "tuesday", "--to", "x", "--db", path])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["repair", "--date", "2027-01-05", "--db", path])
    assert result.exit_code == 6 and "no rota" in result.stderr
    result = runner.invoke(cli, ["diff", "--week", WEEK, "1", "2", "--db", path])
    assert result.exit_code == 6
