"""`roster rota export` / `roster rota import`: the rota out as a table and a rota made elsewhere
back in as the draft, judged by the same checker."""

import csv
import io
import json

from click.testing import CliRunner

from roster.cli.main import cli
from roster.domain import RotaStatus
from roster.rules import check_rota
from roster.store import load_provider, load_rota, open_db, replace_provider, save_rota

from .fixtures import MONDAY, small_provider, small_rota

WEEK = "2026-W48"


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _provider_only(path):
    db = open_db(path)
    replace_provider(db, small_provider())
    db.close()


def _seeded(path):
    _provider_only(path)
    db = open_db(path)
    save_rota(db, small_rota())
    db.close()


def _export(path, fmt="--csv"):
    result = _run("rota", "export", "--week", WEEK, fmt, "--db", path)
    assert result.exit_code == 0, result.output
    return result.output


def test_export_is_one_row_per_carer_per_visit_with_travel_break_and_partner(db_path):
    _seeded(db_path)
    rows = list(csv.DictReader(io.StringIO(_export(db_path))))
    assert len(rows) == len(small_rota().assignments)
    c1 = [r for r in rows if r["carer"] == "C1" and r["date"] == MONDAY.isoformat()]
    assert [r["visit"].split("@")[0] for r in c1] == ["S1", "S3", "S2", "S5"]
    double = {r["carer"]: r for r in rows if r["visit"].startswith("S3")}
    assert double["C1"]["partner"] == "C2" and double["C2"]["partner"] == "C1"
    lunch = c1[2]
    assert (lunch["break_start"], lunch["break_min"]) == ("10:30", "20")
    assert c1[0]["start"] == "08:30" and c1[0]["end"] == "09:15" and c1[0]["call"] == "morning"
    assert int(c1[0]["travel_before_min"]) > 0  # from home
    assert all(r["break_start"] == "" for r in rows if r is not lunch)


def _round_trip(tmp_path, source, fmt, suffix):
    file = tmp_path / f"rota{suffix}"
    file.write_text(_export(source, fmt))
    target = tmp_path / "fresh.db"
    _provider_only(target)
    result = _run("rota", "import", file, "--week", WEEK, "--db", target)
    assert result.exit_code == 0, result.output
    db = open_db(target)
    return load_rota(db, MONDAY, RotaStatus.DRAFT), load_provider(db)


def test_round_trip_through_csv_and_json_gives_the_same_rota_and_the_same_check(db_path, tmp_path):
    _seeded(db_path)
    original = small_rota()
    expected = check_rota(small_provider(), original)
    for fmt, suffix in (("--csv", ".csv"), ("--json", ".json")):
        back, provider = _round_trip(tmp_path, db_path, fmt, suffix)
        assert set(back.assignments) == set(original.assignments)
        assert set(back.breaks) == set(original.breaks)
        assert [u.visit_id for u in back.uncovered] == [u.visit_id for u in original.uncovered]
        judged = check_rota(provider, back)
        assert [str(v) for v in judged.violations] == [str(v) for v in expected.violations]
        assert judged.measures == expected.measures
        (tmp_path / "fresh.db").unlink()


def test_import_over_a_draft_is_refused_unless_replace(db_path, tmp_path):
    _seeded(db_path)
    file = tmp_path / "rota.csv"
    rows = list(csv.DictReader(io.StringIO(_export(db_path))))
    keep = [r for r in rows if not r["visit"].startswith("S5")]
    with file.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(keep)
    before = load_rota(open_db(db_path), MONDAY)
    result = _run("rota", "import", file, "--week", WEEK, "--db", db_path)
    assert result.exit_code == 4 and "--replace" in result.output
    assert load_rota(open_db(db_path), MONDAY) == before
    result = _run("rota", "import", file, "--week", WEEK, "--replace", "--db", db_path)
    assert result.exit_code == 0, result.output
    after = load_rota(open_db(db_path), MONDAY)
    assert len(after.assignments) == len(before.assignments) - 1
    assert {u.visit_id for u in after.uncovered} == {"S4@2026-11-23", "S5@2026-11-23"}
    report = check_rota(small_provider(), after)
    assert report.measures.covered == report.measures.visits - 2


