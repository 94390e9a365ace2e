"""A Coventry-like demo provider, deterministic from a seed, with a planted rota that proves its
week coverable."""

from .week import DemoWeek, generate

__all__ = ["DemoWeek", "generate"]
