"""Nothing unsafe is published without a word, nothing is recorded twice, and bad times and
names are refused at the edge: the commands as a coordinator types them."""

import dataclasses
import json

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.planning.safety import UnsafeRota
from roster.planning.versions import publish
from roster.store import draft_revision, load_rota, published_versions, save_rota

from .conftest import MONDAY

WEEK = "2026-W48"


@pytest.fixture
def run(live_db, tmp_path):
    path = str(tmp_path / "live.db")
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*args, "--db", path])
    return invoke


def half_a_double_up(db):
    """The draft with one carer taken off a double-up (a hoist visit left with one carer)."""
    draft = load_rota(db, MONDAY)
    counts = {}
    for a in draft.assignments:
        counts[a.visit_id] = counts.get(a.visit_id, 0) + 1
    lone = next(a for a in draft.assignments if counts[a.visit_id] == 2)
    save_rota(db, dataclasses.replace(draft, assignments=tuple(a for a in draft.assignments if a != lone)),
              expected_revision=draft_revision(db, MONDAY))
    return lone


def test_publish_refuses_new_hard_violations_and_names_each(live_db, run):
    assert run("publish", "--week", WEEK, "--note", "as planted").exit_code == 0
    lone = half_a_double_up(live_db)
    result = run("publish", "--week", WEEK, "--note", "short a carer")
    assert result.exit_code == 7
    lines = result.stderr.splitlines()
    assert "hard rule violations the published version 1 does not have" in lines[0]
    assert any(line.strip().startswith(f"carer_count: visit {lone.visit_id}, carer -, {lone.date}") for line in lines)
    assert "--force --note" in result.stderr
    assert [r["version"] for r in published_versions(live_db, MONDAY)] == [1], "nothing published"


def test_forced_publish_needs_a_note_and_the_audit_log_keeps_it(live_db, run):
    run("publish", "--week", WEEK, "--note", "as planted")
    half_a_double_up(live_db)
    assert run("publish", "--week", WEEK, "--note", " ", "--force").exit_code == 2
    result = run("publish", "--week", WEEK, "--note", "second carer confirmed by phone", "--force")
    assert result.exit_code == 0 and "version 2" in result.stdout and "forced" in result.stdout
    audit = json.loads(run("audit", "--week", WEEK, "--json").stdout)
    assert audit[-1]["action"] == "publish"
    assert "forced past 1 new hard violations (carer_count): second carer confirmed by phone" in audit[-1]["detail"]


def test_the_core_refusal_carries_the_violations(live_db):
    publish(live_db, MONDAY, "as planted", by="lead")
    lone = half_a_double_up(live_db)
    with pytest.raises(UnsafeRota) as refused:
        publish(live_db, MONDAY, "short", by="lead")
    assert [(v.rule, v.visit_id) for v in refused.value.violations] == [("carer_count", lone.visit_id)]
    assert refused.value.against == 1 and str(refused.value) == refused.value.message


def test_publishing_an_unchanged_draft_publishes_nothing(live_db, run):
    assert run("publish", "--week", WEEK, "--note", "first").exit_code == 0
    result = run("publish", "--week", WEEK, "--note", "again")
    assert result.exit_code == 0
    assert "nothing changed since version 1" in result.stdout
    assert [r["version"] for r in published_versions(live_db, MONDAY)] == [1]
    audit = json.loads(run("audit", "--week", WEEK, "--json").stdout)
    assert [a["action"] for a in audit] == ["publish"]


def test_restoring_the_version_carers_already_see_publishes_nothing(live_db, run):
    assert run("publish", "--week", WEEK, "--note", "first").exit_code == 0
    result = run("restore", "--week", WEEK, "--version", "1")
    assert result.exit_code == 0, result.output
    assert "nothing changed since version 1" in result.output
    assert [r["version"] for r in published_versions(live_db, MONDAY)] == [1]


