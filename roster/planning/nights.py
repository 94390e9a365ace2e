"""The Mobile Night Carers' week: form crews from the carers rostered for nights, plan each night's
rounds with the night solver, and write crews and night visits into the draft rota without touching
the day service. Also: which carers nights take away from the day solver, responsive-call
insertion into tonight's rounds, and the data of a crew's run sheet.

Conventions shared with roster.rules.crews: a crew is on duty for the whole round (settings
night_round_start..night_round_end) and shares the first carer's car, starting and ending at that
carer's home; the reserve counts care time as busy; the night-worker average is taken over the week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from roster.domain import (
    Assignment, Break, Carer, Client, Crew, Location, Provider, Rota, RotaStatus, Service, Settings, Transport,
    Uncovered, Visit,
)
from roster.domain.travel import TravelModel

Progress = Callable[[str], None]


# --- the day rota and the nights: who is taken, who is free -------------------------------------


def night_carers_by_date(rota: Rota) -> dict[dt.date, frozenset[str]]:
    """Night date -> carers in a crew that night. The day solver must not offer these carers on that
    date's evening nor on the next morning (see `day_rest_after_night`)."""
    found: dict[dt.date, set[str]] = {}
    for crew in rota.crews:
        found.setdefault(crew.date, set()).update(crew.carer_ids)
    return {day: frozenset(ids) for day, ids in found.items()}


def day_rest_after_night(settings: Settings) -> tuple[int, int]:
    """(latest end of day work on a night's date, earliest start of day work the next day), in
    minutes since the respective midnight, that leave the daily rest around a round."""
    latest_end = settings.night_round_start - settings.daily_rest_minutes
    earliest_next = settings.night_round_end - 1440 + settings.daily_rest_minutes
    return latest_end, earliest_next


def _day_work(rota: Rota | None, night_visit_ids: set[str]) -> dict[tuple[str, dt.date], tuple[int, int, int]]:
    """(carer, date) -> (first start, last end, minutes) of day-service work in the rota."""
    spans: dict[tuple[str, dt.date], tuple[int, int, int]] = {}
    for a in rota.assignments if rota else ():
        if a.visit_id in night_visit_ids:
            continue
        key = (a.carer_id, a.date)
        lo, hi, minutes = spans.get(key, (a.start, a.end, 0))
        spans[key] = (min(lo, a.start), max(hi, a.end), minutes + a.end - a.start)
    return spans


def _absent(provider: Provider, carer_id: str, day: dt.date, settings: Settings) -> bool:
    midnight = dt.datetime.combine(day, dt.time())
    begin = midnight + dt.timedelta(minutes=settings.night_round_start)
    end = midnight + dt.timedelta(minutes=settings.night_round_end)
    return any(a.carer_id == carer_id and a.covers(begin, end) for a in provider.absences)


def _rostered(carer: Carer, day: dt.date, settings: Settings) -> bool:
    """A shift that weekday covering the whole round."""
    return any(s.start <= settings.night_round_start and s.end >= settings.night_round_end
               for s in carer.shifts_on(day.weekday()))


@dataclass(frozen=True, slots=True)
class NightCandidate:
    """A carer who could be in a crew on a given night, or why not."""

    carer_id: str
    """The carer."""
    free: bool
    """True if the carer can be put in a crew."""
    reason: str = ""
    """Why not, when not free."""


