"""The work: clients with reablement packages that start through the week and taper, a few UCR
referrals, and the Mobile Night Carers' clients with visits through the night."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field

from roster.domain import (
    CallType, CarePackage, Carer, Client, Gender, Referral, Service, Settings, Visit, VisitSchedule,
    expand_visits,
)
from roster.domain.clock import week_dates
from roster.domain.settings import DEFAULT_BANDS

from .names import client_name
from .places import pick_address

ACCESS_NOTES = (
    "Key safe by the front door.", "Ring the bell and wait: slow to answer.", "Side door, not the front.",
    "Dog in the kitchen: friendly.", "Flat on the second floor, lift at the back.", "Daughter lets you in.",
    "",
)
GOALS = (
    "wash and dress independently", "make a hot drink and a light meal safely", "manage own medication",
    "get in and out of bed safely", "walk to the bathroom with a frame", "regain confidence after a fall",
)
TAPER = {
    Referral.HOSPITAL_DISCHARGE: ((CallType.MORNING, CallType.LUNCH, CallType.TEA, CallType.BED),
                                  (CallType.MORNING, CallType.LUNCH, CallType.BED),
                                  (CallType.MORNING, CallType.BED),
                                  (CallType.MORNING,)),
    Referral.COMMUNITY: ((CallType.MORNING, CallType.TEA, CallType.BED),
                         (CallType.MORNING, CallType.BED),
                         (CallType.MORNING,)),
}
"""Calls per day in the package's first, second, third and later weeks: reablement tapers."""
DURATIONS = {
    CallType.MORNING: ((30, 45, 60), (35, 40, 25)),
    CallType.LUNCH: ((30, 15), (80, 20)),
    CallType.TEA: ((30, 45), (70, 30)),
    CallType.BED: ((30, 45), (60, 40)),
}
"""Durations and their weights per call; a 15-minute lunch call is an agreed short check."""
DOUBLE_UP_CALLS = (CallType.MORNING, CallType.TEA, CallType.BED)
"""Calls that move someone with a hoist need two carers; lunch is usually a sitting call."""
NIGHT_PATTERNS = (
    (23 * 60, 26 * 60, 29 * 60), (23 * 60, 27 * 60), (22 * 60 + 30, 25 * 60, 28 * 60),
    (24 * 60, 28 * 60), (26 * 60,), (23 * 60 + 30, 27 * 60 + 30), (25 * 60, 29 * 60),
)
"""Planned night visit times (minutes past the evening's midnight run past 1440)."""
NIGHT_WINDOW = 30
"""A planned night visit may start this many minutes either side of its time."""
UCR_RESPONSE_MINUTES = 120
"""UCR answers within two hours."""
DOUBLE_UP_SHARE = 0.16
"""Share of daytime visits that need two carers (a little over the 15% wanted: they are the
hardest to plant, so a few more of them are dropped)."""


@dataclass
class Demand:
    """Clients, packages and schedules as they are generated."""

    clients: list[Client] = field(default_factory=list)
    packages: list[CarePackage] = field(default_factory=list)
    schedules: list[VisitSchedule] = field(default_factory=list)

    def visits(self, week_start: dt.date) -> list[Visit]:
        """Every visit due in the week."""
        return expand_visits(
            week_dates(week_start), self.schedules, {p.id: p for p in self.packages}, {c.id: c for c in self.clients}
        )


@dataclass(frozen=True, slots=True)
class Needs:
    """What one client's care calls for."""

    double_up: bool
    """Moved with a hoist by two carers."""
    skills: frozenset[str]
    """Skills on every call (dementia, catheter, PEG, stoma)."""
    medication: bool
    """Medication on morning and bed calls."""
    insulin: bool
    """Fixed-time insulin at breakfast and tea."""


def _needs(rng: random.Random, settings: Settings, double_up: bool) -> Needs:
    skills = {s for s, share in (("dementia", 0.15), ("catheter", 0.05), ("peg", 0.02), ("stoma", 0.04))
              if rng.random() < share}
    return Needs(
        double_up=double_up,
        skills=frozenset(skills & set(settings.skills)),
        medication=rng.random() < 0.45,
        insulin=rng.random() < 0.07,
    )


def _client(rng: random.Random, number: int, day_carers: list[Carer]) -> Client:
    gender = Gender.FEMALE if rng.random() < 0.6 else Gender.MALE
    address = pick_address(rng)
    preferred_gender, required = None, False
    roll = rng.random()
    if roll < 0.12:
        preferred_gender, required = Gender.FEMALE, rng.random() < 0.35
    elif roll < 0.14:
        preferred_gender = Gender.MALE
    declined = frozenset({rng.choice(day_carers).id}) if day_carers and rng.random() < 0.04 else frozenset()
    return Client(
        id=f"P{number:04d}",
        name=client_name(rng, gender),
        postcode=address.postcode,
        location=address.location,
        access_notes=rng.choice(ACCESS_NOTES),
        declined_carers=declined,
        preferred_gender=preferred_gender,
        gender_required=required,
    )