def test_the_same_sickness_twice_is_refused(live_db, run):
    sick = ["event", "sick", "--carer", "C001", "--from", "2026-11-24T07:00", "--to", "2026-11-25T00:00"]
    assert run(*sick).exit_code == 0
    result = run(*sick)
    assert result.exit_code == 4 and "carer C001: absence: already away (sickness)" in result.stderr
    overlapping = run("event", "sick", "--carer", "C001", "--from", "2026-11-24T12:00", "--to", "2026-11-26T00:00")
    assert overlapping.exit_code == 4
    assert run("event", "sick", "--carer", "C001", "--from", "2026-11-26T07:00", "--to",
               "2026-11-27T00:00").exit_code == 0, "another day away is another absence"
    events = json.loads(run("event", "list", "--json").stdout)
    assert len(events) == 2


def test_the_same_ucr_call_twice_is_refused(live_db, run):
    call = ["event", "ucr", "--client", "P0007", "--at", "2026-11-24T10:30"]
    assert run(*call).exit_code == 0
    result = run(*call)
    assert result.exit_code == 4 and "client P0007: ucr:" in result.stderr and "recorded already" in result.stderr
    assert run("event", "ucr", "--client", "P0007", "--at", "2026-11-24T15:00").exit_code == 0, "a later call"
    assert len(json.loads(run("event", "list", "--json").stdout)) == 2


def test_times_and_names_are_checked_at_the_edge(live_db, run):
    result = run("repair", "--date", "2026-11-24", "--now", "25:00")
    assert result.exit_code == 2 and "--now" in result.stderr and "'25:00' is not a time of day" in result.stderr
    assert load_rota(live_db, MONDAY) is not None and draft_revision(live_db, MONDAY) == 1, "nothing saved"
    result = run("diff", "--week", WEEK, "x", "2")
    assert result.exit_code == 2 and "'x' is not a version" in result.stderr
    assert "Traceback" not in result.output and "invalid literal" not in result.output
    result = run("diff", "--week", WEEK, "draft", "9")
    assert result.exit_code == 6 and "no published version 9" in result.stderr
    result = run("restore", "--week", WEEK, "--version", "9")
    assert result.exit_code == 6 and "no published version 9" in result.stderr
    result = run("event", "ucr", "--client", "P9999", "--at", "2026-11-24T10:30")
    assert result.exit_code == 6 and "client P9999: id: no such client" in result.stderr
    result = run("event", "sick", "--carer", "C999", "--from", "2026-11-24T07:00", "--to", "2026-11-25T00:00")
    assert result.exit_code == 6 and "carer C999" in result.stderr


def test_restore_refuses_a_version_with_a_sick_carer_still_on_it(live_db, run):
    from .test_versions import busiest, repair_sick

    sick = busiest(load_rota(live_db, MONDAY))
    run("publish", "--week", WEEK, "--note", "as planted")
    repair_sick(live_db, sick)
    assert run("publish", "--week", WEEK, "--note", "off sick").exit_code == 0
    result = run("restore", "--week", WEEK, "--version", "1")
    assert result.exit_code == 7
    assert "not published: version 1 has" in result.stderr and "the published version 2 does not have" in result.stderr
    named = [line for line in result.stderr.splitlines() if line.strip().startswith("not_absent: visit ")]
    assert named and all(f"carer {sick}, 2026-11-24:" in line for line in named)
    assert run("restore", "--week", WEEK, "--version", "1", "--force").exit_code == 2, "a force needs a note"
    assert [r["version"] for r in published_versions(live_db, MONDAY)] == [1, 2]


def test_repair_names_a_new_violation_it_could_not_avoid_and_exits_7(live_db, run, monkeypatch):
    import roster.planning.repair as repair_core

    real = repair_core.plan_repair

    def left_one(*args, **kw):
        return dataclasses.replace(real(*args, **kw), new_violations=("carer C001: break: no 20-minute break",))

    monkeypatch.setattr(repair_core, "plan_repair", left_one)
    result = run("repair", "--date", "2026-11-24", "--now", "06:00")
    assert result.exit_code == 7
    assert "new violation: carer C001: break: no 20-minute break" in result.stderr
