"""The weekly report: the figures a commissioner, a registered manager and payroll ask for.

Rule-derived figures (hours worked, travel, compensatory rest, UCR minutes, continuity counts,
breaches) come from the rule checker's measures and violations, so the report never disagrees with
`roster check`. What the checker does not measure is computed here from the same data:
share of each client's visits made by their most frequent carers, short-visit counts, driven
mileage per carer, and money.

Pay assumption (PayBasis.CONTACT, the default): carers are paid Carer.pay_pence_per_hour for each
hour of care (contact time) only, as much of the sector is; the effective hourly rate is that pay
divided by all working time (care, travel between visits and waiting in rota gaps), which is what
the National Minimum Wage regulations compare with the National Living Wage. With
PayBasis.WORKED carers are paid the rate for all working time, so the effective rate is the rate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from roster.domain import Funder, Provider, Rota, Visit
from roster.rules import crews, working_time
from roster.rules.measures import SHORT_VISIT_MINUTES, carers_needed
from roster.rules.model import CheckReport

from .runs import CarerRun
TOP_CARERS = 3
"""Continuity: how many of a client's most frequent carers count as their core team."""


class PayBasis(str, Enum):
    """What carers are paid for."""

    CONTACT = "contact"
    """Pay rate per hour of care only (travel and waiting unpaid): the common, risky practice."""
    WORKED = "worked"
    """Pay rate per hour of working time: care, travel between visits and waiting."""


@dataclass(frozen=True, slots=True)
class UncoveredLine:
    """A visit the rota leaves without (enough) carers."""

    visit_id: str
    """The visit."""
    client_id: str
    """Whose visit."""
    date: dt.date
    """When."""
    call_type: str
    """Morning, lunch, ..."""
    optional: bool
    """May be left uncovered by explicit priority."""
    reason: str
    """Short reason code from the solver."""
    detail: str
    """The reason in a sentence."""


@dataclass(frozen=True, slots=True)
class CarerLine:
    """One carer's week: hours against contract, pay against the National Living Wage."""

    carer_id: str
    """The carer."""
    contracted_minutes: int
    """Contracted minutes a week."""
    worked_minutes: int
    """Care, travel between visits and waiting (the checker's working time)."""
    contact_minutes: int
    """Minutes of care."""
    paid_minutes: int
    """Minutes paid for under the report's pay basis (care only, or all working time)."""
    travel_minutes: int
    """Travel between visits."""
    waiting_minutes: int
    """Working time neither caring nor travelling: gaps in a shift."""
    mileage_metres: int
    """Driven road distance between visits."""
    pay_pence: int
    """Gross pay for the week under the report's pay basis."""
    effective_pence_per_hour: int
    """Pay divided by working hours (0 with no working time)."""
    below_living_wage: bool
    """Effective rate below the National Living Wage."""
    wtr_breaches: int
    """Working Time Regulations violations found by the checker."""
    compensatory_rest_minutes: int
    """Daily rest short of 11 hours, owed back."""

    @property
    def contract_gap_minutes(self) -> int:
        """Worked minus contracted: positive over, negative under."""
        return self.worked_minutes - self.contracted_minutes


@dataclass(frozen=True, slots=True)
class FunderLine:
    """The week's care paid for by one funder, against what it commissioned."""

    funder: Funder
    """Who pays (a package's funder, or its referral's usual one)."""
    visits: int
    """Visits due this week in packages it pays for."""
    visits_covered: int
    """Of those, covered by the rota."""
    delivered_minutes: int
    """Carer-minutes of care on the rota (a double-up counts both carers)."""
    billed_pence: int
    """Delivered hours at the contract rate: what the provider bills this funder."""
    pay_pence: int
    """Carer pay for that care: each carer's gross pay shared over their visits by minutes of care."""
    commissioned_minutes: int | None
    """What this funder commissioned for the week, where a setting says (the UCR budget)."""


@dataclass(frozen=True, slots=True)
class ClientLine:
    """One client's continuity of care this week."""

    client_id: str
    """The client."""
    visits: int
    """Visits covered."""
    distinct_carers: int
    """Different carers seen."""
    top_carers_share: float
    """Share of carer-visits made by the client's TOP_CARERS most frequent carers."""
    uncovered: int
    """Visits left uncovered."""