def night_candidates(
    provider: Provider, day: dt.date, rota: Rota | None, nights: dict[str, set[dt.date]] | None = None,
) -> list[NightCandidate]:
    """Every night worker, free or not for the night of `day`: rostered that weekday for the whole
    round, not absent, day work leaving the daily rest both sides, and with the nights already
    given this week (`nights`) still inside the night-worker average, the 48-hour week (unless
    opted out) and one weekly rest."""
    settings = provider.settings_for(day)
    monday = day - dt.timedelta(days=day.weekday())
    night_ids = {v.id for v in provider.visits_for_week(monday) if v.service is Service.NIGHT}
    spans = _day_work(rota, night_ids)
    latest_end, earliest_next = day_rest_after_night(settings)
    nights = nights or {}
    result = []
    for carer in provider.carers:
        if not carer.night_worker:
            continue
        today = spans.get((carer.id, day))
        tomorrow = spans.get((carer.id, day + dt.timedelta(days=1)))
        if not _rostered(carer, day, settings):
            why = "not rostered for nights that weekday"
        elif _absent(provider, carer.id, day, settings):
            why = "on leave or sick that night"
        elif today and today[1] > latest_end:
            why = "day visits that day end too late for the daily rest"
        elif tomorrow and tomorrow[0] < earliest_next:
            why = "day visits next morning start too early for the daily rest"
        else:
            why = _week_limit(carer, monday, nights.get(carer.id, set()) | {day}, spans, settings)
        result.append(NightCandidate(carer.id, not why, why))
    return result


def _week_limit(carer: Carer, monday: dt.date, nights: set[dt.date], spans, settings: Settings) -> str:
    """Why these nights (with the carer's day work) break a weekly limit, or ''."""
    busy = [((d - monday).days * 1440 + settings.night_round_start, (d - monday).days * 1440 + settings.night_round_end)
            for d in nights]
    busy += [((d - monday).days * 1440 + lo, (d - monday).days * 1440 + hi)
             for (cid, d), (lo, hi, _) in spans.items() if cid == carer.id]
    worked = len(nights) * (settings.night_round_end - settings.night_round_start)
    worked += sum(m for (cid, _), (_, _, m) in spans.items() if cid == carer.id)
    if worked > settings.night_max_minutes_per_24h * 7:
        return "would pass the night-worker average of 8 h per 24 h this week"
    if not carer.opted_out_48h and worked > settings.max_week_minutes:
        return "would pass the 48-hour week"
    edges = [0] + [t for span in sorted(busy) for t in span] + [7 * 1440]
    gaps = [edges[i + 1] - edges[i] for i in range(0, len(edges) - 1, 2)]
    if max(gaps) < settings.weekly_rest_minutes:
        return "would leave no weekly rest of 24 h"
    return ""


# --- crew forming ---------------------------------------------------------------------------------


def form_crews(
    provider: Provider, day: dt.date, visits: list[Visit], free: list[str], count: int,
    nights_so_far: dict[str, int] | None = None,
) -> list[Crew]:
    """Pair `count` crews from the free carers so the crews' combined skills cover the night's visits:
    each crew in turn is the pair able to make most visits no crew formed so far can make; then
    carers with fewer nights this week; then the pair with fewest skills this crew does not need,
    sparing skilled carers for the nights that need them."""
    nights_so_far = nights_so_far or {}
    pool = sorted(free, key=lambda c: (nights_so_far.get(c, 0), c))
    crews: list[Crew] = []
    makeable: set[str] = set()
    for n in range(count):
        best = None
        for a, b in combinations(pool, 2):
            ca, cb = provider.carer(a), provider.carer(b)
            able = {v.id for v in visits if _pair_can_make(ca, cb, v, provider.client(v.client_id))}
            needed = frozenset().union(*(v.skills for v in visits if v.id in able - makeable))
            spent = len((ca.skills | cb.skills) - needed)
            score = (len(able - makeable), -nights_so_far.get(a, 0) - nights_so_far.get(b, 0), -spent)
            if best is None or score > best[0]:
                best = (score, a, b, able)
        if best is None:
            break
        _, a, b, able = best
        crews.append(Crew(f"N{n + 1}@{day.isoformat()}", day, (a, b)))
        makeable |= able
        pool = [c for c in pool if c not in (a, b)]
    return crews


def _pair_can_make(a: Carer, b: Carer, visit: Visit, client: Client) -> bool:
    """Both carers go, so the client must accept both; a double-up needs the skills in each,
    otherwise in either."""
    if not (_acceptable(client, a) and _acceptable(client, b)):
        return False
    if visit.is_double_up:
        return visit.skills <= (a.skills & b.skills)
    return visit.skills <= (a.skills | b.skills)


