"""The weekly report's figures as sections of label/value rows, with the bad ones in red: what the
report screen shows beside its plots."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..format import hours, pounds

BAD = "bold #E5484D"
GOOD = "#7FB77E"


def _section(title: str, rows: list[tuple[str, str | Text]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold #F2A65A", show_header=False,
                  box=None, padding=(0, 1), expand=True)
    table.add_column("figure", ratio=3)
    table.add_column("value", ratio=2, justify="right")
    for label, value in rows:
        table.add_row(label, value)
    return table


def _flag(text: str, bad: bool) -> Text:
    return Text(text, style=BAD if bad else GOOD)


def report_sections(report) -> Group:
    """Coverage, travel, continuity, short visits, UCR, working time and money, one table each."""
    r = report
    reasons = Counter(u.reason for u in r.uncovered)
    coverage = [
        ("hours commissioned", hours(r.commissioned_minutes)),
        ("hours the visits need", hours(r.demand_minutes)),
        ("hours scheduled", _flag(hours(r.scheduled_minutes), r.scheduled_minutes < r.demand_minutes)),
        ("visits covered", _flag(f"{r.visits_covered} of {r.visits}", r.visits_covered < r.visits)),
        ("clients not fully covered", _flag(f"{r.clients_not_covered} of {r.clients}", r.clients_not_covered > 0)),
    ]
    coverage += [(f"  uncovered: {reason.replace('_', ' ')}", str(n)) for reason, n in reasons.most_common(6)]
    travel = [
        ("travel between visits", f"{hours(r.travel_minutes)}, {r.travel_metres / 1000:.0f} km"),
        ("travel share of worked time", f"{100 * r.travel_share:.1f}%"),
        ("home to first / last to home", hours(r.home_travel_minutes)),
        ("waiting in rota gaps", hours(r.waiting_minutes)),
    ]
    continuity = [
        ("distinct carers per client", f"{r.mean_distinct_carers:.1f} (most {r.max_distinct_carers})"),
        ("visits by a client's top 3 carers", f"{100 * r.mean_top_carers_share:.0f}%"),
        ("visits under 30 min", f"{r.short_visits} ({r.short_visits_agreed} agreed checks)"),
        ("  of those covered, not agreed", _flag(str(r.short_visits_not_agreed), r.short_visits_not_agreed > 0)),
    ]
    ucr_over = r.ucr_minutes > r.ucr_budget_minutes
    ucr = [("UCR hours against budget", _flag(f"{hours(r.ucr_minutes)} of {hours(r.ucr_budget_minutes)}", ucr_over))]
    wtr = [
        ("Working Time Regulations breaches", _flag(str(len(r.wtr_breaches)), bool(r.wtr_breaches))),
        ("compensatory rest owed", hours(r.compensatory_rest_minutes)),
        ("hard rule violations", _flag(str(r.hard_violations), r.hard_violations > 0)),
    ]
    wtr += [("  " + message, "") for message in r.wtr_breaches[:5]]
    money = [
        (f"carer pay ({r.pay_basis.value} hours paid)", pounds(r.pay_pence)),
        ("carers paid below the National Living Wage",
         _flag(f"{r.carers_below_living_wage} (NLW {pounds(r.living_wage_pence)}/h)", r.carers_below_living_wage > 0)),
        ("wage cost per delivered hour",
         _flag(f"{pounds(r.cost_per_delivered_hour_pence)} (contract {pounds(r.contract_rate_pence)})",
               r.cost_per_delivered_hour_pence > r.contract_rate_pence)),
    ]
    return Group(
        _section("Coverage", coverage), _section("Travel", travel), _section("Continuity and short visits", continuity),
        _section("Urgent Community Response", ucr), _section("Working time", wtr), _section("Money", money),
    )
