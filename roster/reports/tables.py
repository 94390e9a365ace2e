"""The report as rows for the shared --json/--csv/--table output: one list of records per section."""

from __future__ import annotations

from dataclasses import asdict

from .week import WeekReport, hours, pounds

SECTIONS = ("summary", "uncovered", "carers", "clients", "funders", "wtr")


def carer_rows(report: WeekReport) -> list[dict]:
    """Each carer's hours against contract and pay against the National Living Wage."""
    return [
        {
            "carer": c.carer_id,
            "contracted_h": hours(c.contracted_minutes),
            "worked_h": hours(c.worked_minutes),
            "gap_h": hours(c.contract_gap_minutes),
            "care_h": hours(c.contact_minutes),
            "paid_h": hours(c.paid_minutes),
            "travel_h": hours(c.travel_minutes),
            "waiting_h": hours(c.waiting_minutes),
            "mileage_km": round(c.mileage_metres / 1000, 1),
            "pay_gbp": pounds(c.pay_pence),
            "effective_gbp_h": pounds(c.effective_pence_per_hour),
            "below_nlw": "yes" if c.below_living_wage else "",
            "wtr_breaches": c.wtr_breaches,
            "comp_rest_h": hours(c.compensatory_rest_minutes),
        }
        for c in report.carers
    ]


def client_rows(report: WeekReport) -> list[dict]:
    """Continuity per client."""
    return [
        {
            "client": c.client_id,
            "visits": c.visits,
            "uncovered": c.uncovered,
            "distinct_carers": c.distinct_carers,
            "top_carers_share": round(c.top_carers_share, 3),
        }
        for c in report.client_lines
    ]


def uncovered_rows(report: WeekReport) -> list[dict]:
    """Every uncovered visit with its reason."""
    return [
        {**asdict(u), "date": u.date.isoformat(), "optional": "yes" if u.optional else ""}
        for u in report.uncovered
    ]


def funder_rows(report: WeekReport) -> list[dict]:
    """Hours and cost by funder against what it commissioned, then the week's total."""
    rows = [
        {
            "funder": f.funder.value,
            "visits": f.visits,
            "visits_covered": f.visits_covered,
            "delivered_h": hours(f.delivered_minutes),
            "commissioned_h": hours(f.commissioned_minutes) if f.commissioned_minutes is not None else "",
            "billed_gbp": pounds(f.billed_pence),
            "carer_pay_gbp": pounds(f.pay_pence),
        }
        for f in report.funders
    ]
    rows.append({
        "funder": "all",
        "visits": sum(f.visits for f in report.funders),
        "visits_covered": sum(f.visits_covered for f in report.funders),
        "delivered_h": hours(report.scheduled_minutes),
        "commissioned_h": hours(report.commissioned_minutes),
        "billed_gbp": pounds(sum(f.billed_pence for f in report.funders)),
        "carer_pay_gbp": pounds(report.pay_pence),
    })
    return rows


def section_rows(report: WeekReport, section: str) -> list[dict]:
    """The rows of one section of the report."""
    if section == "summary":
        return [{"figure": k, "value": v} for k, v in report.summary().items()]
    if section == "uncovered":
        return uncovered_rows(report)
    if section == "carers":
        return carer_rows(report)
    if section == "clients":
        return client_rows(report)
    if section == "funders":
        return funder_rows(report)
    if section == "wtr":
        return [{"breach": message} for message in report.wtr_breaches]
    raise ValueError(f"unknown report section {section!r} (one of {', '.join(SECTIONS)})")


def report_document(report: WeekReport) -> dict:
    """The whole report as one JSON-ready document."""
    return {
        "summary": report.summary(),
        "uncovered": uncovered_rows(report),
        "carers": carer_rows(report),
        "clients": client_rows(report),
        "funders": funder_rows(report),
        "wtr_breaches": list(report.wtr_breaches),
    }