def _acceptable(client: Client, carer: Carer) -> bool:
    """The client has not declined the carer, and a required gender is the carer's."""
    if carer.id in client.declined_carers:
        return False
    return not (client.gender_required and carer.gender != client.preferred_gender)


# --- one night as a solver problem ---------------------------------------------------------------


@dataclass(frozen=True)
class NightMaps:
    """How a night problem's indices map back to the provider's records."""

    day: dt.date
    """The night's date."""
    visits: tuple[Visit, ...]
    """Problem visit index -> domain visit."""
    crews: tuple[Crew, ...]
    """Problem crew index -> domain crew."""
    places: tuple[Location, ...]
    """Travel-matrix index -> location."""


def night_problem(provider: Provider, day: dt.date, crews: list[Crew], visits: list[Visit],
                  travel: TravelModel | None = None):
    """The night as a solver NightProblem, and the maps back."""
    from solver.night_problem import NightProblem, NightVisit

    settings = provider.settings_for(day)
    travel = travel or TravelModel(settings)
    places: dict[Location, int] = {}
    for crew in crews:
        places.setdefault(provider.carer(crew.carer_ids[0]).home, len(places))
    for visit in visits:
        places.setdefault(visit.location, len(places))
    points = list(places)
    matrix = tuple(tuple(travel.minutes(a, b, Transport.CAR) for b in points) for a in points)
    problem = NightProblem(
        visits=tuple(
            NightVisit(v.id, places[v.location], v.window_start, v.window_end, v.duration, v.skills,
                       both_skilled=v.is_double_up, optional=v.optional,
                       barred_crews=frozenset(c.id for c in crews if not all(
                           _acceptable(provider.client(v.client_id), provider.carer(cid)) for cid in c.carer_ids)))
            for v in visits
        ),
        crews=tuple(_night_crew(provider, c, places, settings) for c in crews),
        travel=matrix,
        reserve_per_hour=settings.night_reserve_minutes_per_hour,
        break_after=settings.break_after_minutes,
        break_minutes=settings.break_minutes,
        weight_uncovered=settings.weight_uncovered,
        weight_optional_uncovered=settings.weight_optional_uncovered,
        weight_travel_minute=settings.weight_travel_minute,
    )
    return problem, NightMaps(day, tuple(visits), tuple(crews), tuple(points))


def _night_crew(provider: Provider, crew: Crew, places: dict[Location, int], settings: Settings):
    from solver.night_problem import NightCrew

    a, b = (provider.carer(c) for c in crew.carer_ids)
    return NightCrew(crew.id, places[a.home], settings.night_round_start, settings.night_round_end,
                     a.skills | b.skills, a.skills & b.skills)


def to_breaks(solution, maps: NightMaps, problem) -> list[Break]:
    """A break for both carers of every round long enough to need one, in the first gap with room."""
    crews = {c.id: c for c in maps.crews}
    breaks = []
    for route in solution.routes:
        stops = route.stops
        if not stops or stops[-1].end - stops[0].start <= problem.break_after:
            continue
        for a, b in zip(stops, stops[1:]):
            if b.start - a.end - b.travel_before >= problem.break_minutes:
                breaks += [Break(c, maps.day, a.end + b.travel_before, problem.break_minutes)
                           for c in crews[route.crew_id].carer_ids]
                break
    return breaks


def to_assignments(solution, maps: NightMaps) -> tuple[list[Assignment], list[Uncovered]]:
    """Both carers of the crew on every stop; visits left out with the solver's reasons."""
    crews = {c.id: c for c in maps.crews}
    assignments = [
        Assignment(stop.visit_id, carer_id, maps.day, stop.start, stop.end)
        for route in solution.routes
        for stop in route.stops
        for carer_id in crews[route.crew_id].carer_ids
    ]
    uncovered = [Uncovered(u.visit_id, u.reason, u.detail) for u in solution.unserved]
    return assignments, uncovered