@dataclass(frozen=True, slots=True)
class WeekReport:
    """The week in figures; every duration in minutes, money in pence."""

    week_start: dt.date
    """Monday of the week."""
    status: str
    """Which rota: draft, published or planted."""
    pay_basis: PayBasis
    """The pay assumption behind the money figures."""
    commissioned_minutes: int
    """Carer-minutes a week commissioned."""
    demand_minutes: int
    """Carer-minutes the week's visits need (a double-up counts twice)."""
    scheduled_minutes: int
    """Carer-minutes of care on the rota."""
    visits: int
    """Visits due."""
    visits_covered: int
    """Visits fully assigned."""
    clients: int
    """Clients with visits due."""
    clients_not_covered: int
    """Clients with at least one visit uncovered."""
    uncovered: tuple[UncoveredLine, ...]
    """Every uncovered visit with its reason."""
    travel_minutes: int
    """Carer-minutes travelling between visits."""
    travel_metres: int
    """Road metres between visits."""
    home_travel_minutes: int
    """Carer-minutes to the first visit and home from the last (normally unpaid)."""
    worked_minutes: int
    """Carer working time: care, travel between visits and waiting."""
    waiting_minutes: int
    """Working time spent waiting in rota gaps."""
    mean_distinct_carers: float
    """Distinct carers per client visited, averaged."""
    max_distinct_carers: int
    """Most distinct carers any client saw."""
    mean_top_carers_share: float
    """Share of a client's carer-visits by their top carers, averaged over clients."""
    short_visits: int
    """Visits due under 30 minutes."""
    short_visits_agreed: int
    """Of those, agreed short checks."""
    short_visits_not_agreed: int
    """Covered visits under 30 minutes without an agreement (checker)."""
    ucr_minutes: int
    """Carer-minutes of UCR visits on the rota."""
    ucr_budget_minutes: int
    """UCR budget for the week."""
    wtr_breaches: tuple[str, ...]
    """Working Time Regulations violations, one message each."""
    compensatory_rest_minutes: int
    """Daily rest owed back to carers."""
    hard_violations: int
    """Hard rule violations on the rota (0 for a valid rota)."""
    pay_pence: int
    """Gross carer pay for the week."""
    living_wage_pence: int
    """National Living Wage per hour."""
    carers_below_living_wage: int
    """Carers whose effective hourly rate is below it."""
    contract_rate_pence: int
    """What the commissioner pays per delivered hour."""
    carers: tuple[CarerLine, ...]
    """Per carer with work or a contract, in id order."""
    client_lines: tuple[ClientLine, ...]
    """Per client with visits due, in id order."""
    funders: tuple[FunderLine, ...] = ()
    """Per funder with visits due, in the order of Funder."""

    @property
    def travel_share(self) -> float:
        """Travel between visits as a share of worked time."""
        return self.travel_minutes / self.worked_minutes if self.worked_minutes else 0.0

    @property
    def cost_per_delivered_hour_pence(self) -> int:
        """Carer pay per hour of care delivered (wages only: no on-costs, mileage or overheads)."""
        return round(self.pay_pence * 60 / self.scheduled_minutes) if self.scheduled_minutes else 0

    def summary(self) -> dict[str, object]:
        """The headline figures as one flat record (hours and pounds, rounded for people)."""
        return {
            "week": self.week_start.isoformat(),
            "status": self.status,
            "hours_commissioned": hours(self.commissioned_minutes),
            "hours_demanded": hours(self.demand_minutes),
            "hours_scheduled": hours(self.scheduled_minutes),
            "visits": self.visits,
            "visits_covered": self.visits_covered,
            "visits_uncovered": len(self.uncovered),
            "clients": self.clients,
            "clients_not_covered": self.clients_not_covered,
            "travel_hours": hours(self.travel_minutes),
            "travel_km": round(self.travel_metres / 1000, 1),
            "home_travel_hours": hours(self.home_travel_minutes),
            "travel_share_of_worked_time": round(self.travel_share, 3),
            "waiting_hours": hours(self.waiting_minutes),
            "mean_distinct_carers_per_client": round(self.mean_distinct_carers, 2),
            "max_distinct_carers_per_client": self.max_distinct_carers,
            f"share_of_visits_by_top_{TOP_CARERS}_carers": round(self.mean_top_carers_share, 3),
            "visits_under_30_min": self.short_visits,
            "visits_under_30_min_agreed": self.short_visits_agreed,
            "visits_under_30_min_not_agreed": self.short_visits_not_agreed,
            "ucr_hours": hours(self.ucr_minutes),
            "ucr_budget_hours": hours(self.ucr_budget_minutes),
            "wtr_breaches": len(self.wtr_breaches),
            "compensatory_rest_hours": hours(self.compensatory_rest_minutes),
            "hard_violations": self.hard_violations,
            "pay_basis": self.pay_basis.value,
            "pay_gbp": pounds(self.pay_pence),
            "carers_below_living_wage": self.carers_below_living_wage,
            "living_wage_gbp": pounds(self.living_wage_pence),
            "cost_per_delivered_hour_gbp": pounds(self.cost_per_delivered_hour_pence),
            "contract_rate_gbp": pounds(self.contract_rate_pence),
        }


