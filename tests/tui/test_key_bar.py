"""The footer: the current view's keys on one line, and a click on a key presses it."""

from __future__ import annotations

from roster.tui.screens.day import DayScreen
from roster.tui.screens.uncovered import UncoveredScreen
from roster.tui.widgets.key_bar import KeyBar

from .conftest import SIZE, ready


def _line(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_the_footer_lists_the_views_keys_and_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = _line(app)
        assert " p Pin " in line and " u Uncovered " in line and " ^z Undo " in line
        assert line.rstrip().endswith("^p palette")
        assert "Prev day" not in line
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert " [ Prev day " in _line(app)


async def test_clicking_a_key_in_the_footer_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line = _line(app)
        await pilot.click(KeyBar, offset=(line.index("Uncovered"), 0))
        await pilot.pause()
        assert isinstance(app.screen, UncoveredScreen)
