"""Screens: one per view of the rota."""
