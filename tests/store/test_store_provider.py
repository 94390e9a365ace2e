"""The provider's data goes into SQLite and comes back equal; writes are all or nothing."""

import dataclasses
import datetime as dt

import pytest

from roster.domain import Settings
from roster.store import load_provider, merge_provider, replace_provider, transaction


def test_empty_database_loads_default_settings_and_nothing_else(db):
    loaded = load_provider(db)
    assert loaded.carers == () and loaded.schedules == ()
    assert loaded.settings == (Settings(),)


def test_replace_then_load_round_trips(db, provider):
    replace_provider(db, provider)
    assert load_provider(db) == provider


def test_replace_removes_records_not_given(db, provider, provider_factory):
    replace_provider(db, provider_factory(n_carers=4))
    replace_provider(db, provider)
    assert [c.id for c in load_provider(db).carers] == ["C000", "C001"]


def test_merge_updates_by_id_and_keeps_the_rest(db, provider):
    replace_provider(db, provider)
    renamed = dataclasses.replace(provider.carers[1], name="Carer Z", availability=())
    merge_provider(db, dataclasses.replace(provider, carers=(renamed,), clients=(), packages=(), schedules=(),
                                          absences=(), settings=()))
    loaded = load_provider(db)
    assert loaded.carers == (provider.carers[0], renamed)
    assert loaded.schedules == provider.schedules


def test_settings_history_round_trips(db, provider):
    later = Settings(effective_from=dt.date(2027, 4, 1), national_living_wage_pence=1320)
    replace_provider(db, dataclasses.replace(provider, settings=(Settings(), later)))
    loaded = load_provider(db)
    assert loaded.settings_for(dt.date(2027, 5, 1)).national_living_wage_pence == 1320
    assert loaded.settings_for(dt.date(2026, 5, 1)).national_living_wage_pence == 1271


def test_failed_replace_leaves_the_database_as_it_was(db, provider):
    replace_provider(db, provider)
    orphan = dataclasses.replace(provider.schedules[0], id="S-orphan", package_id="K-missing")
    with pytest.raises(Exception):
        replace_provider(db, dataclasses.replace(provider, schedules=provider.schedules + (orphan,)))
    assert load_provider(db) == provider


def test_transaction_rolls_back_on_error(db, provider):
    replace_provider(db, provider)
    with pytest.raises(RuntimeError):
        with transaction(db):
            db["schedules"].delete_where()
            raise RuntimeError("stop")
    assert load_provider(db) == provider
