"""Standalone rostering optimisation: ortools and the standard library only; never imports roster.

    from solver import Problem, Carer, Shift, Visit, Options, solve
    solution = solve(problem, Options(time_limit=10))
"""

from .problem import Carer, Problem, ProblemError, Shift, Visit, Weights
from .solution import PlannedBreak, Reason, Route, Solution, Status, Stop, Unassigned
from .solve import Options, solve
from .stop import AnyOf, CancelToken, MaxRuntime, Observer, Progress, StoppingCriterion

__all__ = [
    "AnyOf", "CancelToken", "Carer", "MaxRuntime", "Observer", "Options", "PlannedBreak", "Problem",
    "ProblemError", "Progress", "Reason", "Route", "Shift", "Solution", "Status", "Stop",
    "StoppingCriterion", "Unassigned", "Visit", "Weights", "solve",
]
