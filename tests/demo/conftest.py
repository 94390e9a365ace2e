"""Demo weeks built once per test session: generation is deterministic, so tests can share them."""

import datetime as dt

import pytest

from roster.demo import generate

WEEK = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def provider_week():
    """One framework provider's week (650 hours), seed 1."""
    return generate(seed=1, hours_per_week=650, week_start=WEEK)


@pytest.fixture(scope="session")
def city_week():
    """The whole city's week (2,600 hours), seed 1."""
    return generate(seed=1, hours_per_week=2600, week_start=WEEK)
