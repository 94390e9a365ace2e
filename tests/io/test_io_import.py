"""Importing good files: what lands in the database, upsert by id, --replace, the summary line."""

import datetime as dt
import dataclasses

from roster.domain import Settings, Transport
from roster.store import load_provider, open_db, replace_provider

from io_samples import edit


def test_valid_files_land_in_the_database(seeded):
    provider = load_provider(open_db(seeded))
    assert [c.id for c in provider.carers] == ["C001", "C002", "C003"]
    carer = provider.carer("C001")
    assert (round(carer.home.lat, 3), round(carer.home.lon, 3)) == (52.405, -1.5)
    assert carer.contracted_minutes == 37 * 60 + 30 and carer.pay_pence_per_hour == 1271
    assert [(s.weekday, s.start, s.end) for s in carer.availability] == [(0, 420, 840), (0, 990, 1320), (1, 420, 840)]
    night = provider.carer("C003")
    assert night.home.lat == 52.4 and night.postcode == "" and night.transport is Transport.PUBLIC
    assert night.availability[0].end == 30 * 60 + 30
    schedule = {s.id: s for s in provider.schedules}["S002-1"]
    assert (schedule.window_start, schedule.window_end, schedule.weekdays) == (1500, 1560, frozenset(range(5)))
    client = provider.client("P001")
    assert client.access_notes == "key safe 1234, side door" and client.declined_carers == {"C002"}
    assert provider.absences[1].start == dt.datetime(2026, 5, 6, 7, 0)


def test_success_prints_counts_without_names(db_path, valid_dir, run_cli):
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert code == 0
    assert err[0].startswith("imported 3 carers (3 new, 0 updated), 2 clients (2 new, 0 updated)")
    assert "Carer A" not in err[0] and "Client 001" not in err[0]


def test_import_updates_by_id_and_keeps_the_rest(seeded, valid_dir, run_cli):
    edit(valid_dir, "carers.csv", "Carer B", "Carer Bee")
    edit(valid_dir, "carers.csv", "C003,Carer C", "C004,Carer D")
    code, err = run_cli("import", valid_dir / "carers.csv", "--db", seeded)
    assert code == 0 and err[0].startswith("imported 3 carers (1 new, 2 updated)")
    provider = load_provider(open_db(seeded))
    assert [c.id for c in provider.carers] == ["C001", "C002", "C003", "C004"]
    assert provider.carer("C002").name == "Carer Bee"
    assert len(provider.schedules) == 3


def test_replace_makes_a_kind_hold_exactly_its_file(seeded, valid_dir, run_cli):
    edit(valid_dir, "carers.csv", "C003,Carer C", "C004,Carer D")
    code, err = run_cli("import", valid_dir / "carers.csv", "--db", seeded, "--replace")
    assert code == 0 and "1 removed" in err[0]
    provider = load_provider(open_db(seeded))
    assert [c.id for c in provider.carers] == ["C001", "C002", "C004"]
    assert len(provider.clients) == 2 and len(provider.absences) == 2


def test_replace_with_an_empty_file_empties_that_kind(seeded, tmp_path, run_cli):
    empty = tmp_path / "absences.csv"
    empty.write_text("id,carer_id,kind,start,end,note\n")
    code, _ = run_cli("import", empty, "--db", seeded, "--replace")
    assert code == 0
    provider = load_provider(open_db(seeded))
    assert provider.absences == () and len(provider.carers) == 3


def test_a_file_with_only_the_required_columns_takes_defaults(db_path, tmp_path, run_cli):
    path = tmp_path / "carers.json"
    path.write_text('[{"id": "C010", "name": "Carer J", "postcode": "cv6 5de", "transport": "car"}]')
    code, _ = run_cli("import", path, "--db", db_path)
    assert code == 0
    carer = load_provider(open_db(db_path)).carer("C010")
    assert carer.postcode == "CV6 5DE" and carer.availability == () and carer.pay_pence_per_hour == 1300


def test_skills_come_from_the_database_settings(db_path, valid_dir, run_cli):
    db = open_db(db_path)
    replace_provider(db, dataclasses.replace(load_provider(db), settings=(
        Settings(effective_from=dt.date(2020, 1, 1), skills=Settings().skills + ("juggling",)),)))
    edit(valid_dir, "carers.csv", "hoist; dementia", "hoist; juggling")
    code, err = run_cli("import", valid_dir, "--db", db_path)
    assert code == 0, err
    assert "juggling" in load_provider(db).carer("C002").skills


def test_a_file_with_an_unknown_name_is_refused(db_path, tmp_path, run_cli):
    path = tmp_path / "staff.csv"
    path.write_text("id\nX\n")
    code, err = run_cli("import", path, "--db", db_path)
    assert code == 4 and err[0].startswith("staff.csv: not a file to import")


def test_a_directory_without_files_is_refused(db_path, tmp_path, run_cli):
    code, err = run_cli("import", tmp_path, "--db", db_path)
    assert code == 4 and "no files to import" in err[0]


def test_trailing_empty_cells_from_a_spreadsheet_are_ignored(seeded, valid_dir, run_cli):
    edit(valid_dir, "packages.csv", "independently\n", "independently,,\n")
    code, err = run_cli("import", valid_dir / "packages.csv", "--db", seeded)
    assert code == 0, err


def test_an_unreadable_file_is_a_problem_not_a_crash(db_path, tmp_path, run_cli):
    (tmp_path / "carers.csv").mkdir()
    code, err = run_cli("import", tmp_path, "--db", db_path)
    assert code == 4 and err[0].startswith("carers.csv: cannot be read")
