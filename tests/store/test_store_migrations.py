"""Migrations: a fresh file gets the whole schema, an older file is brought up to date, data kept."""

import dataclasses
import os
import stat

from sqlite_utils import Database

from roster.store import load_provider, open_db, replace_provider
from roster.store import converters as cv
from roster.store.migrations import migrations

TABLES = {"settings", "carers", "shifts", "absences", "clients", "packages", "schedules",
          "rotas", "assignments", "breaks", "uncovered", "crews"}


def test_empty_database_gets_every_table(db):
    assert TABLES <= set(db.table_names())
    assert migrations.pending(db) == []


def test_opening_twice_applies_nothing_and_keeps_data(db_path, provider):
    first = open_db(db_path)
    replace_provider(first, provider)
    applied = [m.name for m in migrations.applied(first)]
    first.close()

    again = open_db(db_path)
    assert [m.name for m in migrations.applied(again)] == applied
    assert load_provider(again) == provider
    again.close()


def _write_as_the_first_version_did(db: Database, provider) -> None:
    """The provider's rows with only the columns the first schema had."""
    rows = {
        "settings": [cv.settings_to_row(s) for s in provider.settings],
        "carers": [cv.carer_to_row(c) for c in provider.carers],
        "shifts": [row for c in provider.carers for row in cv.shift_rows(c)],
        "clients": [cv.client_to_row(c) for c in provider.clients],
        "packages": [cv.package_to_row(p) for p in provider.packages],
        "schedules": [cv.schedule_to_row(s) for s in provider.schedules],
    }
    for table, table_rows in rows.items():
        columns = set(db[table].columns_dict)
        db[table].insert_all([{k: v for k, v in row.items() if k in columns} for row in table_rows])


def test_older_database_is_upgraded_and_keeps_its_records(db_path, provider):
    old = Database(db_path)
    migrations.apply(old, stop_before="m002_rotas")
    assert "rotas" not in old.table_names()
    _write_as_the_first_version_did(old, provider)
    old.close()

    db = open_db(db_path)
    assert TABLES <= set(db.table_names())
    upgraded = load_provider(db)
    assert upgraded.carers == provider.carers
    assert upgraded.packages == tuple(dataclasses.replace(p, funder=None) for p in provider.packages)
    db.close()


def test_database_file_is_private_to_its_owner(db_path):
    open_db(db_path).close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_foreign_keys_are_enforced(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
