"""Standalone rostering optimisation: ortools and the standard library only; never imports roster."""