def _window(rng: random.Random, call: CallType) -> tuple[int, int]:
    """The whole band, or a 90-minute part of it the client asked for."""
    start, end = DEFAULT_BANDS[call.value]
    if rng.random() < 0.55 or end - start <= 90:
        return start, end
    first = start + rng.randrange(0, end - start - 90 + 1, 15)
    return first, first + 90


def _call_schedule(
    rng: random.Random, sid: str, package: CarePackage, call: CallType, needs: Needs,
    valid_from: dt.date, valid_to: dt.date, settings: Settings,
) -> VisitSchedule:
    durations, weights = DURATIONS[call]
    duration = rng.choices(durations, weights=weights)[0]
    double = needs.double_up and call in DOUBLE_UP_CALLS
    if double:
        duration = max(duration, 45 if call is CallType.MORNING else 30)
    skills = set(needs.skills)
    if double:
        skills.add("hoist")
    if needs.medication and call in (CallType.MORNING, CallType.BED):
        skills.add("medication")
    fixed = needs.insulin and call in (CallType.MORNING, CallType.TEA)
    if fixed:
        skills.add("medication")
        preferred = rng.choice((8 * 60, 8 * 60 + 30)) if call is CallType.MORNING else rng.choice((17 * 60, 17 * 60 + 30))
        window = (preferred - 15, preferred + 15)
    else:
        window = _window(rng, call)
    weekdays = frozenset(range(7))
    if call is CallType.LUNCH and rng.random() < 0.1:
        weekdays = frozenset({0, 2, 4})
    return VisitSchedule(
        id=sid,
        package_id=package.id,
        call_type=call,
        weekdays=weekdays,
        window_start=window[0],
        window_end=window[1],
        duration=duration,
        carers_needed=2 if double else 1,
        skills=frozenset(skills & set(settings.skills)),
        valid_from=valid_from,
        valid_to=valid_to,
        fixed_time=fixed,
        short_check_agreed=duration < 30,
    )


def _reablement(
    rng: random.Random, number: int, client: Client, needs: Needs, referral: Referral, week_start: dt.date,
    settings: Settings,
) -> tuple[CarePackage, list[VisitSchedule]]:
    """A package of two to six weeks, started before or during the week, tapering week by week."""
    weeks = rng.choices((2, 3, 4, 5, 6), weights=(30, 30, 20, 10, 10))[0]
    while True:
        offset = rng.randint(0, 6) if rng.random() < 0.45 else rng.randint(-35, -1)
        start = week_start + dt.timedelta(days=offset)
        end = start + dt.timedelta(days=weeks * 7 - 1)
        if end >= week_start:
            break
    package = CarePackage(
        id=f"K{number:04d}", client_id=client.id, start=start, planned_end=end, referral=referral,
        goals=rng.choice(GOALS),
    )
    schedules = []
    taper = TAPER[referral]
    for week in range(weeks):
        calls = taper[min(week, len(taper) - 1)]
        first = start + dt.timedelta(days=7 * week)
        last = min(first + dt.timedelta(days=6), end)
        for call in calls:
            sid = f"S{number:04d}-{len(schedules) + 1}"
            schedules.append(_call_schedule(rng, sid, package, call, needs, first, last, settings))
    return package, schedules


def _midday(
    rng: random.Random, number: int, client: Client, needs: Needs, week_start: dt.date, settings: Settings,
) -> tuple[CarePackage, list[VisitSchedule]]:
    """A community package of lunch and tea calls (meals, medication prompts, confidence), the
    kind of work that fills carers' time between the morning and evening peaks."""
    weeks = rng.choice((2, 3, 4, 6))
    start = week_start + dt.timedelta(days=rng.randint(-7 * (weeks - 1), 6))
    end = start + dt.timedelta(days=weeks * 7 - 1)
    package = CarePackage(
        id=f"K{number:04d}", client_id=client.id, start=start, planned_end=end, referral=Referral.COMMUNITY,
        goals=rng.choice(GOALS),
    )
    needs = dataclasses.replace(needs, insulin=False)
    calls = rng.choice(((CallType.LUNCH,), (CallType.TEA,), (CallType.LUNCH, CallType.TEA)))
    schedules = [
        _call_schedule(rng, f"S{number:04d}-{k + 1}", package, call, needs, start, end, settings)
        for k, call in enumerate(calls)
    ]
    return package, schedules


