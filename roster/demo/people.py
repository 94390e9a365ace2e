"""The provider's staff: daytime carers on split or single shifts, and night workers for the
Mobile Night Carers, with their skills, transport, contracts and absences."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

from roster.domain import Absence, AbsenceKind, Carer, Gender, Settings, Shift, Transport

from .names import carer_name
from .places import pick_address

SHIFT_PATTERNS = {
    "early": ((7 * 60, 15 * 60),),
    "late": ((15 * 60, 22 * 60 + 30),),
    "split": ((7 * 60, 13 * 60), (16 * 60, 19 * 60)),
    "split_late": ((11 * 60, 14 * 60), (16 * 60 + 30, 22 * 60 + 30)),
}
"""Daytime availability patterns. Split shifts follow the peaks but a working day stays within
twelve hours, so a split shift covers breakfast to tea or lunch to bed, not both ends."""
PATTERN_WEIGHTS = {"early": 32, "late": 38, "split": 16, "split_late": 14}
DAY_SKILL_SHARE = {
    "medication": 0.85, "hoist": 0.65, "dementia": 0.5, "catheter": 0.3, "stoma": 0.2, "peg": 0.12,
    "end_of_life": 0.15,
}
"""Share of daytime carers trained for each skill."""
NIGHT_SKILLS = frozenset({"medication", "hoist"})
"""Every night worker can give medication and use a hoist: a crew answers whatever calls come."""
CARERS_AT_650_HOURS = 36
"""Daytime carers of one framework provider (650 hours a week)."""
CARER_SCALE_EXPONENT = 0.85
"""Carers grow a little slower than hours: denser work means less travel per visit (2,600
hours a week needs about 100 carers)."""
NIGHTS_PER_WORKER = 5
"""Night workers work five nights in seven."""


def _gender(rng: random.Random) -> Gender:
    roll = rng.random()
    return Gender.FEMALE if roll < 0.8 else Gender.MALE if roll < 0.98 else Gender.OTHER


TRANSPORT_SHARE = {Transport.PUBLIC: 0.15, Transport.FOOT: 0.1}
"""Most carers drive; these shares take the bus or walk."""


def _transports(rng: random.Random, count: int) -> list[Transport]:
    """Transport modes in the set shares (at least one of each), shuffled."""
    modes = [m for m, share in TRANSPORT_SHARE.items() for _ in range(max(1, round(share * count)))]
    modes += [Transport.CAR] * (count - len(modes))
    rng.shuffle(modes)
    return modes


def _working_days(rng: random.Random) -> list[int]:
    count = rng.choices((4, 5, 6), weights=(15, 60, 25))[0]
    return sorted(rng.sample(range(7), count))


def day_carer(rng: random.Random, number: int, transport: Transport, settings: Settings) -> Carer:
    """One daytime carer: home near the centre unless they drive, a shift pattern on 4-6 days."""
    gender = _gender(rng)
    address = pick_address(rng, central=transport is not Transport.CAR)
    pattern = rng.choices(list(PATTERN_WEIGHTS), weights=list(PATTERN_WEIGHTS.values()))[0]
    days = _working_days(rng)
    shifts = tuple(Shift(d, start, end) for d in days for start, end in SHIFT_PATTERNS[pattern])
    skills = frozenset(s for s, share in DAY_SKILL_SHARE.items() if s in settings.skills and rng.random() < share)
    contracted_hours = rng.choice((20, 25, 30, 37.5, 40))
    return Carer(
        id=f"C{number:03d}",
        name=carer_name(rng, gender),
        postcode=address.postcode,
        home=address.location,
        transport=transport,
        skills=skills,
        availability=shifts,
        contracted_minutes=round(contracted_hours * 60),
        gender=gender,
        opted_out_48h=rng.random() < 0.1,
        pay_pence_per_hour=rng.choice((1290, 1320, 1350, 1400, 1450)),
    )


def night_carer(rng: random.Random, number: int, first_night: int, settings: Settings) -> Carer:
    """A night worker on five nights in a row from first_night, driving (a crew shares one car)."""
    gender = _gender(rng)
    address = pick_address(rng)
    nights = sorted((first_night + k) % 7 for k in range(NIGHTS_PER_WORKER))
    extra = frozenset(s for s in ("dementia", "catheter", "end_of_life") if s in settings.skills and rng.random() < 0.4)
    return Carer(
        id=f"C{number:03d}",
        name=carer_name(rng, gender),
        postcode=address.postcode,
        home=address.location,
        transport=Transport.CAR,
        skills=(NIGHT_SKILLS & set(settings.skills)) | extra,
        availability=tuple(Shift(d, settings.night_round_start, settings.night_round_end) for d in nights),
        contracted_minutes=NIGHTS_PER_WORKER * 8 * 60,
        gender=gender,
        night_worker=True,
        day_worker=False,
        pay_pence_per_hour=rng.choice((1400, 1450, 1500)),
    )


def day_carer_count(hours_per_week: int) -> int:
    """Daytime carers for a weekly volume: 36 at 650 hours, about 115 at 2,600."""
    return max(4, round(CARERS_AT_650_HOURS * (hours_per_week / 650) ** CARER_SCALE_EXPONENT))


def night_carer_count(crews_per_night: int) -> int:
    """Enough night workers, each on five nights, to staff the crews every night, plus one spare."""
    return math.ceil(crews_per_night * 2 * 7 / NIGHTS_PER_WORKER) + 1


def make_carers(rng: random.Random, hours_per_week: int, crews_per_night: int, settings: Settings) -> list[Carer]:
    """Daytime carers then night workers, numbered C001 onwards. Every skill in the vocabulary
    is held by at least two daytime carers, so that any visit can be staffed."""
    count = day_carer_count(hours_per_week)
    carers = [day_carer(rng, n + 1, mode, settings) for n, mode in enumerate(_transports(rng, count))]
    for skill in settings.skills:
        holders = [c for c in carers if skill in c.skills]
        for carer in rng.sample([c for c in carers if skill not in c.skills], max(0, 2 - len(holders))):
            index = carers.index(carer)
            carers[index] = dataclasses.replace(carer, skills=carer.skills | {skill})
    first = len(carers) + 1
    night = [night_carer(rng, first + k, (k * 3) % 7, settings) for k in range(night_carer_count(crews_per_night))]
    return carers + night


def make_absences(rng: random.Random, carers: list[Carer], week_start: dt.date) -> list[Absence]:
    """Some leave (two to four days) and some sickness (one or two days) during the week."""
    absences = []
    for carer in carers:
        roll = rng.random()
        if roll < 0.07:
            kind, days = AbsenceKind.LEAVE, rng.randint(2, 4)
        elif roll < 0.12:
            kind, days = AbsenceKind.SICKNESS, rng.randint(1, 2)
        else:
            continue
        first = week_start + dt.timedelta(days=rng.randint(0, 7 - days))
        start = dt.datetime.combine(first, dt.time())
        absences.append(
            Absence(
                id=f"A{len(absences) + 1:03d}",
                carer_id=carer.id,
                kind=kind,
                start=start,
                end=start + dt.timedelta(days=days),
            )
        )
    return absences
