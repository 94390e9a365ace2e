"""Vehicle routing with time windows (Solomon, Gehring-Homberger): readers, checker, runner."""
