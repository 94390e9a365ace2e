"""A week with the people taken out, for sharing a problem safely (a bug report, a benchmark, a
commissioner's analyst): every id and name replaced consistently, addresses cut to the postcode
district, free text dropped, and every location moved by a random offset. The same seed gives the
same file; without the seed the mapping cannot be rebuilt from the output.
"""

from __future__ import annotations

import dataclasses
import math
import random

from roster.domain import Crew, Location, Provider, Rota, Uncovered

EARTH_M_PER_DEG = 111_320.0


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


def _jitter(location: Location, metres: float, rng: random.Random) -> Location:
    """location moved a uniformly random distance up to metres in a random direction."""
    distance = metres * math.sqrt(rng.random())
    bearing = rng.random() * 2 * math.pi
    dlat = distance * math.cos(bearing) / EARTH_M_PER_DEG
    dlon = distance * math.sin(bearing) / (EARTH_M_PER_DEG * math.cos(math.radians(location.lat)))
    return Location(round(location.lat + dlat, 6), round(location.lon + dlon, 6))


def _district(postcode: str) -> str:
    """'CV2 4AB' -> 'CV2': enough to place a visit in its area, not at a door."""
    return postcode.split()[0] if postcode.strip() else ""


def pseudonymise(provider: Provider, rota: Rota | None = None, *, seed: int = 0,
                 jitter_m: float = 300.0) -> tuple[Provider, Rota | None, Pseudonyms]:
    """The provider (and rota) with ids, names, addresses and free text replaced."""
    rng = random.Random(f"pseudonymise:{seed}")
    names = Pseudonyms(
        carers=_ids([c.id for c in provider.carers], "C", rng),
        clients=_ids([c.id for c in provider.clients], "P", rng),
        packages=_ids([p.id for p in provider.packages], "K", rng),
        schedules=_ids([s.id for s in provider.schedules], "S", rng),
    )
    absence_ids = _ids([a.id for a in provider.absences], "A", rng)
    carers = tuple(sorted((
        dataclasses.replace(
            c, id=names.carers[c.id], name=f"Carer {names.carers[c.id][1:]}", postcode=_district(c.postcode),
            home=_jitter(c.home, jitter_m, rng),
        )
        for c in sorted(provider.carers, key=lambda c: c.id)
    ), key=lambda c: c.id))
    clients = tuple(sorted((
        dataclasses.replace(
            c, id=names.clients[c.id], name=f"Client {names.clients[c.id][1:]}", postcode=_district(c.postcode),
            location=_jitter(c.location, jitter_m, rng), access_notes="",
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