def hours(minutes: int) -> float:
    """Minutes as hours to two decimals."""
    return round(minutes / 60, 2)


def pounds(pence: int) -> float:
    """Pence as pounds."""
    return round(pence / 100, 2)


WTR_RULES = frozenset(rule.__name__ for rule in (
    working_time.breaks, working_time.weekly_working_time, working_time.daily_rest, working_time.weekly_rest,
    crews.night_average, crews.crew_rest,
))
"""The checker's rules that come from the Working Time Regulations."""


def paid_minutes(contact_minutes: int, worked_minutes: int, basis: PayBasis) -> int:
    """The minutes a carer is paid for: care only, or all working time."""
    return contact_minutes if basis is PayBasis.CONTACT else worked_minutes


def build_week_report(
    provider: Provider,
    rota: Rota,
    check: CheckReport,
    runs: list[CarerRun],
    *,
    visits: list[Visit] | None = None,
    pay_basis: PayBasis = PayBasis.CONTACT,
) -> WeekReport:
    """The report of rota, from the checker's findings and the carers' runs."""
    settings = provider.settings_for(rota.week_start)
    measures = check.measures
    visits = provider.visits_for_week(rota.week_start) if visits is None else visits
    by_id = {v.id: v for v in visits}

    uncovered = tuple(
        UncoveredLine(
            visit_id=u.visit_id,
            client_id=by_id[u.visit_id].client_id if u.visit_id in by_id else "",
            date=by_id[u.visit_id].date if u.visit_id in by_id else rota.week_start,
            call_type=by_id[u.visit_id].call_type.value if u.visit_id in by_id else "",
            optional=by_id[u.visit_id].optional if u.visit_id in by_id else False,
            reason=u.reason,
            detail=u.detail,
        )
        for u in sorted(rota.uncovered, key=lambda u: u.visit_id)
    )
    uncovered_by_client = Counter(u.client_id for u in uncovered)

    carers_of = rota.carers_of()
    per_client: dict[str, Counter] = {}
    for visit_id, carer_ids in carers_of.items():
        visit = by_id.get(visit_id)
        if visit is not None:
            per_client.setdefault(visit.client_id, Counter()).update(carer_ids)
    continuity = {c.client_id: c for c in measures.clients}
    client_ids = sorted({v.client_id for v in visits})
    client_lines = []
    for client_id in client_ids:
        counts = per_client.get(client_id, Counter())
        total = sum(counts.values())
        top = sum(n for _, n in counts.most_common(TOP_CARERS))
        known = continuity.get(client_id)
        client_lines.append(ClientLine(
            client_id=client_id,
            visits=known.visits if known else 0,
            distinct_carers=known.distinct_carers if known else 0,
            top_carers_share=top / total if total else 0.0,
            uncovered=uncovered_by_client.get(client_id, 0),
        ))
    visited = [c for c in client_lines if c.visits]

    wtr = [v for v in check.violations if v.rule in WTR_RULES]
    wtr_by_carer = Counter(v.carer_id for v in wtr)
    mileage: Counter = Counter()
    for run in runs:
        mileage[run.carer_id] += run.mileage_metres
    carer_lines = []
    for hours_of in measures.carers:
        rate = provider.carer(hours_of.carer_id).pay_pence_per_hour
        paid = paid_minutes(hours_of.visit_minutes, hours_of.worked_minutes, pay_basis)
        pay = round(paid * rate / 60)
        effective = round(pay * 60 / hours_of.worked_minutes) if hours_of.worked_minutes else 0
        carer_lines.append(CarerLine(
            carer_id=hours_of.carer_id,
            contracted_minutes=hours_of.contracted_minutes,
            worked_minutes=hours_of.worked_minutes,
            contact_minutes=hours_of.visit_minutes,
            paid_minutes=paid,
            travel_minutes=hours_of.travel_minutes,
            waiting_minutes=max(0, hours_of.worked_minutes - hours_of.visit_minutes - hours_of.travel_minutes),
            mileage_metres=mileage.get(hours_of.carer_id, 0),
            pay_pence=pay,
            effective_pence_per_hour=effective,
            below_living_wage=bool(hours_of.worked_minutes) and effective < settings.national_living_wage_pence,
            wtr_breaches=wtr_by_carer.get(hours_of.carer_id, 0),
            compensatory_rest_minutes=hours_of.compensatory_rest_minutes,
        ))

    short = [v for v in visits if v.duration < SHORT_VISIT_MINUTES]
    funders = funder_lines(provider, rota, by_id, carer_lines, measures)
    return WeekReport(
        week_start=rota.week_start,
        status=rota.status.value,
        pay_basis=pay_basis,
        commissioned_minutes=measures.commissioned_minutes,
        demand_minutes=sum(v.duration * v.carers_needed for v in visits),
        scheduled_minutes=measures.delivered_minutes,
        visits=measures.visits,
        visits_covered=measures.covered,
        clients=len(client_ids),
        clients_not_covered=len(uncovered_by_client),
        uncovered=uncovered,
        travel_minutes=measures.travel_minutes,
        travel_metres=measures.travel_metres,
        home_travel_minutes=measures.home_travel_minutes,
        worked_minutes=sum(c.worked_minutes for c in carer_lines),
        waiting_minutes=sum(c.waiting_minutes for c in carer_lines),
        mean_distinct_carers=measures.mean_distinct_carers,
        max_distinct_carers=max((c.distinct_carers for c in visited), default=0),
        mean_top_carers_share=sum(c.top_carers_share for c in visited) / len(visited) if visited else 0.0,
        short_visits=len(short),
        short_visits_agreed=sum(1 for v in short if v.short_check_agreed),
        short_visits_not_agreed=measures.short_visits_not_agreed,
        ucr_minutes=measures.ucr_minutes,
        ucr_budget_minutes=measures.ucr_budget_minutes,
        wtr_breaches=tuple(v.message for v in wtr),
        compensatory_rest_minutes=measures.compensatory_rest_minutes,
        hard_violations=len(check.hard),
        pay_pence=sum(c.pay_pence for c in carer_lines),
        living_wage_pence=settings.national_living_wage_pence,
        carers_below_living_wage=sum(1 for c in carer_lines if c.below_living_wage),
        contract_rate_pence=settings.contract_rate_pence,
        carers=tuple(carer_lines),
        client_lines=tuple(client_lines),
        funders=funders,
    )