def _ucr(rng: random.Random, number: int, client: Client, needs: Needs, week_start: dt.date, settings: Settings
         ) -> tuple[CarePackage, list[VisitSchedule]]:
    """An urgent referral: a visit within two hours of the call (08:00-20:00), then a few days of
    morning and bed calls while the community team takes over."""
    start = week_start + dt.timedelta(days=rng.randint(0, 6))
    end = start + dt.timedelta(days=rng.randint(2, 6))
    package = CarePackage(
        id=f"K{number:04d}", client_id=client.id, start=start, planned_end=end, referral=Referral.UCR,
        goals="stay safely at home without a hospital admission",
    )
    called = rng.randrange(8 * 60, 18 * 60 + 1, 15)
    urgent = VisitSchedule(
        id=f"S{number:04d}-1", package_id=package.id, call_type=CallType.URGENT,
        weekdays=frozenset({start.weekday()}), window_start=called, window_end=called + UCR_RESPONSE_MINUTES,
        duration=60, skills=needs.skills, valid_from=start, valid_to=start,
    )
    follow_from = start + dt.timedelta(days=1)
    schedules = [urgent]
    for call in (CallType.MORNING, CallType.BED):
        sid = f"S{number:04d}-{len(schedules) + 1}"
        schedules.append(_call_schedule(rng, sid, package, call, needs, follow_from, end, settings))
    return package, schedules


def _night(rng: random.Random, number: int, client: Client, needs: Needs, week_start: dt.date, settings: Settings
           ) -> tuple[CarePackage, list[VisitSchedule]]:
    """Ongoing night care (no reablement limit): turns, toileting and checks at set times."""
    start = week_start - dt.timedelta(days=rng.randint(10, 200))
    package = CarePackage(
        id=f"K{number:04d}", client_id=client.id, start=start, planned_end=week_start + dt.timedelta(days=180),
        referral=Referral.COMMUNITY, goals="stay at home at night rather than move to a care home", max_days=0,
    )
    hoist = needs.double_up
    schedules = []
    for minute in rng.choice(NIGHT_PATTERNS):
        lo = max(minute - NIGHT_WINDOW, settings.night_round_start)
        hi = min(minute + NIGHT_WINDOW, settings.night_round_end - 60)
        schedules.append(VisitSchedule(
            id=f"S{number:04d}-{len(schedules) + 1}", package_id=package.id, call_type=CallType.NIGHT,
            weekdays=frozenset(range(7)), window_start=lo, window_end=hi, duration=30,
            carers_needed=2 if hoist else 1, skills=frozenset({"hoist"} if hoist else ()) & set(settings.skills),
            service=Service.NIGHT,
        ))
    return package, schedules


def package_visits(
    package: CarePackage, schedules: list[VisitSchedule], client: Client, week_start: dt.date
) -> list[Visit]:
    """The package's visits in the week."""
    return expand_visits(week_dates(week_start), schedules, {package.id: package}, {client.id: client})


@dataclass(frozen=True, slots=True)
class NewClient:
    """One new client with their package and its schedules."""

    client: Client
    """The client."""
    package: CarePackage
    """Their package."""
    schedules: tuple[VisitSchedule, ...]
    """Its recurring visits."""


class DemandMaker:
    """Makes clients and packages one at a time, numbering them P0001, K0001, S0001-1... It decides
    who needs a hoist so that about DOUBLE_UP_SHARE of the week's daytime visits are double-ups."""

    def __init__(self, rng: random.Random, week_start: dt.date, settings: Settings, day_carers: list[Carer]):
        self.rng = rng
        self.week_start = week_start
        self.settings = settings
        self.day_carers = day_carers
        self.demand = Demand()
        self.ucr_minutes = 0
        self.day_visits = 0
        self.double_ups = 0

    def _needs(self) -> Needs:
        below = self.double_ups < DOUBLE_UP_SHARE * max(self.day_visits, 1)
        return _needs(self.rng, self.settings, double_up=below and self.rng.random() < 0.4)

    def _make(self, maker, *args) -> tuple[NewClient, list[Visit]]:
        number = len(self.demand.clients) + 1
        client = _client(self.rng, number, self.day_carers)
        package, schedules = maker(self.rng, number, client, self._needs(), *args, self.week_start, self.settings)
        return NewClient(client, package, tuple(schedules)), package_visits(package, schedules, client, self.week_start)

    def _keep(self, new: NewClient, visits: list[Visit]) -> NewClient:
        self.demand.clients.append(new.client)
        self.demand.packages.append(new.package)
        self.demand.schedules.extend(new.schedules)
        day = [v for v in visits if v.service is Service.DAY]
        self.day_visits += len(day)
        self.double_ups += sum(v.is_double_up for v in day)
        return new

    def reablement(self) -> NewClient:
        """A reablement package, most after a hospital discharge."""
        referral = Referral.HOSPITAL_DISCHARGE if self.rng.random() < 0.65 else Referral.COMMUNITY
        return self._keep(*self._make(_reablement, referral))

    def ucr(self) -> NewClient | None:
        """A UCR referral, unless it would take the week's UCR hours past the budget."""
        new, visits = self._make(_ucr)
        minutes = sum(v.duration * v.carers_needed for v in visits)
        if self.ucr_minutes + minutes > self.settings.ucr_budget_minutes:
            return None
        self.ucr_minutes += minutes
        return self._keep(new, visits)

    def midday(self) -> NewClient:
        """A community package of lunch and tea calls."""
        return self._keep(*self._make(_midday))

    def night(self) -> NewClient:
        """A Mobile Night Carers client (some turned with a hoist by the crew)."""
        return self._keep(*self._make(_night))
