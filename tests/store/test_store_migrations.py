"""Migrations: a fresh file gets the whole schema, an older file is brought up to date, data kept."""

import os
import stat

from sqlite_utils import Database

from roster.store import load_provider, open_db, replace_provider
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


def test_older_database_is_upgraded_and_keeps_its_carers(db_path, provider):
    old = Database(db_path)
    migrations.apply(old, stop_before="m002_rotas")
    assert "rotas" not in old.table_names()
    replace_provider(old, provider)
    old.close()

    db = open_db(db_path)
    assert TABLES <= set(db.table_names())
    assert load_provider(db).carers == provider.carers
    db.close()


def test_database_file_is_private_to_its_owner(db_path):
    open_db(db_path).close()
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_foreign_keys_are_enforced(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
