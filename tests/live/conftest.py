"""A small demo provider (20 carers, about 300 day visits) with its planted rota as the draft."""

import dataclasses
import datetime as dt

import pytest

from roster.demo import generate
from roster.domain import RotaStatus
from roster.store import open_db, replace_provider, save_rota

MONDAY = dt.date(2026, 11, 23)
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture(scope="session")
def demo():
    return generate(2, 200, MONDAY)


@pytest.fixture
def live_db(tmp_path, demo):
    """A database holding the demo provider and its planted rota saved as the draft (revision 1)."""
    db = open_db(tmp_path / "live.db")
    replace_provider(db, demo.provider)
    save_rota(db, dataclasses.replace(demo.planted, status=RotaStatus.DRAFT), note="planted")
    yield db
    db.close()


def at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes))
