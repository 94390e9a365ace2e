"""What if: change a copy of the week (more demand, fewer carers, a different skill mix, a new
area), solve it beside the unchanged week with the same time limit, and compare the reports.
Nothing is written to the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from roster.domain import Provider, Service
from roster.reports.week import WeekReport

from .report import report_of


@dataclass(frozen=True, slots=True)
class Scenario:
    """The changes of one what-if; every field left at its default changes nothing."""

    demand_percent: int = 0
    """More (or, negative, fewer) clients with visits this week, as a percentage of today's."""
    carers_fewer: int = 0
    """Day carers taken away."""
    skill: str = ""
    """A skill whose holders change in number..."""
    skill_change: int = 0
    """...by this many carers (negative: that many lose it)."""
    new_area: str = ""
    """A postcode district (e.g. CV7) new clients come from..."""
    new_area_clients: int = 0
    """...this many of them, each with the visits of an existing client."""
    seed: int = 0
    """Which clients and carers are picked."""

    def label(self) -> str:
        """The scenario in a few words, e.g. 'demand +10%, 5 carers fewer'."""
        parts = []
        if self.demand_percent:
            parts.append(f"demand {self.demand_percent:+d}%")
        if self.carers_fewer:
            parts.append(f"{self.carers_fewer} carers fewer")
        if self.skill and self.skill_change:
            parts.append(f"{self.skill} {self.skill_change:+d} carers")
        if self.new_area and self.new_area_clients:
            parts.append(f"{self.new_area_clients} clients in {self.new_area}")
        return ", ".join(parts) or "unchanged"


def _active_clients(provider: Provider, monday: dt.date) -> list[str]:
    return sorted({v.client_id for v in provider.visits_for_week(monday) if v.service is Service.DAY})


def _clone_clients(provider: Provider, sources: list[str], tag: str, places=None) -> Provider:
    """New clients with copies of the sources' packages and schedules (ids prefixed with tag);
    places, if given, are (postcode, location) for each new client."""
    clients, packages, schedules = list(provider.clients), list(provider.packages), list(provider.schedules)
    for i, source in enumerate(sources):
        original = provider.client(source)
        new_id = f"{tag}{i + 1}-{source}"
        postcode, location = places[i] if places else (original.postcode, original.location)
        clients.append(dataclasses.replace(original, id=new_id, postcode=postcode, location=location,
                                           preferred_carers=(), declined_carers=frozenset()))
        for package in provider.packages:
            if package.client_id != source:
                continue
            package_id = f"{tag}{i + 1}-{package.id}"
            packages.append(dataclasses.replace(package, id=package_id, client_id=new_id))
            schedules.extend(dataclasses.replace(s, id=f"{tag}{i + 1}-{s.id}", package_id=package_id)
                             for s in provider.schedules if s.package_id == package.id)
    return dataclasses.replace(provider, clients=tuple(sorted(clients, key=lambda c: c.id)),
                               packages=tuple(packages), schedules=tuple(schedules))


def _without_carers(provider: Provider, gone: set[str]) -> Provider:
    clients = tuple(
        dataclasses.replace(c, declined_carers=c.declined_carers - gone,
                            preferred_carers=tuple(x for x in c.preferred_carers if x not in gone))
        for c in provider.clients
    )
    return dataclasses.replace(
        provider, carers=tuple(c for c in provider.carers if c.id not in gone), clients=clients,
        absences=tuple(a for a in provider.absences if a.carer_id not in gone),
    )


def apply_scenario(provider: Provider, monday: dt.date, scenario: Scenario) -> Provider:
    """A copy of provider with the scenario's changes; ValueError for a change that cannot be made."""
    rng = random.Random(f"scenario:{scenario.seed}")
    changed = provider
    active = _active_clients(provider, monday)
    if scenario.demand_percent > 0:
        count = round(len(active) * scenario.demand_percent / 100)
        changed = _clone_clients(changed, [rng.choice(active) for _ in range(count)], "D")
    elif scenario.demand_percent < 0:
        gone = set(rng.sample(active, min(len(active), round(len(active) * -scenario.demand_percent / 100))))
        packages = tuple(p for p in changed.packages if p.client_id not in gone)
        kept = {p.id for p in packages}
        changed = dataclasses.replace(changed, packages=packages,
                                      schedules=tuple(s for s in changed.schedules if s.package_id in kept))
    if scenario.carers_fewer:
        day_carers = sorted(c.id for c in changed.carers if c.day_worker and not c.night_worker)
        if scenario.carers_fewer > len(day_carers):
            raise ValueError(f"only {len(day_carers)} day carers; cannot take {scenario.carers_fewer} away")
        changed = _without_carers(changed, set(rng.sample(day_carers, scenario.carers_fewer)))
    if scenario.skill and scenario.skill_change:
        if scenario.skill not in changed.settings_for(monday).skills:
            raise ValueError(f"{scenario.skill!r} is not a known skill")
        losing = scenario.skill_change < 0
        pool = sorted(c.id for c in changed.carers if (scenario.skill in c.skills) == losing)
        picked = set(rng.sample(pool, min(len(pool), abs(scenario.skill_change))))
        changed = dataclasses.replace(changed, carers=tuple(
            dataclasses.replace(c, skills=(c.skills - {scenario.skill}) if losing else (c.skills | {scenario.skill}))
            if c.id in picked else c
            for c in changed.carers
        ))
    if scenario.new_area and scenario.new_area_clients:
        from roster.locations import postcode_location, postcodes_in_district

        postcodes = postcodes_in_district(scenario.new_area)
        if not postcodes:
            raise ValueError(f"no known postcodes in {scenario.new_area}")
        chosen = [rng.choice(postcodes) for _ in range(scenario.new_area_clients)]
        places = [(p, postcode_location(p)) for p in chosen]
        changed = _clone_clients(changed, [rng.choice(active) for _ in chosen], "A", places)
    return changed


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """One solved variant of the week."""

    label: str
    """What was changed."""
    report: WeekReport
    """Its report."""


def run_scenarios(provider: Provider, monday: dt.date, scenarios: list[Scenario], *, time_limit: float = 30.0,
                  workers: int = 2) -> list[ScenarioResult]:
    """The unchanged week first, then each scenario, each solved from scratch with the same limit."""
    from .batch import solve_in_memory

    results = []
    for scenario in [Scenario()] + scenarios:
        variant = apply_scenario(provider, monday, scenario)
        rota = solve_in_memory(variant, monday, time_limit=time_limit, workers=workers)
        results.append(ScenarioResult(scenario.label(), report_of(variant, rota)))
    return results


def side_by_side(results: list[ScenarioResult]) -> list[dict]:
    """One row per report figure, one column per scenario."""
    summaries = [(r.label, r.report.summary()) for r in results]
    figures = [k for k in summaries[0][1] if k not in ("week", "status", "pay_basis")]
    return [{"figure": f, **{label: s[f] for label, s in summaries}} for f in figures]