# --- the week ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NightResult:
    """What planning one night gave."""

    day: dt.date
    """The night's date."""
    visits: int
    """Planned night visits."""
    crews: tuple[Crew, ...]
    """Crews on duty."""
    covered: int
    """Visits on a round."""
    travel_minutes: int
    """Driving on all rounds."""
    min_free_minutes: int
    """The least free time (no care) in any clock hour of any crew's round."""
    status: str
    """Solver status of the last solve."""
    seconds: float
    """Time spent on this night."""
    uncovered: tuple[Uncovered, ...] = ()
    """Visits left out, with reasons."""


@dataclass(frozen=True, slots=True)
class NightsPlan:
    """The week's night service: crews, assignments and what is left out."""

    crews: tuple[Crew, ...]
    """Crews of every night."""
    assignments: tuple[Assignment, ...]
    """Two per covered night visit."""
    uncovered: tuple[Uncovered, ...]
    """Night visits left out, with reasons."""
    breaks: tuple[Break, ...]
    """Planned breaks on rounds long enough to need one."""
    nights: tuple[NightResult, ...]
    """Per-night numbers."""


def plan_week_nights(
    provider: Provider,
    monday: dt.date,
    rota: Rota | None = None,
    *,
    given_crews: dict[dt.date, list[Crew]] | None = None,
    time_limit_s: float = 10.0,
    engine: str = "auto",
    crews_per_night: int | None = None,
    on_progress: Progress | None = None,
    travel: TravelModel | None = None,
) -> NightsPlan:
    """Form crews and plan every night of the week; `rota` supplies the day work crews must rest
    around; nights in `given_crews` keep the supervisor's crews exactly. Without crews_per_night,
    each night gets the fewest crews that cover its visits (as many as can be paired at most)."""
    from solver.night_problem import least_free_minutes

    import time

    from solver.night_rounds import NightOptions, solve_night

    given_crews = given_crews or {}
    visits = [v for v in provider.visits_for_week(monday) if v.service is Service.NIGHT]
    settings = provider.settings_for(monday)
    nights_of: dict[str, set[dt.date]] = {}
    crews_all, assignments_all, uncovered_all, breaks_all, results = [], [], [], [], []
    for offset in range(7):
        began = time.perf_counter()
        day = monday + dt.timedelta(days=offset)
        tonight = [v for v in visits if v.date == day]
        if day in given_crews:
            options = [given_crews[day]]
        else:
            free = [c.carer_id for c in night_candidates(provider, day, rota, nights_of) if c.free]
            so_far = {c: len(d) for c, d in nights_of.items()}
            if crews_per_night:
                options = [form_crews(provider, day, tonight, free, crews_per_night, so_far)]
            else:
                options = _crew_counts(provider, day, tonight, free, so_far, settings)
        solution = maps = problem = None
        for n, crews in enumerate(options):
            problem, maps = night_problem(provider, day, crews, tonight, travel)
            probe = solve_night(problem, NightOptions(engine="lns", time_limit_s=min(1.0, time_limit_s / 4),
                                                      until_covered=True))
            if n == len(options) - 1 or _covers_mandatory(probe, maps):
                # Crews settled: spend the night's full budget on their rounds.
                full = solve_night(problem, NightOptions(engine=engine, time_limit_s=time_limit_s))
                solution = full if full.objective <= probe.objective else probe
                break
        crews = list(maps.crews) if maps else []
        assignments, uncovered = to_assignments(solution, maps) if solution else ([], [])
        if not crews:
            uncovered = [Uncovered(v.id, "no_crew", "no pair of night carers is free that night") for v in tonight]
        for crew in crews:
            for carer_id in crew.carer_ids:
                nights_of.setdefault(carer_id, set()).add(day)
        crews_all += crews
        assignments_all += assignments
        breaks_all += to_breaks(solution, maps, problem) if solution else []
        uncovered_all += uncovered
        result = NightResult(
            day, len(tonight), tuple(crews), len(tonight) - len(uncovered),
            solution.travel_minutes if solution else 0,
            least_free_minutes(problem, solution) if solution and crews else 60,
            solution.status if solution else "no_crew", time.perf_counter() - began, tuple(uncovered),
        )
        results.append(result)
        if on_progress:
            on_progress(f"night of {day}: {result.covered}/{result.visits} visits, {len(crews)} crews")
    return NightsPlan(tuple(crews_all), tuple(assignments_all), tuple(uncovered_all), tuple(breaks_all),
                      tuple(results))


