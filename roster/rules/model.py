"""What the checker hands back: violations a coordinator can act on, and the rota's soft measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, named, with a message that says what to fix."""

    rule: str
    """The rule function's name, e.g. 'skills'."""
    hard: bool
    """True for a rule the rota must keep; False for a breach that is reported, not forbidden."""
    message: str
    """A sentence a coordinator can act on, naming visit, carer and date."""
    visit_id: str | None = None
    """The visit concerned, if any."""
    carer_id: str | None = None
    """The carer concerned, if any."""
    date: dt.date | None = None
    """The date concerned, if any."""


@dataclass(frozen=True, slots=True)
class CarerHours:
    """One carer's week in minutes."""

    carer_id: str
    """The carer."""
    worked_minutes: int
    """Visits, travel between visits and waiting, minus breaks and gaps between separate shifts."""
    contracted_minutes: int
    """The carer's contracted minutes a week (a target)."""
    visit_minutes: int
    """Minutes of care delivered."""
    travel_minutes: int
    """Minutes travelling between visits (paid)."""
    compensatory_rest_minutes: int
    """Daily rest short of the legal 11 hours, owed back to the carer."""

    @property
    def contract_gap(self) -> int:
        """Worked minus contracted: positive is over contract, negative under."""
        return self.worked_minutes - self.contracted_minutes


@dataclass(frozen=True, slots=True)
class ClientContinuity:
    """How many different carers one client met this week."""

    client_id: str
    """The client."""
    visits: int
    """Visits covered this week."""
    distinct_carers: int
    """Different carers seen."""
    preferred_share: float
    """Share of carer-visits made by one of the client's preferred carers (0 with no preferences)."""


@dataclass(frozen=True, slots=True)
class Measures:
    """The rota's soft measures: what it costs in travel, continuity, lateness and hours."""

    visits: int
    """Visits due this week (day and night)."""
    covered: int
    """Visits fully assigned."""
    uncovered_mandatory: int
    """Mandatory visits listed as uncovered."""
    uncovered_optional: int
    """Optional visits listed as uncovered."""
    delivered_minutes: int
    """Carer-minutes of care (a double-up counts twice)."""
    commissioned_minutes: int
    """Carer-minutes a week commissioned from the provider."""
    travel_minutes: int
    """Carer-minutes travelling between consecutive visits."""
    travel_metres: int
    """Road metres between consecutive visits (a night crew's car counted once)."""
    home_travel_minutes: int
    """Carer-minutes from home to the first visit of a shift and from the last one home."""
    home_travel_metres: int
    """Road metres of those home legs."""
    lateness_minutes: int
    """Minutes visits start after the client's preferred time, summed."""
    late_visits: int
    """Visits starting after the preferred time."""
    short_visits_not_agreed: int
    """Covered visits under 30 minutes not agreed as short checks (NICE NG21)."""
    gender_preference_missed: int
    """Carer-visits by a carer not of the client's (non-binding) preferred gender."""
    mean_distinct_carers: float
    """Distinct carers per client, averaged over clients visited."""
    preferred_carer_share: float
    """Share of carer-visits to clients with preferred carers made by one of them."""
    compensatory_rest_minutes: int
    """Daily rest owed back to carers, summed."""
    contract_gap_minutes: int
    """Sum over carers of |worked - contracted|."""
    ucr_minutes: int
    """Carer-minutes of UCR visits."""
    ucr_budget_minutes: int
    """The weekly UCR budget."""
    carers: tuple[CarerHours, ...]
    """Per carer, in id order (carers with no work and no contract left out)."""
    clients: tuple[ClientContinuity, ...]
    """Per client visited, in id order."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every violation of a rota and its measures."""

    violations: tuple[Violation, ...]
    """Hard then soft, each group by date, carer and visit."""
    measures: Measures
    """The soft measures."""

    @property
    def hard(self) -> tuple[Violation, ...]:
        """Only the violations the rota must not have."""
        return tuple(v for v in self.violations if v.hard)

    @property
    def soft(self) -> tuple[Violation, ...]:
        """Breaches that are reported but allowed (e.g. compensatory rest owed)."""
        return tuple(v for v in self.violations if not v.hard)

    @property
    def is_clean(self) -> bool:
        """No hard violations."""
        return not any(v.hard for v in self.violations)

    def by_rule(self) -> dict[str, int]:
        """Violation counts per rule name."""
        counts: dict[str, int] = {}
        for v in self.violations:
            counts[v.rule] = counts.get(v.rule, 0) + 1
        return counts
