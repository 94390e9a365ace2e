"""Why a night visit was left out, in words a night supervisor acts on."""

from __future__ import annotations

from .night_problem import NightCrew, NightProblem, NightRoute, NightVisit, Unserved, hour_caps, overlap


def clock(minutes: int) -> str:
    """Wall-clock time of a minute of the night: 1560 -> '02:00'."""
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _reachable_starts(problem: NightProblem, crew: NightCrew, visit: NightVisit) -> range:
    """Start times at which the crew, coming from and going back to base, could make the visit alone."""
    earliest = max(visit.window_start, crew.start + problem.travel[crew.base][visit.place])
    latest = min(visit.window_end, crew.end - visit.duration - problem.travel[visit.place][crew.base])
    return range(earliest, latest + 1)


def _fits_reserve_alone(problem: NightProblem, crew: NightCrew, visit: NightVisit, start: int) -> bool:
    caps = hour_caps(crew.start, crew.end, problem.reserve_per_hour)
    return all(overlap(start, start + visit.duration, lo, hi) <= cap for lo, hi, cap in caps)


def why_unserved(problem: NightProblem, index: int, routes: list[NightRoute] | tuple[NightRoute, ...]) -> Unserved:
    """The first reason, in order of how fixable it is, that visit `index` is on no round."""
    visit = problem.visits[index]
    window = f"{clock(visit.window_start)}-{clock(visit.window_end)}"
    if not problem.crews:
        return Unserved(visit.id, "no_crew", "no crew is on duty that night")
    skilled = [c for c in problem.crews if visit.skills <= (c.shared_skills if visit.both_skilled else c.skills)]
    if not skilled:
        who = "both carers of any crew" if visit.both_skilled else "any crew"
        needs = ", ".join(sorted(visit.skills))
        return Unserved(visit.id, "no_skilled_crew", f"needs {needs}, which {who} on duty lacks")
    skilled = [c for c in skilled if c.can_make(visit)]
    if not skilled:
        return Unserved(visit.id, "no_acceptable_crew",
                        "every crew with the skills has a carer the client declined or cannot have")
    reachable = [(c, _reachable_starts(problem, c, visit)) for c in skilled]
    reachable = [(c, r) for c, r in reachable if len(r)]
    if not reachable:
        return Unserved(visit.id, "outside_round",
                        f"its start window {window} cannot be reached within any crew's round")
    if not any(_fits_reserve_alone(problem, c, visit, s) for c, starts in reachable for s in starts):
        return Unserved(
            visit.id, "needs_reserve",
            f"a {visit.duration}-minute visit starting {window} would eat into the "
            f"{problem.reserve_per_hour} minutes kept free each hour for responsive calls",
        )
    return Unserved(
        visit.id, "crews_full",
        f"every crew able to make it is busy around {window} with other visits, travel "
        f"and the {problem.reserve_per_hour} minutes an hour kept for responsive calls",
    )
