"""The rule checker: pure functions from a rota and the provider data to violations and measures.
One checker serves the solver tests, `roster check` and the TUI flags.

Each rule is one named function in the module of its family: visits (coverage, windows, skills),
carers (availability, travel), working_time (breaks, limits, rest) and crews (night service)."""

from .candidates import Candidate, rank_candidates
from .check import check_carer_day, check_rota
from .context import Week
from .model import CarerHours, CheckReport, ClientContinuity, Measures, Violation

__all__ = [
    "Candidate", "CarerHours", "CheckReport", "ClientContinuity", "Measures", "Violation", "Week",
    "check_carer_day", "check_rota", "rank_candidates",
]
