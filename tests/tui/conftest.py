"""TUI tests seed a small week through the store, open it with the one app factory, and pin the
clock (the week is given) and the terminal size."""

from __future__ import annotations

import pytest

from roster.store import open_db, replace_provider, save_rota

from .fixtures import MONDAY, make_provider, make_rota

SIZE = (160, 45)
"""Terminal size for every pilot and snapshot test."""


@pytest.fixture
def seeded_db(tmp_path):
    path = tmp_path / "roster.db"
    db = open_db(path)
    provider = make_provider()
    replace_provider(db, provider)
    save_rota(db, make_rota(provider))
    db.close()
    return path


@pytest.fixture
def make_app(seeded_db):
    from roster.tui.app import create_app

    return lambda: create_app(seeded_db, MONDAY, solve_time_limit=0.3)


async def ready(pilot) -> None:
    """Wait for the first draw and the background rule check (it starts after the first paint)."""
    for _ in range(100):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if pilot.app.checked:
            break
    assert pilot.app.checked, "the background rule check never arrived"
    await pilot.pause()
