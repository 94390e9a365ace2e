"""The weekly report for both front ends: load the week, run the rule checker once, build the figures."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from roster.domain import Provider, Rota, RotaStatus
from roster.domain.travel import TravelModel
from roster.reports.runs import carer_runs
from roster.reports.week import PayBasis, WeekReport, build_week_report
from roster.rules import check_rota
from roster.store import load_provider, load_rota


def report_of(provider: Provider, rota: Rota, *, pay_basis: PayBasis = PayBasis.CONTACT,
              travel: TravelModel | None = None) -> WeekReport:
    """The report of a rota held in memory (scenarios, solve-file); travel as in solve_week."""
    visits = provider.visits_for_week(rota.week_start)
    check = check_rota(provider, rota, travel=travel)
    runs = carer_runs(provider, rota, {v.id: v for v in visits}, travel=travel)
    return build_week_report(provider, rota, check, runs, visits=visits, pay_basis=pay_basis)


def load_week(db: Database, monday: dt.date, status: RotaStatus = RotaStatus.DRAFT) -> tuple[Provider, Rota]:
    """The provider and the week's stored rota; LookupError if there is no rota of that status."""
    rota = load_rota(db, monday, status)
    if rota is None:
        raise LookupError(f"no {status.value} rota for the week of {monday}")
    return load_provider(db), rota


def week_report(
    db: Database,
    monday: dt.date,
    status: RotaStatus = RotaStatus.DRAFT,
    *,
    pay_basis: PayBasis = PayBasis.CONTACT,
) -> WeekReport:
    """The report of the week's stored rota; LookupError if there is none of that status."""
    provider, rota = load_week(db, monday, status)
    return report_of(provider, rota, pay_basis=pay_basis)
