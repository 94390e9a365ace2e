"""Snapshots of each main screen at a pinned size and week (update with --snapshot-update after
checking the SVGs by eye)."""

from __future__ import annotations

import pytest

from .conftest import SIZE, ready


def _drive(keys):
    """Press the keys, then wait for workers (the candidates ranking) before the screenshot."""

    async def run_before(pilot):
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="week"),
        pytest.param(("right", "enter"), id="week-run-visits"),
        pytest.param(("d",), id="day"),
        pytest.param(("u",), id="uncovered"),
        pytest.param(("e",), id="carer"),
        pytest.param(("right", "enter", "c"), id="client"),
        pytest.param(("right", "enter", "down", "enter"), id="candidates"),
        pytest.param(("question_mark",), id="help"),
        pytest.param(("g",), id="plots"),
        pytest.param(("m",), id="report"),
        pytest.param(("v",), id="versions"),
    ],
)
def test_screen(snap_compare, make_app, keys):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_drive(keys))
