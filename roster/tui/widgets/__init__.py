"""Widgets: the week table, the status strip, visit lists, the day timeline, plots."""