def test_every_bad_row_is_named_by_line_and_field_and_nothing_is_written(db_path, tmp_path):
    _provider_only(db_path)
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps([
        {"date": "2026-11-23", "carer": "C1", "visit": "S1@2026-11-23", "start": "08:30", "end": "09:15"},
        {"date": "2026-11-23", "carer": "C9", "visit": "S2@2026-11-23", "start": "12:00", "end": "12:15"},
        {"date": "2026-11-23", "carer": "C1", "visit": "S7@2026-11-23", "start": "12:00", "end": "12:15"},
        {"date": "2026-11-24", "carer": "C1", "visit": "S5@2026-11-23", "start": "19:30", "end": "20:00"},
        {"date": "2026-11-23", "carer": "C2", "visit": "S3@2026-11-23", "start": "9.30", "end": "10:00"},
        {"date": "2026-11-23", "carer": "C1", "visit": "S3@2026-11-23", "start": "10:00", "end": "09:30"},
        {"date": "2026-11-23", "carer": "C1", "visit": "S1@2026-11-23", "start": "08:30", "end": "09:15"},
        {"date": "2026-11-23", "carer": "", "visit": "S4@2026-11-23", "start": "16:00", "end": "16:20"},
    ], indent=1))
    result = _run("rota", "import", file, "--week", WEEK, "--db", db_path)
    assert result.exit_code == 4
    lines = [line for line in result.output.splitlines() if line.startswith("theirs.json:")]
    fields = [line.split(": ")[1] for line in lines]
    assert fields == ["carer", "visit", "date", "start", "end", "visit", "carer"]
    assert all(line.split(":")[1].isdigit() for line in lines)
    assert "'C9' is not a known carer" in result.output and "'9.30' is not a time" in result.output
    assert load_rota(open_db(db_path), MONDAY) is None


def test_a_missing_rota_or_database_is_not_found(db_path, tmp_path):
    _provider_only(db_path)
    assert _run("rota", "export", "--week", WEEK, "--db", db_path).exit_code == 6
    missing = tmp_path / "nowhere.db"
    assert _run("rota", "export", "--week", WEEK, "--db", missing).exit_code == 6
    assert not missing.exists()


def test_a_night_crew_comes_back_as_the_crew(tmp_path):
    from roster.domain import Assignment, Crew, Rota, Uncovered

    from tests.nights.conftest import MONDAY as NIGHT, make_provider, night_carer, night_client

    provider = make_provider([night_carer(1), night_carer(2)], [night_client(1, (23 * 60,))])
    visit = f"S001-0@{NIGHT.isoformat()}"
    others = [v.id for v in provider.visits_for_week(NIGHT) if v.id != visit]
    rota = Rota(NIGHT, (Assignment(visit, "C001", NIGHT, 23 * 60, 23 * 60 + 30),
                        Assignment(visit, "C002", NIGHT, 23 * 60, 23 * 60 + 30)),
                uncovered=tuple(Uncovered(v, "no_crew", "") for v in others),
                crews=(Crew(f"N1@{NIGHT}", NIGHT, ("C001", "C002")),))
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    for path in (source, target):
        db = open_db(path)
        replace_provider(db, provider)
        db.close()
    db = open_db(source)
    save_rota(db, rota)
    db.close()
    file = tmp_path / "night.csv"
    file.write_text(_export(source))
    assert f"N1@{NIGHT}" in file.read_text()
    assert _run("rota", "import", file, "--week", WEEK, "--db", target).exit_code == 0
    back = load_rota(open_db(target), NIGHT)
    assert back.crews == rota.crews
    assert not [v for v in check_rota(provider, back).hard if v.rule == "night_visit_by_crew"]
    assert [str(v) for v in check_rota(provider, back).hard] == [str(v) for v in check_rota(provider, rota).hard]


def test_docs_list_every_column_and_their_example_imports(db_path, tmp_path):
    import re
    from pathlib import Path

    from roster.exports.rota_table import COLUMNS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text()
    section = doc.split("## The rota table", 1)[1]
    assert re.findall(r"^\| `(\w+)` \|", section, flags=re.M) == list(COLUMNS)
    example = re.search(r"```csv rota.csv\n(.*?)```", section, flags=re.S)[1]
    (tmp_path / "rota.csv").write_text(example)
    _provider_only(db_path)
    result = _run("rota", "import", tmp_path / "rota.csv", "--week", WEEK, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert len(load_rota(open_db(db_path), MONDAY).assignments) == 3
