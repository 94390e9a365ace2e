"""Shared fixtures: a fresh database per test, private to the test's temp dir."""

import pytest

from roster.store import open_db


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "roster.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.close()
