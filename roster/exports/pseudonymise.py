"""A week with the people taken out, for sharing a problem (a bug report, a benchmark, a
commissioner's analyst): every id and name replaced, postcodes and free text dropped, and every
home moved between half and all of jitter_m in a random direction, far beyond a postcode's few
dozen metres, so that snapping a point to the nearest postcode finds a stranger's door.

All randomness is the operating system's (secrets.SystemRandom): nothing a reader of the file
could guess or replay, so no two exports are alike and the mapping cannot be rebuilt from one.
Travel is not measured between the moved points: `true_travel` measures it between the true
homes, and the problem file ships that table (its `travel`), so the shared week solves to the same
travel minutes as the real one.
"""

from __future__ import annotations

import dataclasses
import math
import random
import secrets

from roster.domain import Crew, Location, Provider, Rota, Settings, Transport, Uncovered
from roster.domain.travel import TravelModel

EARTH_M_PER_DEG = 111_320.0
SMALLEST_JITTER_M = 500.0
"""Moving a home by less would leave it near its own postcode (urban postcodes span tens of metres)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Pseudonyms:
    """The replacement ids (old -> new) of one pseudonymisation; kept by the caller, never shared."""

    carers: dict[str, str]
    """Carer ids."""
    clients: dict[str, str]
    """Client ids."""
    packages: dict[str, str]
    """Package ids."""
    schedules: dict[str, str]
    """Schedule ids (visit ids follow: '<schedule>@<date>')."""
    places: dict[Location, Location]
    """Moved point -> the true point it stands for (what `true_travel` measures between)."""

    def visit(self, visit_id: str) -> str:
        """The new id of a visit."""
        schedule, _, date = visit_id.partition("@")
        return f"{self.schedules[schedule]}@{date}"


def _ids(old: list[str], prefix: str, rng: random.Random) -> dict[str, str]:
    """Old ids to prefix + number, numbered in a shuffled order so that order leaks nothing."""
    shuffled = sorted(old)
    rng.shuffle(shuffled)
    width = max(3, len(str(len(old))))
    return {o: f"{prefix}{i + 1:0{width}d}" for i, o in enumerate(shuffled)}


class _Mover:
    """Moves each home on its own (people sharing an address get points apart), to a point no other
    home was moved to."""

    def __init__(self, metres: float, rng: random.Random):
        self.metres, self.rng = metres, rng
        self.moved: dict[Location, Location] = {}

    def __call__(self, location: Location) -> Location:
        while True:
            # Uniform over the ring between metres/2 and metres: never left close to home.
            inner = self.metres / 2
            distance = math.sqrt(self.rng.uniform(inner ** 2, self.metres ** 2))
            bearing = self.rng.uniform(0, 2 * math.pi)
            dlat = distance * math.cos(bearing) / EARTH_M_PER_DEG
            dlon = distance * math.sin(bearing) / (EARTH_M_PER_DEG * math.cos(math.radians(location.lat)))
            moved = Location(round(location.lat + dlat, 6), round(location.lon + dlon, 6))
            # One true point per moved point, or the travel table could not tell two people apart.
            if moved not in self.moved:
                self.moved[moved] = location
                return moved


def pseudonymise(provider: Provider, rota: Rota | None = None, *,
                 jitter_m: float = 1000.0) -> tuple[Provider, Rota | None, Pseudonyms]:
    """The provider (and rota) with ids, names, postcodes and free text replaced and every home
    moved; the Pseudonyms say how, and stay with the caller."""
    if jitter_m < SMALLEST_JITTER_M:
        raise ValueError(f"jitter of {jitter_m:g} m is too small to hide a home: at least {SMALLEST_JITTER_M:g} m")
    rng = secrets.SystemRandom()
    move = _Mover(jitter_m, rng)
    names = Pseudonyms(
        carers=_ids([c.id for c in provider.carers], "C", rng),
        clients=_ids([c.id for c in provider.clients], "P", rng),
        packages=_ids([p.id for p in provider.packages], "K", rng),
        schedules=_ids([s.id for s in provider.schedules], "S", rng),
        places=move.moved,
    )
    absence_ids = _ids([a.id for a in provider.absences], "A", rng)
    carers = tuple(sorted((
        dataclasses.replace(
            c, id=names.carers[c.id], name=f"Carer {names.carers[c.id][1:]}", postcode="", home=move(c.home),
        )
        for c in sorted(provider.carers, key=lambda c: c.id)
    ), key=lambda c: c.id))
    clients = tuple(sorted((
        dataclasses.replace(
            c, id=names.clients[c.id], name=f"Client {names.clients[c.id][1:]}", postcode="",
            location=move(c.location), access_notes="",
            declined_carers=frozenset(names.carers[x] for x in c.declined_carers),
            preferred_carers=tuple(names.carers[x] for x in c.preferred_carers),
        )
        for c in sorted(provider.clients, key=lambda c: c.id)
    ), key=lambda c: c.id))
    packages = tuple(sorted((
        dataclasses.replace(p, id=names.packages[p.id], client_id=names.clients[p.client_id], goals="")
        for p in provider.packages
    ), key=lambda p: p.id))
    schedules = tuple(sorted((
        dataclasses.replace(s, id=names.schedules[s.id], package_id=names.packages[s.package_id])
        for s in provider.schedules
    ), key=lambda s: s.id))
    absences = tuple(sorted((
        dataclasses.replace(a, id=absence_ids[a.id], carer_id=names.carers[a.carer_id], note="")
        for a in provider.absences
    ), key=lambda a: a.id))
    shared = Provider(carers=carers, clients=clients, packages=packages, schedules=schedules, absences=absences,
                      settings=provider.settings)
    if rota is None:
        return shared, None, names
    shared_rota = dataclasses.replace(
        rota,
        assignments=tuple(
            dataclasses.replace(a, visit_id=names.visit(a.visit_id), carer_id=names.carers[a.carer_id])
            for a in rota.assignments
        ),
        breaks=tuple(dataclasses.replace(b, carer_id=names.carers[b.carer_id]) for b in rota.breaks),
        # The detail sentence may name people; the reason code says enough.
        uncovered=tuple(Uncovered(names.visit(u.visit_id), u.reason) for u in rota.uncovered),
        crews=tuple(Crew(f"N{i + 1}@{c.date.isoformat()}", c.date, tuple(names.carers[x] for x in c.carer_ids))
                    for i, c in enumerate(rota.crews)),
    )
    return shared, shared_rota, names


class _TrueTravel(TravelModel):
    """Travel between moved points, measured between the true points they stand for."""

    def __init__(self, settings: Settings, places: dict[Location, Location]):
        super().__init__(settings)
        self.places = places

    def minutes(self, a: Location, b: Location, mode: Transport) -> int:
        return super().minutes(self.places[a], self.places[b], mode)

    def metres(self, a: Location, b: Location) -> int:
        return super().metres(self.places[a], self.places[b])


def true_travel(names: Pseudonyms, settings: Settings) -> TravelModel:
    """The travel of the pseudonymised week: what to solve, check and report it with, and what its
    problem file ships as `travel` (roster.scripting.problem.problem_document)."""
    return _TrueTravel(settings, names.places)
