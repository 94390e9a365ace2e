"""The re-identification attack of issue 26, run on a pseudonymised export of a demo week: from the
file alone and the public postcode directory, try to place each carer and client at home, by
snapping each point to its nearest postcode and by replaying the seeded random numbers the export
once used (seeds 0-1000, the old 300 m jitter). No more than a few people may come out within
200 m of their true home; and the travel table shipped instead of the true points must give the
true travel, in the file, in solve-file's solution and in the rule checker's view of it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from roster.cli.main import cli
from roster.demo import generate
from roster.domain import Location, Rota, Transport, great_circle_m
from roster.domain.travel import TravelModel
from roster.exports.pseudonymise import pseudonymise, true_travel
from roster.reports.week import hours
from roster.locations import postcode_location, postcodes_in_district
from roster.rules import check_rota
from roster.scripting.problem import problem_document
from roster.scripting.solution import rota_from_solution

WEEK = dt.date(2026, 11, 23)
NEAR_M = 200
"""A guess this close to someone's home finds their street."""
OLD_JITTER_M = 300.0
"""The export's old default: the replay assumes it."""
SEEDS = range(1001)
M_PER_DEG = 111_320.0


class Directory:
    """The public postcode centroids around Coventry, with a nearest-centroid lookup."""

    CELL_M = 250.0

    def __init__(self, points: list[Location]):
        self.cells: dict[tuple[int, int], list[Location]] = {}
        self.fine = set()
        for p in points:
            self.cells.setdefault(self._cell(p), []).append(p)
            self.fine.add(self._cell(p, 2.0))

    def _cell(self, p: Location, size: float = CELL_M) -> tuple[int, int]:
        return int(p.lat * M_PER_DEG // size), int(p.lon * M_PER_DEG * math.cos(math.radians(52.4)) // size)

    def on_centroid(self, p: Location) -> bool:
        """Within a few metres of some postcode centroid (a quick test for the replay's seed search)."""
        row, col = self._cell(p, 2.0)
        return any((r, c) in self.fine for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1))

    def nearest(self, p: Location) -> tuple[Location, float]:
        row, col = self._cell(p)
        for ring in range(1, 12):
            near = [q for r in range(row - ring, row + ring + 1) for c in range(col - ring, col + ring + 1)
                    for q in self.cells.get((r, c), ())]
            if near:
                best = min(near, key=lambda q: great_circle_m(p, q))
                return best, great_circle_m(p, best)
        raise LookupError(p)


@pytest.fixture(scope="module")
def directory() -> Directory:
    districts = [f"CV{n}" for n in range(1, 9)]
    points = [postcode_location(pc) for d in districts for pc in postcodes_in_district(d)]
    return Directory([p for p in points if p is not None])


@pytest.fixture(scope="module")
def week():
    """A framework provider's week (650 hours: 46 carers, 90 clients), homes on real postcodes."""
    return generate(seed=1, hours_per_week=650, week_start=WEEK).provider


# --- the attack: it sees the exported document and the directory, nothing else -----------------

def _people(document: dict) -> list[tuple[str, Location]]:
    """(new id, exported point) of every carer, then every client."""
    return [(c["id"], Location(c["home"]["lat"], c["home"]["lon"])) for c in document["carers"]] + \
        [(c["id"], Location(c["location"]["lat"], c["location"]["lon"])) for c in document["clients"]]


def snap_attack(document: dict, directory: Directory) -> dict[str, Location]:
    """Each person at the postcode nearest their exported point."""
    return {pid: directory.nearest(point)[0] for pid, point in _people(document)}


def seeded_offsets(document: dict, seed: int) -> dict[str, tuple[float, float]]:
    """The (north, east) metres the old export moved each person by, were seed its seed: its shuffles
    depend only on list lengths, so the draws that followed can be replayed from the file."""
    rng = random.Random(f"pseudonymise:{seed}")
    ranks = {}
    for key in ("carers", "clients", "packages", "schedules", "absences"):
        order = list(range(len(document.get(key, ()))))
        rng.shuffle(order)
        ranks[key] = order  # new number k + 1 went to the record of old rank order[k]
    offsets = {}
    for key in ("carers", "clients"):
        by_rank = {rank: k for k, rank in enumerate(ranks[key])}
        number_to_id = {int(r["id"][1:]): r["id"] for r in document[key]}
        for rank in range(len(ranks[key])):
            distance = OLD_JITTER_M * math.sqrt(rng.random())
            bearing = rng.random() * 2 * math.pi
            pid = number_to_id.get(by_rank[rank] + 1)
            if pid is not None:
                offsets[pid] = (distance * math.cos(bearing), distance * math.sin(bearing))
    return offsets


def _moved(point: Location, north: float, east: float) -> Location:
    return Location(point.lat + north / M_PER_DEG,
                    point.lon + east / (M_PER_DEG * math.cos(math.radians(point.lat))))


def replay_attack(document: dict, directory: Directory) -> dict[str, Location]:
    """Undo the offsets of the seed under which most people land on a postcode centroid."""
    people = _people(document)
    best, best_hits = {}, -1
    for seed in SEEDS:
        offsets = seeded_offsets(document, seed)
        undone = {pid: _moved(point, -offsets[pid][0], -offsets[pid][1]) for pid, point in people if pid in offsets}
        hits = sum(directory.on_centroid(p) for p in undone.values())
        if hits > best_hits:
            best, best_hits = undone, hits
    return best


def located(document: dict, truth: dict[str, Location], directory: Directory,
            attacks: tuple[Callable, ...] = (snap_attack, replay_attack)) -> list[str]:
    """The people some attack places within NEAR_M of their true home."""
    guesses = [attack(document, directory) for attack in attacks]
    return sorted(pid for pid, home in truth.items()
                  if any(pid in g and great_circle_m(g[pid], home) <= NEAR_M for g in guesses))


