"""Payroll rows: one per carer, the week's working hours split into care, travel and waiting, the
hours paid under the pay basis, mileage and gross pay, taken from the weekly report so the two
never disagree (docs/figures.md defines each figure)."""

from __future__ import annotations

from roster.domain import Provider
from roster.reports.week import WeekReport, hours, pounds

COLUMNS = ("carer_id", "name", "worked_hours", "paid_hours", "care_hours", "travel_hours", "waiting_hours", "mileage_miles",
           "mileage_km", "pay_basis", "rate_gbp", "gross_pay_gbp", "effective_rate_gbp", "below_nlw")
METRES_PER_MILE = 1609.344


def payroll_rows(provider: Provider, report: WeekReport) -> list[dict]:
    """Each carer with work this week: worked hours are care + travel + waiting; paid hours are
    what gross pay pays for (care alone under the contact basis, worked hours under worked)."""
    return [
        {
            "carer_id": line.carer_id,
            "name": provider.carer(line.carer_id).name,
            "worked_hours": hours(line.worked_minutes),
            "paid_hours": hours(line.paid_minutes),
            "care_hours": hours(line.contact_minutes),
            "travel_hours": hours(line.travel_minutes),
            "waiting_hours": hours(line.waiting_minutes),
            "mileage_miles": round(line.mileage_metres / METRES_PER_MILE, 1),
            "mileage_km": round(line.mileage_metres / 1000, 1),
            "pay_basis": report.pay_basis.value,
            "rate_gbp": pounds(provider.carer(line.carer_id).pay_pence_per_hour),
            "gross_pay_gbp": pounds(line.pay_pence),
            "effective_rate_gbp": pounds(line.effective_pence_per_hour),
            "below_nlw": "yes" if line.below_living_wage else "",
        }
        for line in report.carers
        if line.worked_minutes
    ]
