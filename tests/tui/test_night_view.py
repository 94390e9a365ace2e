"""The night view: crews down, nights across, and the run sheet of the highlighted round."""

from __future__ import annotations

import pytest

from roster.store import open_db, replace_provider, save_rota
from roster.tui.screens.night import NightScreen

from .conftest import SIZE, ready
from .fixtures import MONDAY, add_nights, make_provider, make_rota


@pytest.fixture
def night_app(tmp_path):
    from roster.tui.app import create_app

    provider = make_provider()
    provider, rota = add_nights(provider, make_rota(provider))
    db = open_db(tmp_path / "nights.db")
    replace_provider(db, provider)
    save_rota(db, rota)
    db.close()
    return create_app(tmp_path / "nights.db", MONDAY)


async def test_night_view_shows_each_crews_round_and_its_run_sheet(night_app):
    app = night_app
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NightScreen)
        table = app.screen.query_one("#night-table")
        assert table.row_count == 1
        assert str(table.get_cell("N1", MONDAY.isoformat())) == "C007+C008 2v 22:30-02:30"
        assert str(table.get_cell("N1", "2026-11-29")) == "-"
        await pilot.press("right")
        await pilot.pause()
        sheet = str(app.screen.query_one("#run-sheet").render())
        assert "2 night visits without a crew" in sheet
        assert "Run sheet N1@2026-11-23: C007 Quinn Ashdown and C008 Rory Bellamy" in sheet
        assert "key safe 1234" in sheet and sheet.index("22:30-23:00") < sheet.index("02:00-02:30")