# --- the export under attack ----------------------------------------------------------------------

def _export(provider):
    """What `roster export-problem --pseudonymise` writes, and (kept by the test) who is who."""
    shared, _, names = pseudonymise(provider)
    document = json.loads(json.dumps(problem_document(shared, WEEK, true_travel(names, shared.settings_for(WEEK)))))
    truth = {names.carers[c.id]: c.home for c in provider.carers}
    truth |= {names.clients[c.id]: c.location for c in provider.clients}
    return document, truth, names


def _allowed(people: int) -> int:
    return max(3, math.floor(people * 0.03))


def test_the_attack_finds_everyone_in_an_unmoved_export(week, directory):
    """The control: the homes of this week do sit on postcodes, so the snap attack has teeth."""
    document = problem_document(week, WEEK)
    truth = {c.id: c.home for c in week.carers} | {c.id: c.location for c in week.clients}
    assert len(located(document, truth, directory, (snap_attack,))) == len(truth)


def test_the_replay_attack_undoes_a_seeded_export(week, directory):
    """The control: an export moved by the old seeded draws (seed 7) is undone to the metre."""
    document, truth, _ = _export(week)
    offsets = seeded_offsets(document, 7)
    for key, field in (("carers", "home"), ("clients", "location")):
        for record in document[key]:
            north, east = offsets[record["id"]]
            point = _moved(truth[record["id"]], north, east)
            record[field] = {"lat": point.lat, "lon": point.lon}
    guesses = replay_attack(document, directory)
    assert all(great_circle_m(guesses[pid], home) < 2 for pid, home in truth.items())


def test_a_pseudonymised_export_withstands_the_attack(week, directory):
    document, truth, _ = _export(week)
    found = located(document, truth, directory)
    assert len(truth) > 100  # a whole small provider: its carers and clients
    assert len(found) <= _allowed(len(truth)), f"{len(found)} of {len(truth)} people placed within {NEAR_M} m"


def test_the_export_holds_no_names_postcodes_notes_or_original_ids(week):
    document, _, _ = _export(week)
    text = json.dumps(document)
    for record in (*week.carers, *week.clients):
        assert record.name not in text
        assert record.postcode.split()[0] not in text
    for secret in [c.access_notes for c in week.clients] + [p.goals for p in week.packages] + \
            [a.note for a in week.absences]:
        assert not secret or secret not in text
    # Ids are a fresh count, handed out in a secret order that differs from export to export.
    for key, prefix in (("carers", "C"), ("clients", "P"), ("packages", "K"), ("schedules", "S"), ("absences", "A")):
        width = max(3, len(str(len(document[key]))))
        assert sorted(r["id"] for r in document[key]) == [f"{prefix}{i:0{width}d}" for i in range(1, len(document[key]) + 1)]
    _, _, one = _export(week)
    _, _, two = _export(week)
    assert one.carers != two.carers and one.clients != two.clients and one.schedules != two.schedules
    assert {r["postcode"] for r in document["carers"] + document["clients"]} == {""}


def test_the_shipped_table_is_the_travel_between_the_true_homes(week):
    document, truth, _ = _export(week)
    true = TravelModel(week.settings_for(WEEK))
    homes = [truth[pid] for pid, _ in _people(document)]
    for mode in (Transport.CAR, Transport.FOOT, Transport.PUBLIC):
        table = document["travel"]["minutes"][mode.value]
        assert table == [[true.minutes(a, b, mode) for b in homes] for a in homes]
    assert document["travel"]["metres"] == [[true.metres(a, b) for b in homes] for a in homes]


def _true_ids(rota: Rota, names) -> Rota:
    """A rota of the shared week under the provider's own ids."""
    import dataclasses

    carer = {new: old for old, new in names.carers.items()}
    schedule = {new: old for old, new in names.schedules.items()}

    def visit(vid: str) -> str:
        s, _, day = vid.partition("@")
        return f"{schedule[s]}@{day}"

    return dataclasses.replace(
        rota,
        assignments=tuple(dataclasses.replace(a, visit_id=visit(a.visit_id), carer_id=carer[a.carer_id])
                          for a in rota.assignments),
        breaks=tuple(dataclasses.replace(b, carer_id=carer[b.carer_id]) for b in rota.breaks),
        uncovered=tuple(dataclasses.replace(u, visit_id=visit(u.visit_id)) for u in rota.uncovered),
        crews=tuple(dataclasses.replace(c, carer_ids=tuple(carer[x] for x in c.carer_ids)) for c in rota.crews),
    )


def test_solve_file_on_the_export_plans_the_true_travel(tmp_path):
    """The rota solve-file makes of the export, put back under the true ids and homes, breaks no
    hard rule and travels exactly what the solution says."""
    provider = generate(seed=2, hours_per_week=100, week_start=WEEK).provider
    document, _, names = _export(provider)
    problem = tmp_path / "shared.json"
    problem.write_text(json.dumps(document))
    result = CliRunner().invoke(cli, ["solve-file", str(problem), "--time-limit", "3", "--workers", "1", "-q"])
    assert result.exit_code in (0, 3), result.output
    solution = json.loads(result.output)
    back = check_rota(provider, _true_ids(rota_from_solution(solution), names))
    assert back.hard == ()
    summary, m = solution["report"]["summary"], back.measures
    assert m.travel_minutes > 0
    assert (summary["travel_hours"], summary["travel_km"], summary["home_travel_hours"]) == \
        (hours(m.travel_minutes), round(m.travel_metres / 1000, 1), hours(m.home_travel_minutes))