def _crew_counts(provider, day, tonight, free, nights_so_far, settings) -> list[list[Crew]]:
    """Crew line-ups to try, fewest crews first: from what the care minutes need (with the reserve)
    up to every free pair. The first to cover every visit is kept."""
    most = len(free) // 2
    if not tonight or most == 0:
        return [[]]
    round_minutes = settings.night_round_end - settings.night_round_start
    per_crew = round_minutes * (60 - settings.night_reserve_minutes_per_hour) // 60
    need = max(1, -(-sum(v.duration for v in tonight) // per_crew))
    return [form_crews(provider, day, tonight, free, n, nights_so_far) for n in range(min(need, most), most + 1)]


def _covers_mandatory(solution, maps: NightMaps) -> bool:
    left_out = {u.visit_id for u in solution.unserved}
    return not any(v.id in left_out and not v.optional for v in maps.visits)


def merge_into_rota(
    draft: Rota | None, monday: dt.date, plan: NightsPlan, night_visit_ids: set[str], settings: Settings,
) -> Rota:
    """The draft with its night part (crews, night assignments and breaks, night uncovered entries)
    replaced by plan; day assignments, day breaks and day uncovered entries untouched."""
    draft = draft or Rota(week_start=monday, status=RotaStatus.DRAFT)
    day_breaks = tuple(b for b in draft.breaks if b.start < settings.night_round_start)
    return Rota(
        week_start=monday,
        assignments=tuple(a for a in draft.assignments if a.visit_id not in night_visit_ids) + plan.assignments,
        breaks=day_breaks + plan.breaks,
        uncovered=tuple(u for u in draft.uncovered if u.visit_id not in night_visit_ids) + plan.uncovered,
        crews=plan.crews,
        status=RotaStatus.DRAFT,
    )


def plan_nights(
    db, monday: dt.date, *, time_limit_s: float = 10.0, keep_crews: bool = False, engine: str = "auto",
    crews_per_night: int | None = None, on_progress: Progress | None = None,
) -> tuple[NightsPlan, Rota]:
    """Load the provider and the week's draft, plan the nights, save the draft with only its night
    part replaced; refuses (StaleDraft) if the draft changed meanwhile, or (StaleData) the data it
    was planned from. Returns the plan and the rota."""
    from roster.store import data_revision, draft_revision, load_provider, load_rota, save_rota

    # Revisions first: a change made while the rest is read then shows at the save.
    data = data_revision(db)
    revision = draft_revision(db, monday)
    provider = load_provider(db)
    draft = load_rota(db, monday)
    given: dict[dt.date, list[Crew]] = {}
    if keep_crews and draft:
        for crew in draft.crews:
            given.setdefault(crew.date, []).append(crew)
    plan = plan_week_nights(provider, monday, draft, given_crews=given, time_limit_s=time_limit_s,
                            engine=engine, crews_per_night=crews_per_night, on_progress=on_progress)
    night_ids = {v.id for v in provider.visits_for_week(monday) if v.service is Service.NIGHT}
    rota = merge_into_rota(draft, monday, plan, night_ids, provider.settings_for(monday))
    save_rota(db, rota, expected_revision=revision, expected_data_revision=data, note="night rounds planned")
    return plan, rota


# --- tonight: rounds from the rota, responsive calls, run sheets ---------------------------------

RESPONSE_LIMIT_MINUTES = 120
"""A responsive call is offered to crews that can start care within two hours of it."""


def tonight(provider: Provider, rota: Rota, day: dt.date):
    """The night of `day` as in the rota: (problem, maps, routes in crew order)."""
    from solver.night_problem import NightRoute, Stop

    crews = [c for c in rota.crews if c.date == day]
    visits = [v for v in provider.visits_for_week(day - dt.timedelta(days=day.weekday()))
              if v.service is Service.NIGHT and v.date == day]
    problem, maps = night_problem(provider, day, crews, visits)
    by_id = {v.id: v for v in problem.visits}
    routes = []
    for crew, night_crew in zip(crews, problem.crews):
        runs = sorted((a for a in rota.assignments
                       if a.carer_id == crew.carer_ids[0] and a.date == day and a.visit_id in by_id),
                      key=lambda a: a.start)
        stops, here, clock = [], night_crew.base, night_crew.start
        for a in runs:
            place = by_id[a.visit_id].place
            drive = problem.travel[here][place]
            stops.append(Stop(a.visit_id, clock + drive, a.start, a.end, drive))
            here, clock = place, a.end
        routes.append(NightRoute(crew.id, tuple(stops), problem.travel[here][night_crew.base] if stops else 0))
    return problem, maps, tuple(routes)


def answer_call(provider: Provider, rota: Rota, day: dt.date, client_id: str, at: int, duration: int):
    """Ways to answer a responsive call at `at` (minutes of the night of `day`) at a client's home,
    best first, each with the knock-on lateness to the crew's planned visits."""
    import dataclasses

    from solver.night_insert import insert_call
    from solver.night_problem import NightProblem, NightVisit

    client = provider.client(client_id)
    problem, maps, routes = tonight(provider, rota, day)
    settings = provider.settings_for(day)
    travel = TravelModel(settings)
    points = list(maps.places) + [client.location]
    matrix = tuple(tuple(travel.minutes(a, b, Transport.CAR) for b in points) for a in points)
    call = NightVisit(f"call {client_id} {at}", len(points) - 1, at, at + RESPONSE_LIMIT_MINUTES, duration)
    widened: NightProblem = dataclasses.replace(problem, travel=matrix)
    return insert_call(widened, routes, call)


@dataclass(frozen=True, slots=True)
class SheetStop:
    """One line of a crew's run sheet."""

    arrive: int
    """When the crew gets there (minutes of the night)."""
    start: int
    """Start of care."""
    end: int
    """End of care."""
    client: str
    """Who is visited (the crew needs the name at the door)."""
    postcode: str
    """Where."""
    access_notes: str
    """Key safe, door codes, pets."""
    purpose: str
    """What the visit is for: call type, length, skills, package goals."""
    visit_id: str
    """The visit."""


@dataclass(frozen=True, slots=True)
class RunSheet:
    """A crew's night on one page."""

    crew_id: str
    """The crew."""
    day: dt.date
    """The night's date."""
    carers: tuple[str, str]
    """The two carers' names."""
    round_start: int
    """Start of the round."""
    round_end: int
    """End of the round."""
    stops: tuple[SheetStop, ...]
    """Visits in order."""
    travel_minutes: int
    """Driving on the round."""


def run_sheets(provider: Provider, rota: Rota, day: dt.date, crew_id: str | None = None) -> list[RunSheet]:
    """Run sheets of the night's crews (or of one crew), in crew order."""
    problem, maps, routes = tonight(provider, rota, day)
    visits = {v.id: v for v in maps.visits}
    packages = {p.id: p for p in provider.packages}
    settings = provider.settings_for(day)
    sheets = []
    for crew, route in zip(maps.crews, routes):
        if crew_id and crew.id != crew_id and not crew.id.startswith(f"{crew_id}@"):
            continue
        stops = []
        for stop in route.stops:
            visit = visits[stop.visit_id]
            client = provider.client(visit.client_id)
            stops.append(SheetStop(stop.arrival, stop.start, stop.end, client.name, client.postcode,
                                   client.access_notes, _purpose(visit, packages.get(visit.package_id)), visit.id))
        names = tuple(provider.carer(c).name for c in crew.carer_ids)
        sheets.append(RunSheet(crew.id, day, names, settings.night_round_start, settings.night_round_end,
                               tuple(stops), route.travel_minutes))
    return sheets


def _purpose(visit: Visit, package) -> str:
    parts = [f"{visit.call_type.value} call, {visit.duration} min"]
    if visit.skills:
        parts.append("needs " + ", ".join(sorted(visit.skills)))
    if package is not None and package.goals:
        parts.append(package.goals)
    return "; ".join(parts)
