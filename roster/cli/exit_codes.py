"""Exit codes of every roster command, documented in the README."""

from enum import IntEnum


class Exit(IntEnum):
    """What a script can tell from the exit status."""

    OK = 0
    """Done; for a solve, every mandatory visit is covered."""
    ERROR = 1
    """Unexpected failure (a bug: please report it)."""
    USAGE = 2
    """Bad command line (click's own code)."""
    UNCOVERED = 3
    """The rota was written but some visits are uncovered (listed with reasons)."""
    BAD_INPUT = 4
    """Input data broke a rule; nothing was written; each problem was printed."""
    STALE = 5
    """Someone else changed the draft meanwhile; nothing was written."""
    NOT_FOUND = 6
    """No such week, rota, carer or client."""
    VIOLATIONS = 7
    """Hard rule violations: `roster check` found some, publish or restore refused a rota that
    adds some (nothing written), or a repair saved one with some it could not avoid."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C; the previous rota (or the best found so far) is intact."""