def funder_lines(
    provider: Provider, rota: Rota, visits: dict[str, Visit], carer_lines: list[CarerLine], measures
) -> tuple[FunderLine, ...]:
    """Hours, billing and pay by funder; the lines add up to the week's delivered minutes and pay."""
    settings = provider.settings_for(rota.week_start)
    paid_by = {p.id: p.paid_by for p in provider.packages}
    pay_per_care_minute = {c.carer_id: c.pay_pence / c.contact_minutes for c in carer_lines if c.contact_minutes}
    due: Counter = Counter(paid_by[v.package_id] for v in visits.values())
    covered: Counter = Counter(
        paid_by[visits[v].package_id] for v, carers in rota.carers_of().items()
        if v in visits and len(set(carers)) >= carers_needed(visits[v])
    )
    minutes: Counter = Counter()
    pay: Counter = Counter()
    for a in rota.assignments:
        if a.visit_id in visits:
            funder = paid_by[visits[a.visit_id].package_id]
            minutes[funder] += a.end - a.start
            pay[funder] += (a.end - a.start) * pay_per_care_minute.get(a.carer_id, 0)
    return tuple(
        FunderLine(
            funder=f, visits=due[f], visits_covered=covered[f], delivered_minutes=minutes[f],
            billed_pence=round(minutes[f] * settings.contract_rate_pence / 60), pay_pence=round(pay[f]),
            commissioned_minutes=measures.ucr_budget_minutes if f is Funder.UCR else None,
        )
        for f in Funder if due[f]
    )
